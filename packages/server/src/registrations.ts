/*
 * The lifecycle on the database: what the API does to registrations. Each change is one
 * transaction — the registration, its history event and (with an Idempotency-Key) the answer
 * to a retry — so a crash leaves a change whole or absent. The rules themselves are the
 * registrations package's (checkData, businessKeyOf, newRegistrationCode): the same as the
 * renderer's and CSV import's.
 */
import {
  assertWritable,
  businessKeyOf,
  businessKeyText,
  type CheckedData,
  checkData,
  LifecycleError,
  lifecycleMessage,
  newRegistrationCode,
  type Registration,
  type RegistrationFilter,
  type RegistrationStore,
} from '@regforms/registrations';
import { type CompiledForm, compareVersions, type FormError, type RegistrationData } from '@regforms/runtime';
import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import { ApiError, type DataError, jsonPath } from './errors.ts';
import type { Forms } from './forms.ts';
import type {
  Database,
  EventRow,
  StoredRow as RegistrationRow,
  RegistrationRow as RegistrationTable,
  Tables,
} from './schema.ts';
import type { Caller } from './tokens.ts';

type Trx = Transaction<Tables> | Kysely<Tables>;

/** The language of the form's messages for this request (Accept-Language among the form's). */
export type LangOf = (form: CompiledForm) => string;

