/*
 * The node's browser-side clients (@regforms/registrations): ServerStore under the same
 * Registrations service as every other store, and SyncedStore, which keeps drafts on the device
 * while the node cannot be reached and sends them when it answers again.
 */
import {
  LifecycleError,
  MemoryStore,
  migrateRegistration,
  Registrations,
  ServerStore,
  SyncedStore,
} from '@regforms/registrations';
import { buildServer } from '@regforms/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, formOf, pciData, type TestNode, testNode } from './support.ts';

describe.each(DATABASES)('clients of the node on %s', (kind) => {
  let node: TestNode;
  let app: TestNode['app'];
  const form = formOf('angio', 'hospitalisation-pci');
  beforeAll(async () => {
    node = await testNode(kind);
    app = node.app;
  });
  afterAll(async () => {
    if (app !== node.app) await app.close();
    await node?.stop();
  });

  it('ServerStore: the lifecycle on the node — its checks, its registration code, its history', async () => {
    const service = new Registrations(new ServerStore({ url: node.url, auth: () => node.token }));
    const reg = await service.create(form);
    const saved = await service.save(reg.id, form, { ...pciData(800), DT_DISCH: undefined });
    expect(saved.registration.status).toBe('open');
    const sent = await service.send(reg.id, form, pciData(800));
    expect(sent.errors).toEqual([]);
    const onNode = await (await node.api(`/api/registrations/${reg.id}`)).json();
    // The code is the node's, not one made on the device.
    expect(sent.registration.registrationCode).toBe(onNode.registrationCode);
    expect(onNode).toMatchObject({ status: 'sent', revision: 4 });
    const history = await (await node.api(`/api/registrations/${reg.id}/history`)).json();
    expect(history.events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'saved',
      'saved',
      'sent',
    ]);
    // Listed through the store as through the API; another organisation's token sees none of it.
    expect((await service.list({ registry: 'angio' })).map((r) => r.id)).toContain(reg.id);
    const theirs = new Registrations(new ServerStore({ url: node.url, auth: node.otherToken }));
    expect(await theirs.get(reg.id)).toBeUndefined();
    await expect(theirs.save(reg.id, form, {})).rejects.toThrow(LifecycleError);
  });

  it('ServerStore: a draft moved to the newer version is moved on the node, with what did not fit', async () => {
    const service = new Registrations(new ServerStore({ url: node.url, auth: node.token }));
    const from = formOf('angio', 'hospitalisation', '1.0.0');
    const to = formOf('angio', 'hospitalisation', '1.1.0');
    const reg = await service.create(from);
    await service.save(reg.id, from, { TX_AUTHOR: 'Dr Claes' });
    const moved = migrateRegistration((await service.get(reg.id))!, from, to);
    const stored = await service.put(moved.registration);
    expect(stored).toMatchObject({ id: reg.id, version: '1.1.0', formHash: to.meta.hash });
    const onNode = await (await node.api(`/api/registrations/${reg.id}`)).json();
    expect(onNode).toMatchObject({ version: '1.1.0', data: { TX_AUTHOR: 'Dr Claes' } });
    expect(onNode.migration).toMatchObject({ fromVersion: '1.0.0' });
    // Never back to an older version.
    await expect(
      service.put({ ...stored, version: '1.0.0', formHash: from.meta.hash }),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('not back to 1.0.0'),
    });
  });

  it("ServerStore: the node's refusals are lifecycle errors with its message", async () => {
    const service = new Registrations(new ServerStore({ url: node.url, auth: node.token }));
    const reg = await service.create(form);
    // The device would save it (type errors are kept while Open): the node refuses it, and says why.
    await expect(service.save(reg.id, form, { DT_HOSPZ: 'not a date' })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('DT_HOSPZ'),
    });
    const unreachable = new Registrations(new ServerStore({ url: 'http://127.0.0.1:9', auth: node.token }));
    await expect(unreachable.create(form)).rejects.toMatchObject({ code: 'OFFLINE' });
  });

  it('SyncedStore: drafts stay on the device while the node is down and reach it when it is back', async () => {
    const local = new MemoryStore();
    const memory = new Map<string, string>();
    const synced = new SyncedStore(local, new ServerStore({ url: node.url, auth: node.token }), {
      retry: 50,
      memory: { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) },
    });
    const service = new Registrations(synced);
    const statuses: boolean[] = [];
    synced.onSync((s) => statuses.push(s.offline));
    const reg = await service.create(form);
    expect(synced.syncStatus()).toEqual({ pending: [], offline: false, refused: {} });

    // The node stops: saving goes on, on the device.
    const port = Number(new URL(node.url).port);
    await app.close();
    const draft: Record<string, unknown> = { ...pciData(801), DT_DISCH: undefined };
    const saved = await service.save(reg.id, form, draft);
    expect(saved.registration.data.IDC_PAT).toBe(draft.IDC_PAT);
    expect(synced.syncStatus()).toMatchObject({ pending: [reg.id], offline: true });
    expect((await local.get(reg.id))!.data.IDC_PAT).toBe(draft.IDC_PAT);
    expect(JSON.parse(memory.get('regforms-pending:regforms')!)).toEqual([reg.id]);
    // Send needs the node: refused with a message that says the data are kept.
    await expect(service.send(reg.id, form, pciData(801))).rejects.toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining('saved on this device'),
    });

    // The node is back on the same port and database: the retry sends the draft.
    app = await buildServer({ forms: node.forms, database: node.database });
    await app.listen({ port, host: '127.0.0.1' });
    for (let i = 0; i < 100 && synced.syncStatus().pending.length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(synced.syncStatus()).toEqual({ pending: [], offline: false, refused: {} });
    const onNode = await (await node.api(`/api/registrations/${reg.id}`)).json();
    expect(onNode.data.IDC_PAT).toBe(draft.IDC_PAT);
    expect(statuses).toContain(true);
    const sent = await service.send(reg.id, form, pciData(801));
    expect(sent.registration.registrationCode).toBe(
      (await (await node.api(`/api/registrations/${reg.id}`)).json()).registrationCode,
    );
  });
});
