/*
 * The top-level sections of a compiled form, for the side navigation: which fields each one
 * holds, whether it is shown, how complete it is and how many errors it has.
 */
import { isVisible as ruleHolds, type UISchemaElement } from '@jsonforms/core';
import {
  type CompiledForm,
  type FormError,
  isRequiredNow,
  propertiesTested,
  type RegistrationData,
} from '@regforms/runtime';
import type Ajv from 'ajv';
import { ALL_DATA, dataReadBy } from './reads.ts';

export interface SectionInfo {
  index: number;
  id: string;
  /** i18n key prefix (`section.<id>`). */
  key: string;
  label: string;
  element: UISchemaElement;
  /** Technical names of the top-level data fields it holds (repeats included). */
  names: string[];
}

interface Element {
  type: string;
  scope?: string;
  label?: string;
  elements?: Element[];
  options?: Record<string, unknown>;
}

function names(el: Element, out: string[]): string[] {
  if (el.type === 'Control' && el.scope) out.push(el.scope.replace('#/properties/', ''));
  for (const c of el.elements ?? []) names(c, out);
  return out;
}

export function sectionsOf(form: CompiledForm): SectionInfo[] {
  const root = form.uischema as unknown as Element;
  return (root.elements ?? []).map((el, index) => ({
    index,
    id: String(el.options?.id ?? index),
    key: String(el.options?.i18n ?? ''),
    label: el.label ?? '',
    element: el as unknown as UISchemaElement,
    names: names(el, []),
  }));
}

export interface SectionStatus {
  shown: boolean;
  /** Required fields shown and still empty. */
  missing: number;
  /** Required fields shown. */
  required: number;
  /** Errors to show (type errors while Open, all after a failed Send). */
  errors: number;
}

const filled = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** A section's status but its error count, which follows the errors rather than the data. */
type DataStatus = Omit<SectionStatus, 'errors'>;

/**
 * What a section's status reads from the data: its fields' values, the conditions that show
 * the section and its fields (its UI rules), and those that make its fields required.
 * Undefined when a condition may read more than the fields it names.
 */
function readsOf(form: CompiledForm, section: SectionInfo): Set<string> | undefined {
  const read = dataReadBy(section.element);
  if (read === ALL_DATA) return undefined;
  // Top-level fields: a path inside a repeat is read through the repeat's own value.
  const reads = new Set(read.map((p) => p.split('.')[0]!));
  const logicByName = logicOf(form);
  for (const name of section.names) {
    const f = logicByName.get(name);
    if (!f) continue;
    for (const condition of [f.visible, f.required])
      if (typeof condition === 'object' && !propertiesTested(condition, reads)) return undefined;
  }
  return reads;
}

/** The top-level fields whose value differs between two versions of the data. */
function changedFields(before: RegistrationData, after: RegistrationData): string[] {
  const changed: string[] = [];
  for (const k in after) if (!Object.is(after[k], before[k]) || !(k in before)) changed.push(k);
  for (const k in before) if (!(k in after)) changed.push(k);
  return changed;
}

/**
 * Completeness and error counts per section, from the same logic the validator uses: a
 * function of the data and the errors to show, called on every committed change. It redoes
 * only the sections whose status reads a field that changed (its fields, the fields its
 * conditions test), so a keystroke's commit costs the same in a form of 1,000 fields as in
 * one of 20; the error counts are redone when the errors change.
 */
export function sectionStatusTracker(
  form: CompiledForm,
  sections: SectionInfo[],
  ajv: Ajv,
): (data: RegistrationData, shownErrors: FormError[]) => SectionStatus[] {
  const logicByName = logicOf(form);
  const computed = computedKeys(form);
  const readers = new Map<string, number[]>();
  const readsAnything: number[] = [];
  sections.forEach((s, i) => {
    const reads = readsOf(form, s);
    if (!reads) readsAnything.push(i);
    else for (const name of reads) readers.set(name, [...(readers.get(name) ?? []), i]);
  });
  // An error counts in the section holding its field (sectionOfPath: the first that does).
  const sectionOf = new Map<string, number>();
  sections.forEach((s, i) => {
    for (const n of s.names) if (!sectionOf.has(n)) sectionOf.set(n, i);
  });

  const dataStatus = (s: SectionInfo, data: RegistrationData): DataStatus => {
    const shown = ruleHolds(s.element, data, '', ajv, undefined);
    let required = 0;
    let missing = 0;
    for (const name of s.names) {
      const f = logicByName.get(name);
      // A computed field is never typed: the fields it is made from are counted instead.
      if (!f || f.compute || !isRequiredNow(f, data)) continue;
      required++;
      if (!filled(data[name])) missing++;
    }
    return { shown, missing, required };
  };

  let seen: RegistrationData | undefined;
  let byData: DataStatus[] = [];
  let seenErrors: FormError[] | undefined;
  let counts: number[] = [];
  return (data, shownErrors) => {
    if (seen === undefined) byData = sections.map((s) => dataStatus(s, data));
    else if (data !== seen) {
      const redo = new Set(readsAnything);
      for (const name of changedFields(seen, data)) for (const i of readers.get(name) ?? []) redo.add(i);
      if (redo.size) {
        byData = [...byData];
        for (const i of redo) byData[i] = dataStatus(sections[i]!, data);
      }
    }
    seen = data;
    if (shownErrors !== seenErrors) {
      counts = sections.map(() => 0);
      for (const e of shownErrors) {
        const i = sectionOf.get(String(e.path[0]));
        if (i !== undefined && !(e.keyword === 'required' && computed.has(e.key))) counts[i]!++;
      }
      seenErrors = shownErrors;
    }
    return byData.map((st, i) => ({ ...st, errors: counts[i]! }));
  };
}

