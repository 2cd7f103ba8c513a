/*
 * The hospital node's throughput on loopback: valid Sent submissions of
 * angio/hospitalisation-pci (138 fields, 2 PCI procedures) from 1, 10 and 50 concurrent
 * clients — submissions/s, p50 and p99 latency — on the embedded database (PGlite) and on a
 * PostgreSQL server, printed beside the same node's bare `GET /health` (this machine's HTTP
 * floor: Fastify, the loopback and the client, no work) and beside the form's validator alone
 * on the same bodies (checkData: the CPU cost of the rules, no HTTP, no database).
 *
 * The node runs as `regforms serve` in its own process (as in production: the client here
 * does not share its event loop); the client keeps its connections alive (node:http Agent).
 * Where the time goes is read from each answer's Server-Timing header: validation (check),
 * waiting for a connection (wait: the embedded database has one, so this is its queue), and
 * the transaction (db).
 *
 * Floors (issue #16): ≥ 300 submissions/s at 10 clients on PostgreSQL with p99 ≤ 100 ms.
 * Run: pnpm bench:server (BENCH_SUBMISSIONS=n per concurrency, default 2,000). PostgreSQL:
 * REGFORMS_TEST_DATABASE_URL, else a throwaway cluster (scripts/postgres.sh) when installed.
 */
import { execFileSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { checkData } from '@regforms/registrations';
import { createToken, openDatabase } from '@regforms/server';
import { serveProcess } from '../server/process.ts';
import { type DatabaseKind, formOf, freshDatabase, pciData } from '../server/support.ts';
import { ROOT } from '../support.ts';

const N = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const CONCURRENCY = [1, 10, 50];

interface Sample {
  ms: number;
  status: number;
  timing?: Record<string, number>;
}

function call(agent: Agent, url: URL, method: string, body?: string, token?: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const header = res.headers['server-timing'];
          const timing =
            typeof header === 'string'
              ? Object.fromEntries(
                  header.split(',').map((p) => {
                    const [name, dur] = p.trim().split(';dur=');
                    return [name!, Number(dur)];
                  }),
                )
              : undefined;
          resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, ...(timing ? { timing } : {}) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  timing: Record<string, number>;
}

/** `total` requests from `clients` concurrent clients, each waiting for its answer. */
async function load(clients: number, total: number, make: (i: number) => Promise<Sample>): Promise<Run> {
  const samples: Sample[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) samples.push(await make(next++));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const timing: Record<string, number> = {};
  for (const name of ['check', 'wait', 'db']) {
    const values = samples.flatMap((s) => (s.timing?.[name] !== undefined ? [s.timing[name]!] : []));
    if (values.length) timing[name] = values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  }
  return {
    perSecond: samples.length / seconds,
    p50: quantile(ms, 0.5),
    p99: quantile(ms, 0.99),
    failed: samples.filter((s) => s.status >= 300).length,
    timing,
  };
}

const fmt = (r: Run) =>
  `${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms${
    r.failed ? `  (${r.failed} failed)` : ''
  }`;

// Bodies made before any timing: unique patients, so every submission is a new registration.
let patient = 50_000;
const body = () =>
  JSON.stringify({
    registry: 'angio',
    type: 'hospitalisation-pci',
    status: 'sent',
    data: pciData(patient++),
  });

async function benchDatabase(kind: DatabaseKind): Promise<Record<string, Run>> {
  const db = await freshDatabase(kind);
  const open = await openDatabase(db.options);
  const { token } = await createToken(open.db, '71000436', 'bench');
  await open.close();
  const args = 'data' in db.options ? ['--data', db.options.data] : ['--database', db.options.url];
  const node = await serveProcess([...args, '--port', '0', '--no-log', '--rate-limit', '100000000']);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const health = new URL(`${node.url}/health`);
  const submit = new URL(`${node.url}/api/registrations`);
  const results: Record<string, Run> = {};
  try {
    // Warm-up: the JIT, the connection pool, the first pages of the tables.
    await load(10, 1000, () => call(agent, submit, 'POST', body(), token));
    for (const clients of CONCURRENCY) {
      const bodies = Array.from({ length: N }, body);
      results[`health ${clients}`] = await load(clients, N, () => call(agent, health, 'GET'));
      results[`submit ${clients}`] = await load(clients, N, (i) =>
        call(agent, submit, 'POST', bodies[i], token),
      );
      console.log(
        `${kind.padEnd(8)} ${String(clients).padStart(2)} clients  health ${fmt(results[`health ${clients}`]!)}\n` +
          `${''.padEnd(8)} ${''.padStart(2)}          submit ${fmt(results[`submit ${clients}`]!)}  ` +
          `(median check ${results[`submit ${clients}`]!.timing.check?.toFixed(2)} ms, wait ${results[`submit ${clients}`]!.timing.wait?.toFixed(2)} ms, db ${results[`submit ${clients}`]!.timing.db?.toFixed(2)} ms)`,
      );
    }
  } finally {
    agent.destroy();
    await node.stop();
    await db.drop();
  }
  return results;
}

function validatorAlone(): number {
  const form = formOf('angio', 'hospitalisation-pci');
  const bodies = Array.from({ length: N }, (_, i) => pciData(90_000 + i));
  for (const d of bodies.slice(0, 100)) checkData(form, d, 'send');
  const t0 = performance.now();
  for (const d of bodies) checkData(form, d, 'send');
  return N / ((performance.now() - t0) / 1000);
}

let stopPostgres: (() => void) | undefined;
if (!process.env.REGFORMS_TEST_DATABASE_URL) {
  try {
    const out = execFileSync('bash', [`${ROOT}/scripts/postgres.sh`, 'start'], { encoding: 'utf8' });
    for (const m of out.matchAll(/^export (\w+)=(.*)$/gm)) process.env[m[1]!] = m[2]!;
    stopPostgres = () => execFileSync('bash', [`${ROOT}/scripts/postgres.sh`, 'stop'], { env: process.env });
  } catch {
    console.log('PostgreSQL is not installed: the embedded database only.');
  }
}

try {
  console.log(`regforms node, ${N} requests per row, angio/hospitalisation-pci Sent submissions\n`);
  console.log(`validator alone (checkData, one thread): ${validatorAlone().toFixed(0)} submissions/s\n`);
  const kinds: DatabaseKind[] = process.env.REGFORMS_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const all: Partial<Record<DatabaseKind, Record<string, Run>>> = {};
  for (const kind of kinds) all[kind] = await benchDatabase(kind);
  // The embedded database runs inside the node's one thread: a submission's share of that
  // thread is 1/throughput, split into validation, the database, and the rest (HTTP, JSON,
  // routing, Kysely).
  const lite = all.pglite?.['submit 10'];
  if (lite) {
    const per = 1000 / lite.perSecond;
    const check = lite.timing.check ?? 0;
    const db = (lite.timing.db ?? 0) + (lite.timing.wait ?? 0);
    const pct = (x: number) => `${((100 * x) / per).toFixed(0)} %`;
    console.log(
      `\nPGlite, 10 clients: ${per.toFixed(2)} ms of the node's one thread per submission — database (PostgreSQL in WebAssembly) ${db.toFixed(2)} ms (${pct(db)}), validation ${check.toFixed(2)} ms (${pct(check)}), HTTP, JSON and routing ${(per - db - check).toFixed(2)} ms (${pct(per - db - check)})`,
    );
  }
  const pg10 = all.postgres?.['submit 10'];
  if (pg10) {
    const ok = pg10.perSecond >= 300 && pg10.p99 <= 100;
    console.log(
      `\nfloor (PostgreSQL, 10 clients: ≥ 300/s, p99 ≤ 100 ms): ${pg10.perSecond.toFixed(0)}/s, p99 ${pg10.p99.toFixed(1)} ms — ${ok ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  stopPostgres?.();
}
