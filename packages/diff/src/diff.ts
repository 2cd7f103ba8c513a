/*
 * The semantic diff between two versions of a registration type, on the typed model (so it
 * sees ids, conditions and code lists, not only the compiled JSON). Fields are matched by
 * stable id first, then by technical name; every change is classified by HD4DP's rule:
 * major when existing drafts or records may become invalid, minor when they stay valid,
 * patch when only what people read changes.
 */
import {
  type Code,
  type Field,
  type FieldInfo,
  fieldsOf,
  type Section,
  type Source,
  type Text,
  type Version,
  visibilityOf,
} from '@regforms/definition';
import type { Expr } from '@regforms/expression';
import { cannotHoldForOldData, direction, type FieldFacts, normalise, type Rename } from './expr.ts';
import type { Change, ChangeClass, VersionDiff } from './types.ts';

const RANK: Record<ChangeClass, number> = { patch: 0, minor: 1, major: 2 };

/** The highest class of a list of changes (the bump they need), or null for none. */
export function maxClass(changes: readonly { class: ChangeClass }[]): ChangeClass | null {
  let best: ChangeClass | null = null;
  for (const c of changes) if (best === null || RANK[c.class] > RANK[best]) best = c.class;
  return best;
}

/** Compares two classes: negative when a is smaller than b. */
export function compareClasses(a: ChangeClass | null, b: ChangeClass | null): number {
  return (a === null ? -1 : RANK[a]) - (b === null ? -1 : RANK[b]);
}

const sameText = (a: Text | undefined, b: Text | undefined): boolean =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/** A text in one language for reasons: English if there, else the first one. */
const say = (t: Text | undefined): string => (t ? (t.en ?? Object.values(t)[0] ?? '') : '');

/** A field is mandatory somewhere (when shown) and typed in by people. */
const mandatory = (f: Field): boolean => f.required !== false && !f.compute;

/** Diffs two versions of one registration type; `before` is normally the older one. */
export function diffVersions(before: Version, after: Version): VersionDiff {
  const changes = new Differ(before, after).run();
  return {
    registry: after.registry,
    registrationType: after.registrationType,
    from: before.version,
    to: after.version,
    bump: maxClass(changes),
    changes,
  };
}

class Differ {
  private readonly changes: Change[] = [];
  private readonly oldInfos: FieldInfo[];
  private readonly newInfos: FieldInfo[];
  /** new field id → old field, for every matched field. */
  private readonly oldOf = new Map<string, FieldInfo>();
  /** old field id → new field id. */
  private readonly newIdOf = new Map<string, string>();
  private readonly pairs: [FieldInfo, FieldInfo][] = [];
  private readonly rename: Rename = (id) => this.newIdOf.get(id) ?? id;
  private readonly facts: FieldFacts = {
    isNew: (id) => !this.oldOf.has(id),
    isNewCode: (id, code) => !(this.oldOf.get(id)?.field.codes ?? []).some((c) => c.code === code),
  };

  constructor(
    private readonly before: Version,
    private readonly after: Version,
  ) {
    this.oldInfos = fieldsOf(before);
    this.newInfos = fieldsOf(after);
    this.match();
  }

  private match(): void {
    const oldById = new Map(this.oldInfos.map((i) => [i.field.id, i]));
    const taken = new Set<FieldInfo>();
    const pair = (o: FieldInfo, n: FieldInfo) => {
      taken.add(o);
      this.oldOf.set(n.field.id, o);
      this.newIdOf.set(o.field.id, n.field.id);
      this.pairs.push([o, n]);
    };
    for (const n of this.newInfos) {
      const o = oldById.get(n.field.id);
      if (o) pair(o, n);
    }
    // Second key: the technical name (in the same repeat), for a field whose id was changed.
    const scoped = (i: FieldInfo) => `${i.repeat?.name ?? ''}/${i.field.name}`;
    const oldByName = new Map(
      this.oldInfos.filter((o) => !taken.has(o) && o.field.name).map((o) => [scoped(o), o]),
    );
    for (const n of this.newInfos) {
      if (this.oldOf.has(n.field.id) || !n.field.name) continue;
      const o = oldByName.get(scoped(n));
      if (o && !taken.has(o)) pair(o, n);
    }
  }

