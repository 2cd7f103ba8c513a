/*
 * Registrations in a JSON file, for the command line (Node only: a separate entry point, so
 * a browser bundle of this package never imports node:fs). Writes are kept in memory and
 * written by flush(), at once and atomically (temporary file, then rename): a batch import
 * of thousands of rows writes the file once, and a crash leaves the previous file whole.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Registration } from './registration.ts';
import {
  assertWritable,
  cloneRegistration,
  matches,
  type RegistrationFilter,
  type RegistrationStore,
} from './store.ts';

export class FileStoreError extends Error {}

export class FileStore implements RegistrationStore {
  private readonly items = new Map<string, Registration>();
  private dirty = false;

  /** Opens the store at `path`; a missing file is an empty store, created on the first flush. */
  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new FileStoreError(
        `${path} is not a registration store (not JSON: ${(e as Error).message}); pass another --store file`,
      );
    }
    const list = (parsed as { registrations?: unknown }).registrations;
    if (!Array.isArray(list))
      throw new FileStoreError(`${path} is not a registration store: expected { "registrations": [...] }`);
    for (const r of list as Registration[]) this.items.set(r.id, r);
  }

  async get(id: string) {
    const r = this.items.get(id);
    return r && cloneRegistration(r);
  }

  async list(filter?: RegistrationFilter) {
    return [...this.items.values()].filter((r) => matches(r, filter)).map((r) => cloneRegistration(r));
  }

  async put(registration: Registration) {
    assertWritable(this.items.get(registration.id), registration);
    this.items.set(registration.id, cloneRegistration(registration));
    this.dirty = true;
  }

  /** Writes the file when something changed. */
  flush(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ registrations: [...this.items.values()] }, null, 1)}\n`);
    renameSync(tmp, this.path);
    this.dirty = false;
  }
}
