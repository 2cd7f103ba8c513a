/*
 * Where registrations live: an adapter interface with an in-memory and an IndexedDB
 * implementation; a host application plugs its own (e.g. its server) by implementing it.
 * Every store refuses to overwrite a Sent or Deleted registration, so immutability holds
 * whatever code calls it.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import { LifecycleError, type Registration } from './registration.ts';

export interface RegistrationFilter {
  registry?: string;
  registrationType?: string;
  status?: Registration['status'];
}

export interface RegistrationStore {
  get(id: string): Promise<Registration | undefined>;
  list(filter?: RegistrationFilter): Promise<Registration[]>;
  /**
   * Writes a registration; throws LifecycleError when the stored one is Sent or Deleted. A
   * store that changes what it stores (a server assigns its own registration code and
   * revision) resolves to the registration as stored; the others to nothing.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a store's async put() that returns nothing is Promise<void>
  put(registration: Registration): Promise<Registration | undefined | void>;
}

export function matches(r: Registration, f: RegistrationFilter = {}): boolean {
  return (
    (f.registry === undefined || r.registry === f.registry) &&
    (f.registrationType === undefined || r.registrationType === f.registrationType) &&
    (f.status === undefined || r.status === f.status)
  );
}

/** The rule every store applies before writing. */
export function assertWritable(stored: Registration | undefined, next: Registration): void {
  if (!stored || stored.status === 'open') return;
  // A Sent registration may only be re-written unchanged (idempotent retries).
  if (JSON.stringify(stored) === JSON.stringify(next)) return;
  throw new LifecycleError(
    'NOT_OPEN',
    `Registration ${stored.registrationCode ?? stored.id} is ${stored.status}: it cannot be changed`,
  );
}

/**
 * A deep copy of a registration, so a store never shares objects with its callers. Plain data
 * (what registrations hold: JSON values) is copied by hand, several times faster than
 * structuredClone, which a batch import would otherwise pay on every row; anything else (a
 * Date, a Map, an instance, very deep nesting) goes to structuredClone as before.
 */
export function cloneRegistration<T>(v: T): T {
  try {
    return copyPlain(v, 0) as T;
  } catch (e) {
    if (e === NOT_PLAIN) return structuredClone(v);
    throw e;
  }
}

const NOT_PLAIN = Symbol('not plain data');

function copyPlain(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) {
    if (typeof v === 'function' || typeof v === 'symbol') throw NOT_PLAIN;
    return v;
  }
  // Deeper than any registration: perhaps a cycle, which structuredClone keeps.
  if (depth > 64) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    // `in`: holes stay holes, as structuredClone keeps them.
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = copyPlain(v[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  // structuredClone leaves symbol keys out; a spread would copy them.
  if (Object.getOwnPropertySymbols(v).length > 0) throw NOT_PLAIN;
  // One spread copies the object's layout at once (adding keys one by one builds it key by
  // key); nested objects and arrays are then replaced by their copies.
  const out: Record<string, unknown> = { ...v };
  for (const k in out) {
    const x = out[k];
    if (typeof x === 'object' ? x !== null : typeof x === 'function' || typeof x === 'symbol')
      out[k] = copyPlain(x, depth + 1);
  }
  return out;
}

export class MemoryStore implements RegistrationStore {
  private readonly items = new Map<string, Registration>();

  async get(id: string) {
    const r = this.items.get(id);
    return r && cloneRegistration(r);
  }

  async list(filter?: RegistrationFilter) {
    return [...this.items.values()].filter((r) => matches(r, filter)).map(cloneRegistration);
  }

  async put(registration: Registration) {
    assertWritable(this.items.get(registration.id), registration);
    this.items.set(registration.id, cloneRegistration(registration));
  }
}

interface RegformsDb extends DBSchema {
  registrations: {
    key: string;
    value: Registration;
    indexes: { type: [string, string]; typeStatus: [string, string, string] };
  };
}

/**
 * The database's schema, one step per version: opening an older database runs the steps it
 * has not had, in its upgrade transaction, so its registrations are kept. Append a step to
 * change the schema; never edit one that has shipped.
 */
const UPGRADES: ((
  db: IDBPDatabase<RegformsDb>,
  tx: IDBPTransaction<RegformsDb, 'registrations'[], 'versionchange'>,
) => void)[] = [
  // 1: the registrations, by id and by registration type.
  (db) =>
    db
      .createObjectStore('registrations', { keyPath: 'id' })
      .createIndex('type', ['registry', 'registrationType']),
  // 2: by registration type and status (the table of a type's Open or Sent registrations).
  (_db, tx) =>
    tx.objectStore('registrations').createIndex('typeStatus', ['registry', 'registrationType', 'status']),
];

/** The schema version of the IndexedDB database a store opens. */
export const INDEXEDDB_VERSION = UPGRADES.length;

/** Registrations in the browser's IndexedDB (through idb): they survive a reload or a crash. */
export class IndexedDbStore implements RegistrationStore {
  private db: Promise<IDBPDatabase<RegformsDb>> | undefined;

  constructor(readonly name = 'regforms') {}

  private open(): Promise<IDBPDatabase<RegformsDb>> {
    this.db ??= openDB<RegformsDb>(this.name, INDEXEDDB_VERSION, {
      upgrade(db, from, _to, tx) {
        for (let v = from; v < UPGRADES.length; v++) UPGRADES[v]!(db, tx);
      },
    });
    return this.db;
  }

  async get(id: string) {
    return (await this.open()).get('registrations', id);
  }

  async list(filter: RegistrationFilter = {}) {
    const db = await this.open();
    const { registry, registrationType, status } = filter;
    if (registry !== undefined && registrationType !== undefined)
      return status !== undefined
        ? db.getAllFromIndex('registrations', 'typeStatus', [registry, registrationType, status])
        : db.getAllFromIndex('registrations', 'type', [registry, registrationType]);
    return (await db.getAll('registrations')).filter((r) => matches(r, filter));
  }

  async put(registration: Registration) {
    const db = await this.open();
    // Read and write in one transaction, so two tabs cannot both pass the check.
    const tx = db.transaction('registrations', 'readwrite');
    try {
      assertWritable(await tx.store.get(registration.id), registration);
    } catch (e) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw e;
    }
    await Promise.all([tx.store.put(registration), tx.done]);
  }
}

/** A store backed by the host application's own functions (e.g. calls to its server). */
export function callbackStore(callbacks: {
  get(id: string): Promise<Registration | undefined>;
  list(filter?: RegistrationFilter): Promise<Registration[]>;
  // biome-ignore lint/suspicious/noConfusingVoidType: as RegistrationStore.put
  put(registration: Registration): Promise<Registration | undefined | void>;
}): RegistrationStore {
  return {
    get: (id) => callbacks.get(id),
    list: (filter) => callbacks.list(filter),
    put: async (registration) => {
      assertWritable(await callbacks.get(registration.id), registration);
      return callbacks.put(registration);
    },
  };
}