  private add(
    f: Field,
    info: FieldInfo | undefined,
    change: Omit<Change, 'fieldId' | 'technicalName'>,
  ): void {
    this.changes.push({
      fieldId: f.id,
      ...(f.name ? { technicalName: f.name } : {}),
      ...(info?.repeat?.name ? { repeat: info.repeat.name } : {}),
      ...change,
    });
  }

  run(): Change[] {
    this.form();
    this.sections();
    const removed = this.oldInfos.filter((o) => !this.newIdOf.has(o.field.id));
    for (const n of this.newInfos) {
      const o = this.oldOf.get(n.field.id);
      if (o) this.field(o, n);
      else this.added(n);
    }
    for (const o of removed) this.removed(o);
    return this.changes;
  }

  // ---- the form ----------------------------------------------------------------------

  private form(): void {
    const { before: b, after: a } = this;
    for (const [property, tb, ta] of [
      ['title', b.title, a.title],
      ['description', b.description, a.description],
    ] as const)
      if (!sameText(tb, ta))
        this.changes.push({
          kind: 'form-text-changed',
          fieldId: '',
          property,
          before: tb,
          after: ta,
          class: 'patch',
          reason: `The form's ${property} changed: wording only.`,
        });
    const part = (ids: string[]) => (ids.length > 1 ? `(${ids.join(' or ')})` : ids[0]!);
    const keyB = b.businessKey.map((k) => part([k.id, ...(k.or ?? [])].map((id) => this.rename(id))));
    const keyA = a.businessKey.map((k) => part([k.id, ...(k.or ?? [])]));
    if (keyB.join(',') !== keyA.join(','))
      this.changes.push({
        kind: 'business-key-changed',
        fieldId: '',
        property: 'businessKey',
        before: b.businessKey.map((k) => part([k.id, ...(k.or ?? [])])),
        after: keyA,
        class: 'major',
        reason: `The business key [${keyB.join(', ')}] → [${keyA.join(', ')}]: existing records are identified (and corrections matched) differently.`,
      });
  }

  // ---- sections ----------------------------------------------------------------------

  private sections(): void {
    const place = (v: Version) => {
      const m = new Map<string, { section: Section; parent: string; index: number }>();
      const walk = (list: Section[], parent: string) =>
        list.forEach((s, index) => {
          m.set(s.id, { section: s, parent, index });
          walk(s.sections, s.id);
        });
      walk(v.sections, '');
      return m;
    };
    const old = place(this.before);
    const now = place(this.after);
    // A section counts as moved when its parent or its order among the sections present in
    // both versions changes; one inserted before it does not move it.
    const rank = (m: typeof old, other: typeof old) => {
      const byParent = new Map<string, string[]>();
      for (const [id, p] of [...m].sort((x, y) => x[1].index - y[1].index))
        if (other.has(id)) byParent.set(p.parent, [...(byParent.get(p.parent) ?? []), id]);
      for (const list of byParent.values())
        list.forEach((id, i) => {
          m.get(id)!.index = i;
        });
    };
    rank(old, now);
    rank(now, old);
    const sectionChange = (s: Section, c: Omit<Change, 'fieldId' | 'technicalName'>) =>
      this.changes.push({ fieldId: s.id, ...(s.name ? { technicalName: s.name } : {}), ...c });
    for (const [id, n] of now) {
      const o = old.get(id);
      if (!o) {
        sectionChange(n.section, {
          kind: 'section-added',
          after: say(n.section.title),
          class: 'patch',
          reason: `New section '${id}': layout only (its fields are listed one by one).`,
        });
        continue;
      }
      if (o.parent !== n.parent || o.index !== n.index)
        sectionChange(n.section, {
          kind: 'section-moved',
          before: { parent: o.parent || null, position: o.index + 1 },
          after: { parent: n.parent || null, position: n.index + 1 },
          class: 'patch',
          reason: `Section '${id}' moved: layout only, the data keys do not change.`,
        });
      for (const [property, tb, ta] of [
        ['title', o.section.title, n.section.title],
        ['help', o.section.help, n.section.help],
      ] as const)
        if (!sameText(tb, ta))
          sectionChange(n.section, {
            kind: 'section-relabelled',
            property,
            before: tb,
            after: ta,
            class: 'patch',
            reason: `Section '${id}': ${property} reworded.`,
          });
      if (o.section.name !== n.section.name)
        sectionChange(n.section, {
          kind: 'section-relabelled',
          property: 'name',
          before: o.section.name,
          after: n.section.name,
          class: 'patch',
          reason: `Section '${id}': title's technical name changed (a title carries no data).`,
        });
      this.sectionVisible(o.section, n.section, (c) => sectionChange(n.section, c));
    }
    for (const [id, o] of old)
      if (!now.has(id))
        sectionChange(o.section, {
          kind: 'section-removed',
          before: say(o.section.title),
          class: 'patch',
          reason: `Section '${id}' removed: layout only (its fields are listed one by one).`,
        });
  }

