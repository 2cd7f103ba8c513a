/*
 * The node's other channels: CSV upload, template and export through @regforms/csv, the
 * pseudonymised export, the rate limit per token, and logs that carry no secret.
 */
import { createHmac } from 'node:crypto';
import { exportCsv, templateColumns } from '@regforms/csv';
import { createRegistration } from '@regforms/registrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, formOf, nissFor, pciData, type TestNode, testNode } from './support.ts';

const KEY = `${'k'.repeat(20)}a-hospital-secret-of-enough-length`;

/** A CSV of registrations of angio/hospitalisation-pci (patients i…), as a hospital exports it. */
function csvOf(patients: number[], status: 'sent' | 'open' = 'sent'): string {
  const form = formOf('angio', 'hospitalisation-pci');
  const regs = patients.map((i) => ({ ...createRegistration(form, { data: pciData(i) }), status }));
  return exportCsv(form, regs);
}

describe.each(DATABASES)('channels of the node on %s', (kind) => {
  let node: TestNode;
  const logs: string[] = [];
  beforeAll(async () => {
    node = await testNode(kind, {
      env: { REGFORMS_PSEUDONYM_KEY: KEY },
      logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
    });
  });
  afterAll(async () => {
    await node?.stop();
  });

  const upload = (body: string, query = '', headers: Record<string, string> = {}) =>
    node.api(`/api/csv/angio/hospitalisation-pci${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...headers },
      body,
    });

  describe('CSV', () => {
    it('GET …/template: the header line of the form', async () => {
      const res = await node.api('/api/csv/angio/hospitalisation-pci/template');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect((await res.text()).trim()).toBe(
        templateColumns(formOf('angio', 'hospitalisation-pci')).join(';'),
      );
      const versioned = await node.api('/api/csv/angio/hospitalisation@1.0.0/template');
      expect(versioned.status).toBe(200);
      const wrong = await node.api('/api/csv/angio/hospitalisation@7.0.0/template');
      expect(wrong.status).toBe(404);
      expect((await wrong.json()).message).toContain('Versions: 1.0.0, 1.1.0');
    });

    it('an upload goes through the same import as the CLI: the report as JSON, registrations stored', async () => {
      const dry = await (await upload(csvOf([600, 601, 602]), '?dryRun=true')).json();
      expect(dry).toMatchObject({ dryRun: true, totals: { rows: 3, sent: 3, rejected: 0 } });
      expect((await (await node.api('/api/registrations?limit=1000')).json()).registrations).toHaveLength(0);
      const res = await upload(csvOf([600, 601, 602]), '?fileName=batch.csv');
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report).toMatchObject({ dryRun: false, totals: { rows: 3, sent: 3, rejected: 0 } });
      expect(report.file.name).toBe('batch.csv');
      const listed = (await (await node.api('/api/registrations?status=sent')).json()).registrations;
      expect(listed.map((r: { data: { IDC_PAT: string } }) => r.data.IDC_PAT).sort()).toEqual(
        [nissFor(600), nissFor(601), nissFor(602)].sort(),
      );
      const history = await (await node.api(`/api/registrations/${listed[0].id}/history`)).json();
      expect(history.events).toEqual([
        expect.objectContaining({ action: 'sent', status: 'sent', actor: expect.stringContaining('EHR') }),
      ]);
      // Rejected rows: every error with its column, in the language asked.
      const bad = csvOf([603]).replace(nissFor(603), '12345678901');
      const rejected = await (await upload(bad, '?lang=en')).json();
      expect(rejected.totals.rejected).toBe(1);
      expect(rejected.rows[0].errors).toContainEqual(
        expect.objectContaining({ column: 'IDC_PAT', code: 'format' }),
      );
      // The export: the organisation's registrations as CSV.
      const exported = await (await node.api('/api/csv/angio/hospitalisation-pci/export')).text();
      expect(exported.split('\n').filter(Boolean)).toHaveLength(4);
      expect(exported).toContain(nissFor(601));
      const theirs = await (
        await node.api('/api/csv/angio/hospitalisation-pci/export', { auth: node.otherToken })
      ).text();
      expect(theirs.split('\n').filter(Boolean)).toHaveLength(1);
    });

    it('an upload retried with its Idempotency-Key is imported once', async () => {
      const headers = { 'idempotency-key': `csv-${Math.random()}` };
      const first = await (await upload(csvOf([610, 611], 'open'), '', headers)).json();
      expect(first.totals.draft).toBe(2);
      const again = await upload(csvOf([610, 611], 'open'), '', headers);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(first);
      const open = (await (await node.api('/api/registrations?status=open&limit=1000')).json()).registrations;
      expect(
        open.filter((r: { data: { IDC_PAT: string } }) =>
          [nissFor(610), nissFor(611)].includes(r.data.IDC_PAT),
        ),
      ).toHaveLength(2);
    });

    it('wrong content type 415, over the size limit 413, a hostile file costs bounded work', async () => {
      const json = await node.api('/api/csv/angio/hospitalisation-pci', { method: 'POST', json: { a: 1 } });
      expect(json.status).toBe(415);
      expect((await json.json()).message).toContain('text/csv');
      const huge = await upload('x'.repeat(21 * 1024 * 1024));
      expect(huge.status).toBe(413);
      expect((await huge.json()).message).toContain('20,971,520 bytes');
      const columns = templateColumns(formOf('angio', 'hospitalisation-pci'));
      // Ten thousand unknown columns: refused at the header, in one error, before any row.
      const wide = `${[...columns, ...Array.from({ length: 10_000 }, (_, i) => `NOT_A_COLUMN_${i}`)].join(';')}\n`;
      const t0 = performance.now();
      const wideReport = await (await upload(`${wide}${columns.map(() => '').join(';')}\n`)).json();
      const wideMs = performance.now() - t0;
      expect(wideReport.issues.map((i: { code: string }) => i.code)).toEqual(['TOO_MANY_COLUMNS']);
      expect(wideReport.rows).toEqual([]);
      // One enormous cell: read, refused, and quoted in the report by its first characters only.
      const cell = `${columns.join(';')}\n${'x'.repeat(15_000_000)}\n`;
      const t1 = performance.now();
      const res = await upload(cell);
      const text = await res.text();
      const cellMs = performance.now() - t1;
      expect(res.status).toBe(200);
      expect(text.length).toBeLessThan(20_000);
      const report = JSON.parse(text);
      expect(report.totals.rejected).toBe(1);
      expect(JSON.stringify(report.rows[0])).toContain('(15,000,000 characters)');
      // Figures for the record, not a timed assertion: the benchmark measures speed.
      console.log(
        `hostile CSV on ${kind}: 10,000 columns ${Math.round(wideMs)} ms, one 15 MB cell ${Math.round(cellMs)} ms`,
      );
      expect((await node.api('/health', { auth: null })).status).toBe(200);
    }, 120_000);
  });

  describe('the pseudonymised export', () => {
    it('replaces every patient identifier by HMAC-SHA-256 under the key: the same patient, the same pseudonym', async () => {
      const p = pciData(700);
      await node.api('/api/registrations', {
        method: 'POST',
        json: {
          registry: 'angio',
          type: 'hospitalisation-pci',
          status: 'sent',
          data: { ...p, TX_IDC_PAT_INT: 'MRN-42' },
        },
      });
      const res = await node.api('/api/export?registry=angio&type=hospitalisation-pci');
      expect(res.status).toBe(200);
      const out = await res.json();
      expect(out.pseudonymised).toEqual(
        expect.arrayContaining(['IDC_PAT', 'TX_IDC_PAT_INT', 'TX_PAT_FIRST_NAM', 'TX_PAT_LAST_NAM']),
      );
      const text = JSON.stringify(out);
      expect(text).not.toContain(nissFor(700));
      expect(text).not.toContain('MRN-42');
      const mine = out.registrations.find(
        (r: { data: { IDC_PAT: string } }) =>
          r.data.IDC_PAT === createHmac('sha256', KEY).update(nissFor(700)).digest('hex'),
      );
      expect(mine).toBeDefined();
      expect(mine.data.TX_IDC_PAT_INT).toBe(createHmac('sha256', KEY).update('MRN-42').digest('hex'));
      expect(mine.data.DT_HOSPZ).toBe(p.DT_HOSPZ);
      expect(out.registrations.every((r: { organisation: string }) => r.organisation === '71000436')).toBe(
        true,
      );
      // The same patient in another registration type: the same pseudonym (records can be linked).
      const again = await (await node.api('/api/export?registry=angio')).json();
      expect(
        again.registrations.filter((r: { data: { IDC_PAT: string } }) => r.data.IDC_PAT === mine.data.IDC_PAT)
          .length,
      ).toBeGreaterThanOrEqual(1);
      // A patient without a national number: the computed pseudocode leaves only as a pseudonym too.
      const { IDC_PAT: _none, ...foreign } = pciData(701);
      const posted = await (
        await node.api('/api/registrations', {
          method: 'POST',
          json: {
            registry: 'angio',
            type: 'hospitalisation-pci',
            status: 'sent',
            data: { ...foreign, TX_PAT_LAST_NAM: 'Peeters', TX_PAT_FIRST_NAM: 'Jan' },
          },
        })
      ).json();
      const code = posted.data.TX_IDC_PAT_GENER as string;
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      const withForeign = JSON.stringify(await (await node.api('/api/export?registry=angio')).json());
      expect(withForeign).not.toContain(code);
      expect(withForeign).not.toContain('Peeters');
      expect(withForeign).toContain(createHmac('sha256', KEY).update(code).digest('hex'));
      const unknown = await node.api('/api/export?registry=angoi');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).message).toContain("Did you mean 'angio'?");
    });
  });

  describe('operations', () => {
    it('no secret in a log line: no token, no national number', async () => {
      await node.api('/api/registrations?limit=1');
      await node.api('/api/registrations', { auth: 'rft_wrong-token-value' });
      expect(logs.length).toBeGreaterThan(5);
      const all = logs.join('\n');
      expect(all).not.toContain(node.token);
      expect(all).not.toContain(node.token.slice(4, 24));
      expect(all).not.toContain('rft_wrong-token-value');
      expect(all).not.toContain(nissFor(600));
    });
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After once a token is over its requests per minute; others go on', async () => {
    const node = await testNode('pglite', { rateLimit: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await node.api('/api/registrations')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const limited = await node.api('/api/registrations');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).code).toBe('RATE_LIMITED');
      expect((await node.api('/api/registrations', { auth: node.otherToken })).status).toBe(200);
    } finally {
      await node.stop();
    }
  });
});
