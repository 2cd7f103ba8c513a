import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import { isValidNiss } from '@regforms/runtime';
import { memo, useState } from 'react';
import { BufferedTextField } from './BufferedTextField.tsx';
import {
  type CommitDecision,
  controlTester,
  isComputed,
  type RegformsControlProps,
  typedError,
  useCaret,
  useTypedField,
} from './common.tsx';

/** Belgian national number rank: above every stock material control (1–5, radio 20). */
export const NISS_RANK = 30;

/** Digits only, at most 11: what is stored, whatever separators were typed or pasted. */
export function nissDigits(input: string): string {
  return input.replace(/\D/g, '').slice(0, 11);
}

/**
 * Formats digits as YY.MM.DD-XXX.CC while they are typed: a separator appears only once the
 * digit after it exists, so Backspace after a separator deletes a digit, not nothing.
 */
export function formatNissPartial(digits: string): string {
  const seps: Record<number, string> = { 2: '.', 4: '.', 6: '-', 9: '.' };
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    const sep = seps[i];
    if (sep) out += sep;
    out += digits[i];
  }
  return out;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const toText = (data: unknown) => (typeof data === 'string' ? formatNissPartial(nissDigits(data)) : '');
const decide = (text: string): CommitDecision => {
  const d = nissDigits(text);
  return { store: true, value: d === '' ? undefined : d };
};

/** National number input: formats as typed, stores the 11 digits, checks the check digits live. */
export const NissControl = memo(function NissControl(props: RegformsControlProps) {
  const { visible } = props;
  const [touched, setTouched] = useState(false);
  // Live: the separators and the check-digit error follow every keystroke.
  const { buffer, field } = useTypedField(props, { toText, decide, live: true });
  const { text } = buffer;
  const caret = useCaret(text, isDigit);

  const digits = nissDigits(text);
  // Check digits are judged as soon as all 11 digits are there; an incomplete number only once
  // the user has left the field, so typing is not interrupted by an error.
  const invalid =
    (digits.length === 11 && !isValidNiss(digits)) || (touched && digits.length > 0 && digits.length < 11);
  const error = typedError(props, invalid, 'format', 'This national number is not valid.');
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-niss">
      <BufferedTextField
        {...field}
        error={error}
        field={{ fullWidth: true, placeholder: 'YY.MM.DD-XXX.CC' }}
        inputRef={caret.ref}
        format={(_, raw, input) => {
          caret.remember(raw, input.selectionStart);
          return formatNissPartial(nissDigits(raw));
        }}
        onLeave={() => setTouched(true)}
        htmlInput={{ inputMode: 'numeric', autoComplete: 'off', spellCheck: false, maxLength: 20 }}
      />
    </div>
  );
});

/** Matches national-number controls (fieldType niss, or a string schema with format niss). */
export const nissControlTester: RankedTester = controlTester(
  NISS_RANK,
  (o, s) => !isComputed(o, s) && s?.type === 'string' && (o.fieldType === 'niss' || s.format === 'niss'),
);

export default withJsonFormsControlProps(withTranslateProps(NissControl), false);
