import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import { memo, useState } from 'react';
import { BufferedTextField } from './BufferedTextField.tsx';
import {
  type CommitDecision,
  controlTester,
  isComputed,
  type RegformsControlProps,
  typedError,
  useTypedField,
} from './common.tsx';
import { maskTimeTyping, typedTimeToHhmm } from './dates.ts';

/** Time rank: above the stock time pickers (material time 4, native 2, text 1). */
export const TIME_RANK = 30;

const toText = (data: unknown) => (typeof data === 'string' ? data : '');
// As for dates: an invalid entry is kept as typed on blur, never silently dropped.
const decide = (text: string, final: boolean): CommitDecision => {
  if (text.trim() === '') return { store: true, value: undefined };
  const hhmm = typedTimeToHhmm(text);
  if (hhmm && (final || hhmm === text)) return { store: true, value: hhmm };
  return final ? { store: true, value: text } : { store: false };
};

/** Time of day hh:mm (24 h): the colon is added as you type; 930 or 9h30 become 09:30 on leaving. */
export const TimeControl = memo(function TimeControl(props: RegformsControlProps) {
  const { visible } = props;
  const [touched, setTouched] = useState(false);
  // Live: the colon and the format error follow every keystroke.
  const { buffer, field } = useTypedField(props, { toText, decide, live: true });
  const { text } = buffer;
  const hhmm = typedTimeToHhmm(text);
  const invalid = text.trim() !== '' && !hhmm && (touched || text.length >= 5);
  const error = typedError(props, invalid, 'pattern', 'Enter a time as hh:mm (24 h).');
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-time">
      <BufferedTextField
        {...field}
        error={error}
        field={{ placeholder: 'hh:mm' }}
        format={maskTimeTyping}
        onLeave={() => {
          setTouched(true);
          // 930 or 9h30 become 09:30 on leaving (committed just after, by the blur).
          if (hhmm && hhmm !== text) buffer.setText(hhmm);
        }}
        slotProps={{ inputLabel: { shrink: true } }}
        htmlInput={{ inputMode: 'numeric', autoComplete: 'off', size: 8 }}
      />
    </div>
  );
});

/** Matches time controls (fieldType time, or a string schema with format time). */
export const timeControlTester: RankedTester = controlTester(
  TIME_RANK,
  (o, s) =>
    !isComputed(o, s) &&
    s?.type === 'string' &&
    (o.fieldType === 'time' || (o.fieldType === undefined && s.format === 'time')),
);

export default withJsonFormsControlProps(withTranslateProps(TimeControl), false);
