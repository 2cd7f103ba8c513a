/*
 * Idempotency-Key (as in the IETF draft and Stripe's API): a client that retries a POST — its
 * connection dropped, it timed out — with the same key gets the first answer again, never a
 * second registration. The key and the answer are written in the change's own transaction, so
 * a change and its recorded answer exist together or not at all.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { ApiError } from './errors.ts';
import { type Answer, isCodeCollision } from './registrations.ts';
import type { Database, Tables } from './schema.ts';
import type { Caller } from './tokens.ts';

/** What a key is bound to: the same key on another request is a client's mistake. */
export function fingerprint(method: string, url: string, body: unknown): string {
  const digest = createHash('sha256')
    .update(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null))
    .digest('hex');
  return `${method} ${url} ${digest}`;
}

export const KEY = /^[\x21-\x7e]{1,255}$/;

class Replay {
  constructor(readonly row: { request: string; status_code: number | null; response: unknown }) {}
}

function replayed(row: Replay['row'], request: string): Answer & { replayed: true } {
  if (row.request !== request)
    throw new ApiError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for another request: use a new key for each new request, the same key only to retry the same one.',
    );
  if (row.status_code === null)
    throw new ApiError(
      409,
      'IDEMPOTENCY_IN_PROGRESS',
      'The first request with this Idempotency-Key is still being processed: retry in a moment.',
    );
  return { statusCode: row.status_code, body: row.response as Record<string, unknown>, replayed: true };
}

async function reserve(trx: Transaction<Tables> | Database, caller: Caller, key: string, request: string) {
  const reserved = await trx
    .insertInto('idempotency_keys')
    .values({
      organisation: caller.organisation,
      key,
      request,
      status_code: null,
      response: null,
      created_at: new Date(),
    })
    .onConflict((oc) => oc.columns(['organisation', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (reserved) return;
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request', 'status_code', 'response'])
    .where('organisation', '=', caller.organisation)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  throw new Replay(row);
}

async function record(trx: Transaction<Tables> | Database, caller: Caller, key: string, answer: Answer) {
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: answer.statusCode, response: JSON.stringify(answer.body) })
    .where('organisation', '=', caller.organisation)
    .where('key', '=', key)
    .execute();
}

/**
 * Runs one change in a transaction; with a key, a retry gets the recorded answer. A refusal
 * (4xx) is recorded too, in its own transaction since the change's was rolled back.
 */
export async function idempotent(
  db: Database,
  caller: Caller,
  key: string | undefined,
  request: string,
  work: (trx: Transaction<Tables>) => Promise<Answer>,
): Promise<Answer & { replayed?: true }> {
  // A registration code drawn twice (1 in 32^10) is refused by its unique index: the change is
  // made again, whole, with a new one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(db, caller, key, request, work);
    } catch (e) {
      if (attempt < 5 && isCodeCollision(e)) continue;
      throw e;
    }
  }
}

async function once(
  db: Database,
  caller: Caller,
  key: string | undefined,
  request: string,
  work: (trx: Transaction<Tables>) => Promise<Answer>,
): Promise<Answer & { replayed?: true }> {
  if (key === undefined) return db.transaction().execute(work);
  try {
    return await db.transaction().execute(async (trx) => {
      await reserve(trx, caller, key, request);
      const answer = await work(trx);
      await record(trx, caller, key, answer);
      return answer;
    });
  } catch (e) {
    if (e instanceof Replay) return replayed(e.row, request);
    if (e instanceof ApiError && e.statusCode < 500 && e.statusCode !== 412)
      await db.transaction().execute(async (trx) => {
        try {
          await reserve(trx, caller, key, request);
          await record(trx, caller, key, { statusCode: e.statusCode, body: e.body() });
        } catch (again) {
          if (!(again instanceof Replay)) throw again;
        }
      });
    throw e;
  }
}

/**
 * A long change that is not one transaction (a CSV upload: many): the key is reserved first,
 * the answer recorded at the end; a retry meanwhile is told to wait. A reservation older than
 * an hour (the node stopped mid-upload) is given up, so the key can be retried.
 */
export async function idempotentLong(
  db: Database,
  caller: Caller,
  key: string | undefined,
  request: string,
  work: () => Promise<Answer>,
): Promise<Answer & { replayed?: true }> {
  if (key === undefined) return work();
  await db
    .deleteFrom('idempotency_keys')
    .where('organisation', '=', caller.organisation)
    .where('key', '=', key)
    .where('status_code', 'is', null)
    .where('created_at', '<', sql<Date>`now() - interval '1 hour'`)
    .execute();
  try {
    await reserve(db, caller, key, request);
  } catch (e) {
    if (e instanceof Replay) return replayed(e.row, request);
    throw e;
  }
  try {
    const answer = await work();
    await record(db, caller, key, answer);
    return answer;
  } catch (e) {
    await db
      .deleteFrom('idempotency_keys')
      .where('organisation', '=', caller.organisation)
      .where('key', '=', key)
      .execute();
    throw e;
  }
}
