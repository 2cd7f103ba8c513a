/*
 * Draft migration: an Open registration made with an older version of a registration type,
 * moved to a newer one. What still fits is kept; every value that does not is returned with
 * its reason (and stays on the registration under `migration`), so nothing is dropped silently.
 * Fields are matched by technical name, then by stable id (a renamed field's value follows it).
 */
import {
  type CompiledForm,
  compareVersions,
  createValidator,
  type FieldLogic,
  type JsonSchema,
  type RegistrationData,
} from '@regforms/runtime';
import { businessKeyOf, type Clock, LifecycleError, normalise, type Registration } from './registration.ts';

export type MigrationReason =
  | 'field-removed'
  | 'type-changed'
  | 'code-removed'
  | 'out-of-bounds'
  | 'hidden'
  | 'extra-item';

/** A value of the old registration that the new version does not take. */
export interface MigrationIssue {
  /** Where it was in the old data, e.g. ['PCI', 5, 'DT_PCI']. */
  path: (string | number)[];
  /** Technical name, `NAME_n` for item n of a repeat (as in CSV). */
  name: string;
  value: unknown;
  reason: MigrationReason;
  /**
   * The particulars of the reason, worded where they are shown (`migrationIssueText`): the
   * version moved to, and per reason `from`/`to` types, `max` items, or `detail` (the new
   * version's own validation message).
   */
  params: Record<string, string | number>;
}

/** Kept on the migrated registration: where it came from and what did not fit. */
export interface MigrationRecord {
  fromVersion: string;
  fromFormHash: string;
  at: string;
  notKept: MigrationIssue[];
}

export interface MigrationResult {
  /** The registration on the new version: Open, same id, the data that fits. */
  registration: Registration;
  /** Technical names (`NAME_n` in repeats) whose values were carried over. */
  kept: string[];
  /** Values carried to a field's new technical name (same field id). */
  moved: { from: string; to: string }[];
  /** Every value not carried over, with its reason. */
  notKept: MigrationIssue[];
}

const filled = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The JSON Schema of a top-level field, or of a field of a repeat's items. */
function schemaOf(form: CompiledForm, f: FieldLogic): JsonSchema | undefined {
  const props = form.schema.properties as Record<string, JsonSchema> | undefined;
  if (!f.repeat) return props?.[f.name];
  const items = props?.[f.repeat]?.items as JsonSchema | undefined;
  return (items?.properties as Record<string, JsonSchema> | undefined)?.[f.name];
}

function codesOf(schema: JsonSchema | undefined): string[] | undefined {
  const e = (schema?.enum ?? (schema?.items as JsonSchema | undefined)?.enum) as string[] | undefined;
  return e;
}

const itemName = (name: string, index?: number) => (index === undefined ? name : `${name}_${index + 1}`);

/**
 * Moves an Open registration from the form it was filled with to another version of the same
 * registration type (normally the latest). Throws LifecycleError when it is not Open or
 * not made with `fromForm`.
 */
