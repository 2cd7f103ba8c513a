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
  return sections.map((s) => {
    const shown = ruleHolds(s.element, data, '', ajv, undefined);
    let required = 0;
    let missing = 0;
    for (const name of s.names) {
      const f = logicByName.get(name);
      if (!f || !isRequiredNow(f, data)) continue;
      required++;
      if (!filled(data[name])) missing++;
    }
    const inSection = new Set(s.names);
    const errors = shownErrors.filter((e) => inSection.has(String(e.path[0]))).length;
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
