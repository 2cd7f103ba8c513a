import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { memo, useMemo } from 'react';
import {
  AUTOCOMPLETE_THRESHOLD,
  type CodeOption,
  codeAndLabel,
  codesOf,
  errorOf,
  filterCodes,
  isChoice,
  useCodeOptions,
} from './choices.ts';
import {
  controlTester,
  describedBy,
  FieldHelp,
  isComputed,
  type RegformsControlProps,
  requiredInput,
  useFieldIds,
} from './common.tsx';

/** Above every other choice control, stock or regforms (the select 30, radio 31). */
export const CHOICE_AUTOCOMPLETE_RANK = 32;

/** Above this many codes a choice is searched, not scrolled through. */
export { AUTOCOMPLETE_THRESHOLD } from './choices.ts';

/** A code list searched by code or label (accent-insensitive), shown as "code — label". */
export const ChoiceAutocompleteControl = memo(function ChoiceAutocompleteControl(
  props: RegformsControlProps,
) {
  const { id, data, path, handleChange, label, description, errors, required, enabled, visible } = props;
  const options = useCodeOptions(props);
  const ids = useFieldIds(id);
  const error = errorOf(errors);
  const multiple = props.schema.type === 'array';
  const value = useMemo(() => {
    if (multiple) {
      const codes = Array.isArray(data) ? (data as string[]) : [];
      return codes.map((c) => options.find((o) => o.value === c) ?? { value: c, label: c });
    }
    if (typeof data !== 'string' || data === '') return null;
    return options.find((o) => o.value === data) ?? { value: data, label: data };
  }, [data, options, multiple]);
  if (!visible) return null;
  return (
    <div className="regforms-control regforms-autocomplete">
      <Autocomplete<CodeOption, boolean>
        id={ids.input}
        multiple={multiple}
        options={options}
        value={value as never}
        disabled={!enabled}
        autoHighlight
        fullWidth
        filterSelectedOptions={multiple}
        getOptionLabel={codeAndLabel}
        isOptionEqualToValue={(a, b) => a.value === b.value}
        filterOptions={(opts, state) => filterCodes(opts, state.inputValue)}
        onChange={(_e, v) => {
          if (Array.isArray(v)) handleChange(path, v.length ? v.map((o) => o.value) : undefined);
          else handleChange(path, (v as CodeOption | null)?.value);
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            label={label}
            required={required}
            error={Boolean(error)}
            inputProps={{
              ...params.inputProps,
              ...requiredInput(required),
              'aria-describedby': describedBy(ids, error, description),
            }}
          />
        )}
      />
      <FieldHelp ids={ids} error={error} help={description} />
    </div>
  );
});

/** A choice searched: display autocomplete, or more codes than fit a select (radio stays radio). */
export const choiceAutocompleteControlTester: RankedTester = controlTester(
  CHOICE_AUTOCOMPLETE_RANK,
  (o, s) => {
    if (isComputed(o, s)) return false;
    const codes = codesOf(s);
    if (!codes || o.format === 'radio') return false;
    const wants = o.display === 'autocomplete' || codes.length > AUTOCOMPLETE_THRESHOLD;
    if (s?.type === 'string') return wants && isChoice(o.fieldType, 'choice');
    return wants && isChoice(o.fieldType, 'multichoice') && s?.uniqueItems === true;
  },
);

export default withJsonFormsControlProps(withTranslateProps(ChoiceAutocompleteControl), false);
