/*
 * Draft migration: an Open registration moved to a newer version keeps what fits and lists
 * every value that does not, with its reason. On the real definitions and on a small pair
 * that has every reason.
 */
import { compileDefinitions } from '@regforms/compiler';
import {
  createRegistration,
  LifecycleError,
  MemoryStore,
  migrateRegistration,
  migrationCandidates,
  migrationIssueText,
  Registrations,
  rebaseRegistration,
  saveRegistration,
  sendRegistration,
} from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS } from '../support.ts';
import { folder, L, VISIT_DATE } from './support.ts';

const clock = { now: () => new Date('2025-02-01T09:00:00Z') };
const real = compileDir(DEFINITIONS);
/** A list of options, each labelled with its code. */
const codes = (...c: string[]) => `[${c.map((x) => `{ code: "${x}", label: ${L(x)} }`).join(', ')}]`;
const formOf = (key: string): CompiledForm =>
  real.forms.find((f) => `${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}` === key)!;

describe('migrating real drafts', () => {
  it('angio/hospitalisation 1.0.0 → 1.1.0 keeps every value (a new code only)', () => {
    const from = formOf('angio/hospitalisation@1.0.0');
    const to = formOf('angio/hospitalisation@1.1.0');
    const data = {
      IDC_PAT: '93051822361',
      DT_HOSPZ: '2024-03-01',
      CD_INDICATN: '1',
      MS_PAT_HGHT: 180,
      MS_PAT_WGHT: 81,
      CD_DIABT: '2',
    };
    const draft = saveRegistration(createRegistration(from, { clock }), from, data, { clock }).registration;
    const result = migrateRegistration(draft, from, to, { clock });
    expect(result.notKept).toEqual([]);
    expect(result.kept.sort()).toEqual(Object.keys(data).sort());
    expect(result.registration).toMatchObject({
      id: draft.id,
      status: 'open',
      version: '1.1.0',
      formHash: to.meta.hash,
      migration: { fromVersion: '1.0.0', fromFormHash: from.meta.hash, notKept: [] },
      businessKey: '93051822361|2024-03-01',
    });
    // The computed BMI is recomputed by the new version, and saving on it works.
    const saved = saveRegistration(result.registration, to, result.registration.data, { clock });
    expect(saved.registration.data.MS_PAT_BMI).toBe(25);
    expect(() => saveRegistration(result.registration, from, {}, { clock })).toThrow(LifecycleError);
  });

  it('defibrillators/primo-implantation 1.0.0 → 2.0.0 keeps everything; the new mandatory question stays to answer', () => {
    const from = formOf('defibrillators/primo-implantation@1.0.0');
    const to = formOf('defibrillators/primo-implantation@2.0.0');
    const data = {
      IDC_PAT: '93051822361',
      DT_IMPLTN: '2024-05-02',
      CD_DEVICE_TPE: '2',
      MS_LVEF: 30,
      CD_SPECFC_CHARC: ['FL_PAT_CAD', 'FL_PAT_DIABT'],
      ELECT: [
        { CD_ELECT_LOC_IMPLTN: '1', TX_ELECT_SERIAL_NR: 'A1' },
        { CD_ELECT_LOC_IMPLTN: '3', TX_ELECT_SERIAL_NR: 'B2' },
      ],
    };
    const draft = createRegistration(from, { clock, data });
    const result = migrateRegistration(draft, from, to, { clock });
    expect(result.notKept).toEqual([]);
    expect(result.registration.data).toEqual(data);
    expect(result.kept).toContain('TX_ELECT_SERIAL_NR_2');
    const sent = sendRegistration(result.registration, to, undefined, { clock, lang: 'en' });
    expect(sent.registration.status).toBe('open');
    expect(sent.errors.map((e) => e.name)).toContain('CD_ABANTENV');
  });

  it('offers migration for Open registrations whose registration type has a newer published version', () => {
    const old = createRegistration(formOf('defibrillators/primo-implantation@1.0.0'), { clock });
    const current = createRegistration(formOf('defibrillators/primo-implantation@2.0.0'), { clock });
    const sent = {
      ...createRegistration(formOf('angio/hospitalisation@1.0.0'), { clock }),
      status: 'sent' as const,
    };
    const angio = createRegistration(formOf('angio/hospitalisation@1.0.0'), { clock });
    const found = migrationCandidates([old, current, sent, angio], real.catalog);
    expect(found.map((c) => [c.registration.id, c.from, c.to])).toEqual([
      [old.id, '1.0.0', '2.0.0'],
      [angio.id, '1.0.0', '2.0.0'],
    ]);
  });
});

