import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
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

/** Above the stock radio group (20). */
export const CHOICE_RADIO_RANK = 31;

/** Radio buttons for a short list the designer wanted visible at once (display: radio). */
export const ChoiceRadioControl = memo(function ChoiceRadioControl(props: RegformsControlProps) {
  const { id, data, path, handleChange, label, description, errors, required, enabled, visible } = props;
  const options = useCodeOptions(props);
  const ids = useFieldIds(id);
  const error = errorOf(errors);
  if (!visible) return null;
  const labelId = `${ids.input}-label`;
  return (
    <FormControl
      component="fieldset"
      className="regforms-control regforms-radio"
      error={Boolean(error)}
      disabled={!enabled}
    >
      <QuestionLegend id={labelId} required={required}>
        {label}
      </QuestionLegend>
      <RadioGroup
        row
        name={ids.input}
        value={typeof data === 'string' ? data : ''}
        onChange={(_e, v) => handleChange(path, v)}
        aria-labelledby={labelId}
        aria-describedby={describedBy(ids, error, description)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
      >
        {options.map((o, i) => (
          <FormControlLabel
            key={o.value}
            value={o.value}
            // The first radio carries the field's input id, so "go to the error" can focus it.
            control={<Radio disableRipple id={i === 0 ? ids.input : undefined} />}
            label={o.label}
          />
        ))}
      </RadioGroup>
      <FieldHelp ids={ids} error={error} help={description} />
    </FormControl>
  );
});

/** A choice with display radio. */
export const choiceRadioControlTester: RankedTester = controlTester(
  CHOICE_RADIO_RANK,
  (o, s) =>
    !isComputed(o, s) &&
    s?.type === 'string' &&
    !!codesOf(s) &&
    isChoice(o.fieldType, 'choice') &&
    o.format === 'radio',
);

export default withJsonFormsControlProps(withTranslateProps(ChoiceRadioControl), false);
