/*
 * The pseudonymised export: registrations as they leave the hospital for the registry. Every
 * value that identifies the patient — each national number (niss field) and each field the
 * definition marks `identifier: true` — is replaced by a keyed pseudonym, HMAC-SHA-256 under a
 * key only the hospital holds: the same patient always gives the same pseudonym (records can
 * be linked), and without the key it cannot be reversed or recomputed from a guessed number.
 */
import { createHmac } from 'node:crypto';
import type { CompiledForm, RegistrationData } from '@regforms/runtime';
import { ApiError } from './errors.ts';
import type { Forms } from './forms.ts';
import type { Database } from './schema.ts';

export const PSEUDONYM_KEY_VARIABLE = 'REGFORMS_PSEUDONYM_KEY';
const MIN_KEY_LENGTH = 32;

/** The key from the environment, or a message saying how to set one. */
export function pseudonymKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env[PSEUDONYM_KEY_VARIABLE];
  if (!key || key.length < MIN_KEY_LENGTH)
    throw new ApiError(
      503,
      'NO_PSEUDONYM_KEY',
      `The export needs the hospital's pseudonymisation key in ${PSEUDONYM_KEY_VARIABLE} (at least ${MIN_KEY_LENGTH} characters, e.g. from 'openssl rand -base64 48'), kept secret and never changed: a new key gives every patient a new pseudonym.`,
    );
  return key;
}

export function pseudonym(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

/** The technical names that identify the patient, top level and in repeats. */
export function identifierFields(form: CompiledForm): { name: string; repeat?: string }[] {
  return form.logic.fields
    .filter((f) => f.identifier)
    .map((f) => ({ name: f.name, ...(f.repeat ? { repeat: f.repeat } : {}) }));
}

/*
 * A national number is pseudonymised by its digits (93.05.18-223.61 and 93051822361 are one
 * patient); any other identifier by its text as stored.
 */
function canonical(form: CompiledForm, name: string, value: unknown): string {
  const field = form.logic.fields.find((f) => f.name === name);
  const text = String(value);
  return field?.type === 'niss' ? text.replace(/\D/g, '') : text;
}

export function pseudonymise(form: CompiledForm, data: RegistrationData, key: string): RegistrationData {
  const out: RegistrationData = structuredClone(data);
  const replace = (holder: Record<string, unknown>, name: string) => {
    const v = holder[name];
    if (v !== undefined && v !== null && v !== '') holder[name] = pseudonym(key, canonical(form, name, v));
  };
  for (const f of identifierFields(form)) {
    if (!f.repeat) replace(out, f.name);
    else {
      const items = out[f.repeat];
      if (Array.isArray(items))
        for (const item of items)
          if (item && typeof item === 'object') replace(item as Record<string, unknown>, f.name);
    }
  }
  return out;
}

export interface ExportQuery {
  registry: string;
  type?: string;
  status?: 'open' | 'sent';
  /** One organisation's (the API: the caller's); the CLI may export every organisation's. */
  organisation?: string;
}

export interface ExportedRegistration {
  id: string;
  organisation: string;
  registry: string;
  type: string;
  version: string;
  status: string;
  registrationCode: string | null;
  sentAt: string | null;
  data: RegistrationData;
}

export async function exportRegistrations(db: Database, forms: Forms, q: ExportQuery, key: string) {
  let query = db
    .selectFrom('registrations')
    .selectAll()
    .where('registry', '=', q.registry)
    .where('status', '=', q.status ?? 'sent');
  if (q.type !== undefined) query = query.where('registration_type', '=', q.type);
  if (q.organisation !== undefined) query = query.where('organisation', '=', q.organisation);
  const rows = await query.orderBy('updated_at').orderBy('id').execute();
  const pseudonymised = new Set<string>();
  const registrations: ExportedRegistration[] = rows.map((row) => {
    let form: CompiledForm;
    try {
      form = forms.find(row.registry, row.registration_type, row.version);
    } catch {
      // Its version is no longer served: which fields identify the patient is not known, so
      // the registration is not exported rather than exported in clear.
      throw new ApiError(
        409,
        'FORM_GONE',
        `Registration ${row.id} was made with ${row.registry}/${row.registration_type}@${row.version}, which this node no longer serves: add its definition back to export it.`,
      );
    }
    for (const f of identifierFields(form)) pseudonymised.add(f.repeat ? `${f.repeat}.${f.name}` : f.name);
    return {
      id: row.id,
      organisation: row.organisation,
      registry: row.registry,
      type: row.registration_type,
      version: row.version,
      status: row.status,
      registrationCode: row.registration_code,
      sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
      data: pseudonymise(form, row.data as unknown as RegistrationData, key),
    };
  });
  return {
    registry: q.registry,
    exportedAt: new Date().toISOString(),
    pseudonymised: [...pseudonymised].sort(),
    registrations,
  };
}