  private sectionVisible(
    o: Section,
    n: Section,
    push: (c: Omit<Change, 'fieldId' | 'technicalName'>) => void,
  ): void {
    const d = direction(o.visible?.expr, n.visible?.expr, this.rename);
    if (d.direction === 'same') return;
    const inside: Field[] = [];
    const collect = (s: Section) => {
      for (const f of s.fields) inside.push(f, ...(f.fields ?? []));
      s.sections.forEach(collect);
    };
    collect(n);
    const required = inside.filter((f) => mandatory(f) && this.oldOf.has(f.id)).map((f) => f.name ?? f.id);
    const judged = this.conditionClass(d, required.length > 0, (added) =>
      added.every((e) => cannotHoldForOldData(e, this.facts)),
    );
    push({
      kind: 'section-visible-changed',
      property: 'visible',
      before: this.text(o.visible, true),
      after: this.text(n.visible),
      class: judged.class,
      reason: `Section '${n.id}' ${judged.reason}${
        judged.class === 'major'
          ? ` (mandatory fields inside: ${required.slice(0, 5).join(', ')}${required.length > 5 ? ', …' : ''})`
          : ''
      }.`,
    });
  }

  /**
   * The class of a change of a condition (where a field is shown or required). Holding in
   * more cases is breaking when something mandatory appears, unless the new cases need data
   * no old record has. `subject` completes the sentence: "is shown" or "is required".
   */
  private conditionClass(
    d: ReturnType<typeof direction>,
    hasMandatory: boolean,
    onlyNewData: (added: Expr[]) => boolean,
    subject = 'is shown',
  ): { class: ChangeClass; reason: string } {
    const hidden = subject === 'is shown' ? ', values where it is now hidden are dropped' : '';
    if (d.direction === 'narrower')
      return { class: 'minor', reason: `${subject} in fewer cases: existing records stay valid${hidden}` };
    if (d.direction === 'wider') {
      if (!hasMandatory)
        return { class: 'minor', reason: `${subject} in more cases; nothing mandatory appears` };
      if (d.added.length > 0 && onlyNewData(d.added))
        return {
          class: 'minor',
          reason: `${subject} in more cases, but only for codes or fields that are new in this version: existing records stay valid`,
        };
      return {
        class: 'major',
        reason: `${subject} in more cases: existing records may now lack a mandatory value`,
      };
    }
    return hasMandatory
      ? {
          class: 'major',
          reason: `${subject} under another condition: existing records may now lack a mandatory value`,
        }
      : { class: 'minor', reason: `${subject} under another condition; nothing mandatory depends on it` };
  }

  /** A condition's canonical text, in the new version's ids. */
  private text(s: Source | undefined, old = false): string | undefined {
    return s ? normalise(s.expr, old ? this.rename : undefined) : undefined;
  }

  // ---- fields added and removed ------------------------------------------------------

  private added(n: FieldInfo): void {
    const f = n.field;
    this.add(f, n, {
      kind: 'field-added',
      after: { type: f.type, label: say(f.label) },
      ...this.addedClass(n),
    });
  }

