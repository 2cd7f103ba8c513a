/*
 * The draft migration offer: an Open registration made with an older version, when a newer
 * published version of its registration type exists (migrationCandidates), and what moving
 * it would keep and leave behind (migrateRegistration, computed before anything is stored).
 */
import {
  type MigrationIssue,
  type MigrationResult,
  migrateRegistration,
  migrationCandidates,
  type Registration,
} from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { findForm } from '../definitions/context.tsx';
import type { Compiled } from '../definitions/protocol.ts';

export interface MigrationOffer {
  from: CompiledForm;
  to: CompiledForm;
  /** The outcome of the move, computed without storing anything. */
  preview: MigrationResult;
}

/**
 * The offer for one registration, or undefined: not Open, no newer published version, or one
 * of the two compiled forms is not available (the form it was filled with must be the exact
 * one, by hash, for its values to be read right; the target must compile).
 */
export function migrationOffer(
  compiled: Compiled,
  registration: Registration,
  lang: string,
): MigrationOffer | undefined {
  const [candidate] = migrationCandidates([registration], compiled.catalog);
  if (!candidate) return undefined;
  const from = compiled.forms.find((f) => f.meta.hash === registration.formHash);
  const to = findForm(compiled, registration.registry, registration.registrationType, candidate.to);
  if (!from || !to) return undefined;
  return { from, to, preview: migrateRegistration(registration, from, to, { lang }) };
}

/** The i18n key of a data path: `NAME`, or `REPEAT.NAME` for a field of a repeat item. */
function keyOf(path: (string | number)[]): string {
  return path.length >= 3 ? `${path[0]}.${path[2]}` : String(path[0]);
}

/** A field's label in `lang` from the first of the forms that has it, else its technical name. */
export function labelOf(
  forms: CompiledForm[],
  path: (string | number)[],
  lang: string,
  name: string,
): string {
  for (const form of forms) {
    const label = (form.i18n[lang] ?? form.i18n[form.meta.defaultLanguage])?.[`${keyOf(path)}.label`];
    if (label) return path.length >= 3 ? `${label} (${Number(path[1]) + 1})` : label;
  }
  return name;
}

/** `NAME` / `NAME_n` (as `kept` lists them) → a data path, for its label. */
export function pathOfName(name: string, data: Registration['data']): (string | number)[] {
  if (name in data) return [name];
  const m = /^(.*)_(\d+)$/.exec(name);
  if (m)
    for (const [repeat, items] of Object.entries(data))
      if (
        Array.isArray(items) &&
        (items[Number(m[2]) - 1] as Record<string, unknown> | undefined)?.[m[1]!] !== undefined
      )
        return [repeat, Number(m[2]) - 1, m[1]!];
  return [name];
}

/** A value left behind, as text: a list joined, a repeat item as its JSON. */
export function issueValue(issue: MigrationIssue): string {
  const v = issue.value;
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
