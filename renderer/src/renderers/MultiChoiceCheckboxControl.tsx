import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import { memo } from 'react';
import { codesOf, errorOf, isChoice, useCodeOptions } from './choices.ts';
import {
  controlTester,
  describedBy,
  FieldHelp,
  isComputed,
  QuestionLegend,
  type RegformsControlProps,
  useFieldIds,
} from './common.tsx';

/** Above the stock enum-array checkboxes (5). */
export const MULTICHOICE_CHECKBOX_RANK = 31;

/** Checkboxes for a short multiple choice; stores the checked codes in code-list order. */
export const MultiChoiceCheckboxControl = memo(function MultiChoiceCheckboxControl(
  props: RegformsControlProps,
) {
  const { id, data, path, handleChange, label, description, errors, required, enabled, visible } = props;
  const options = useCodeOptions(props);
  const ids = useFieldIds(id);
  const error = errorOf(errors);
  if (!visible) return null;
  const checked = new Set(Array.isArray(data) ? (data as string[]) : []);
  const labelId = `${ids.input}-label`;
  const toggle = (code: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(code);
    else next.delete(code);
    // Codes outside the list (from an older version) are kept, not silently dropped.
    const known = options.filter((o) => next.has(o.value)).map((o) => o.value);
    const unknown = [...next].filter((c) => !options.some((o) => o.value === c));
    const all = [...known, ...unknown];
    handleChange(path, all.length ? all : undefined);
  };
  return (
    <FormControl
      component="fieldset"
      className="regforms-control regforms-checkboxes"
      error={Boolean(error)}
      disabled={!enabled}
      aria-describedby={describedBy(ids, error, description)}
    >
      <QuestionLegend id={labelId} required={required}>
        {label}
      </QuestionLegend>
      <FormGroup row>
        {options.map((o, i) => (
          <FormControlLabel
            key={o.value}
            control={
              <Checkbox
                disableRipple
                // The first box carries the field's input id, so "go to the error" can focus it.
                id={i === 0 ? ids.input : undefined}
                checked={checked.has(o.value)}
                onChange={(_e, on) => toggle(o.value, on)}
                slotProps={{ input: { 'aria-invalid': error ? true : undefined } as never }}
              />
            }
            label={o.label}
          />
        ))}
      </FormGroup>
      <FieldHelp ids={ids} error={error} help={description} />
    </FormControl>
  );
});

/** A multiple choice shown as checkboxes (short lists, display checkbox or none). */
export const multiChoiceCheckboxControlTester: RankedTester = controlTester(
  MULTICHOICE_CHECKBOX_RANK,
  (o, s) =>
    !isComputed(o, s) &&
    s?.type === 'array' &&
    s.uniqueItems === true &&
    !!codesOf(s) &&
    isChoice(o.fieldType, 'multichoice'),
);

export default withJsonFormsControlProps(withTranslateProps(MultiChoiceCheckboxControl), false);