  /** A new field is breaking only when old records must now give it a value. */
  private addedClass(n: FieldInfo): { class: ChangeClass; reason: string } {
    const f = n.field;
    if (f.type === 'note') return { class: 'patch', reason: `New note '${f.id}': text only, no data.` };
    if (n.repeat && !this.oldOf.has(n.repeat.id))
      return {
        class: 'minor',
        reason: `New field ${f.name} in the new repeat ${n.repeat.name} (no existing record has items).`,
      };
    if (!mandatory(f))
      return {
        class: 'minor',
        reason: f.compute
          ? `New computed field ${f.name}: filled in automatically.`
          : `New optional field ${f.name}: existing records stay valid.`,
      };
    const conditions = [...visibilityOf(n), ...(typeof f.required === 'boolean' ? [] : [f.required])];
    const blocked = conditions.find((c) => cannotHoldForOldData(c.expr, this.facts));
    if (blocked)
      return {
        class: 'minor',
        reason: `New field ${f.name} is mandatory only when ${normalise(blocked.expr)}, which needs codes or fields new in this version: existing records stay valid.`,
      };
    return {
      class: 'major',
      reason: `New mandatory field ${f.name}${conditions.length ? ` (when ${conditions.map((c) => normalise(c.expr)).join(' and ')})` : ''}: existing records have no value for it.`,
    };
  }

  private removed(o: FieldInfo): void {
    const f = o.field;
    const note = f.type === 'note';
    this.add(f, o, {
      kind: 'field-removed',
      before: { type: f.type, label: say(f.label) },
      class: note ? 'patch' : 'major',
      reason: note
        ? `Note '${f.id}' removed: text only.`
        : `Field ${f.name} removed: existing records with a value for it no longer fit the form.`,
    });
  }

  // ---- a field in both versions ------------------------------------------------------

  private field(o: FieldInfo, n: FieldInfo): void {
    const g = o.field;
    const f = n.field;
    const push = (c: Omit<Change, 'fieldId' | 'technicalName'>) => this.add(f, n, c);
    if (g.id !== f.id)
      push({
        kind: 'field-reidentified',
        property: 'id',
        before: g.id,
        after: f.id,
        class: 'patch',
        reason: `Field ${f.name}: id '${g.id}' → '${f.id}'; data is keyed by the technical name, which is unchanged.`,
      });
    if (g.name !== f.name && g.type !== 'note' && f.type !== 'note')
      push({
        kind: 'field-renamed',
        property: 'name',
        before: g.name,
        after: f.name,
        class: 'major',
        reason: `Field '${f.id}': technical name ${g.name} → ${f.name}; the CSV column and S2S key change, so data stored under ${g.name} no longer fits.`,
      });
    const oldRepeat = o.repeat ? this.rename(o.repeat.id) : undefined;
    if (oldRepeat !== n.repeat?.id)
      push({
        kind: 'field-scope-changed',
        property: 'repeat',
        before: o.repeat?.name ?? null,
        after: n.repeat?.name ?? null,
        class: 'major',
        reason: `Field ${f.name ?? f.id} moved ${n.repeat ? `into the repeat ${n.repeat.name}` : `out of the repeat ${o.repeat?.name}`}: its values live elsewhere in the data.`,
      });
    if (g.type !== f.type) {
      this.typeChanged(o, n, push);
    } else {
      if (g.codes && f.codes) this.codes(g, f, push);
      this.constraints(g, f, push);
    }
    this.logic(o, n, push);
    this.texts(o, n, push);
  }

  private typeChanged(
    o: FieldInfo,
    n: FieldInfo,
    push: (c: Omit<Change, 'fieldId' | 'technicalName'>) => void,
  ) {
    const g = o.field;
    const f = n.field;
    const change = { kind: 'type-changed' as const, property: 'type', before: g.type, after: f.type };
    if (g.type === 'integer' && f.type === 'decimal')
      return push({
        ...change,
        class: 'minor',
        reason: `Field ${f.name}: integer → decimal; every whole number is still accepted.`,
      });
    if (g.type === 'note')
      return push({
        ...change,
        class: mandatory(f) ? 'major' : 'minor',
        reason: `A note became the ${mandatory(f) ? 'mandatory' : 'optional'} field ${f.name}${mandatory(f) ? ': existing records have no value for it' : ''}.`,
      });
    push({
      ...change,
      class: 'major',
      reason: `Field ${f.name ?? f.id}: ${g.type} → ${f.type}; existing values ${f.type === 'note' ? 'have no field any more' : `are not valid ${f.type} values`}.`,
    });
  }

