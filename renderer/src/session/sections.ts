/*
 * The top-level sections of a compiled form, for the side navigation: which fields each one
 * holds, whether it is shown, how complete it is and how many errors it has.
 */
import { isVisible as ruleHolds, type UISchemaElement } from '@jsonforms/core';
import { type CompiledForm, type FormError, isRequiredNow, type RegistrationData } from '@regforms/runtime';
import type Ajv from 'ajv';

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

/** Completeness and error counts per section, from the same logic the validator uses. */
export function sectionStatus(
  form: CompiledForm,
  sections: SectionInfo[],
  data: RegistrationData,
  shownErrors: FormError[],
  ajv: Ajv,
): SectionStatus[] {
  const logicByName = logicOf(form);
  const computed = computedKeys(form);
  return sections.map((s) => {
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
    const inSection = new Set(s.names);
    const errors = shownErrors.filter(
      (e) => inSection.has(String(e.path[0])) && !(e.keyword === 'required' && computed.has(e.key)),
    ).length;
    return { shown, missing, required, errors };
  });
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
