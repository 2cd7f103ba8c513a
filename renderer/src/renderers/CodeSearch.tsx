/*
 * The search of a long code list: MUI's Autocomplete (with its popper), in a chunk of its own
 * that only the forms with such a list load (ChoiceAutocompleteControl).
 */
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { type CodeOption, codeAndLabel, filterCodes } from './choices.ts';
import { requiredInput } from './common.tsx';

export function CodeSearch(props: {
  id: string;
  multiple: boolean;
  options: CodeOption[];
  value: CodeOption | CodeOption[] | null;
  enabled: boolean;
  label: string;
  required: boolean | undefined;
  error: boolean;
  describedBy: string | undefined;
  /** The codes picked (undefined: none). */
  onPick(codes: string | string[] | undefined): void;
}) {
  const { multiple, required } = props;
  return (
    <Autocomplete<CodeOption, boolean>
      id={props.id}
      multiple={multiple}
      options={props.options}
      value={props.value as never}
      disabled={!props.enabled}
      autoHighlight
      fullWidth
      filterSelectedOptions={multiple}
      getOptionLabel={codeAndLabel}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      filterOptions={(opts, state) => filterCodes(opts, state.inputValue)}
      onChange={(_e, v) => {
        if (Array.isArray(v)) props.onPick(v.length ? v.map((o) => o.value) : undefined);
        else props.onPick((v as CodeOption | null)?.value);
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={props.label}
          required={required}
          error={props.error}
          inputProps={{
            ...params.inputProps,
            ...requiredInput(required),
            'aria-describedby': props.describedBy,
          }}
        />
      )}
    />
  );
}
