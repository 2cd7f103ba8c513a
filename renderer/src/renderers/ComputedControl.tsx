import type { JsonSchema, RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import TextField from '@mui/material/TextField';
import { memo } from 'react';
import {
  controlTester,
  describedBy,
  FieldHelp,
  i18nKeyOf,
  isComputed,
  optionsOf,
  type RegformsControlProps,
  type Translate,
  uiText,
  useFieldIds,
} from './common.tsx';
import { isoToTyped } from './dates.ts';

/** Computed rank: above every other control, stock or regforms, whatever the field's type. */
export const COMPUTED_RANK = 40;

/** Placeholder for a computed value that cannot be computed yet. */
export const EMPTY_VALUE = '—';

/** A computed value as a clinician reads it: number in the form language with its unit, code label, date. */
export function displayComputed(
  value: unknown,
  unit: string | undefined,
  locale: string,
  t: Translate,
  key: string,
): string {
  if (
    value === undefined ||
    value === null ||
    value === '' ||
    (typeof value === 'number' && !Number.isFinite(value))
  )
    return EMPTY_VALUE;
  let text: string;
  if (typeof value === 'number') {
    text = new Intl.NumberFormat(locale, { maximumFractionDigits: 10, useGrouping: false }).format(value);
  } else if (typeof value === 'boolean') {
    text = t(`${key}.${value}`, undefined) ?? (value ? '✓' : '✗');
  } else if (typeof value === 'string') {
    text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? isoToTyped(value) : (t(`${key}.${value}`, undefined) ?? value);
  } else if (Array.isArray(value)) {
    text = value.map((v) => t(`${key}.${String(v)}`, String(v)) ?? String(v)).join(', ');
  } else {
    text = JSON.stringify(value);
  }
  return unit ? `${text} ${unit}` : text;
}

/**
 * A computed field (BMI, age, a pseudonymous code): its current value with its unit, shown as a
 * labelled value rather than a box (it is never typed in), read-only but focusable, so screen
 * readers read it like any field. The form recomputes the data on every
 * change; this control only shows it.
 */
export const ComputedControl = memo(function ComputedControl(props: RegformsControlProps) {
  const { id, data, path, label, description, errors, visible, uischema } = props;
  const { t, locale } = props;
  const ids = useFieldIds(id);
  const value = displayComputed(data, optionsOf(uischema).unit, locale, t, i18nKeyOf(uischema, path));
  // Not computed yet: say so, rather than show an empty box that looks as if it should be typed in.
  const shown = value === EMPTY_VALUE ? `${EMPTY_VALUE} ${uiText(t, locale, 'computed.empty')}` : value;
  const error = errors ? errors : undefined;
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-computed">
      <TextField
        id={ids.input}
        label={label}
        value={shown}
        error={Boolean(error)}
        // A value, not an input: no box and no underline, so it does not invite typing.
        variant="standard"
        fullWidth
        slotProps={{
          input: {
            disableUnderline: true,
            sx: { color: value === EMPTY_VALUE ? 'text.secondary' : 'text.primary' },
          },
          // The filled box is grey: the error red of the label needs the darker shade to be read.
          inputLabel: { shrink: true },
          htmlInput: {
            readOnly: true,
            'aria-readonly': true,
            'aria-live': 'polite',
            'aria-describedby': describedBy(ids, error, description),
          },
        }}
      />
      <FieldHelp ids={ids} error={error} help={description} />
    </div>
  );
});

/** Matches computed fields: options.readonly (compiler) or schema readOnly. */
export const computedControlTester: RankedTester = controlTester(COMPUTED_RANK, (o, s) => {
  if (
    !s ||
    s.type === 'object' ||
    (s.type === 'array' && (s.items as JsonSchema | undefined)?.type === 'object')
  )
    return false;
  return isComputed(o, s);
});

export default withJsonFormsControlProps(withTranslateProps(ComputedControl), false);
