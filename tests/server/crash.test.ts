/*
 * A crash: `kill -9` the node during a burst of submissions, start it again on the same data.
 * Every submission that got a 2xx answer is there, whole (its data, its history); nothing is
 * half-written. On the embedded database and on a PostgreSQL server.
 */
import { createToken, openDatabase } from '@regforms/server';
import { afterAll, describe, expect, it } from 'vitest';
import { type NodeProcess, serveProcess } from './process.ts';
import { DATABASES, freshDatabase, pciData } from './support.ts';

describe.each(DATABASES)('a crash of the node on %s', (kind) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('keeps every acknowledged submission whole after kill -9 and a restart', async () => {
    const db = await freshDatabase(kind);
    cleanup.push(db.drop);
    const args = 'data' in db.options ? ['--data', db.options.data] : ['--database', db.options.url];
    // The token is made before the node starts (the embedded database has one owner at a time).
    const open = await openDatabase(db.options);
    const { token } = await createToken(open.db, '71000436', 'EHR');
    await open.close();

    const start = async () => {
      const node = await serveProcess([...args, '--port', '0', '--no-log']);
      cleanup.push(() => node.stop('SIGKILL'));
      return node;
    };
    let node: NodeProcess = await start();
    const acknowledged = new Map<string, Record<string, unknown>>();
    let attempted = 0;
    let killed = false;
    const client = async (c: number) => {
      for (let j = 0; !killed && j < 400; j++) {
        attempted++;
        try {
          const res = await fetch(`${node.url}/api/registrations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              registry: 'angio',
              type: 'hospitalisation-pci',
              status: j % 3 === 0 ? 'open' : 'sent',
              data: pciData(20_000 + c * 400 + j),
            }),
          });
          if (res.status >= 200 && res.status < 300) {
            const body = await res.json();
            acknowledged.set(body.id, body);
          }
        } catch {
          // The connection died with the node: not acknowledged.
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    // Kill it mid-burst, once some submissions are in.
    while (acknowledged.size < 60) await new Promise((r) => setTimeout(r, 20));
    await node.stop('SIGKILL');
    killed = true;
    await burst;
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);

    node = await start();
    const stored = new Map<string, Record<string, unknown>>();
    let cursor: string | null = null;
    do {
      const page: { registrations: Record<string, unknown>[]; next: string | null } = await (
        await fetch(`${node.url}/api/registrations?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
      for (const r of page.registrations) stored.set(r.id as string, r);
      cursor = page.next;
    } while (cursor);
    for (const [id, answer] of acknowledged) expect(stored.get(id), `acknowledged ${id}`).toEqual(answer);
    // None half-written: each stored registration (acknowledged or not) has its history up to its revision.
    for (const [id, r] of stored) {
      const history = await (
        await fetch(`${node.url}/api/registrations/${id}/history`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
      expect(history.events.at(-1)).toMatchObject({ revision: r.revision, status: r.status });
      expect(r.data).toBeTypeOf('object');
    }
    expect(stored.size).toBeLessThanOrEqual(attempted);
    console.log(
      `crash on ${kind}: ${acknowledged.size} acknowledged of ${attempted} attempted, ${stored.size} stored after restart`,
    );
    // And it takes new submissions.
    const after = await fetch(`${node.url}/api/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        registry: 'angio',
        type: 'hospitalisation-pci',
        status: 'sent',
        data: pciData(29_999),
      }),
    });
    expect(after.status).toBe(201);
    await node.stop();
  }, 240_000);
});
