import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import TextField from '@mui/material/TextField';
import { memo } from 'react';
import { codesOf, errorOf, isChoice, useCodeOptions } from './choices.ts';
import {
  controlTester,
  describedBy,
  FieldHelp,
  isComputed,
  type RegformsControlProps,
  requiredInput,
  useFieldIds,
} from './common.tsx';

/** Above the stock enum controls (autocomplete 2, one-of 5). */
export const CHOICE_SELECT_RANK = 30;

/** A short code list as a native select: fast to mount, type-ahead and fully keyboard-usable. */
export const ChoiceSelectControl = memo(function ChoiceSelectControl(props: RegformsControlProps) {
  const { id, data, path, handleChange, label, description, errors, required, enabled, visible } = props;
  const options = useCodeOptions(props);
  const ids = useFieldIds(id);
  const error = errorOf(errors);
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-select">
      <TextField
        id={ids.input}
        select
        label={label}
        required={required}
        disabled={!enabled}
        fullWidth
        value={typeof data === 'string' ? data : ''}
        error={Boolean(error)}
        onChange={(e) => handleChange(path, e.target.value === '' ? undefined : e.target.value)}
        slotProps={{
          select: { native: true },
          inputLabel: { shrink: true },
          htmlInput: {
            ...requiredInput(required),
            'aria-describedby': describedBy(ids, error, description),
          },
        }}
      >
        <option value="">—</option>
        {typeof data === 'string' && data !== '' && !options.some((o) => o.value === data) ? (
          <option value={data}>{data}</option>
        ) : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
      <FieldHelp ids={ids} error={error} help={description} />
    </div>
  );
});

/** A choice shown as a select: not radio, and a short list unless the designer asked for search. */
export const choiceSelectControlTester: RankedTester = controlTester(CHOICE_SELECT_RANK, (o, s) => {
  if (isComputed(o, s)) return false;
  const codes = s?.type === 'string' ? codesOf(s) : undefined;
  return !!codes && isChoice(o.fieldType, 'choice') && o.format !== 'radio';
});

export default withJsonFormsControlProps(withTranslateProps(ChoiceSelectControl), false);
