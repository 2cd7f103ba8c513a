import type { JsonSchema } from '@jsonforms/core';
import { useMemo } from 'react';
import { i18nKeyOf, type RegformsControlProps, type Translate, tr } from './common.tsx';

/** One code of a code list, with its label in the form language. */
export interface CodeOption {
  value: string;
  label: string;
}

export { AUTOCOMPLETE_THRESHOLD } from '@regforms/runtime';

/** The codes of a choice (string enum) or multichoice (array of string enum) schema. */
export function codesOf(schema: JsonSchema | undefined): string[] | undefined {
  if (!schema) return undefined;
  if (schema.type === 'string' && Array.isArray(schema.enum)) return schema.enum.map(String);
  const items = schema.items as JsonSchema | undefined;
  if (
    schema.type === 'array' &&
    items &&
    !Array.isArray(items) &&
    items.type === 'string' &&
    Array.isArray(items.enum)
  )
    return items.enum.map(String);
  return undefined;
}

/** Codes with their translated labels (`KEY.<code>`), the code itself when a label is missing. */
export function codeOptions(codes: string[], t: Translate, key: string): CodeOption[] {
  return codes.map((value) => ({ value, label: tr(t, `${key}.${value}`, value) }));
}

/** "code — label", or the label alone when it is the code. */
export function codeAndLabel(o: CodeOption): string {
  return o.label === o.value ? o.value : `${o.value} — ${o.label}`;
}

/** Lower case without accents, for searching: "Défibrillateur" matches "defib". */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Options whose code or label contains every word of the query (accent- and case-insensitive). */
export function filterCodes(options: CodeOption[], query: string): CodeOption[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (!words.length) return options;
  return options.filter((o) => {
    let hay = folded.get(o);
    if (hay === undefined) {
      hay = `${foldForSearch(o.value)} ${foldForSearch(o.label)}`;
      folded.set(o, hay);
    }
    return words.every((w) => hay.includes(w));
  });
}

// Folding a long code list on every keystroke would be wasted work: options live as long as
// their language does.
const folded = new WeakMap<CodeOption, string>();

/** The translated options of a control, recomputed only when the language or the schema changes. */
export function useCodeOptions(props: RegformsControlProps): CodeOption[] {
  const t = props.t as Translate;
  const key = i18nKeyOf(props.uischema, props.path);
  const own = itemCodesOf(props.uischema.options?.itemCodes, props.path);
  return useMemo(() => codeOptions(own ?? codesOf(props.schema) ?? [], t, key), [own, props.schema, t, key]);
}

/**
 * A field whose repeat items each have their own code list (`itemCodes` in the UI options, one
 * list per item): the list of the item the control's path is in (`PCI.0.CD_SEGM` → item 1).
 */
export function itemCodesOf(itemCodes: unknown, path: string): string[] | undefined {
  if (!Array.isArray(itemCodes)) return undefined;
  const index = /\.(\d+)\.[^.]+$/.exec(path)?.[1];
  const list = index === undefined ? undefined : itemCodes[Number(index)];
  return Array.isArray(list) ? (list as string[]) : undefined;
}

/** The error text of a control, undefined when there is none. */
export const errorOf = (errors: string) => (errors ? errors : undefined);

/** No field type (a hand-written UI schema) or the expected one. */
export const isChoice = (fieldType: string | undefined, want: string) =>
  fieldType === undefined || fieldType === want;
