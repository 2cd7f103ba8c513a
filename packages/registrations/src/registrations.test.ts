import 'fake-indexeddb/auto';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { catalogProblems } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_MESSAGES } from './lifecycle-messages.ts';
import { MIGRATION_MESSAGES } from './migration-messages.ts';
import { createRegistration, LifecycleError, newRegistrationCode } from './registration.ts';
import { Registrations } from './service.ts';
import { INDEXEDDB_VERSION, IndexedDbStore, MemoryStore, type RegistrationStore } from './store.ts';

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;
const complete = {
  IDC_PAT: '93051822361',
  DT_PAT_DOB: '1993-05-18',
  DT_HOSPZ: '2024-03-01',
  CD_INDICATN: 'STABLE',
  PCI: [{ DT_PCI: '2024-03-02' }],
  MS_PAT_HGHT: 180,
  MS_PAT_WGHT: 80,
};
const clock = { now: () => new Date('2024-06-01T10:00:00Z') };

describe.each([
  ['memory', () => new MemoryStore()],
  ['IndexedDB', () => new IndexedDbStore(`test-${Math.random()}`)],
] as [string, () => RegistrationStore][])('lifecycle on the %s store', (_name, makeStore) => {
  it('saves an incomplete registration as Open, with type errors shown and data kept', async () => {
    const regs = new Registrations(makeStore(), { clock, author: 'dr. test' });
    const reg = await regs.create(form);
    const { registration, errors } = await regs.save(
      reg.id,
      form,
      { DT_HOSPZ: '2024-03-01', MS_PAT_HGHT: 20 },
      'en',
    );
    expect(registration.status).toBe('open');
    expect(errors.map((e) => e.name)).toEqual(['MS_PAT_HGHT']);
    expect((await regs.get(reg.id))!.data).toEqual({ DT_HOSPZ: '2024-03-01', MS_PAT_HGHT: 20 });
  });

  it('refuses to send an incomplete registration, lists every error, stays Open', async () => {
    const regs = new Registrations(makeStore(), { clock });
    const reg = await regs.create(form);
    const { registration, errors } = await regs.send(reg.id, form, { DT_HOSPZ: '2024-03-01' }, 'fr');
    expect(registration.status).toBe('open');
    expect(registration.registrationCode).toBeUndefined();
    expect(errors.map((e) => e.name)).toEqual(['IDC_PAT', 'DT_PAT_DOB', 'CD_INDICATN', 'PCI']);
  });

  it('sends a valid registration: code, computed fields, hidden values dropped, then read-only', async () => {
    const regs = new Registrations(makeStore(), { clock });
    const reg = await regs.create(form);
    const { registration, errors } = await regs.send(reg.id, form, {
      ...complete,
      TX_INDICATN_OTHER: 'hidden',
    });
    expect(errors).toEqual([]);
    expect(registration.status).toBe('sent');
    expect(registration.registrationCode).toMatch(/^DEMO-2024-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(registration.data.MS_PAT_BMI).toBe(24.7);
    expect(registration.data.TX_INDICATN_OTHER).toBeUndefined();
    expect(registration.dropped).toEqual(['TX_INDICATN_OTHER']);
    expect(registration.businessKey).toBe('93051822361|2024-03-01');
    await expect(regs.save(reg.id, form, {})).rejects.toThrow(LifecycleError);
    await expect(regs.delete(reg.id)).rejects.toThrow(/is sent: it cannot be deleted/);
    // Nor through the store itself.
    await expect(regs.store.put({ ...registration, data: {} })).rejects.toThrow(/cannot be changed/);
  });

  it('deletes an Open registration and keeps it as Deleted', async () => {
    const regs = new Registrations(makeStore(), { clock });
    const reg = await regs.create(form);
    await regs.delete(reg.id);
    const kept = await regs.get(reg.id);
    expect(kept!.status).toBe('deleted');
    await expect(regs.save(reg.id, form, {})).rejects.toThrow(/deleted/);
  });

  it('finds the registration a correction replaces by its business key', async () => {
    const regs = new Registrations(makeStore(), { clock });
    const reg = await regs.create(form);
    await regs.save(reg.id, form, complete);
    expect((await regs.findByBusinessKey(form, '93051822361|2024-03-01'))?.id).toBe(reg.id);
    expect(await regs.findByBusinessKey(form, '93051822361|2024-03-02')).toBeUndefined();
  });
});

describe('IndexedDB survives a reload', () => {
  it('reads back what another instance wrote', async () => {
    const name = `reload-${Math.random()}`;
    const first = new Registrations(new IndexedDbStore(name), { clock });
    const reg = await first.create(form);
    await first.save(reg.id, form, { DT_HOSPZ: '2024-03-01' });
    const second = new Registrations(new IndexedDbStore(name), { clock });
    expect((await second.get(reg.id))!.data).toEqual({ DT_HOSPZ: '2024-03-01' });
  });
});

describe('a Sent registration is corrected through the helpdesk', () => {
  it.each([
    ['fr', 'helpdesk du registre'],
    ['en', "registry's helpdesk"],
  ])('Send refuses a second registration with its business key, stored nothing (%s)', async (lang, words) => {
    const store = new MemoryStore();
    const regs = new Registrations(store, { clock });
    const first = await regs.send((await regs.create(form)).id, form, complete, lang);
    expect(first.registration.status).toBe('sent');
    const twin = await regs.create(form, complete);
    const refusal = await regs.send(twin.id, form, undefined, lang).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LifecycleError);
    expect((refusal as LifecycleError).code).toBe('SENT_WITH_SAME_KEY');
    expect((refusal as LifecycleError).message).toContain(first.registration.registrationCode!);
    expect((refusal as LifecycleError).message).toContain(words);
    // The twin stays Open as it was; only one registration is Sent.
    expect((await regs.get(twin.id))!.status).toBe('open');
    expect((await store.list({ status: 'sent' })).map((r) => r.id)).toEqual([first.registration.id]);
  });
});

