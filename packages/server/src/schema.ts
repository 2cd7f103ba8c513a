/*
 * The node's tables, as Kysely sees them, and their versioned migrations. One schema for the
 * embedded database (PGlite) and a PostgreSQL server: the SQL below is plain PostgreSQL.
 * Append a migration to change the schema; never edit one that has shipped.
 */
import { type ColumnType, type Generated, type Kysely, type Migration, type Selectable, sql } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface RegistrationRow {
  id: string;
  organisation: string;
  registry: string;
  registration_type: string;
  version: string;
  form_hash: string;
  status: 'open' | 'sent' | 'deleted';
  data: Json<Record<string, unknown>>;
  registration_code: string | null;
  business_key: string | null;
  revision: number;
  author: string | null;
  dropped: Json<string[]>;
  migration: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

export interface EventRow {
  seq: Generated<string>;
  registration_id: string;
  organisation: string;
  at: Timestamp;
  actor: string;
  action: 'created' | 'saved' | 'replaced' | 'sent' | 'deleted' | 'imported';
  status: 'open' | 'sent' | 'deleted';
  revision: number;
}

export interface TokenRow {
  id: string;
  organisation: string;
  name: string;
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface IdempotencyRow {
  organisation: string;
  key: string;
  /** Method, path and SHA-256 of the body: the same key with another request is refused. */
  request: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: Timestamp;
}

export interface Tables {
  registrations: RegistrationRow;
  registration_events: EventRow;
  tokens: TokenRow;
  idempotency_keys: IdempotencyRow;
}

export type Database = Kysely<Tables>;

/** A registration as a query returns it. */
export type StoredRow = Selectable<RegistrationRow>;

/** The migrations, in order: Kysely's Migrator records which ones a database has had. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-registrations': {
    async up(db) {
      await sql`
        create table registrations (
          id text primary key,
          organisation text not null,
          registry text not null,
          registration_type text not null,
          version text not null,
          form_hash text not null,
          status text not null check (status in ('open', 'sent', 'deleted')),
          data jsonb not null,
          registration_code text unique,
          business_key text,
          revision integer not null,
          author text,
          dropped jsonb not null default '[]',
          migration jsonb,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          sent_at timestamptz,
          deleted_at timestamptz
        )`.execute(db);
      // The API's list: an organisation's registrations in the order they changed (cursor paging).
      await sql`create index registrations_changed on registrations (organisation, updated_at, id)`.execute(
        db,
      );
      await sql`create index registrations_type on registrations (organisation, registry, registration_type, status)`.execute(
        db,
      );
      await sql`create index registrations_key on registrations (organisation, registry, registration_type, business_key)
        where status <> 'deleted'`.execute(db);
      await sql`
        create table registration_events (
          seq bigserial primary key,
          registration_id text not null references registrations (id),
          organisation text not null,
          at timestamptz not null,
          actor text not null,
          action text not null,
          status text not null,
          revision integer not null
        )`.execute(db);
      await sql`create index registration_events_of on registration_events (registration_id, seq)`.execute(
        db,
      );
      // The history is append-only: the database itself refuses to change or remove an event.
      await sql`
        create function registration_events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'registration history is append-only';
        end $$`.execute(db);
      await sql`
        create trigger registration_events_append_only before update or delete on registration_events
        for each row execute function registration_events_append_only()`.execute(db);
      await sql`
        create table tokens (
          id text primary key,
          organisation text not null,
          name text not null,
          hash text not null unique,
          created_at timestamptz not null,
          revoked_at timestamptz
        )`.execute(db);
      await sql`
        create table idempotency_keys (
          organisation text not null,
          key text not null,
          request text not null,
          status_code integer,
          response jsonb,
          created_at timestamptz not null,
          primary key (organisation, key)
        )`.execute(db);
    },
  },
};
