import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import { memo } from 'react';
import { errorOf } from './choices.ts';
import {
  controlTester,
  describedBy,
  FieldHelp,
  isComputed,
  type RegformsControlProps,
  useFieldIds,
} from './common.tsx';

/** Above the stock boolean control (2). */
export const BOOLEAN_RANK = 30;

/**
 * A yes/no field as one checkbox (unticked is no), its help and error always visible. Ours
 * rather than the stock one so the element does not load the stock renderers at all.
 */
export const BooleanControl = memo(function BooleanControl(props: RegformsControlProps) {
  const { id, data, path, handleChange, label, description, errors, required, enabled, visible } = props;
  const ids = useFieldIds(id);
  const error = errorOf(errors);
  if (!visible) return null;
  return (
    <FormControl className="regforms-control regforms-boolean" error={Boolean(error)} disabled={!enabled}>
      <FormControlLabel
        label={required ? `${label} *` : label}
        control={
          <Checkbox
            id={ids.input}
            checked={data === true}
            onChange={(_e, checked) => handleChange(path, checked)}
            slotProps={{
              input: {
                'aria-describedby': describedBy(ids, error, description),
                'aria-invalid': error ? true : undefined,
              } as object,
            }}
          />
        }
      />
      <FieldHelp ids={ids} error={error} help={description} />
    </FormControl>
  );
});

/** Matches yes/no fields. */
export const booleanControlTester: RankedTester = controlTester(
  BOOLEAN_RANK,
  (o, s) => !isComputed(o, s) && s?.type === 'boolean',
);

export default withJsonFormsControlProps(withTranslateProps(BooleanControl), false);