  private codes(g: Field, f: Field, push: (c: Omit<Change, 'fieldId' | 'technicalName'>) => void): void {
    const oldCodes = new Map((g.codes ?? []).map((c) => [c.code, c]));
    const newCodes = new Map((f.codes ?? []).map((c) => [c.code, c]));
    const list =
      g.codelist !== f.codelist ? ` (code list ${g.codelist ?? 'options'} → ${f.codelist ?? 'options'})` : '';
    const show = (c: Code) => ({ code: c.code, label: say(c.label) });
    for (const [code, c] of newCodes) {
      const was = oldCodes.get(code);
      if (!was) {
        push({
          kind: 'code-added',
          property: code,
          after: show(c),
          class: 'minor',
          reason: `Field ${f.name}: new code ${code} '${say(c.label)}'${list}; existing values stay valid.`,
        });
        continue;
      }
      if (!sameText(was.label, c.label))
        push({
          kind: 'code-relabelled',
          property: code,
          before: was.label,
          after: c.label,
          class: 'patch',
          reason: `Field ${f.name}: code ${code} relabelled '${say(was.label)}' → '${say(c.label)}'; the stored code is the same.`,
        });
      if ((was.snomed ?? '') !== (c.snomed ?? '') || (was.loinc ?? '') !== (c.loinc ?? ''))
        push({
          kind: 'code-binding-changed',
          property: code,
          before: { snomed: was.snomed, loinc: was.loinc },
          after: { snomed: c.snomed, loinc: c.loinc },
          class: 'patch',
          reason: `Field ${f.name}: code ${code} bound to another SNOMED CT / LOINC concept; the stored code is the same.`,
        });
    }
    for (const [code, c] of oldCodes)
      if (!newCodes.has(code))
        push({
          kind: 'code-removed',
          property: code,
          before: show(c),
          class: 'major',
          reason: `Field ${f.name}: code ${code} '${say(c.label)}' removed${list}; existing records that chose it become invalid.`,
        });
    const order = (m: Map<string, Code>, other: Map<string, Code>) =>
      [...m.keys()].filter((k) => other.has(k));
    const ob = order(oldCodes, newCodes);
    const oa = order(newCodes, oldCodes);
    if (ob.join('\u0000') !== oa.join('\u0000'))
      push({
        kind: 'codes-reordered',
        property: 'codes',
        before: ob,
        after: oa,
        class: 'patch',
        reason: `Field ${f.name}: codes shown in another order.`,
      });
  }

