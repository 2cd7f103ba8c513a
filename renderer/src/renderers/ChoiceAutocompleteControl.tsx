import type { RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps, withTranslateProps } from '@jsonforms/react';
import TextField from '@mui/material/TextField';
import { memo, useEffect, useMemo, useState } from 'react';
import {
  AUTOCOMPLETE_THRESHOLD,
  codeAndLabel,
  codesOf,
  errorOf,
  isChoice,
  useCodeOptions,
} from './choices.ts';
import {
  controlTester,
  describedBy,
  FieldForm,
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

/**
 * A code list searched by code or label (accent-insensitive), shown as "code — label". The
 * search (MUI's Autocomplete and its popper) is a chunk of its own, loaded for the forms that
 * have such a list (loadCodeSearch); until it is there, the field shows its value read-only.
 */
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
  const CodeSearch = useCodeSearch();
  if (!visible) return null;
  const describedById = describedBy(ids, error, description);
  return (
    <div className="regforms-control regforms-autocomplete">
      <FieldForm>
        {CodeSearch ? (
          <CodeSearch
            id={ids.input}
            multiple={multiple}
            options={options}
            value={value}
            enabled={enabled}
            label={label}
            required={required}
            error={Boolean(error)}
            describedBy={describedById}
            onPick={(codes) => handleChange(path, codes)}
          />
        ) : (
          <TextField
            id={ids.input}
            label={label}
            required={required}
            error={Boolean(error)}
            fullWidth
            value={(Array.isArray(value) ? value : value ? [value] : []).map(codeAndLabel).join(', ')}
            disabled={!enabled}
            slotProps={{
              htmlInput: {
                readOnly: true,
                'aria-busy': true,
                ...requiredInput(required),
                'aria-describedby': describedById,
              },
            }}
          />
        )}
        <FieldHelp ids={ids} error={error} help={description} />
      </FieldForm>
    </div>
  );
});

type CodeSearchModule = typeof import('./CodeSearch.tsx');
let codeSearch: CodeSearchModule['CodeSearch'] | undefined;
let loading: Promise<CodeSearchModule['CodeSearch']> | undefined;

/** Loads the code search once; a form with a searched code list asks for it when it opens. */
export function loadCodeSearch(): Promise<CodeSearchModule['CodeSearch']> {
  loading ??= import('./CodeSearch.tsx').then(
    (m) => {
      codeSearch = m.CodeSearch;
      return m.CodeSearch;
    },
    (e: unknown) => {
      // Not loaded (the network dropped): the next control to render asks again.
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The code search when it is loaded (it renders at once then), else loads it and renders again. */
function useCodeSearch(): CodeSearchModule['CodeSearch'] | undefined {
  const [loaded, setLoaded] = useState(() => codeSearch);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadCodeSearch().then(
      (c) => {
        if (live) setLoaded(() => c);
      },
      (e: unknown) => console.warn(`The search of a code list could not be loaded: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [loaded]);
  return loaded;
}

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
