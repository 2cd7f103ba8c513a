/* Section statuses: redone only where a change can matter, always equal to a full recount. */
import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
// Test-only: the compiler's file reader is not part of its public API.
import { readDefinitionFiles } from '@regforms/compiler/node';
import { type FormError, type RegistrationData, random, sampleData } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { ruleAjv } from './rule-ajv.ts';
import { requiredNow, requiredNowTracker, sectionStatusTracker, sectionsOf } from './sections.ts';

const forms = compileDefinitions(
  readDefinitionFiles(join(import.meta.dirname, '../../../definitions')),
).forms.filter((f) => f.meta.status === 'published');

/** The statuses counted from scratch for this data. */
const fullCount = (form: (typeof forms)[number], data: RegistrationData, errors: FormError[]) =>
  sectionStatusTracker(form, sectionsOf(form), ruleAjv)(data, errors);

/** Records which top-level fields are read. */
function watched(data: RegistrationData, read: Set<string>): RegistrationData {
  return new Proxy(data, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** One random edit: a field of `full` set to its value, or (sometimes, when set) removed. */
function randomEdit(data: RegistrationData, full: RegistrationData, rnd: () => number) {
  const names = Object.keys(full);
  const name = names[Math.floor(rnd() * names.length)]!;
  const next = { ...data };
  if (name in next && rnd() < 0.3) delete next[name];
  else next[name] = full[name];
  return { name, data: next };
}

describe('sectionStatusTracker', () => {
  it('after each of 60 random edits, gives what a full recount gives (every published type)', () => {
    let conditional = 0;
    for (const form of forms) {
      const sections = sectionsOf(form);
      const track = sectionStatusTracker(form, sections, ruleAjv);
      const rnd = random(7);
      const full = sampleData(form, 11);
      let data: RegistrationData = {};
      expect(track(data, [])).toEqual(fullCount(form, data, []));
      for (let step = 0; step < 60; step++) {
        const edit = randomEdit(data, full, rnd);
        const name = edit.name;
        data = edit.data;
        const errors: FormError[] =
          rnd() < 0.2 ? [{ path: [name], name, key: name, keyword: 'type', params: {}, message: 'x' }] : [];
        const got = track(data, errors);
        expect(got, `${form.meta.registrationType} after setting ${name}`).toEqual(
          fullCount(form, data, errors),
        );
      }
      if (form.logic.fields.some((f) => f.visible || typeof f.required === 'object')) conditional++;
    }
    // The equality is worth something only if conditions were exercised.
    expect(conditional).toBeGreaterThan(2);
  });

  it('a change in one field reads only what the sections depending on it read', () => {
    const form = forms.reduce((a, b) => (b.logic.fields.length > a.logic.fields.length ? b : a));
    const sections = sectionsOf(form);
    const logic = new Map(form.logic.fields.map((f) => [f.name, f]));
    /** The section's UI schema and the conditions of its fields, as text. */
    const conditionsOf = (s: (typeof sections)[number]) =>
      JSON.stringify([s.element, ...s.names.map((n) => [logic.get(n)?.visible, logic.get(n)?.required])]);
    const name = sections[sections.length - 1]!.names[0]!;
    const related = sections.filter((s) => s.names.includes(name) || conditionsOf(s).includes(`"${name}"`));
    const mayRead = (key: string) =>
      related.some((s) => s.names.includes(key) || conditionsOf(s).includes(`"${key}"`));
    // The other sections have required fields: a full recount would read them.
    const others = sections.filter((s) => !related.includes(s)).flatMap((s) => s.names);
    expect(others.filter((n) => logic.get(n)?.required).length).toBeGreaterThan(20);

    const track = sectionStatusTracker(form, sections, ruleAjv);
    track({}, []);
    const read = new Set<string>();
    // Only the changed field has a value: any other field read was read by a recount.
    track(watched({ [name]: sampleData(form, 1)[name] ?? 'x' }, read), []);
    read.delete(name);
    expect([...read].filter((k) => !mayRead(k))).toEqual([]);
    expect(read.size).toBeGreaterThan(0);
  });
});

describe('requiredNowTracker', () => {
  it('after each of 60 random edits, gives what requiredNow gives (every section of every published type)', () => {
    let changedList = 0;
    for (const form of forms) {
      const full = sampleData(form, 11);
      for (const section of sectionsOf(form)) {
        const track = requiredNowTracker(form, section);
        const rnd = random(3);
        let data: RegistrationData = {};
        let before = track(data);
        expect(before).toEqual(requiredNow(form, section, data));
        for (let step = 0; step < 60; step++) {
          const edit = randomEdit(data, full, rnd);
          const name = edit.name;
          data = edit.data;
          const got = track(data);
          expect(got, `${form.meta.registrationType}/${section.id} after setting ${name}`).toEqual(
            requiredNow(form, section, data),
          );
          if (JSON.stringify(got) !== JSON.stringify(before)) changedList++;
          before = got;
        }
      }
    }
    // The equality is worth something only if some lists changed with the data.
    expect(changedList).toBeGreaterThan(5);
  });

  it('asks no condition again when the field that changed is tested by none', () => {
    const form = forms.find((f) => f.logic.fields.some((x) => typeof x.required === 'object'))!;
    const section = sectionsOf(form).find((s) =>
      s.names.some((n) => typeof form.logic.fields.find((f) => f.name === n)?.required === 'object'),
    )!;
    const tested = JSON.stringify(form.logic.fields.map((f) => [f.visible, f.required]));
    const untested = section.names.find((n) => !tested.includes(`"${n}"`))!;
    const track = requiredNowTracker(form, section);
    const first = track({});
    const read = new Set<string>();
    expect(track(watched({ [untested]: 'x' }, read))).toBe(first);
    // The changed field's own value is compared; no condition read another.
    expect([...read].filter((k) => k !== untested)).toEqual([]);
  });
});