  private constraints(
    g: Field,
    f: Field,
    push: (c: Omit<Change, 'fieldId' | 'technicalName'>) => void,
  ): void {
    const name = f.name ?? f.id;
    /** `lowerBound`: a higher value is tighter (min, minLength, …); otherwise a lower one is. */
    const bound = (property: string, b: unknown, a: unknown, lowerBound: boolean, what = property) => {
      if (b === a || (b === undefined && a === undefined)) return;
      let tighter: boolean | undefined;
      if (b === undefined) tighter = true;
      else if (a === undefined) tighter = false;
      else if (typeof b === 'number' && typeof a === 'number') tighter = lowerBound ? a > b : a < b;
      else if (b !== 'today' && a !== 'today')
        tighter = lowerBound ? String(a) > String(b) : String(a) < String(b);
      const isRepeat = f.type === 'repeat';
      const base = {
        kind: isRepeat ? ('repeat-limit-changed' as const) : ('constraint-changed' as const),
        property,
        before: b,
        after: a,
      };
      const columns =
        isRepeat && property === 'max' ? this.columnsNote(f, Number(b ?? 0), Number(a ?? 0)) : '';
      if (tighter === undefined)
        return push({
          ...base,
          class: 'major',
          reason: `Field ${name}: ${what} ${String(b)} → ${String(a)}; whether 'today' is tighter cannot be told, so counted as breaking.`,
        });
      push({
        ...base,
        class: tighter ? 'major' : 'minor',
        reason: `Field ${name}: ${what} ${b ?? 'none'} → ${a ?? 'none'}, ${
          tighter ? 'tightened: existing values may become invalid' : 'loosened: existing values stay valid'
        }${columns}.`,
      });
    };
    switch (f.type) {
      case 'text':
        bound('minLength', g.minLength, f.minLength, true, 'minimum length');
        bound('maxLength', g.maxLength, f.maxLength, false, 'maximum length');
        if ((g.pattern ?? '') !== (f.pattern ?? ''))
          push({
            kind: 'constraint-changed',
            property: 'pattern',
            before: g.pattern,
            after: f.pattern,
            class: f.pattern === undefined ? 'minor' : 'major',
            reason:
              f.pattern === undefined
                ? `Field ${name}: pattern removed, loosened: existing values stay valid.`
                : `Field ${name}: pattern ${g.pattern ?? 'none'} → ${f.pattern}; existing values may not match it.`,
          });
        break;
      case 'integer':
      case 'decimal':
      case 'date':
        bound('min', g.min, f.min, true, 'min');
        bound('max', g.max, f.max, false, 'max');
        if (f.type === 'decimal')
          bound('precision', g.precision, f.precision, false, 'digits after the point');
        break;
      case 'multichoice':
        bound('minItems', g.minItems, f.minItems, true, 'minimum number of choices');
        bound('maxItems', g.maxItems, f.maxItems, false, 'maximum number of choices');
        break;
      case 'repeat':
        bound('min', g.min, f.min, true, 'minimum number of items');
        bound('max', g.max, f.max, false, 'maximum number of items');
        break;
    }
    if ((g.unit ?? '') !== (f.unit ?? ''))
      push({
        kind: 'unit-changed',
        property: 'unit',
        before: g.unit,
        after: f.unit,
        class: 'major',
        reason: `Field ${name}: unit ${g.unit ?? 'none'} → ${f.unit ?? 'none'}; existing numbers would be read in the wrong unit.`,
      });
  }

  /** "; CSV columns X_6…X_8 appear" for a repeat whose maximum changes. */
  private columnsNote(f: Field, b: number, a: number): string {
    const names = (f.fields ?? []).filter((c) => c.name && c.type !== 'note').map((c) => c.name!);
    if (names.length === 0 || a === b) return '';
    const [lo, hi] = a > b ? [b + 1, a] : [a + 1, b];
    const range = (n: string) => (lo === hi ? `${n}_${lo}` : `${n}_${lo}…${n}_${hi}`);
    const cols = `${range(names[0]!)}${names.length > 1 ? ` (and the same for ${names.length - 1} other field${names.length > 2 ? 's' : ''})` : ''}`;
    return a > b
      ? `; CSV columns ${cols} appear`
      : `; CSV columns ${cols} disappear and items beyond ${a} are refused`;
  }

