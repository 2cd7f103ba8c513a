import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import InputAdornment from '@mui/material/InputAdornment';
import { memo, useCallback, useMemo } from 'react';
import { BufferedTextField } from './BufferedTextField.tsx';
import {
  type CommitDecision,
  controlTester,
  isComputed,
  optionsOf,
  type RegformsControlProps,
  useTypedField,
} from './common.tsx';

/** Number rank: above the stock integer/number controls (2) and the slider (4). */
export const NUMBER_RANK = 30;

/** Parses a typed number; a decimal comma is accepted (Belgian keyboards). undefined when empty, null when not a number. */
export function parseTypedNumber(text: string): number | undefined | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A number as shown in the form language (decimal comma in fr/nl/de), without grouping. */
export function formatNumber(value: unknown, locale: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return typeof value === 'string' ? value : '';
  const lang = locale.slice(0, 2);
  const s = String(value);
  return lang === 'en' ? s : s.replace('.', ',');
}

/**
 * A label without the unit it ends with (`eGFR [mL/min]`, `Weight (kg)`): the unit is shown
 * beside the input, and saying it twice crowds the label.
 */
export function labelWithoutUnit(label: string, unit: string | undefined): string {
  if (!unit) return label;
  // The same unit however it is spaced, cased or its decimal written (1,73 or 1.73).
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/,/g, '.').toLowerCase();
  const m = /^(.*\S)\s*[[(]([^\])]*)[\])]\s*$/.exec(label);
  return m && norm(m[2]!) === norm(unit) ? m[1]! : label;
}

/**
 * Integer and decimal fields with their unit beside the input. Typed as text (type=number
 * inputs reject a decimal comma in some browsers and lose what they cannot parse): a text that
 * is not a number is stored as typed on blur, so the validator reports it and nothing is lost.
 */
export const NumberControl = memo(function NumberControl(props: RegformsControlProps) {
  const { errors, visible, uischema, schema, locale } = props;
  const unit = optionsOf(uischema).unit;
  const integer = schema.type === 'integer';
  const toText = useCallback((d: unknown) => formatNumber(d, locale), [locale]);
  const decide = useCallback((text: string, final: boolean): CommitDecision => {
    const n = parseTypedNumber(text);
    if (n === undefined) return { store: true, value: undefined };
    if (n !== null) return { store: true, value: n };
    return final ? { store: true, value: text } : { store: false };
  }, []);
  const { ids, field } = useTypedField(props, { toText, decide });
  const label = labelWithoutUnit(field.label, unit);
  const unitId = `${ids.input}-unit`;
  const input = useMemo(
    () =>
      unit
        ? {
            endAdornment: (
              <InputAdornment position="end" id={unitId}>
                {unit}
              </InputAdornment>
            ),
          }
        : undefined,
    [unit, unitId],
  );
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-number">
      <BufferedTextField
        {...field}
        label={label}
        error={errors ? errors : undefined}
        describedByExtra={unit ? unitId : undefined}
        htmlInput={{ inputMode: integer ? 'numeric' : 'decimal', autoComplete: 'off' }}
        // With a unit the label sits above the box: inside it, a long label would run under the unit.
        slotProps={unit ? { input, inputLabel: { shrink: true } } : { input }}
        field={{ sx: { minWidth: 'min(100%, 22rem)' } }}
      />
    </div>
  );
});

/** Matches integer and decimal controls that are not computed. */
export const numberControlTester: RankedTester = controlTester(NUMBER_RANK, (o, s) => {
  if (isComputed(o, s)) return false;
  if (s?.type !== 'integer' && s?.type !== 'number') return false;
  return o.fieldType === 'integer' || o.fieldType === 'decimal' || o.fieldType === undefined;
});

export default withJsonFormsControlProps(withTranslateProps(NumberControl), false);