/** The section holding a data path (its first segment), or -1. */
export function sectionOfPath(sections: SectionInfo[], path: (string | number)[]): number {
  const name = String(path[0]);
  return sections.findIndex((s) => s.names.includes(name));
}

/**
 * The top-level fields of a section that are required for this data (isRequiredNow): what
 * the section's schema says is required, so each control marks itself as the validator will.
 */
export function requiredNow(form: CompiledForm, section: SectionInfo, data: RegistrationData): string[] {
  const logicByName = logicOf(form);
  return section.names.filter((name) => {
    const f = logicByName.get(name);
    return f !== undefined && isRequiredNow(f, data);
  });
}

/**
 * requiredNow as a function of the data called on every change (and every save: the session's
 * selectors run on each change of its state): it asks the fields' conditions again only when a
 * field they test changed, so a keystroke in a field no condition tests costs a comparison of
 * the data's keys, not one condition per field of the section.
 */
export function requiredNowTracker(
  form: CompiledForm,
  section: SectionInfo,
): (data: RegistrationData) => string[] {
  const logicByName = logicOf(form);
  const tested = new Set<string>();
  // A condition that may read any field (propertiesTested says so): asked on every change.
  let readsAnyField = false;
  for (const name of section.names) {
    const f = logicByName.get(name);
    for (const condition of [f?.visible, f?.required])
      if (typeof condition === 'object' && !propertiesTested(condition, tested)) readsAnyField = true;
  }
  let seen: RegistrationData | undefined;
  let last: string[] = [];
  return (data) => {
    if (data === seen) return last;
    if (seen === undefined || readsAnyField || changedFields(seen, data).some((n) => tested.has(n)))
      last = requiredNow(form, section, data);
    seen = data;
    return last;
  };
}

const logicByForm = new WeakMap<CompiledForm, Map<string, CompiledForm['logic']['fields'][number]>>();
function logicOf(form: CompiledForm) {
  let m = logicByForm.get(form);
  if (!m) {
    m = new Map(form.logic.fields.filter((f) => !f.repeat).map((f) => [f.name, f]));
    logicByForm.set(form, m);
  }
  return m;
}

export interface ErrorGroup {
  /** Absent for errors outside every section (the registration as a whole). */
  section?: SectionInfo;
  errors: FormError[];
}

/**
 * The errors of a failed Send as a clinician reads them: by section in form order, each
 * section's errors in the order of its fields (repeat items in turn). A computed field's
 * "required" is left out: it cannot be typed, and the fields it is made from say what is
 * missing.
 */
export function errorGroups(form: CompiledForm, sections: SectionInfo[], errors: FormError[]): ErrorGroup[] {
  const order = new Map(form.logic.fields.map((f, i) => [f.key, i]));
  const computed = computedKeys(form);
  const rank = (e: FormError) => {
    const top = String(e.path[0]);
    const item = typeof e.path[1] === 'number' ? e.path[1] : -1;
    return [order.get(top) ?? order.get(e.key) ?? 0, item, order.get(e.key) ?? 0];
  };
  const groups = new Map<number, FormError[]>();
  for (const e of errors) {
    if (e.keyword === 'required' && computed.has(e.key)) continue;
    const at = sectionOfPath(sections, e.path);
    const list = groups.get(at) ?? [];
    list.push(e);
    groups.set(at, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < 0 ? Number.MAX_SAFE_INTEGER : a) - (b < 0 ? Number.MAX_SAFE_INTEGER : b))
    .map(([at, list]) => ({
      ...(at >= 0 ? { section: sections[at]! } : {}),
      errors: list.sort((x, y) => {
        const [a, b] = [rank(x), rank(y)];
        return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      }),
    }));
}

/** The fields of a repeat's item that are required for that item (isRequiredNow). */
export function requiredInItem(form: CompiledForm, repeat: string, item: RegistrationData): string[] {
  return form.logic.fields
    .filter((f) => f.repeat === repeat && isRequiredNow(f, {}, item))
    .map((f) => f.name);
}

const computedByForm = new WeakMap<CompiledForm, Set<string>>();
/** Keys of the computed fields: their "required" is not one to fill (counters, error list). */
function computedKeys(form: CompiledForm): Set<string> {
  let keys = computedByForm.get(form);
  if (!keys) {
    keys = new Set(form.logic.fields.filter((f) => f.compute).map((f) => f.key));
    computedByForm.set(form, keys);
  }
  return keys;
}