describe('what does not fit is listed, never dropped silently', () => {
  const kind = `{ id: kind, name: CD_KIND, type: choice, options: ${codes('A', 'B')}, label: ${L('kind')} }`;
  const pci = (max: number, stentMax: string) =>
    `{ id: pci, name: PCI, type: repeat, max: ${max}, label: ${L('PCI')}, fields: [{ id: pciDate, name: DT_PCI, type: date, label: ${L('d')} }, { id: stents, name: NR_STENT, type: integer, ${stentMax}label: ${L('s')} }] }`;
  const v1 = [
    VISIT_DATE,
    kind,
    `{ id: severity, name: CD_SEV, type: choice, options: ${codes('1', '2', '3')}, label: ${L('sev')} }`,
    `{ id: symptoms, name: CD_SYMP, type: multichoice, options: ${codes('X', 'Y', 'Z')}, label: ${L('symp')} }`,
    `{ id: old, name: TX_OLD, type: text, label: ${L('old')} }`,
    `{ id: age, name: NR_AGE, type: integer, label: ${L('age')} }`,
    `{ id: weight, name: NR_WGHT, type: integer, label: ${L('w')} }`,
    `{ id: count, name: NR_COUNT, type: integer, label: ${L('n')} }`,
    `{ id: detail, name: TX_DETAIL, type: text, label: ${L('detail')} }`,
    `{ id: comment, name: TX_COMMENT, type: text, label: ${L('comment')} }`,
    `{ id: score, name: NR_SCORE, type: integer, max: 10, label: ${L('score')} }`,
    pci(5, ''),
  ];
  const v2 = [
    VISIT_DATE,
    kind,
    `{ id: severity, name: CD_SEV, type: choice, options: ${codes('1', '2')}, label: ${L('sev')} }`,
    `{ id: symptoms, name: CD_SYMP, type: multichoice, options: ${codes('X', 'Y')}, label: ${L('symp')} }`,
    `{ id: age, name: NR_AGE, type: integer, max: 120, label: ${L('age')} }`,
    `{ id: weight, name: NR_WGHT, type: text, label: ${L('w')} }`,
    `{ id: count, name: MS_COUNT, type: decimal, label: ${L('n')} }`,
    `{ id: detail, name: TX_DETAIL, type: text, visible: "kind = 'A'", label: ${L('detail')} }`,
    `{ id: comment, name: TX_REMARK, type: text, label: ${L('comment')} }`,
    `{ id: score, name: NR_SCORE, type: integer, max: 10, label: ${L('score')} }`,
    pci(2, 'max: 3, '),
  ];
  const { forms, diagnostics } = compileDefinitions(
    folder({ '1.0.0': { fields: v1 }, '2.0.0': { fields: v2 } }),
  );
  const [from, to] = [
    forms.find((f) => f.meta.version === '1.0.0')!,
    forms.find((f) => f.meta.version === '2.0.0')!,
  ];
  const data = {
    DT_VISIT: '2025-01-10',
    CD_KIND: 'B',
    CD_SEV: '3',
    CD_SYMP: ['X', 'Z'],
    TX_OLD: 'written in 1.0.0',
    NR_AGE: 150,
    NR_WGHT: 72,
    NR_COUNT: 4,
    TX_DETAIL: 'only asked for A now',
    TX_COMMENT: 'kept under its new name',
    NR_SCORE: 12, // already out of range in 1.0.0: left as typed
    PCI: [
      { DT_PCI: '2025-01-10', NR_STENT: 2 },
      { DT_PCI: '2025-01-11', NR_STENT: 4 },
      { DT_PCI: '2025-01-12', NR_STENT: 1 },
    ],
  };
  const draft = createRegistration(from, { clock, data });
  const result = migrateRegistration(draft, from, to, { clock, lang: 'en' });

  it('the pair of versions checks clean', () => {
    expect(diagnostics).toEqual([]);
  });

  it('keeps what fits', () => {
    expect(result.registration.data).toEqual({
      DT_VISIT: '2025-01-10',
      CD_KIND: 'B',
      CD_SYMP: ['X'],
      MS_COUNT: 4,
      TX_REMARK: 'kept under its new name',
      NR_SCORE: 12,
      PCI: [{ DT_PCI: '2025-01-10', NR_STENT: 2 }, { DT_PCI: '2025-01-11' }],
    });
    expect(result.moved).toEqual([
      { from: 'NR_COUNT', to: 'MS_COUNT' },
      { from: 'TX_COMMENT', to: 'TX_REMARK' },
    ]);
    expect(result.kept).toEqual([
      'DT_VISIT',
      'CD_KIND',
      'CD_SYMP',
      'MS_COUNT',
      'TX_REMARK',
      'NR_SCORE',
      'DT_PCI_1',
      'NR_STENT_1',
      'DT_PCI_2',
    ]);
  });

  it('lists every value that does not fit, with its reason and value', () => {
    expect(result.notKept.map((i) => [i.reason, i.name, i.value])).toEqual([
      ['code-removed', 'CD_SEV', '3'],
      ['code-removed', 'CD_SYMP', 'Z'],
      ['field-removed', 'TX_OLD', 'written in 1.0.0'],
      ['type-changed', 'NR_WGHT', 72],
      ['extra-item', 'PCI_3', { DT_PCI: '2025-01-12', NR_STENT: 1 }],
      ['hidden', 'TX_DETAIL', 'only asked for A now'],
      ['out-of-bounds', 'NR_AGE', 150],
      ['out-of-bounds', 'NR_STENT_2', 4],
    ]);
    const byName = new Map(result.notKept.map((i) => [i.name, i]));
    // Each issue carries its reason and particulars; the words come from the catalog, per language.
    const say = (name: string, lang = 'en') => migrationIssueText(byName.get(name)!, lang);
    expect(say('CD_SEV')).toBe('this code no longer exists in version 2.0.0.');
    expect(byName.get('NR_WGHT')!.params).toEqual({ version: '2.0.0', from: 'integer', to: 'text' });
    expect(say('NR_WGHT')).toBe('its type changed in version 2.0.0 (integer → text): not carried over.');
    expect(say('PCI_3')).toBe('version 2.0.0 takes at most 2 items: this item is not carried over.');
    expect(say('PCI_3', 'fr')).toBe(
      'la version 2.0.0 accepte au plus 2 éléments : cet élément n’est pas repris.',
    );
    expect(say('NR_AGE')).toMatch(/^no longer valid in version 2\.0\.0: .*120/);
    expect(byName.get('NR_STENT_2')!.path).toEqual(['PCI', 1, 'NR_STENT']);
    // Kept on the registration too, so a reload still shows them.
    expect(result.registration.migration!.notKept).toEqual(result.notKept);
  });

  it('only an Open registration made with the old form moves', () => {
    expect(() => migrateRegistration({ ...draft, status: 'sent' }, from, to)).toThrow(
      /only an Open registration/,
    );
    expect(() => migrateRegistration(draft, to, to)).toThrow(LifecycleError);
  });
});