/** A registration as the API shows it: `data` keyed by technical names. */
export interface ApiRegistration {
  id: string;
  registry: string;
  type: string;
  version: string;
  /** The compiled form it was checked against (meta.hash of GET /api/forms/…). */
  formHash: string;
  status: 'open' | 'sent' | 'deleted';
  registrationCode: string | null;
  businessKey: string | null;
  revision: number;
  data: RegistrationData;
  /** Values removed because their field was hidden (the hidden-field policy). */
  dropped: string[];
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deletedAt: string | null;
  /** Set when it was moved to a newer version: from where, and what did not fit. */
  migration: unknown;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toApi(row: RegistrationRow): ApiRegistration {
  return {
    id: row.id,
    registry: row.registry,
    type: row.registration_type,
    version: row.version,
    formHash: row.form_hash,
    status: row.status,
    registrationCode: row.registration_code,
    businessKey: row.business_key,
    revision: row.revision,
    data: row.data,
    dropped: row.dropped ?? [],
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    sentAt: iso(row.sent_at),
    deletedAt: iso(row.deleted_at),
    migration: row.migration ?? null,
  };
}

export function toDataErrors(errors: FormError[]): DataError[] {
  return errors.map((e) => ({ name: e.name, path: jsonPath(e.path), code: e.keyword, message: e.message }));
}

function invalid(errors: FormError[], step: 'save' | 'send'): ApiError {
  return new ApiError(
    422,
    'INVALID_DATA',
    `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}: the data do not meet the form's ${step === 'send' ? 'rules to send' : 'rules to save (types and formats)'}; nothing was stored.`,
    { errors: toDataErrors(errors) },
  );
}

/** What a lifecycle step answers: the HTTP status and the registration. */
export interface Answer {
  statusCode: number;
  body: Record<string, unknown>;
}

function answer(statusCode: number, row: RegistrationRow, extra: Record<string, unknown> = {}): Answer {
  return { statusCode, body: { ...toApi(row), ...extra } };
}

async function event(
  trx: Trx,
  row: RegistrationRow,
  caller: Caller,
  action: EventRow['action'],
  at: Date,
): Promise<void> {
  await trx
    .insertInto('registration_events')
    .values({
      registration_id: row.id,
      organisation: row.organisation,
      at,
      actor: caller.actor,
      action,
      status: row.status,
      revision: row.revision,
    })
    .execute();
}

/** What a lifecycle step changes (revision and updated_at are counted by changeRow). */
type Changes = Omit<Updateable<RegistrationTable>, 'revision' | 'updated_at'>;

/**
 * A stored registration changed, its revision counted and the change recorded in its history:
 * every step of the lifecycle after creation goes through here.
 */
async function changeRow(
  trx: Trx,
  row: RegistrationRow,
  caller: Caller,
  action: EventRow['action'],
  now: Date,
  changes: Changes,
): Promise<RegistrationRow> {
  const next = await trx
    .updateTable('registrations')
    .set({ ...changes, revision: row.revision + 1, updated_at: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await event(trx, next, caller, action, now);
  return next;
}

/*
 * Two submissions with one business key must not both create a registration: the first to
 * take this transaction-scoped lock decides, the others then see what it wrote.
 */
async function lockBusinessKey(trx: Trx, organisation: string, form: CompiledForm, key: string) {
  const name = `${organisation}|${form.meta.registry}|${form.meta.registrationType}|${key}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

async function withKey(trx: Trx, organisation: string, form: CompiledForm, key: string) {
  return trx
    .selectFrom('registrations')
    .selectAll()
    .where('organisation', '=', organisation)
    .where('registry', '=', form.meta.registry)
    .where('registration_type', '=', form.meta.registrationType)
    .where('business_key', '=', key)
    .where('status', '<>', 'deleted')
    .orderBy('updated_at', 'desc')
    .forUpdate()
    .execute();
}

/** The lifecycle's own refusal (the same words as a form's Send and CSV import), in the caller's language. */
function sentConflict(row: RegistrationRow, lang: string): ApiError {
  return new ApiError(
    409,
    'SENT_WITH_SAME_KEY',
    lifecycleMessage(lang, 'SENT_WITH_SAME_KEY', {
      code: row.registration_code ?? row.id,
      key: (row.business_key ?? '').split('|').join(', '),
    }),
    { registration: { id: row.id, registrationCode: row.registration_code } },
  );
}

/** The unique index refused a registration code: another already has it. Retry the change. */
export function isCodeCollision(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' && /registration_code/.test(err.message ?? '');
}

const json = (v: unknown) => JSON.stringify(v);

export interface SubmitBody {
  registry: string;
  type: string;
  version?: string;
  id?: string;
  data: RegistrationData;
  status: 'open' | 'sent';
}

/**
 * POST /api/registrations: a new registration, Open or Sent at once. An Open registration of
 * the organisation with the same business key is replaced (updated in place, its history
 * kept); a Sent one is a conflict.
 */
export interface Submission {
  body: SubmitBody;
  form: CompiledForm;
  checked: CheckedData;
  /** The caller's language for the form's messages. */
  language: string;
}

/**
 * The checks of a submission that need no database: the form, and the data by its rules (to
 * save or to send). Done before the transaction, so no connection is held while validating.
 */
export function checkSubmission(forms: Forms, body: SubmitBody, lang: LangOf): Submission {
  const form = forms.find(body.registry, body.type, body.version);
  const step = body.status === 'sent' ? 'send' : 'save';
  const language = lang(form);
  const checked = checkData(form, body.data, step, language);
  if (checked.errors.length > 0) throw invalid(checked.errors, step);
  return { body, form, checked, language };
}

export async function submit(
  trx: Trx,
  caller: Caller,
  { body, form, checked, language }: Submission,
): Promise<Answer> {
  const key = businessKeyOf(form, checked.data) ?? null;
  const now = new Date();
  const { organisation } = caller;
  if (body.id) {
    const taken = await trx
      .selectFrom('registrations')
      .select('id')
      .where('id', '=', body.id)
      .executeTakeFirst();
    if (taken)
      throw new ApiError(
        409,
        'ID_TAKEN',
        `A registration with id ${body.id} exists already: change it with PUT /api/registrations/${body.id}.`,
      );
  }
  let existing: RegistrationRow | undefined;
  if (key) {
    await lockBusinessKey(trx, organisation, form, key);
    const same = await withKey(trx, organisation, form, key);
    const sent = same.find((r) => r.status === 'sent');
    if (sent) throw sentConflict(sent, language);
    existing = same[0];
  }
  const sending = body.status === 'sent';
  // A new code is not looked up first: the unique index refuses the (rare) collision and the
  // transaction is retried (idempotent()).
  const code = sending ? newRegistrationCode(form, now) : null;
  const values = {
    version: form.meta.version,
    form_hash: form.meta.hash,
    status: body.status,
    data: json(checked.data),
    registration_code: code,
    business_key: key,
    dropped: json(checked.dropped),
    updated_at: now,
    sent_at: sending ? now : null,
  } as const;
  // The Open registration with this business key is replaced as CSV import replaces it: it
  // becomes Deleted (kept, its history saying why) and the submission is a registration of its
  // own, so an id a client chose stays its id.
  if (existing) {
    await changeRow(trx, existing, caller, 'replaced', now, { status: 'deleted', deleted_at: now });
  }
  const id = body.id ?? globalThis.crypto.randomUUID();
  // The registration and its first event in one statement: one round trip fewer per submission.
  const row = await trx
    .with('r', (db) =>
      db
        .insertInto('registrations')
        .values({
          ...values,
          id,
          organisation,
          registry: form.meta.registry,
          registration_type: form.meta.registrationType,
          revision: 1,
          author: caller.actor,
          migration: null,
          created_at: now,
          deleted_at: null,
        })
        .returningAll(),
    )
    .with('e', (db) =>
      db.insertInto('registration_events').values({
        registration_id: id,
        organisation,
        at: now,
        actor: caller.actor,
        action: sending ? 'sent' : 'created',
        status: body.status,
        revision: 1,
      }),
    )
    .selectFrom('r')
    .selectAll()
    .executeTakeFirstOrThrow();
  return answer(201, row, existing ? { replaces: { id: existing.id } } : {});
}

/** The organisation's registration, locked for the change; another's answers 404 as if absent. */
async function mine(trx: Trx, caller: Caller, id: string): Promise<RegistrationRow> {
  const row = await trx
    .selectFrom('registrations')
    .selectAll()
    .where('id', '=', id)
    .where('organisation', '=', caller.organisation)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'NOT_FOUND', `No registration ${id.slice(0, 60)} in your organisation.`);
  return row;
}

function formOf(forms: Forms, row: RegistrationRow): CompiledForm {
  try {
    return forms.find(row.registry, row.registration_type, row.version);
  } catch {
    throw new ApiError(
      409,
      'FORM_GONE',
      `${row.registry}/${row.registration_type}@${row.version}, the version this registration was made with, is no longer served by this node.`,
    );
  }
}

function movedTo(forms: Forms, row: RegistrationRow, version: string): CompiledForm {
  const form = forms.find(row.registry, row.registration_type, version);
  if (compareVersions(version, row.version) < 0)
    throw new ApiError(
      409,
      'OLDER_VERSION',
      `Registration ${row.id} is on version ${row.version}: a draft moves to a newer version, not back to ${version}.`,
    );
  return form;
}

function assertOpen(row: RegistrationRow, verb: string): void {
  if (row.status === 'sent')
    throw new ApiError(
      409,
      'NOT_OPEN',
      `Registration ${row.registration_code} is Sent: it cannot be ${verb}. A Sent registration is corrected through the registry's helpdesk.`,
    );
  if (row.status === 'deleted')
    throw new ApiError(409, 'NOT_OPEN', `Registration ${row.id} is Deleted: it cannot be ${verb}.`);
}

function assertRevision(row: RegistrationRow, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== row.revision)
    throw new ApiError(
      412,
      'REVISION_CHANGED',
      `Registration ${row.id} is at revision ${row.revision}, not ${ifMatch}: someone changed it since you read it. Read it again (GET), then apply your change.`,
      { revision: row.revision },
    );
}

/** PUT /api/registrations/{id}: new data for an Open registration, at the revision read. */
export async function update(
  trx: Trx,
  forms: Forms,
  caller: Caller,
  id: string,
  change: { data: RegistrationData; version?: string; migration?: unknown },
  ifMatch: number,
  lang: LangOf,
): Promise<Answer> {
  const { data } = change;
  const row = await mine(trx, caller, id);
  assertOpen(row, 'changed');
  assertRevision(row, ifMatch);
  // A new version: the draft moved to it (migrateRegistration), never back to an older one.
  const form =
    change.version !== undefined && change.version !== row.version
      ? movedTo(forms, row, change.version)
      : formOf(forms, row);
  const checked = checkData(form, data, 'save', lang(form));
  if (checked.errors.length > 0) throw invalid(checked.errors, 'save');
  const key = businessKeyOf(form, checked.data) ?? null;
  if (key && key !== row.business_key) {
    await lockBusinessKey(trx, caller.organisation, form, key);
    const other = (await withKey(trx, caller.organisation, form, key)).find((r) => r.id !== id);
    if (other)
      throw new ApiError(
        409,
        'SAME_KEY',
        other.status === 'sent'
          ? sentConflict(other, lang(form)).message
          : `Registration ${other.id} (Open) has the same ${businessKeyText(form)}: change that one, or delete it first.`,
        { registration: { id: other.id, registrationCode: other.registration_code } },
      );
  }
  const now = new Date();
  const next = await changeRow(trx, row, caller, 'saved', now, {
    data: json(checked.data),
    dropped: json(checked.dropped),
    business_key: key,
    version: form.meta.version,
    form_hash: form.meta.hash,
    ...(change.migration !== undefined ? { migration: json(change.migration) } : {}),
  });
  return answer(200, next);
}

/** POST /api/registrations/{id}/send: an Open registration checked by Send's rules and Sent. */
export async function send(
  trx: Trx,
  forms: Forms,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
  lang: LangOf,
): Promise<Answer> {
  const row = await mine(trx, caller, id);
  assertOpen(row, 'sent again');
  assertRevision(row, ifMatch);
  const form = formOf(forms, row);
  const checked = checkData(form, row.data, 'send', lang(form));
  if (checked.errors.length > 0) throw invalid(checked.errors, 'send');
  const key = businessKeyOf(form, checked.data) ?? null;
  if (key) {
    await lockBusinessKey(trx, caller.organisation, form, key);
    const sent = (await withKey(trx, caller.organisation, form, key)).find(
      (r) => r.id !== id && r.status === 'sent',
    );
    if (sent) throw sentConflict(sent, lang(form));
  }
  const now = new Date();
  const next = await changeRow(trx, row, caller, 'sent', now, {
    status: 'sent',
    data: json(checked.data),
    dropped: json(checked.dropped),
    business_key: key,
    form_hash: form.meta.hash,
    registration_code: newRegistrationCode(form, now),
    sent_at: now,
  });
  return answer(200, next);
}

/** DELETE /api/registrations/{id}: an Open registration becomes Deleted (kept, never erased). */
export async function remove(
  trx: Trx,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
): Promise<Answer> {
  const row = await mine(trx, caller, id);
  if (row.status === 'deleted') return answer(200, row);
  assertOpen(row, 'deleted');
  assertRevision(row, ifMatch);
  const now = new Date();
  const next = await changeRow(trx, row, caller, 'deleted', now, { status: 'deleted', deleted_at: now });
  return answer(200, next);
}

export async function getOne(db: Database, caller: Caller, id: string): Promise<ApiRegistration> {
  const row = await db
    .selectFrom('registrations')
    .selectAll()
    .where('id', '=', id)
    .where('organisation', '=', caller.organisation)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'NOT_FOUND', `No registration ${id.slice(0, 60)} in your organisation.`);
  return toApi(row);
}

