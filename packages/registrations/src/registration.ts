/*
 * The registration record and its lifecycle (HD4DP v2): Open while being filled (saved at any
 * moment, incomplete), Sent once valid (a registration code, read-only from then on),
 * Deleted (kept, not erased). The transitions are pure functions; Registrations (service.ts)
 * applies them to a store.
 */
import {
  type CompiledForm,
  computeAndPrune,
  createValidator,
  type FormError,
  type RegistrationData,
} from '@regforms/runtime';
import type { MigrationRecord } from './migrate.ts';

export type RegistrationStatus = 'open' | 'sent' | 'deleted';

export interface Registration {
  id: string;
  registry: string;
  registrationType: string;
  version: string;
  /** Hash of the compiled form it was filled against (meta.hash). */
  formHash: string;
  status: RegistrationStatus;
  data: RegistrationData;
  /** Set when sent: the unique code the hospital quotes. */
  registrationCode?: string;
  /** Values of the business key fields, joined; set on every save. */
  businessKey?: string;
  author?: string;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  deletedAt?: string;
  /** Values dropped because their field was hidden (the hidden-field policy), last save. */
  dropped?: string[];
  /** Set when moved to another version (migrateRegistration): from where, and what did not fit. */
  migration?: MigrationRecord;
}

export class LifecycleError extends Error {
  constructor(
    /**
     * OFFLINE: a node (server) could not be reached, try again later; REFUSED: it answered no
     * (its message says why).
     */
    readonly code:
      | 'NOT_OPEN'
      | 'WRONG_FORM'
      | 'NOT_FOUND'
      | 'INVALID'
      | 'OFFLINE'
      | 'REFUSED'
      | 'SENT_WITH_SAME_KEY',
    message: string,
  ) {
    super(message);
    this.name = 'LifecycleError';
  }
}

export interface Clock {
  now(): Date;
}
const systemClock: Clock = { now: () => new Date() };

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

