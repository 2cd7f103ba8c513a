import type { JsonFormsRendererRegistryEntry, JsonSchema, UISchemaElement } from '@jsonforms/core';
import type { CompiledForm } from '@regforms/runtime';
import BooleanRenderer, { booleanControlTester } from './BooleanControl.tsx';
import ChoiceAutocompleteRenderer, {
  choiceAutocompleteControlTester,
  loadCodeSearch,
} from './ChoiceAutocompleteControl.tsx';
import ChoiceRadioRenderer, { choiceRadioControlTester } from './ChoiceRadioControl.tsx';
import ChoiceSelectRenderer, { choiceSelectControlTester } from './ChoiceSelectControl.tsx';
import ComputedRenderer, { computedControlTester } from './ComputedControl.tsx';
import { isChoice } from './choices.ts';
import { controlSchema, optionsOf } from './common.tsx';
import DateRenderer, { dateControlTester } from './DateControl.tsx';
import GroupLayoutRenderer, { groupRendererTester } from './GroupRenderer.tsx';
import MultiChoiceCheckboxRenderer, {
  multiChoiceCheckboxControlTester,
} from './MultiChoiceCheckboxControl.tsx';
import NissRenderer, { nissControlTester } from './NissControl.tsx';
import NoteLabelRenderer, { noteRendererTester } from './NoteRenderer.tsx';
import NumberRenderer, { numberControlTester } from './NumberControl.tsx';
import RepeatRenderer, { repeatControlTester } from './RepeatControl.tsx';
import TextRenderer, { textControlTester } from './TextControl.tsx';
import TimeRenderer, { timeControlTester } from './TimeControl.tsx';
import VerticalLayoutRenderer, { verticalLayoutTester } from './VerticalLayout.tsx';

/**
 * The regforms renderers: every element a compiled form has (tests/renderer coverage). Each
 * ranks strictly above the stock material renderer it replaces, so a host may still put them
 * after `materialRenderers` for a form of its own; RegistryForm uses them alone, which keeps
 * the stock renderers (and their date pickers) out of the element's script.
 */
export const regformsRenderers: JsonFormsRendererRegistryEntry[] = [
  { tester: nissControlTester, renderer: NissRenderer },
  { tester: choiceSelectControlTester, renderer: ChoiceSelectRenderer },
  { tester: choiceRadioControlTester, renderer: ChoiceRadioRenderer },
  { tester: choiceAutocompleteControlTester, renderer: ChoiceAutocompleteRenderer },
  { tester: multiChoiceCheckboxControlTester, renderer: MultiChoiceCheckboxRenderer },
  { tester: dateControlTester, renderer: DateRenderer },
  { tester: timeControlTester, renderer: TimeRenderer },
  { tester: numberControlTester, renderer: NumberRenderer },
  { tester: textControlTester, renderer: TextRenderer },
  { tester: computedControlTester, renderer: ComputedRenderer },
  { tester: repeatControlTester, renderer: RepeatRenderer },
  { tester: noteRendererTester, renderer: NoteLabelRenderer },
  { tester: groupRendererTester, renderer: GroupLayoutRenderer },
  { tester: booleanControlTester, renderer: BooleanRenderer },
  { tester: verticalLayoutTester, renderer: VerticalLayoutRenderer },
];

/**
 * Starts loading the controls of a form that are chunks of their own (the search of long code
 * lists), so that they are there when its sections render: the element calls it as soon as the
 * form arrives, the form view when it is given one. A form without such a control loads nothing.
 */
export function loadControlsOf(form: CompiledForm): void {
  const searched = (el: UISchemaElement, root: JsonSchema): boolean => {
    if (el.type === 'Control') {
      const { fieldType, detail } = optionsOf(el);
      // Only a choice is searched: the other controls need not be resolved (up to 1,000 in a form).
      const choice = isChoice(fieldType, 'choice') || isChoice(fieldType, 'multichoice');
      if (choice && choiceAutocompleteControlTester(el, root, { rootSchema: root, config: {} }) > 0)
        return true;
      if (detail === undefined) return false;
      // A repeat's item fields are scoped in its items' schema.
      const items = (controlSchema(el, root) as { items?: JsonSchema } | undefined)?.items;
      return items !== undefined && searched(detail, items);
    }
    return ((el as { elements?: UISchemaElement[] }).elements ?? []).some((c) => searched(c, root));
  };
  // A failed load is left to the control, which asks again when it renders.
  if (searched(form.uischema as unknown as UISchemaElement, form.schema as JsonSchema))
    loadCodeSearch().catch(() => undefined);
}

export { BooleanControl, booleanControlTester } from './BooleanControl.tsx';
export {
  ChoiceAutocompleteControl,
  choiceAutocompleteControlTester,
  loadCodeSearch,
} from './ChoiceAutocompleteControl.tsx';
export { ChoiceRadioControl, choiceRadioControlTester } from './ChoiceRadioControl.tsx';
export { ChoiceSelectControl, choiceSelectControlTester } from './ChoiceSelectControl.tsx';
export { ComputedControl, computedControlTester, displayComputed } from './ComputedControl.tsx';
export { AUTOCOMPLETE_THRESHOLD, codeAndLabel, filterCodes, foldForSearch } from './choices.ts';
export type { RegformsControlOptions, Translate } from './common.tsx';
export { COMMIT_DELAY_MS, i18nKeyOf, PendingEditsContext } from './common.tsx';
export { DateControl, dateControlTester } from './DateControl.tsx';
export { dayjsLocale, isoToTyped, typedDateToIso, typedTimeToHhmm } from './dates.ts';
export { GroupRenderer, groupRendererTester } from './GroupRenderer.tsx';
export {
  MultiChoiceCheckboxControl,
  multiChoiceCheckboxControlTester,
} from './MultiChoiceCheckboxControl.tsx';
export { formatNissPartial, NissControl, nissControlTester, nissDigits } from './NissControl.tsx';
export { NoteRenderer, noteRendererTester } from './NoteRenderer.tsx';
export { formatNumber, NumberControl, numberControlTester, parseTypedNumber } from './NumberControl.tsx';
export { countItemErrors, RepeatControl, repeatBounds, repeatControlTester } from './RepeatControl.tsx';
export { TextControl, textControlTester } from './TextControl.tsx';
export { TimeControl, timeControlTester } from './TimeControl.tsx';
export { VerticalLayout, verticalLayoutTester } from './VerticalLayout.tsx';