export async function history(db: Database, caller: Caller, id: string) {
  await getOne(db, caller, id);
  const rows = await db
    .selectFrom('registration_events')
    .select(['at', 'actor', 'action', 'status', 'revision'])
    .where('registration_id', '=', id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, at: iso(r.at) }));
}

export interface ListQuery {
  registry?: string;
  type?: string;
  status?: 'open' | 'sent' | 'deleted';
  updatedSince?: string;
  cursor?: string;
  limit?: number;
}

/*
 * Cursor paging in the order registrations changed (updated_at, then id): a client that syncs
 * with updatedSince and follows `next` sees every change once, even while others write.
 */
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad');
    return { at: date, id };
  } catch {
    throw new ApiError(
      400,
      'BAD_CURSOR',
      'cursor is not one this API gave: pass the `next` of the previous page as it is.',
    );
  }
}

export async function list(db: Database, caller: Caller, q: ListQuery) {
  const limit = q.limit ?? 100;
  let query = db.selectFrom('registrations').selectAll().where('organisation', '=', caller.organisation);
  if (q.registry !== undefined) query = query.where('registry', '=', q.registry);
  if (q.type !== undefined) query = query.where('registration_type', '=', q.type);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  if (q.updatedSince !== undefined) {
    const since = new Date(q.updatedSince);
    if (Number.isNaN(since.getTime()))
      throw new ApiError(
        400,
        'BAD_DATE',
        'updatedSince must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z',
      );
    query = query.where('updated_at', '>=', since);
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([eb('updated_at', '>', c.at), eb.and([eb('updated_at', '=', c.at), eb('id', '>', c.id)])]),
    );
  }
  const rows = await query
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([iso(last.updated_at), last.id])).toString('base64url')
      : null;
  return { registrations: page.map(toApi), next };
}

