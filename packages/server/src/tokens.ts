/*
 * API tokens, one organisation each (a hospital, by its NIHDI number). A token is shown once
 * when made and stored only as its SHA-256: a random 256-bit secret needs no slow hash, and a
 * stolen database yields no usable token. Revoking keeps the row (who had access, and when).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './schema.ts';

export interface Token {
  id: string;
  organisation: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The caller a request acts for: its organisation and, for the history, its token's name. */
export interface Caller {
  organisation: string;
  tokenId: string;
  /** `EHR (token 3f9a1c2b)`: who, in the history. */
  actor: string;
}

/** NIHDI (RIZIV/INAMI) numbers of hospitals: 8 digits, e.g. 71000436. */
export const ORGANISATION = /^\d{8}$/;

export class TokenError extends Error {
  override name = 'TokenError';
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createToken(
  db: Database,
  organisation: string,
  name: string,
): Promise<{ token: string; id: string }> {
  if (!ORGANISATION.test(organisation))
    throw new TokenError(
      `--org must be the organisation's NIHDI number, 8 digits (e.g. 71000436), not '${organisation.slice(0, 40)}'`,
    );
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100)
    throw new TokenError('--name must say who uses the token (1 to 100 characters), e.g. --name EHR');
  const token = `rft_${randomBytes(32).toString('base64url')}`;
  const id = randomBytes(4).toString('hex');
  await db
    .insertInto('tokens')
    .values({
      id,
      organisation,
      name: trimmed,
      hash: hashToken(token),
      created_at: new Date(),
      revoked_at: null,
    })
    .execute();
  return { token, id };
}

export async function listTokens(db: Database): Promise<Token[]> {
  const rows = await db.selectFrom('tokens').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    organisation: r.organisation,
    name: r.name,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }));
}

export async function revokeToken(db: Database, id: string): Promise<void> {
  const result = await db
    .updateTable('tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const known = await db.selectFrom('tokens').select('id').where('id', '=', id).executeTakeFirst();
    throw new TokenError(
      known
        ? `Token ${id} is already revoked`
        : `No token ${id.slice(0, 40)}: 'regforms serve token list' shows the tokens`,
    );
  }
}

/** The caller of a token, or undefined for an unknown or revoked one. */
export async function callerOf(db: Database, token: string): Promise<Caller | undefined> {
  const row = await db
    .selectFrom('tokens')
    .select(['id', 'organisation', 'name'])
    .where('hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { organisation: row.organisation, tokenId: row.id, actor: `${row.name} (token ${row.id})` };
}