  private logic(
    o: FieldInfo,
    n: FieldInfo,
    push: (c: Omit<Change, 'fieldId' | 'technicalName'>) => void,
  ): void {
    const g = o.field;
    const f = n.field;
    const name = f.name ?? f.id;
    // Requiredness: `false` never, `true` always (when shown), or a condition.
    const rb = g.required;
    const ra = f.required;
    const same =
      rb === ra ||
      (typeof rb !== 'boolean' && typeof ra !== 'boolean' && this.text(rb, true) === this.text(ra));
    if (!same && f.type !== 'note') {
      const before = typeof rb === 'boolean' ? rb : this.text(rb, true);
      const after = typeof ra === 'boolean' ? ra : this.text(ra);
      const change = { kind: 'required-changed' as const, property: 'required', before, after };
      if (f.compute)
        push({
          ...change,
          class: 'minor',
          reason: `Field ${name}: requiredness changed on a computed field.`,
        });
      else if (ra === false)
        push({
          ...change,
          class: 'minor',
          reason: `Field ${name}: required → optional; existing records stay valid.`,
        });
      else {
        const d =
          rb === false
            ? ({ direction: 'wider', added: typeof ra === 'boolean' ? [] : [ra.expr] } as const)
            : direction(rb === true ? undefined : rb.expr, ra === true ? undefined : ra.expr, this.rename);
        const judged = this.conditionClass(
          d,
          true,
          (added) => added.every((e) => cannotHoldForOldData(e, this.facts)),
          'is required',
        );
        push({
          ...change,
          class: judged.class,
          reason:
            rb === false && judged.class === 'major'
              ? `Field ${name}: optional → required${typeof ra === 'boolean' ? '' : ` when ${after}`}; existing records without a value become invalid.`
              : `Field ${name} ${judged.reason}.`,
        });
      }
    }
    const vd = direction(g.visible?.expr, f.visible?.expr, this.rename);
    if (vd.direction !== 'same') {
      const judged = this.conditionClass(vd, mandatory(f), (added) =>
        added.every((e) => cannotHoldForOldData(e, this.facts)),
      );
      push({
        kind: 'visible-changed',
        property: 'visible',
        before: this.text(g.visible, true),
        after: this.text(f.visible),
        class: judged.class,
        reason: `Field ${name} ${judged.reason}.`,
      });
    }
    if (this.text(g.enabled, true) !== this.text(f.enabled))
      push({
        kind: 'enabled-changed',
        property: 'enabled',
        before: this.text(g.enabled, true),
        after: this.text(f.enabled),
        class: 'minor',
        reason: `Field ${name}: editable under another condition; stored values stay valid.`,
      });
    if (this.text(g.compute, true) !== this.text(f.compute))
      push({
        kind: 'compute-changed',
        property: 'compute',
        before: this.text(g.compute, true),
        after: this.text(f.compute),
        class: 'minor',
        reason: `Field ${name}: computed differently; the value is recomputed on the next save.`,
      });
    const oldChecks = new Map(g.checks.map((c) => [normalise(c.rule.expr, this.rename), c]));
    const newChecks = new Map(f.checks.map((c) => [normalise(c.rule.expr), c]));
    for (const [rule, c] of newChecks) {
      const was = oldChecks.get(rule);
      if (!was)
        push({
          kind: 'check-added',
          property: 'checks',
          after: rule,
          class: 'major',
          reason: `Field ${name}: new rule ${rule}; existing records may break it.`,
        });
      else if (!sameText(was.message, c.message))
        push({
          kind: 'check-message-changed',
          property: 'checks',
          before: was.message,
          after: c.message,
          class: 'patch',
          reason: `Field ${name}: the message of rule ${rule} is reworded.`,
        });
    }
    for (const rule of oldChecks.keys())
      if (!newChecks.has(rule))
        push({
          kind: 'check-removed',
          property: 'checks',
          before: rule,
          class: 'minor',
          reason: `Field ${name}: rule ${rule} removed; existing records stay valid.`,
        });
  }

  private texts(
    o: FieldInfo,
    n: FieldInfo,
    push: (c: Omit<Change, 'fieldId' | 'technicalName'>) => void,
  ): void {
    const g = o.field;
    const f = n.field;
    const name = f.name ?? `Note '${f.id}'`;
    const text = (kind: Change['kind'], property: string, b: Text | undefined, a: Text | undefined) => {
      if (!sameText(b, a))
        push({
          kind,
          property,
          before: b,
          after: a,
          class: 'patch',
          reason: `${name}: ${property} reworded.`,
        });
    };
    text('label-changed', 'label', g.label, f.label);
    text('help-changed', 'help', g.help, f.help);
    text('label-changed', 'itemLabel', g.itemLabel, f.itemLabel);
    const keys = new Set([...Object.keys(g.messages), ...Object.keys(f.messages)]);
    for (const k of [...keys].sort())
      text(
        'message-changed',
        k,
        g.messages[k as keyof Field['messages']],
        f.messages[k as keyof Field['messages']],
      );
    for (const property of ['display', 'multiline'] as const)
      if ((g[property] ?? '') !== (f[property] ?? ''))
        push({
          kind: 'display-changed',
          property,
          before: g[property],
          after: f[property],
          class: 'patch',
          reason: `${name}: shown differently (${property}); the data is the same.`,
        });
    if (!n.repeat) {
      const trail = (i: FieldInfo) => i.sections.map((s) => s.id).join(' › ');
      if (trail(o) !== trail(n))
        push({
          kind: 'field-moved',
          property: 'section',
          before: trail(o),
          after: trail(n),
          class: 'patch',
          reason: `${name} moved from section ${trail(o)} to ${trail(n)}: layout only.`,
        });
    }
  }
}