/** The registration record of the registrations package, for CSV import and export. */
export function toRegistration(row: RegistrationRow): Registration {
  return {
    id: row.id,
    registry: row.registry,
    registrationType: row.registration_type,
    version: row.version,
    formHash: row.form_hash,
    status: row.status,
    data: row.data,
    ...(row.registration_code ? { registrationCode: row.registration_code } : {}),
    ...(row.business_key ? { businessKey: row.business_key } : {}),
    ...(row.author ? { author: row.author } : {}),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    ...(row.sent_at ? { sentAt: iso(row.sent_at)! } : {}),
    ...(row.deleted_at ? { deletedAt: iso(row.deleted_at)! } : {}),
    dropped: row.dropped ?? [],
  };
}

/**
 * The organisation's registrations as a RegistrationStore, for CSV import: each write is its
 * own transaction with its history event, and the store's rule (nothing Sent or Deleted is
 * rewritten) holds as in every other store.
 */
export function organisationStore(db: Database, caller: Caller): RegistrationStore {
  const scoped = (filter: RegistrationFilter = {}) => {
    let q = db.selectFrom('registrations').selectAll().where('organisation', '=', caller.organisation);
    if (filter.registry !== undefined) q = q.where('registry', '=', filter.registry);
    if (filter.registrationType !== undefined) q = q.where('registration_type', '=', filter.registrationType);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    return q;
  };
  return {
    async get(id) {
      const row = await scoped().where('id', '=', id).executeTakeFirst();
      return row && toRegistration(row);
    },
    async list(filter) {
      return (await scoped(filter).execute()).map(toRegistration);
    },
    async put(reg) {
      await db.transaction().execute(async (trx) => {
        const stored = await trx
          .selectFrom('registrations')
          .selectAll()
          .where('id', '=', reg.id)
          .forUpdate()
          .executeTakeFirst();
        if (stored && stored.organisation !== caller.organisation)
          throw new LifecycleError('NOT_FOUND', `No registration ${reg.id}`);
        assertWritable(stored && toRegistration(stored), reg);
        const values = {
          version: reg.version,
          form_hash: reg.formHash,
          status: reg.status,
          data: json(reg.data),
          registration_code: reg.registrationCode ?? null,
          business_key: reg.businessKey ?? null,
          dropped: json(reg.dropped ?? []),
          updated_at: reg.updatedAt,
          sent_at: reg.sentAt ?? null,
          deleted_at: reg.deletedAt ?? null,
        };
        const row = stored
          ? await trx
              .updateTable('registrations')
              .set({ ...values, revision: stored.revision + 1 })
              .where('id', '=', reg.id)
              .returningAll()
              .executeTakeFirstOrThrow()
          : await trx
              .insertInto('registrations')
              .values({
                ...values,
                id: reg.id,
                organisation: caller.organisation,
                registry: reg.registry,
                registration_type: reg.registrationType,
                revision: 1,
                author: caller.actor,
                migration: reg.migration ? json(reg.migration) : null,
                created_at: reg.createdAt,
              })
              .returningAll()
              .executeTakeFirstOrThrow();
        const action =
          row.status === 'deleted'
            ? 'deleted'
            : row.status === 'sent'
              ? 'sent'
              : stored
                ? 'saved'
                : 'imported';
        await event(trx, row, caller, action, new Date());
      });
    },
  };
}
