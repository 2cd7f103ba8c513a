import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import { memo } from 'react';
import { BufferedTextField } from './BufferedTextField.tsx';
import {
  type CommitDecision,
  controlTester,
  isComputed,
  optionsOf,
  type RegformsControlProps,
  useTypedField,
} from './common.tsx';

/** Text rank: above the stock text control (1). */
export const TEXT_RANK = 30;

const toText = (d: unknown) => (typeof d === 'string' ? d : d === undefined || d === null ? '' : String(d));
const decide = (text: string): CommitDecision => ({ store: true, value: text === '' ? undefined : text });

/**
 * Free text, one line or several (options.multi). Same typing model as every regforms input:
 * local while typing, committed after a short pause, on blur and on unmount; the help text is
 * always visible (the stock control shows it only on focus). No maxLength on the input: the
 * browser would silently cut a pasted text; the validator reports a text that is too long.
 */
export const TextControl = memo(function TextControl(props: RegformsControlProps) {
  const { visible, uischema, errors } = props;
  const { field } = useTypedField(props, { toText, decide });
  const multi = optionsOf(uischema).multi === true;
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-text">
      <BufferedTextField
        {...field}
        error={errors ? errors : undefined}
        field={{ fullWidth: true, multiline: multi, minRows: multi ? 2 : undefined }}
      />
    </div>
  );
});

/** Matches free-text controls (fieldType text, or a plain string schema without enum or format). */
export const textControlTester: RankedTester = controlTester(TEXT_RANK, (o, s) => {
  if (isComputed(o, s)) return false;
  if (s?.type !== 'string') return false;
  if (o.fieldType !== undefined) return o.fieldType === 'text';
  return s.enum === undefined && s.format === undefined;
});

export default withJsonFormsControlProps(withTranslateProps(TextControl), false);