export function migrateRegistration(
  reg: Registration,
  fromForm: CompiledForm,
  toForm: CompiledForm,
  options: { clock?: Clock; lang?: string } = {},
): MigrationResult {
  if (reg.status !== 'open')
    throw new LifecycleError(
      'NOT_OPEN',
      `Registration ${reg.registrationCode ?? reg.id} is ${reg.status}: only an Open registration can move to another version`,
    );
  if (reg.formHash !== fromForm.meta.hash)
    throw new LifecycleError(
      'WRONG_FORM',
      `Registration ${reg.id} was filled with form ${reg.formHash.slice(0, 12)}, not with ${fromForm.meta.registry}/${fromForm.meta.registrationType}@${fromForm.meta.version}`,
    );
  if (
    toForm.meta.registry !== fromForm.meta.registry ||
    toForm.meta.registrationType !== fromForm.meta.registrationType
  )
    throw new LifecycleError(
      'WRONG_FORM',
      `Cannot move a ${fromForm.meta.registry}/${fromForm.meta.registrationType} registration to ${toForm.meta.registry}/${toForm.meta.registrationType}`,
    );

  const lang = options.lang ?? toForm.meta.defaultLanguage;
  const kept: string[] = [];
  const moved: { from: string; to: string }[] = [];
  const notKept: MigrationIssue[] = [];
  const issue = (
    path: (string | number)[],
    name: string,
    value: unknown,
    reason: MigrationReason,
    params: Record<string, string | number> = {},
  ) => notKept.push({ path, name, value, reason, params: { version: toForm.meta.version, ...params } });

  const oldTop = fromForm.logic.fields.filter((f) => !f.repeat);
  const newTop = toForm.logic.fields.filter((f) => !f.repeat);
  const children = (form: CompiledForm, repeat: string) =>
    form.logic.fields.filter((f) => f.repeat === repeat);
  /** The new field for an old one: same technical name, else same id (renamed). */
  const target = (old: FieldLogic | undefined, name: string, candidates: FieldLogic[]) =>
    candidates.find((f) => f.name === name) ?? (old ? candidates.find((f) => f.id === old.id) : undefined);

  /** One value → the value to keep, or undefined (with the issue recorded). */
  const carry = (
    value: unknown,
    old: FieldLogic | undefined,
    to: FieldLogic,
    path: (string | number)[],
    label: string,
  ): unknown => {
    if (old && old.type !== to.type && !(old.type === 'integer' && to.type === 'decimal')) {
      issue(path, label, value, 'type-changed', { from: old.type, to: to.type });
      return undefined;
    }
    const codes = codesOf(schemaOf(toForm, to));
    if (to.type === 'choice' && codes && !codes.includes(String(value))) {
      issue(path, label, value, 'code-removed');
      return undefined;
    }
    if (to.type === 'multichoice' && codes && Array.isArray(value)) {
      const gone = value.filter((c) => !codes.includes(String(c)));
      for (const c of gone) issue(path, label, c, 'code-removed');
      const rest = value.filter((c) => codes.includes(String(c)));
      return rest.length ? rest : undefined;
    }
    return value;
  };

  const data: RegistrationData = {};
  for (const [name, value] of Object.entries(reg.data)) {
    if (!filled(value)) continue;
    const old = oldTop.find((f) => f.name === name);
    // A computed value is recomputed by the new version; it is not the user's to lose.
    if (old?.compute) continue;
    const to = target(old, name, newTop);
    if (!to) {
      issue([name], name, value, 'field-removed');
      continue;
    }
    if (to.compute) continue;
    if (to.name !== name) moved.push({ from: name, to: to.name });
    if (to.type !== 'repeat' || old?.type !== 'repeat' || !Array.isArray(value)) {
      const v = carry(value, old, to, [name], name);
      if (v !== undefined) {
        data[to.name] = v;
        kept.push(to.name);
      }
      continue;
    }
    // A repeat: items up to the new maximum, each item's values one by one.
    const max = (schemaOf(toForm, to)?.maxItems as number | undefined) ?? Number.POSITIVE_INFINITY;
    const oldChildren = children(fromForm, old.name);
    const newChildren = children(toForm, to.name);
    const items: RegistrationData[] = [];
    (value as RegistrationData[]).forEach((item, i) => {
      if (i >= max) {
        issue([name, i], itemName(name, i), item, 'extra-item', { max });
        return;
      }
      const out: RegistrationData = {};
      for (const [child, v] of Object.entries(item ?? {})) {
        if (!filled(v)) continue;
        const oc = oldChildren.find((f) => f.name === child);
        if (oc?.compute) continue;
        const label = itemName(child, i);
        const tc = target(oc, child, newChildren);
        if (!tc) {
          issue([name, i, child], label, v, 'field-removed');
          continue;
        }
        if (tc.compute) continue;
        if (tc.name !== child && i === 0)
          moved.push({ from: `${name}.${child}`, to: `${to.name}.${tc.name}` });
        const kv = carry(v, oc, tc, [name, i, child], label);
        if (kv !== undefined) {
          out[tc.name] = kv;
          kept.push(itemName(tc.name, i));
        }
      }
      items.push(out);
    });
    data[to.name] = items;
  }

  // Values valid before but not against the new types or bounds no longer fit; values that
  // were already invalid in the draft stay as the user typed them (Save keeps those too).
  const validator = createValidator(toForm);
  const before = new Set(
    createValidator(fromForm)
      .validateTypes(reg.data, lang)
      .map((e) => JSON.stringify(e.path)),
  );
  let current = data;
  for (let round = 0; round < 5; round++) {
    const normalised = normalise(toForm, current);
    const computed = new Set(toForm.logic.fields.filter((f) => f.compute).map((f) => f.name));
    for (const name of normalised.dropped) {
      if (computed.has(name.replace(/_\d+$/, ''))) continue;
      const at = kept.indexOf(name);
      if (at >= 0) kept.splice(at, 1);
      issue(pathOf(name, current), name, valueAt(current, pathOf(name, current)), 'hidden');
    }
    current = normalised.data;
    const errors = validator
      .validateTypes(current, lang)
      .filter((e) => e.keyword !== 'check' && e.keyword !== 'required' && e.keyword !== 'minItems')
      .filter(
        (e) => valueAt(current, e.path) !== undefined && !before.has(JSON.stringify(oldPath(e.path, moved))),
      );
    if (errors.length === 0) break;
    for (const e of errors) {
      const label = e.path.length > 1 ? itemName(String(e.path[2] ?? e.path[0]), Number(e.path[1])) : e.name;
      const value = valueAt(current, e.path);
      if (value === undefined) continue;
      issue(e.path, label, value, 'out-of-bounds', { detail: e.message });
      current = removeAt(current, e.path);
      const at = kept.indexOf(label);
      if (at >= 0) kept.splice(at, 1);
    }
  }

  const now = (options.clock ?? { now: () => new Date() }).now().toISOString();
  const registration: Registration = {
    ...reg,
    version: toForm.meta.version,
    formHash: toForm.meta.hash,
    data: current,
    updatedAt: now,
    migration: { fromVersion: reg.version, fromFormHash: reg.formHash, at: now, notKept },
  };
  const key = businessKeyOf(toForm, current);
  if (key) registration.businessKey = key;
  else delete registration.businessKey;
  delete registration.dropped;
  return { registration, kept, moved, notKept };
}

