/*
 * How a change of @regforms/diff is shown in the studio: grouped as added / removed / changed,
 * its field named by the compiled form's own label in the chosen language, and its before and
 * after values as text. The diff itself (and each change's class) is the library's.
 */

import type { Change, ChangeKind } from '@regforms/diff';
import type { CompiledForm } from '@regforms/runtime';
import { type CatalogType, compareVersions, comparisonBase } from '@regforms/runtime';

export type Group = 'added' | 'removed' | 'changed';

const ADDED: ChangeKind[] = ['field-added', 'section-added'];
const REMOVED: ChangeKind[] = ['field-removed', 'section-removed'];

export function groupOf(c: Change): Group {
  return ADDED.includes(c.kind) ? 'added' : REMOVED.includes(c.kind) ? 'removed' : 'changed';
}

/** Changes of one group, breaking ones first, then in the library's order (form order). */
export function inGroup(changes: readonly Change[], group: Group): Change[] {
  const rank = { major: 0, minor: 1, patch: 2 } as const;
  return changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => groupOf(c) === group)
    .sort((a, b) => rank[a.c.class] - rank[b.c.class] || a.i - b.i)
    .map(({ c }) => c);
}

/** The i18n key prefix of a change's field in a compiled form: `NAME` or `REPEAT.NAME`. */
function keyOf(c: Change): string | undefined {
  if (!c.technicalName) return undefined;
  return c.repeat ? `${c.repeat}.${c.technicalName}` : c.technicalName;
}

/** The label of what a change is about, from the form that has it, in `lang`. */
export function targetLabel(c: Change, forms: (CompiledForm | undefined)[], lang: string): string {
  for (const form of forms) {
    const bundle = form?.i18n[lang] ?? form?.i18n[form.meta.defaultLanguage];
    if (!bundle) continue;
    if (c.kind.startsWith('section-')) {
      const label = bundle[`section.${c.fieldId}.label`];
      if (label) return label;
      continue;
    }
    if (c.fieldId === '') return bundle['form.title'] ?? '';
    const key = keyOf(c);
    const label = key ? bundle[`${key}.label`] : undefined;
    if (label) return label;
  }
  return c.fieldId;
}

/** A code's label in `lang`, from the first form that knows it. */
function codeLabel(c: Change, code: string, forms: (CompiledForm | undefined)[], lang: string) {
  const key = keyOf(c);
  for (const form of forms) {
    const label = key ? form?.i18n[lang]?.[`${key}.${code}`] : undefined;
    if (label) return label;
  }
  return undefined;
}

const LANG_KEYS = new Set(['fr', 'nl', 'en', 'de']);
const isTextMap = (v: object) => Object.keys(v).length > 0 && Object.keys(v).every((k) => LANG_KEYS.has(k));

/**
 * One side of a change as text: a translated text in `lang`, a code with its label, a
 * condition as written, a list joined. `words` translates the few fixed words (required, …).
 */
export function valueText(
  c: Change,
  value: unknown,
  forms: (CompiledForm | undefined)[],
  lang: string,
  words: { yes: string; no: string; none: string },
): string {
  if (value === undefined || value === null || value === '') return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (isTextMap(o)) return String(o[lang] ?? o.en ?? Object.values(o)[0] ?? '');
    if (typeof o.code === 'string') {
      const label = codeLabel(c, o.code, forms, lang) ?? (typeof o.label === 'string' ? o.label : '');
      return label ? `${o.code} — ${label}` : o.code;
    }
    // A field added or removed: its type (its label is the row's own).
    if (typeof o.type === 'string' && 'label' in o) return o.type;
    return Object.entries(o)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ');
  }
  return String(value);
}

export type Requiredness = 'mandatory' | 'mandatoryWhen' | 'optional' | 'computed';

/**
 * Whether a field added or removed is mandatory, from the compiled form that has it: what
 * makes a new field breaking or not, said beside its type.
 */
export function requirednessOf(c: Change, form: CompiledForm | undefined): Requiredness | undefined {
  if (c.kind !== 'field-added' && c.kind !== 'field-removed') return undefined;
  const f = form?.logic.fields.find(
    (x) => x.name === c.technicalName && (x.repeat ?? '') === (c.repeat ?? ''),
  );
  if (!f || f.type === 'note') return undefined;
  if (f.compute) return 'computed';
  if (!f.required) return 'optional';
  return f.required === true && !f.visible ? 'mandatory' : 'mandatoryWhen';
}

/** The default pair: the most recent version (or the highest draft) against its comparison base. */
export function defaultPair(type: Pick<CatalogType, 'versions' | 'latest'>): { from?: string; to?: string } {
  const all = type.versions.map((v) => v.version).sort(compareVersions);
  const to = type.latest ?? all[all.length - 1];
  return { from: to ? comparisonBase(type.versions, to)?.version : undefined, to };
}