describe('MemoryStore copies', () => {
  it('keeps its own deep copy: what the caller changes afterwards is not stored', async () => {
    const store = new MemoryStore();
    const reg = await new Registrations(store, { clock }).create(form, structuredClone(complete));
    const stored = await store.get(reg.id);
    (reg.data.PCI as Record<string, unknown>[])[0]!.DT_PCI = 'changed';
    stored!.data.IDC_PAT = 'changed';
    expect((await store.get(reg.id))!.data).toEqual(complete);
  });

  it('copies as structuredClone does: holes, undefined values, nested lists; other values through it', async () => {
    const store = new MemoryStore();
    const base = createRegistration(form, { clock });
    // biome-ignore lint/suspicious/noSparseArray: a hole must stay a hole
    const data = { A: [1, , 3], B: undefined, C: { D: [{ E: null }] }, F: new Date(0), G: new Map([[1, 2]]) };
    await store.put({ ...base, data });
    const got = (await store.get(base.id))!;
    expect(got).toEqual(structuredClone({ ...base, data }));
    expect(1 in (got.data.A as unknown[])).toBe(false);
    expect('B' in got.data).toBe(true);
    expect(got.data.F).toBeInstanceOf(Date);
    expect(got.data.G).toBeInstanceOf(Map);
    expect(got.data.C).not.toBe(data.C);
    // A cycle is copied as structuredClone copies it.
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await store.put({ ...createRegistration(form, { clock }), id: 'cyclic', data: cyclic });
    const back = (await store.get('cyclic'))!.data;
    expect(back.self).toBe(back);
    // What structuredClone refuses is still refused.
    await expect(
      store.put({ ...createRegistration(form, { clock }), id: 'fn', data: { f: () => 1 } }),
    ).rejects.toThrow();
  });
});

describe('registration codes', () => {
  it('are distinct, prefixed with the registry and year, in Crockford base32', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) codes.add(newRegistrationCode(form, new Date('2024-06-01T10:00:00Z')));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{1,6}-2024-[0-9A-HJKMNP-TV-Z]{10}$/);
  });
});

describe('IndexedDbStore schema upgrades', () => {
  it('opens a database of schema 1 (before the status index) and keeps its registrations', async () => {
    const name = `old-${Math.random()}`;
    // A database as the first schema left it: the store and its type index, one registration.
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () =>
        req.result
          .createObjectStore('registrations', { keyPath: 'id' })
          .createIndex('type', ['registry', 'registrationType']);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const draft = await new Registrations(new MemoryStore(), { clock }).create(form, { TX_AUTHOR: 'Dr A' });
    await new Promise<void>((resolve, reject) => {
      const tx = old.transaction('registrations', 'readwrite');
      tx.objectStore('registrations').put(draft);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    old.close();
    const store = new IndexedDbStore(name);
    expect(await store.get(draft.id)).toEqual(draft);
    expect(
      await store.list({
        registry: draft.registry,
        registrationType: draft.registrationType,
        status: 'open',
      }),
    ).toEqual([draft]);
    expect(
      await store.list({
        registry: draft.registry,
        registrationType: draft.registrationType,
        status: 'sent',
      }),
    ).toEqual([]);
    const reopened = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
    });
    expect(reopened.version).toBe(INDEXEDDB_VERSION);
    expect([...reopened.transaction('registrations').objectStore('registrations').indexNames].sort()).toEqual(
      ['type', 'typeStatus'],
    );
    reopened.close();
  });
});

describe('migration messages', () => {
  it('are in fr, nl, en and de, each valid ICU with the arguments of the English one', () => {
    expect(catalogProblems(MIGRATION_MESSAGES)).toEqual([]);
    expect(catalogProblems(LIFECYCLE_MESSAGES)).toEqual([]);
  });
});