/**
 * An Open registration whose version was compiled again into a different form: a draft
 * version edited since, or a published one compiled by a newer regforms. The form it was
 * filled with is gone (only its hash is on the record), and its version's form as it is now is
 * the best description of it: the data is carried to that form as a migration would carry it,
 * so what no longer fits is listed (and kept under `migration`) instead of being refused at the
 * next save or silently dropped.
 */
export function rebaseRegistration(
  reg: Registration,
  form: CompiledForm,
  options: { clock?: Clock; lang?: string } = {},
): MigrationResult {
  const { registry, registrationType, version } = form.meta;
  if (reg.registry !== registry || reg.registrationType !== registrationType || reg.version !== version)
    throw new LifecycleError(
      'WRONG_FORM',
      `Registration ${reg.id} is a ${reg.registry}/${reg.registrationType}@${reg.version} registration, not ${registry}/${registrationType}@${version}: move it with migrateRegistration`,
    );
  const result = migrateRegistration({ ...reg, formHash: form.meta.hash }, form, form, options);
  result.registration.migration = { ...result.registration.migration!, fromFormHash: reg.formHash };
  return result;
}

/** `NAME` or `NAME_n` (as prune reports) → a data path. */
function pathOf(name: string, data: RegistrationData): (string | number)[] {
  if (name in data) return [name];
  const m = /^(.*)_(\d+)$/.exec(name);
  if (m)
    for (const [key, items] of Object.entries(data))
      if (Array.isArray(items) && items[Number(m[2]) - 1] && m[1]! in items[Number(m[2]) - 1])
        return [key, Number(m[2]) - 1, m[1]!];
  return [name];
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path)
    v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** Where a new path's value was in the old data (a renamed field's old name). */
function oldPath(path: (string | number)[], moved: { from: string; to: string }[]): (string | number)[] {
  const top = moved.find((m) => m.to === path[0]);
  return top ? [top.from, ...path.slice(1)] : path;
}

function removeAt(data: RegistrationData, path: (string | number)[]): RegistrationData {
  if (path.length === 1) {
    const { [String(path[0])]: _gone, ...rest } = data;
    return rest;
  }
  const [key, index, child] = path as [string, number, string];
  const items = [...((data[key] as RegistrationData[] | undefined) ?? [])];
  const { [child]: _gone, ...rest } = items[index] ?? {};
  items[index] = rest;
  return { ...data, [key]: items };
}

/** What the catalog says of each registration type: its most recent published version. */
export interface LatestVersions {
  registries: { id: string; registrationTypes: { id: string; latest: string | null }[] }[];
}

/** Open registrations for which a newer published version of their registration type exists. */
export function migrationCandidates(
  registrations: readonly Registration[],
  catalog: LatestVersions,
): { registration: Registration; from: string; to: string }[] {
  const latest = new Map<string, string>();
  for (const r of catalog.registries)
    for (const t of r.registrationTypes) if (t.latest) latest.set(`${r.id}/${t.id}`, t.latest);
  return registrations.flatMap((registration) => {
    const to = latest.get(`${registration.registry}/${registration.registrationType}`);
    return registration.status === 'open' && to && compareVersions(to, registration.version) > 0
      ? [{ registration, from: registration.version, to }]
      : [];
  });
}