/** A new, empty Open registration of a compiled form. */
export function createRegistration(
  form: CompiledForm,
  options: { author?: string; id?: string; data?: RegistrationData; clock?: Clock } = {},
): Registration {
  const at = (options.clock ?? systemClock).now().toISOString();
  return {
    id: options.id ?? randomId(),
    registry: form.meta.registry,
    registrationType: form.meta.registrationType,
    version: form.meta.version,
    formHash: form.meta.hash,
    status: 'open',
    data: options.data ?? {},
    ...(options.author ? { author: options.author } : {}),
    createdAt: at,
    updatedAt: at,
  };
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The business key of some data: its parts' values joined, or undefined while one is empty. A
 * part that lists several fields takes the first filled one (a national number, else the
 * pseudonymous code of a patient without one): the two never look alike.
 */
export function businessKeyOf(form: CompiledForm, data: RegistrationData): string | undefined {
  const parts = form.meta.businessKey.map((part) =>
    (Array.isArray(part) ? part : [part]).map((name) => data[name]).find(filled),
  );
  if (!parts.every(filled)) return undefined;
  return parts.map(String).join('|');
}

/** The business key's fields as a reader names them: "IDC_PAT or TX_IDC_PAT_GENER, DT_HOSPZ". */
export function businessKeyText(form: CompiledForm): string {
  return form.meta.businessKey.map((p) => (Array.isArray(p) ? p.join(' or ') : p)).join(', ');
}

function assertOpen(reg: Registration, form: CompiledForm): void {
  if (reg.status !== 'open')
    throw new LifecycleError(
      'NOT_OPEN',
      `Registration ${reg.registrationCode ?? reg.id} is ${reg.status}: it can no longer be changed (a correction is a new registration)`,
    );
  if (reg.formHash !== form.meta.hash)
    throw new LifecycleError(
      'WRONG_FORM',
      `Registration ${reg.id} was filled against ${reg.registry}/${reg.registrationType}@${reg.version} (${reg.formHash.slice(0, 12)}), not this form`,
    );
}

/** The data as it is stored: computed fields recomputed, hidden values removed. */
export function normalise(
  form: CompiledForm,
  data: RegistrationData,
): { data: RegistrationData; dropped: string[] } {
  return computeAndPrune(form, data);
}

/**
 * What Save or Send checks of some data, worked out once: the data normalised (computed fields
 * recomputed, hidden values removed, `dropped` lists them) and its errors — type errors only
 * for Save (an Open registration may be incomplete), every error for Send. A pure function of
 * the form and the data, so a batch import can work it out on another thread and hand it to
 * saveRegistration/sendRegistration, which then apply the lifecycle without checking again.
 */
export interface CheckedData {
  /** The form it was checked against (meta.hash): a check is only good for that form. */
  formHash: string;
  check: 'save' | 'send';
  data: RegistrationData;
  dropped: string[];
  errors: FormError[];
}

export function checkData(
  form: CompiledForm,
  data: RegistrationData,
  check: 'save' | 'send',
  lang?: string,
): CheckedData {
  const normalised = normalise(form, data);
  const validator = createValidator(form);
  const errors =
    check === 'send'
      ? validator.validate(normalised.data, lang)
      : validator.validateTypes(normalised.data, lang);
  return { formHash: form.meta.hash, check, data: normalised.data, dropped: normalised.dropped, errors };
}

/** The caller's check when it is one of this data for this form and step, else a new one. */
function checked(
  form: CompiledForm,
  data: RegistrationData,
  check: 'save' | 'send',
  options: { lang?: string; checked?: CheckedData },
): CheckedData {
  const given = options.checked;
  if (given === undefined) return checkData(form, data, check, options.lang);
  if (given.formHash !== form.meta.hash || given.check !== check)
    throw new LifecycleError(
      'WRONG_FORM',
      `A check for ${given.check} against form ${given.formHash.slice(0, 12)} cannot be used to ${check} on ${form.meta.hash.slice(0, 12)}`,
    );
  return given;
}

/**
 * Save: keeps the registration Open whatever is missing. Type errors (a malformed date, a
 * value out of range) are returned to show, but what was typed is stored anyway.
 * `options.checked`: checkData(form, data, 'save') already worked out (data is not read again).
 */
export function saveRegistration(
  reg: Registration,
  form: CompiledForm,
  data: RegistrationData,
  options: { clock?: Clock; lang?: string; checked?: CheckedData } = {},
): { registration: Registration; errors: FormError[] } {
  assertOpen(reg, form);
  const check = checked(form, data, 'save', options);
  return { registration: withData(reg, form, check, options.clock), errors: check.errors };
}

/** The registration with checked data, its business key updated. */
function withData(reg: Registration, form: CompiledForm, check: CheckedData, clock?: Clock): Registration {
  const key = businessKeyOf(form, check.data);
  return {
    ...reg,
    data: check.data,
    updatedAt: (clock ?? systemClock).now().toISOString(),
    ...(key ? { businessKey: key } : {}),
    dropped: check.dropped,
  };
}

/** Registration codes: a prefix, then 10 characters of Crockford base32 (no I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/*
 * Random bytes drawn from the system's generator 4 KiB at a time: a batch import makes a code
 * per row, and one getRandomValues call per code costs more than the rest of the code's work.
 * The bytes are as random as before; each is used once.
 */
const pool = { bytes: new Uint8Array(4096), at: 4096 };

function randomBytes(n: number): Uint8Array {
  if (pool.at + n > pool.bytes.length) {
    globalThis.crypto.getRandomValues(pool.bytes);
    pool.at = 0;
  }
  const out = pool.bytes.subarray(pool.at, pool.at + n);
  pool.at += n;
  return out;
}

export function newRegistrationCode(form: CompiledForm, now: Date): string {
  const bytes = randomBytes(10);
  let random = '';
  // 256 is a multiple of 32: b % 32 is uniform.
  for (let i = 0; i < bytes.length; i++) random += ALPHABET[bytes[i]! % 32];
  return `${form.meta.registry.toUpperCase().slice(0, 6)}-${now.getUTCFullYear()}-${random}`;
}

/**
 * Send: validates everything; only a valid registration becomes Sent, with a unique
 * registration code, and read-only. An invalid one stays Open and every error is returned.
 * `options.checked`: checkData(form, data, 'send') already worked out (data is not read again).
 */
export function sendRegistration(
  reg: Registration,
  form: CompiledForm,
  data: RegistrationData = reg.data,
  options: {
    clock?: Clock;
    lang?: string;
    isCodeTaken?: (code: string) => boolean;
    checked?: CheckedData;
  } = {},
): { registration: Registration; errors: FormError[] } {
  assertOpen(reg, form);
  const now = (options.clock ?? systemClock).now();
  // One validation: every error (type errors included) decides, so Save's own check is not run.
  const check = checked(form, data, 'send', options);
  const saved = withData(reg, form, check, options.clock);
  if (check.errors.length > 0) return { registration: saved, errors: check.errors };
  let code = newRegistrationCode(form, now);
  while (options.isCodeTaken?.(code)) code = newRegistrationCode(form, now);
  return {
    registration: {
      ...saved,
      status: 'sent',
      registrationCode: code,
      sentAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    errors: [],
  };
}

/** Delete: an Open registration becomes Deleted (kept, never erased). */
export function deleteRegistration(reg: Registration, options: { clock?: Clock } = {}): Registration {
  if (reg.status !== 'open')
    throw new LifecycleError(
      'NOT_OPEN',
      `Registration ${reg.registrationCode ?? reg.id} is ${reg.status}: it cannot be deleted`,
    );
  const at = (options.clock ?? systemClock).now().toISOString();
  return { ...reg, status: 'deleted', deletedAt: at, updatedAt: at };
}
