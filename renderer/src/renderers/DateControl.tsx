import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import EventIcon from '@mui/icons-material/Event';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import type { Dayjs } from 'dayjs';
import { lazy, memo, Suspense, useRef, useState } from 'react';
import { BufferedTextField } from './BufferedTextField.tsx';
import {
  type CommitDecision,
  controlTester,
  isComputed,
  type RegformsControlProps,
  type Translate,
  typedError,
  uiText,
  useTypedField,
} from './common.tsx';
import { isoToTyped, maskDateTyping, parseDateText, typedDateToIso } from './dates.ts';

/** Date rank: above the stock date pickers (material date 4, native 2). */
export const DATE_RANK = 30;

const DateCalendarDialog = lazy(() => import('./DateCalendarDialog.tsx'));

// An invalid entry is stored as typed (the validator reports it) so that nothing is lost on a
// reload; while typing, only complete dates are stored.
const decide = (text: string, final: boolean): CommitDecision => {
  if (text.trim() === '') return { store: true, value: undefined };
  const iso = typedDateToIso(text);
  if (iso) return { store: true, value: iso };
  return final ? { store: true, value: text } : { store: false };
};

/**
 * Date as dd/mm/yyyy, typed with the keyboard (slashes added as you type) or chosen in a
 * calendar in the form language; stored as ISO yyyy-mm-dd.
 *
 * Why not MUI's DatePicker field: its sectioned input cannot hold an entry that is not a date,
 * so an invalid entry would be lost on the next render; a plain input keeps what was typed.
 */
export const DateControl = memo(function DateControl(props: RegformsControlProps) {
  const { label, enabled, visible, schema, locale } = props;
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const anchorRef = useRef<HTMLDivElement | null>(null);
  // Live: the slashes, the format error and the calendar button's label follow every keystroke.
  const { buffer, field } = useTypedField(props, { toText: isoToTyped, decide, live: true });
  const { text, setText, flush } = buffer;

  const parsed = parseDateText(text);
  const invalid = text.trim() !== '' && !parsed && (touched || text.length >= 10);
  const error = typedError(props, invalid, 'format', 'Enter a date as dd/mm/yyyy.');
  const s = schema as { formatMinimum?: string; formatMaximum?: string };

  const choose = (d: Dayjs | null) => {
    if (!d?.isValid()) return;
    setText(d.format('DD/MM/YYYY'));
    flush();
    setOpen(false);
    inputRef.current?.focus();
  };

  if (!visible) return null;
  return (
    <div className="regforms-control regforms-date" ref={anchorRef}>
      <BufferedTextField
        {...field}
        error={error}
        field={{ fullWidth: true, placeholder: DATE_PLACEHOLDER[locale.slice(0, 2)] ?? 'dd/mm/yyyy' }}
        inputRef={inputRef}
        format={maskDateTyping}
        onLeave={() => setTouched(true)}
        htmlInput={{ inputMode: 'numeric', autoComplete: 'off' }}
        slotProps={{
          inputLabel: { shrink: true },
          input: {
            endAdornment: enabled ? (
              <InputAdornment position="end">
                <IconButton
                  edge="end"
                  aria-label={
                    parsed
                      ? uiText(props.t as Translate, locale, 'date.chooseSelected', { date: text })
                      : uiText(props.t as Translate, locale, 'date.choose')
                  }
                  aria-haspopup="dialog"
                  onClick={() => setOpen(true)}
                >
                  <EventIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      {open ? (
        // The calendar (MUI X date pickers, a fifth of the script) loads the first time one opens.
        <Suspense fallback={null}>
          <DateCalendarDialog
            anchor={anchorRef.current}
            label={label}
            locale={locale}
            value={parsed}
            min={s.formatMinimum}
            max={s.formatMaximum}
            onChoose={choose}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </div>
  );
});

/** The expected shape, in the words of each form language. */
const DATE_PLACEHOLDER: Record<string, string> = {
  fr: 'jj/mm/aaaa',
  nl: 'dd/mm/jjjj',
  de: 'TT/MM/JJJJ',
  en: 'dd/mm/yyyy',
};

/** Matches date controls (fieldType date, or a string schema with format date). */
export const dateControlTester: RankedTester = controlTester(
  DATE_RANK,
  (o, s) =>
    !isComputed(o, s) &&
    s?.type === 'string' &&
    (o.fieldType === 'date' || (o.fieldType === undefined && s.format === 'date')),
);

export default withJsonFormsControlProps(withTranslateProps(DateControl), false);
