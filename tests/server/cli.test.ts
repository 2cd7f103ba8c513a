/*
 * `regforms serve …` as an operator types it: tokens made, listed and revoked on the embedded
 * database, the pseudonymised export, and clear refusals (a folder another node owns, a
 * PostgreSQL that does not answer, no pseudonymisation key, bad options).
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support.ts';
import { serveProcess } from './process.ts';
import { nissFor, pciData } from './support.ts';

const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');
const KEY = 'a-hospital-key-that-is-long-enough-0123456789';
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function regforms(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('regforms serve, from the command line', () => {
  const data = mkdtempSync(join(tmpdir(), 'regforms-cli-node-'));
  temps.push(data);

  it('makes, lists and revokes tokens; a revoked token is refused by the node', async () => {
    const made = regforms(['serve', 'token', 'create', '--org', '71000436', '--name', 'EHR', '--data', data]);
    expect(made.code).toBe(0);
    const token = made.out.trim();
    expect(token).toMatch(/^rft_[\w-]{43}$/);
    expect(made.err).toMatch(/Token [0-9a-f]{8} for organisation 71000436 \(EHR\)\. It is shown once/);
    const list = JSON.parse(regforms(['serve', 'token', 'list', '--json', '--data', data]).out);
    expect(list).toEqual([
      expect.objectContaining({ organisation: '71000436', name: 'EHR', revokedAt: null }),
    ]);
    expect(JSON.stringify(list)).not.toContain(token);

    // While the node runs, it owns the folder: the token commands say so.
    const node = await serveProcess(['--data', data, '--port', '0', '--no-log'], {
      REGFORMS_PSEUDONYM_KEY: KEY,
    });
    try {
      const busy = regforms(['serve', 'token', 'list', '--data', data]);
      expect(busy.code).toBe(2);
      expect(busy.err).toContain(`is in use by process`);
      expect(busy.err).toContain('Stop it first');
      const submit = await fetch(`${node.url}/api/registrations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          registry: 'angio',
          type: 'hospitalisation-pci',
          status: 'sent',
          data: pciData(950),
        }),
      });
      expect(submit.status).toBe(201);
    } finally {
      await node.stop();
    }

    const exported = regforms(['serve', 'export', '--registry', 'angio', '--data', data], {
      REGFORMS_PSEUDONYM_KEY: KEY,
    });
    expect(exported.code).toBe(0);
    const out = JSON.parse(exported.out);
    expect(out.registrations).toHaveLength(1);
    expect(out.registrations[0].data.IDC_PAT).toBe(
      createHmac('sha256', KEY).update(nissFor(950)).digest('hex'),
    );
    expect(exported.out).not.toContain(nissFor(950));
    expect(exported.err).toContain('1 registration exported; pseudonymised: IDC_PAT');
    const noKey = regforms(['serve', 'export', '--registry', 'angio', '--data', data], {
      REGFORMS_PSEUDONYM_KEY: '',
    });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('REGFORMS_PSEUDONYM_KEY');
    const unknown = regforms(['serve', 'export', '--registry', 'angoi', '--data', data], {
      REGFORMS_PSEUDONYM_KEY: KEY,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Did you mean 'angio'?");

    const id = list[0].id;
    expect(regforms(['serve', 'token', 'revoke', id, '--data', data]).code).toBe(0);
    const again = regforms(['serve', 'token', 'revoke', id, '--data', data]);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`Token ${id} is already revoked`);
    const restarted = await serveProcess(['--data', data, '--port', '0', '--no-log']);
    try {
      const refused = await fetch(`${restarted.url}/api/registrations`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(refused.status).toBe(401);
    } finally {
      await restarted.stop();
    }
  }, 120_000);

  it('refuses bad options with what to do', () => {
    const org = regforms(['serve', 'token', 'create', '--org', '123', '--name', 'EHR', '--data', data]);
    expect(org.code).toBe(2);
    expect(org.err).toContain("--org must be the organisation's NIHDI number, 8 digits");
    const url = regforms(['serve', 'token', 'list', '--database', 'mysql://x']);
    expect(url.code).toBe(2);
    expect(url.err).toContain('--database must be a PostgreSQL URL');
    const down = regforms(['serve', 'token', 'list', '--database', 'postgres://nobody@127.0.0.1:9/none']);
    expect(down.code).toBe(2);
    expect(down.err).toContain('Cannot connect to postgres://nobody@127.0.0.1:9/none');
    const port = regforms(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.err).toContain('--port must be a whole number');
  }, 60_000);
});
