import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import EventIcon from '@mui/icons-material/Event';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Popover from '@mui/material/Popover';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DateCalendar } from '@mui/x-date-pickers/DateCalendar';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { deDE, enUS, frFR, nlNL } from '@mui/x-date-pickers/locales';
import type { Dayjs } from 'dayjs';
import { memo, useRef, useState } from 'react';
import { BufferedTextField } from './BufferedTextField.tsx';
import {
  type CommitDecision,
  controlTester,
  isComputed,
  type RegformsControlProps,
  typedError,
  useTypedField,
} from './common.tsx';
import {
  dayjsLocale,
  isoToDayjs,
  isoToTyped,
  maskDateTyping,
  parseDateText,
  typedDateToIso,
} from './dates.ts';

/** Date rank: above the stock date pickers (material date 4, native 2). */
export const DATE_RANK = 30;

const PICKER_LOCALES = { fr: frFR, nl: nlNL, de: deDE, en: enUS } as const;

function pickerLocaleText(locale: string) {
  const lang = locale.slice(0, 2).toLowerCase() as keyof typeof PICKER_LOCALES;
  return (PICKER_LOCALES[lang] ?? enUS).components.MuiLocalizationProvider.defaultProps.localeText;
}

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
  const localeText = pickerLocaleText(locale);
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
                  aria-label={localeText.openDatePickerDialogue?.(parsed ? text : null) ?? 'Choose date'}
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
        <Popover
          open
          anchorEl={anchorRef.current}
          onClose={() => setOpen(false)}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
          slotProps={{ paper: { role: 'dialog', 'aria-label': label } }}
        >
          <LocalizationProvider
            dateAdapter={AdapterDayjs}
            adapterLocale={dayjsLocale(locale)}
            localeText={localeText}
          >
            <DateCalendar
              autoFocus
              value={parsed}
              minDate={isoToDayjs(s.formatMinimum) ?? undefined}
              maxDate={isoToDayjs(s.formatMaximum) ?? undefined}
              onChange={(d: Dayjs | null, state) => {
                if (state === 'finish') choose(d);
              }}
              views={['year', 'month', 'day']}
              openTo="day"
            />
          </LocalizationProvider>
        </Popover>
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
