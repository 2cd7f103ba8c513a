/*
 * The hospital node's API over HTTP on loopback, on the embedded database and (in CI) on a
 * PostgreSQL server: forms, the lifecycle, access, idempotency, concurrency, bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listTokens, revokeToken } from '@regforms/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, formOf, nissFor, pciData, type TestNode, testNode } from './support.ts';

const PCI = { registry: 'angio', type: 'hospitalisation-pci' };

describe.each(DATABASES)('the node on %s', (kind) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await testNode(kind);
  });
  afterAll(async () => {
    await node?.stop();
  });

  const submit = (data: Record<string, unknown>, status: 'open' | 'sent', extra: RequestInit = {}) =>
    node.api('/api/registrations', { method: 'POST', json: { ...PCI, status, data }, ...extra });

  describe('forms', () => {
    it('GET /api/catalog: programme → registry → type → versions, the most recent marked', async () => {
      const res = await node.api('/api/catalog', { auth: null });
      expect(res.status).toBe(200);
      const catalog = await res.json();
      const hosp = catalog.registries
        .find((r: { id: string }) => r.id === 'angio')
        .registrationTypes.find((t: { id: string }) => t.id === 'hospitalisation');
      expect(hosp.latest).toBe('2.0.0');
      expect(
        hosp.versions.filter((v: { latest: boolean }) => v.latest).map((v: { version: string }) => v.version),
      ).toEqual(['2.0.0']);
    });

    it("GET /forms/…/validators.js: the form's validators module, by its hash (304 when unchanged)", async () => {
      const form = formOf('angio', 'hospitalisation');
      const path = `/forms/angio/hospitalisation/${form.meta.version}/validators.js`;
      const res = await node.api(path, { auth: null });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const code = await res.text();
      expect(code).toContain(`export const hash = "${form.meta.hash}";`);
      expect(code).toContain('export default function validators(require)');
      const again = await node.api(path, {
        auth: null,
        headers: { 'if-none-match': res.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
      const unknown = await node.api('/forms/angio/hospitalisation/9.9.9/validators.js', { auth: null });
      expect(unknown.status).toBe(404);
    });

    it('compresses what a browser fetches: the form (br or gzip, as asked), its validators', async () => {
      const form = formOf('angio', 'hospitalisation');
      const path = `/forms/angio/hospitalisation/${form.meta.version}/form.json`;
      for (const encoding of ['br', 'gzip']) {
        const res = await node.api(path, { auth: null, headers: { 'accept-encoding': encoding } });
        expect(res.headers.get('content-encoding'), encoding).toBe(encoding);
        expect((await res.json()).meta.hash).toBe(form.meta.hash);
      }
      const plain = await node.api(path, { auth: null, headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const validators = await node.api(`/forms/angio/hospitalisation/${form.meta.version}/validators.js`, {
        auth: null,
        headers: { 'accept-encoding': 'br' },
      });
      expect(validators.headers.get('content-encoding')).toBe('br');
    });

    it("GET /regforms-form-….js: only the element's own chunks, by name", async () => {
      // This node has no element bundle.
      expect((await node.api('/regforms-form-x.js', { auth: null })).status).toBe(404);
      const dir = mkdtempSync(join(tmpdir(), 'regforms-element-'));
      writeFileSync(join(dir, 'regforms-form.js'), 'import("./regforms-form-chunk-1.js");');
      writeFileSync(join(dir, 'regforms-form-chunk-1.js'), 'export const chunk = 1;');
      writeFileSync(join(dir, 'secret.js'), 'TOP SECRET CONTENT');
      const withElement = await testNode(kind, { element: join(dir, 'regforms-form.js') });
      try {
        const chunk = await withElement.api('/regforms-form-chunk-1.js', { auth: null });
        expect(chunk.status).toBe(200);
        expect(chunk.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        expect(await chunk.text()).toBe('export const chunk = 1;');
        for (const name of [
          '/regforms-form-..%2Fsecret.js',
          '/regforms-form-x.js%00.png',
          '/regforms-form-nope.js',
        ]) {
          const refused = await withElement.api(name, { auth: null });
          expect(refused.status, name).toBe(404);
          expect(await refused.text()).not.toContain('TOP SECRET CONTENT');
        }
      } finally {
        await withElement.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('GET /api/forms: the most recent version by default, with an ETag (304 when unchanged)', async () => {
      const res = await node.api('/api/forms/angio/hospitalisation', { auth: null });
      expect(res.status).toBe(200);
      const form = await res.json();
      expect(form.meta.version).toBe('2.0.0');
      const etag = res.headers.get('etag');
      expect(etag).toBe(`"${form.meta.hash}"`);
      const again = await node.api('/api/forms/angio/hospitalisation/2.0.0', {
        auth: null,
        headers: { 'if-none-match': etag! },
      });
      expect(again.status).toBe(304);
      const older = await (await node.api('/api/forms/angio/hospitalisation/1.0.0', { auth: null })).json();
      expect(older.meta.version).toBe('1.0.0');
    });

    it('an unknown registry, type or version: 404 with "did you mean" or the versions', async () => {
      const a = await (await node.api('/api/forms/angoi/hospitalisation', { auth: null })).json();
      expect(a).toMatchObject({ statusCode: 404, code: 'UNKNOWN_REGISTRY' });
      expect(a.message).toContain("Did you mean 'angio'?");
      const b = await (await node.api('/api/forms/angio/hospitalisaton', { auth: null })).json();
      expect(b.message).toContain("Did you mean 'hospitalisation'?");
      const c = await (await node.api('/api/forms/angio/hospitalisation/9.9.9', { auth: null })).json();
      expect(c.code).toBe('UNKNOWN_VERSION');
      expect(c.message).toContain('Versions: 1.0.0, 1.1.0, 2.0.0 (most recent)');
      const d = await node.api('/api/registrations', {
        method: 'POST',
        json: { registry: 'angio', type: 'hospitalisation-pcx', status: 'open', data: {} },
      });
      expect(d.status).toBe(404);
      expect((await d.json()).message).toContain("Did you mean 'hospitalisation-pci'?");
    });
  });

  describe('access', () => {
    it('every registration route needs a token: 401 without, with a wrong one, with a revoked one', async () => {
      for (const [path, method] of [
        ['/api/registrations', 'GET'],
        ['/api/registrations', 'POST'],
        ['/api/registrations/x', 'GET'],
        ['/api/registrations/x/history', 'GET'],
        ['/api/csv/angio/hospitalisation-pci', 'POST'],
        ['/api/export?registry=angio', 'GET'],
      ] as const) {
        const res = await node.api(path, { method, auth: null });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect((await res.json()).code).toBe('NO_TOKEN');
      }
      const wrong = await node.api('/api/registrations', { auth: 'rft_not-a-token' });
      expect(wrong.status).toBe(401);
      const { createToken } = await import('@regforms/server');
      const made = await createToken(node.database.db, '71000436', 'to revoke');
      expect((await node.api('/api/registrations', { auth: made.token })).status).toBe(200);
      await revokeToken(node.database.db, made.id);
      const revoked = await node.api('/api/registrations', { auth: made.token });
      expect(revoked.status).toBe(401);
      expect((await revoked.json()).code).toBe('BAD_TOKEN');
      const listed = await listTokens(node.database.db);
      expect(listed.find((t) => t.id === made.id)?.revokedAt).toBeTruthy();
    });

    it('tokens are stored hashed: the database does not hold the token', async () => {
      const rows = await sql<{ hash: string }>`select hash from tokens`.execute(node.database.db);
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const r of rows.rows) expect(r.hash).not.toContain(node.token.slice(4, 20));
    });

    it("another organisation's registration answers 404 on every route, and is not listed", async () => {
      const mine = await (await submit(pciData(900), 'open')).json();
      for (const [path, method, body] of [
        [`/api/registrations/${mine.id}`, 'GET', undefined],
        [`/api/registrations/${mine.id}`, 'PUT', { data: {} }],
        [`/api/registrations/${mine.id}`, 'DELETE', undefined],
        [`/api/registrations/${mine.id}/send`, 'POST', undefined],
        [`/api/registrations/${mine.id}/history`, 'GET', undefined],
      ] as const) {
        const res = await node.api(path, {
          method,
          auth: node.otherToken,
          headers: { 'if-match': '"1"' },
          ...(body ? { json: body } : {}),
        });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
      const listed = await (
        await node.api('/api/registrations?limit=1000', { auth: node.otherToken })
      ).json();
      expect(listed.registrations.some((r: { id: string }) => r.id === mine.id)).toBe(false);
      expect((await node.api(`/api/registrations/${mine.id}`)).status).toBe(200);
    });
  });

  describe('the lifecycle', () => {
    it('Sent at once: 201, a registration code, revision 1, Location and ETag', async () => {
      const res = await submit(pciData(1), 'sent');
      expect(res.status).toBe(201);
      const reg = await res.json();
      expect(reg).toMatchObject({
        status: 'sent',
        revision: 1,
        registry: 'angio',
        type: 'hospitalisation-pci',
      });
      expect(reg.registrationCode).toMatch(/^ANGIO-\d{4}-[0-9A-Z]{10}$/);
      expect(reg.businessKey).toContain(nissFor(1));
      expect(res.headers.get('location')).toBe(`/api/registrations/${reg.id}`);
      expect(res.headers.get('etag')).toBe('"1"');
      const read = await (await node.api(`/api/registrations/${reg.id}`)).json();
      expect(read).toEqual(reg);
    });

    it("invalid data: 422 with every error located, in the form's words in Accept-Language; nothing stored", async () => {
      const before = (await (await node.api('/api/registrations?limit=1000')).json()).registrations.length;
      const data = { ...pciData(2), MS_PAT_HGHT: 'tall', IDC_PAT: '12345678901' };
      const fr = await submit(data, 'sent', { headers: { 'accept-language': 'fr-BE,fr;q=0.9' } });
      expect(fr.status).toBe(422);
      const body = await fr.json();
      expect(body.code).toBe('INVALID_DATA');
      const names = body.errors.map((e: { name: string }) => e.name);
      expect(names).toEqual(expect.arrayContaining(['MS_PAT_HGHT', 'IDC_PAT']));
      const niss = body.errors.find((e: { name: string }) => e.name === 'IDC_PAT');
      expect(niss).toMatchObject({ path: 'IDC_PAT', code: 'format' });
      expect(niss.message).toContain('registre national');
      const en = await (await submit(data, 'sent', { headers: { 'accept-language': 'en' } })).json();
      expect(en.errors.find((e: { name: string }) => e.name === 'IDC_PAT').message).toContain(
        'national number',
      );
      // In a repeat: the item's index in the path.
      const pci = pciData(3) as { PCI: Record<string, unknown>[] };
      pci.PCI[0]!.DT_PCI = '31/02/2024';
      const inRepeat = await (await submit(pci, 'open')).json();
      expect(inRepeat.errors).toContainEqual(
        expect.objectContaining({ name: 'DT_PCI', path: 'PCI[0].DT_PCI' }),
      );
      const after = (await (await node.api('/api/registrations?limit=1000')).json()).registrations.length;
      expect(after).toBe(before);
    });

    it('Open, then PUT with If-Match, then Send; the history records each step', async () => {
      const data = pciData(4);
      const draft = { ...data };
      delete draft.DT_DISCH;
      delete draft.CD_STA_DISCH;
      const created = await submit(draft, 'open');
      expect(created.status).toBe(201);
      const reg = await created.json();
      expect(reg).toMatchObject({ status: 'open', registrationCode: null, revision: 1 });
      // Sending what is incomplete: 422, still Open.
      const early = await node.api(`/api/registrations/${reg.id}/send`, { method: 'POST' });
      expect(early.status).toBe(422);
      const put = await node.api(`/api/registrations/${reg.id}`, {
        method: 'PUT',
        headers: { 'if-match': '"1"' },
        json: { data },
      });
      expect(put.status).toBe(200);
      expect(put.headers.get('etag')).toBe('"2"');
      const stale = await node.api(`/api/registrations/${reg.id}`, {
        method: 'PUT',
        headers: { 'if-match': '"1"' },
        json: { data },
      });
      expect(stale.status).toBe(412);
      expect((await stale.json()).code).toBe('REVISION_CHANGED');
      const noMatch = await node.api(`/api/registrations/${reg.id}`, { method: 'PUT', json: { data } });
      expect(noMatch.status).toBe(428);
      const sent = await node.api(`/api/registrations/${reg.id}/send`, {
        method: 'POST',
        headers: { 'if-match': '"2"' },
      });
      expect(sent.status).toBe(200);
      const s = await sent.json();
      expect(s).toMatchObject({ status: 'sent', revision: 3 });
      expect(s.registrationCode).toMatch(/^ANGIO-/);
      // Sent is read-only: PUT, DELETE and a second send are conflicts that say why.
      const change = await node.api(`/api/registrations/${reg.id}`, {
        method: 'PUT',
        headers: { 'if-match': '"3"' },
        json: { data },
      });
      expect(change.status).toBe(409);
      expect((await change.json()).message).toContain('helpdesk');
      expect((await node.api(`/api/registrations/${reg.id}`, { method: 'DELETE' })).status).toBe(409);
      expect((await node.api(`/api/registrations/${reg.id}/send`, { method: 'POST' })).status).toBe(409);
      const history = await (await node.api(`/api/registrations/${reg.id}/history`)).json();
      expect(
        history.events.map((e: { action: string; status: string; revision: number }) => [
          e.action,
          e.status,
          e.revision,
        ]),
      ).toEqual([
        ['created', 'open', 1],
        ['saved', 'open', 2],
        ['sent', 'sent', 3],
      ]);
      expect(history.events[0].actor).toMatch(/^EHR \(token [0-9a-f]{8}\)$/);
    });

    it('the history is append-only: the database refuses to change or delete an event', async () => {
      await expect(sql`delete from registration_events`.execute(node.database.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`update registration_events set actor = 'x'`.execute(node.database.db)).rejects.toThrow(
        /append-only/,
      );
    });

    it('DELETE: an Open registration becomes Deleted and is kept', async () => {
      const reg = await (await submit(pciData(5), 'open')).json();
      const del = await node.api(`/api/registrations/${reg.id}`, { method: 'DELETE' });
      expect(del.status).toBe(200);
      expect((await del.json()).status).toBe('deleted');
      const read = await (await node.api(`/api/registrations/${reg.id}`)).json();
      expect(read).toMatchObject({
        status: 'deleted',
        data: expect.objectContaining({ IDC_PAT: nissFor(5) }),
      });
      expect(read.deletedAt).toBeTruthy();
    });

    it('the business key: an Open one is replaced, a Sent one is a 409 that names it', async () => {
      const first = await (await submit(pciData(6), 'open')).json();
      const again = await submit({ ...pciData(6), MS_PAT_WGHT: 81 }, 'open');
      expect(again.status).toBe(201);
      const replacing = await again.json();
      expect(replacing.replaces).toEqual({ id: first.id });
      expect(replacing.data.MS_PAT_WGHT).toBe(81);
      // The replaced one is Deleted and kept, its history saying why.
      const old = await (await node.api(`/api/registrations/${first.id}`)).json();
      expect(old.status).toBe('deleted');
      const oldHistory = await (await node.api(`/api/registrations/${first.id}/history`)).json();
      expect(oldHistory.events.at(-1)).toMatchObject({ action: 'replaced', status: 'deleted' });
      const sent = await (await submit(pciData(6), 'sent')).json();
      expect(sent).toMatchObject({ status: 'sent', replaces: { id: replacing.id } });
      const dup = await submit(pciData(6), 'sent');
      expect(dup.status).toBe(409);
      const body = await dup.json();
      expect(body.code).toBe('SENT_WITH_SAME_KEY');
      expect(body.message).toContain(sent.registrationCode);
      expect(body.registration).toEqual({ id: sent.id, registrationCode: sent.registrationCode });
      // Another organisation's registrations have keys of their own.
      const theirs = await node.api('/api/registrations', {
        method: 'POST',
        auth: node.otherToken,
        json: { ...PCI, status: 'sent', data: pciData(6) },
      });
      expect(theirs.status).toBe(201);
    });

    it("a patient without a national number: the computed pseudocode is the key; a Sent one is refused in the caller's language", async () => {
      const foreign = (i: number, extra: Record<string, unknown> = {}) => {
        const { IDC_PAT: _niss, ...rest } = pciData(7);
        return {
          ...rest,
          TX_PAT_LAST_NAM: 'Dupont-Lévêque',
          TX_PAT_FIRST_NAM: 'Anne',
          DT_PAT_DOB: '1950-02-03',
          CD_PAT_SEX: 'F',
          TX_IDC_PAT_INT: `int-${i}`,
          ...extra,
        };
      };
      const first = await (await submit(foreign(1), 'open')).json();
      expect(first.data.IDC_PAT).toBeUndefined();
      expect(first.data.TX_IDC_PAT_GENER).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(first.businessKey).toBe(`${first.data.TX_IDC_PAT_GENER}|${first.data.DT_HOSPZ}`);
      // The same patient, the name spelt otherwise: the same registration, replaced.
      const second = await (await submit(foreign(2, { TX_PAT_LAST_NAM: 'DUPONT LEVEQUE' }), 'sent')).json();
      expect(second).toMatchObject({ status: 'sent', replaces: { id: first.id } });
      const again = await submit(foreign(3), 'sent', { headers: { 'accept-language': 'nl' } });
      expect(again.status).toBe(409);
      const body = await again.json();
      expect(body.code).toBe('SENT_WITH_SAME_KEY');
      expect(body.message).toContain('helpdesk van het register');
      expect(body.message).toContain(second.registrationCode);
    });

    it('lists with filters and a cursor: every registration once, in the order they changed', async () => {
      const made = new Set<string>();
      for (let i = 0; i < 7; i++) made.add((await (await submit(pciData(100 + i), 'open')).json()).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `/api/registrations?status=open&registry=angio&type=hospitalisation-pci&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await (await node.api(q)).json();
        seen.push(...page.registrations.map((r: { id: string }) => r.id));
        expect(page.registrations.every((r: { status: string }) => r.status === 'open')).toBe(true);
        cursor = page.next;
        pages++;
      } while (cursor && pages < 50);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of made) expect(seen).toContain(id);
      const future = await (await node.api('/api/registrations?updatedSince=2999-01-01T00:00:00Z')).json();
      expect(future.registrations).toEqual([]);
      const bad = await node.api('/api/registrations?cursor=nonsense');
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('BAD_CURSOR');
    });
  });

  describe('bad input', () => {
    it('malformed JSON 400, wrong content type 415, an unknown property 400, a body over the limit 413', async () => {
      const malformed = await node.api('/api/registrations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"registry": "angio",',
      });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).code).toBe('BAD_JSON');
      const form = await node.api('/api/registrations', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'registry=angio',
      });
      expect(form.status).toBe(415);
      expect((await form.json()).message).toContain('application/json');
      const extra = await node.api('/api/registrations', {
        method: 'POST',
        json: { ...PCI, status: 'open', data: {}, sneaky: 1 },
      });
      expect(extra.status).toBe(400);
      expect((await extra.json()).message).toContain('must NOT have additional properties');
      const missing = await (
        await node.api('/api/registrations', { method: 'POST', json: { ...PCI } })
      ).json();
      expect(missing.code).toBe('BAD_REQUEST');
      expect(missing.errors.map((e: { message: string }) => e.message).join(' ')).toContain("'data'");
      const big = await node.api('/api/registrations', {
        method: 'POST',
        json: { ...PCI, status: 'open', data: { TX_IDC_PAT_INT: 'x'.repeat(1_100_000) } },
      });
      expect(big.status).toBe(413);
      expect((await big.json()).code).toBe('BODY_TOO_LARGE');
    });

    it('SQL metacharacters and 10,000-character strings: stored and returned as text, or refused by the form', async () => {
      const hostile = `'); drop table registrations; -- "\\ %_* $1 \u2028`;
      const data = { ...pciData(7), TX_IDC_PAT_INT: hostile };
      const reg = await (await submit(data, 'open')).json();
      expect(reg.data.TX_IDC_PAT_INT).toBe(hostile);
      expect((await (await node.api(`/api/registrations/${reg.id}`)).json()).data.TX_IDC_PAT_INT).toBe(
        hostile,
      );
      const long = 'é'.repeat(10_000);
      // Every text field of the form at once: a maxLength refuses it, with the field named.
      const form = formOf('angio', 'hospitalisation-pci');
      const texts = form.logic.fields
        .filter((f) => f.type === 'text' && !f.repeat && !f.visible)
        .map((f) => f.name);
      const all = { ...pciData(8), ...Object.fromEntries(texts.map((n) => [n, long])) };
      const refused = await (await submit(all, 'open')).json();
      for (const n of texts.filter(
        (n) => (form.schema.properties as Record<string, { maxLength?: number }>)[n]?.maxLength,
      ))
        expect(refused.errors.map((e: { name: string }) => e.name)).toContain(n);
      for (const q of [
        `registry=${encodeURIComponent("angio' or '1'='1")}`,
        `type=${encodeURIComponent('x"; select pg_sleep(10); --')}`,
      ]) {
        const res = await node.api(`/api/registrations?${q}`);
        expect(res.status).toBe(200);
        expect((await res.json()).registrations).toEqual([]);
      }
      const longFilter = await node.api(`/api/registrations?registry=${'a'.repeat(10_000)}`);
      expect(longFilter.status).toBe(400);
      expect((await longFilter.json()).message).toContain('querystring.registry');
      const longId = await node.api(`/api/registrations/${'a'.repeat(10_000)}`);
      expect([400, 404, 414]).toContain(longId.status);
      const still = await sql<{ n: number }>`select count(*)::int as n from registrations`.execute(
        node.database.db,
      );
      expect(still.rows[0]!.n).toBeGreaterThan(0);
    });

    it('an unknown route: 404 that points at the docs; the OpenAPI document and docs page are served', async () => {
      const res = await node.api('/api/nothing');
      expect(res.status).toBe(404);
      expect((await res.json()).message).toContain('/docs');
      const openapi = await (await node.api('/openapi.json', { auth: null })).json();
      expect(openapi.openapi).toMatch(/^3\./);
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/api/catalog',
          '/api/registrations',
          '/api/registrations/{id}',
          '/api/registrations/{id}/send',
          '/api/registrations/{id}/history',
          '/api/csv/{registry}/{spec}',
          '/api/export',
        ]),
      );
      expect(
        openapi.paths['/api/registrations'].post.requestBody.content['application/json'].schema.required,
      ).toEqual(['registry', 'type', 'data', 'status']);
      const docs = await node.api('/docs/', { auth: null });
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
    });
  });

  describe('retries and races', () => {
    it('Idempotency-Key: retries (at once and after) give the first answer, one registration', async () => {
      const key = `k-${Math.random()}`;
      const headers = { 'idempotency-key': key };
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => submit(pciData(200), 'sent', { headers })),
      );
      const bodies = await Promise.all(answers.map((a) => a.json()));
      const ok = answers.filter((a) => a.status === 201 || a.status === 409);
      expect(ok.length).toBe(8);
      const ids = new Set(bodies.map((b) => b.id ?? b.code));
      // All got the same registration (a retry still in flight may be told to wait: 409 IN_PROGRESS).
      const created = bodies.filter((b) => b.id);
      expect(new Set(created.map((b) => b.id)).size).toBe(1);
      expect(ids.size).toBeLessThanOrEqual(2);
      const later = await submit(pciData(200), 'sent', { headers });
      expect(later.status).toBe(201);
      expect(later.headers.get('idempotent-replayed')).toBe('true');
      expect((await later.json()).id).toBe(created[0].id);
      const count = await sql<{
        n: number;
      }>`select count(*)::int as n from registrations where business_key like ${`${nissFor(200)}%`}`.execute(
        node.database.db,
      );
      expect(count.rows[0]!.n).toBe(1);
      const reused = await submit(pciData(201), 'sent', { headers });
      expect(reused.status).toBe(422);
      expect((await reused.json()).code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('20 clients racing on one business key: one registration', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => submit(pciData(300), 'sent')));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const count = await sql<{
        n: number;
      }>`select count(*)::int as n from registrations where business_key like ${`${nissFor(300)}%`}`.execute(
        node.database.db,
      );
      expect(count.rows[0]!.n).toBe(1);
    });

    it('two PUTs with the same If-Match: one wins, the other is 412', async () => {
      const reg = await (await submit(pciData(400), 'open')).json();
      const put = (w: number) =>
        node.api(`/api/registrations/${reg.id}`, {
          method: 'PUT',
          headers: { 'if-match': '"1"' },
          json: { data: { ...pciData(400), MS_PAT_WGHT: w } },
        });
      const [a, b] = await Promise.all([put(70), put(90)]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const final = await (await node.api(`/api/registrations/${reg.id}`)).json();
      expect(final.revision).toBe(2);
    });

    it('50 clients × 40 submissions at once: exactly 2,000 registrations, unique codes, none lost', async () => {
      const before = await sql<{ n: number }>`select count(*)::int as n from registrations`.execute(
        node.database.db,
      );
      const results: { status: number; id?: string; code?: string }[] = [];
      await Promise.all(
        Array.from({ length: 50 }, async (_, client) => {
          for (let j = 0; j < 40; j++) {
            const i = 10_000 + client * 40 + j;
            const res = await submit(pciData(i), 'sent');
            const body = await res.json();
            results.push({ status: res.status, id: body.id, code: body.registrationCode });
          }
        }),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(2000);
      expect(new Set(results.map((r) => r.code)).size).toBe(2000);
      const after = await sql<{ n: number }>`select count(*)::int as n from registrations`.execute(
        node.database.db,
      );
      expect(after.rows[0]!.n - before.rows[0]!.n).toBe(2000);
      const codes = await sql<{
        n: number;
      }>`select count(distinct registration_code)::int as n from registrations where registration_code is not null`.execute(
        node.database.db,
      );
      const sent = await sql<{
        n: number;
      }>`select count(*)::int as n from registrations where status = 'sent'`.execute(node.database.db);
      expect(codes.rows[0]!.n).toBe(sent.rows[0]!.n);
    }, 240_000);
  });
});

describe.each(DATABASES.filter((k) => k === 'postgres'))('the node on a %s server', (kind) => {
  it('survives the server ending its idle connections (a restart, a failover): the next request reconnects', async () => {
    const node = await testNode(kind);
    try {
      // Several requests at once: the pool holds several connections.
      const first = await Promise.all(Array.from({ length: 6 }, () => node.api('/api/registrations')));
      expect(first.map((r) => r.status)).toEqual(Array(6).fill(200));
      // End every other connection of the node's database, as the server does when it restarts.
      const ended = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(node.database.db);
      expect(ended.rows[0]!.n).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await Promise.all(Array.from({ length: 6 }, () => node.api('/api/registrations')));
      expect(after.map((r) => r.status)).toEqual(Array(6).fill(200));
    } finally {
      await node.stop();
    }
  });
});