describe('rebasing a draft onto its version compiled again', () => {
  // The same version number compiled twice with different content (a draft version edited in
  // the studio, or a newer compiler): only the hash on the record tells them apart.
  const before = [
    VISIT_DATE,
    `{ id: kind, name: CD_KIND, type: choice, options: ${codes('A', 'B', 'C')}, label: ${L('kind')} }`,
    `{ id: note, name: TX_NOTE, type: text, label: ${L('note')} }`,
  ];
  const after = [
    VISIT_DATE,
    `{ id: kind, name: CD_KIND, type: choice, options: ${codes('A', 'B')}, label: ${L('kind')} }`,
  ];
  const compile = (fields: string[]) =>
    compileDefinitions(folder({ '1.0.0': { status: 'draft', fields } })).forms[0]!;
  const first = compile(before);
  const again = compile(after);
  const draft = saveRegistration(
    createRegistration(first, { clock }),
    first,
    { DT_VISIT: '2025-01-10', CD_KIND: 'C', TX_NOTE: 'typed before the edit' },
    { clock },
  ).registration;

  it('carries what fits, lists what does not, records the old hash, and saves on the new form', () => {
    expect(first.meta.version).toBe(again.meta.version);
    expect(first.meta.hash).not.toBe(again.meta.hash);
    // Without the rebase, the draft cannot be saved on the form as it is now.
    expect(() => saveRegistration(draft, again, draft.data, { clock })).toThrow(/not this form/);
    const result = rebaseRegistration(draft, again, { clock });
    expect(result.kept).toEqual(['DT_VISIT']);
    expect(result.notKept.map((i) => [i.reason, i.name, i.value])).toEqual([
      ['code-removed', 'CD_KIND', 'C'],
      ['field-removed', 'TX_NOTE', 'typed before the edit'],
    ]);
    expect(result.registration).toMatchObject({
      id: draft.id,
      status: 'open',
      version: '1.0.0',
      formHash: again.meta.hash,
      data: { DT_VISIT: '2025-01-10' },
      migration: { fromVersion: '1.0.0', fromFormHash: first.meta.hash, notKept: result.notKept },
    });
    expect(saveRegistration(result.registration, again, result.registration.data, { clock }).errors).toEqual(
      [],
    );
  });

  it('refuses another version and anything not Open', () => {
    const other = compileDefinitions(
      folder({ '1.0.0': { fields: before }, '2.0.0': { fields: after } }),
    ).forms.find((f) => f.meta.version === '2.0.0')!;
    expect(() => rebaseRegistration(draft, other)).toThrow(/move it with migrateRegistration/);
    expect(() => rebaseRegistration({ ...draft, status: 'sent' }, again)).toThrow(
      /only an Open registration/,
    );
  });

  it('through the service: stored once, a registration already on the form left as it is', async () => {
    const service = new Registrations(new MemoryStore(), { clock });
    await service.store.put(draft);
    const rebased = await service.rebase(draft.id, again);
    expect(rebased.formHash).toBe(again.meta.hash);
    expect(await service.get(draft.id)).toEqual(rebased);
    expect(await service.rebase(draft.id, again)).toEqual(rebased);
    expect(
      (await service.save(draft.id, again, { ...rebased.data, CD_KIND: 'A' })).registration.data,
    ).toEqual({
      DT_VISIT: '2025-01-10',
      CD_KIND: 'A',
    });
  });
});
