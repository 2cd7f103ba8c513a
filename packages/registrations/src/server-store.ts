/*
 * Registrations on a regforms node (`regforms serve`), from a browser or any fetch: ServerStore
 * speaks its API (the node checks and stores; its registration code and revision come back),
 * and SyncedStore puts the device first — a draft is saved in the device's own store at once
 * and reaches the node when it answers, so typing is never lost to a network — while Send
 * needs the node (it gives the code). Plain fetch, no Node API.
 */
import { LifecycleError, type Registration } from './registration.ts';
import { assertWritable, type RegistrationFilter, type RegistrationStore } from './store.ts';

/** The token for a request: a string, or a function the host gives (asked on every request). */
export type Auth = string | (() => string | undefined | Promise<string | undefined>);

export interface ServerStoreOptions {
  /** The node's URL, e.g. `https://regforms.hospital.be`; '' for this page's own origin. */
  url: string;
  auth?: Auth;
  fetch?: typeof fetch;
}

/** A registration as the node's API gives it. */
interface ApiRegistration {
  id: string;
  registry: string;
  type: string;
  version: string;
  formHash: string;
  status: Registration['status'];
  registrationCode: string | null;
  businessKey: string | null;
  revision: number;
  data: Registration['data'];
  dropped: string[];
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deletedAt: string | null;
  migration?: Registration['migration'] | null;
}

interface ApiErrorBody {
  code?: string;
  message?: string;
  errors?: { name: string; path: string; message: string }[];
}

/** The node's answer to a refused request, as a lifecycle error that says what it said. */
function refusal(status: number, body: ApiErrorBody): LifecycleError {
  const message = body.message ?? `The node answered ${status}`;
  const details = body.errors?.length
    ? ` ${body.errors
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}${body.errors.length > 3 ? '; …' : ''}`
    : '';
  if (status === 422) return new LifecycleError('INVALID', `${message}${details}`);
  if (status === 404) return new LifecycleError('NOT_FOUND', message);
  if (status === 409 && body.code === 'NOT_OPEN') return new LifecycleError('NOT_OPEN', message);
  // Busy or failing: worth another try later, as when it cannot be reached.
  if (status === 429 || status >= 500) return new LifecycleError('OFFLINE', message);
  return new LifecycleError('REFUSED', message);
}

export class ServerStore implements RegistrationStore {
  /** The revision last read of each registration: If-Match of the next change. */
  private readonly revisions = new Map<string, number>();
  private readonly base: string;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: ServerStoreOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  private async call(path: string, init: RequestInit & { json?: unknown; ifMatch?: number } = {}) {
    const { json, ifMatch, ...rest } = init;
    const headers = new Headers(rest.headers);
    const auth = typeof this.options.auth === 'function' ? await this.options.auth() : this.options.auth;
    if (auth) headers.set('authorization', `Bearer ${auth}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    if (ifMatch !== undefined) headers.set('if-match', `"${ifMatch}"`);
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    } catch (e) {
      throw new LifecycleError(
        'OFFLINE',
        `The node at ${this.base || 'this site'} cannot be reached (${(e as Error).message})`,
      );
    }
    return res;
  }

  private async answer(res: Response): Promise<Registration> {
    return this.read(res, await res.json().catch(() => ({})));
  }

  /** An answer already parsed: the registration, or the node's refusal as a lifecycle error. */
  private read(res: Response, body: ApiRegistration & ApiErrorBody): Registration {
    if (!res.ok) throw refusal(res.status, body);
    return this.fromApi(body);
  }

  private fromApi(r: ApiRegistration): Registration {
    this.revisions.set(r.id, r.revision);
    return {
      id: r.id,
      registry: r.registry,
      registrationType: r.type,
      version: r.version,
      formHash: r.formHash,
      status: r.status,
      data: r.data,
      ...(r.registrationCode ? { registrationCode: r.registrationCode } : {}),
      ...(r.businessKey ? { businessKey: r.businessKey } : {}),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      ...(r.sentAt ? { sentAt: r.sentAt } : {}),
      ...(r.deletedAt ? { deletedAt: r.deletedAt } : {}),
      dropped: r.dropped,
      ...(r.migration ? { migration: r.migration } : {}),
    };
  }

  async get(id: string): Promise<Registration | undefined> {
    const res = await this.call(`/api/registrations/${encodeURIComponent(id)}`);
    if (res.status === 404) return undefined;
    return this.answer(res);
  }

  async list(filter: RegistrationFilter = {}): Promise<Registration[]> {
    const out: Registration[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ limit: '1000' });
      if (filter.registry !== undefined) q.set('registry', filter.registry);
      if (filter.registrationType !== undefined) q.set('type', filter.registrationType);
      if (filter.status !== undefined) q.set('status', filter.status);
      if (cursor) q.set('cursor', cursor);
      const res = await this.call(`/api/registrations?${q}`);
      const body = (await res.json().catch(() => ({}))) as {
        registrations?: ApiRegistration[];
        next?: string | null;
      };
      if (!res.ok) throw refusal(res.status, body as ApiErrorBody);
      for (const r of body.registrations ?? []) out.push(this.fromApi(r));
      cursor = body.next ?? null;
    } while (cursor);
    return out;
  }

  /** The registration as the node stores it: it checks the data again and gives the code. */
  async put(registration: Registration): Promise<Registration> {
    const { id } = registration;
    const path = `/api/registrations/${encodeURIComponent(id)}`;
    if (!this.revisions.has(id)) {
      if (registration.status === 'deleted') {
        // Never on the node: nothing to delete there.
        const res = await this.call(path, { method: 'DELETE' });
        return res.status === 404 ? registration : this.answer(res);
      }
      // New to this store: created on the node with its id (no lookup first, so no 404 in the
      // page's console); one the node already has (another tab made it) is read, then changed.
      const res = await this.call('/api/registrations', {
        method: 'POST',
        json: {
          registry: registration.registry,
          type: registration.registrationType,
          version: registration.version,
          id,
          status: registration.status,
          data: registration.data,
        },
      });
      const body = (await res.json().catch(() => ({}))) as ApiRegistration & ApiErrorBody;
      if (!(res.status === 409 && body.code === 'ID_TAKEN')) return this.read(res, body);
      const stored = await this.get(id);
      if (!stored) throw new LifecycleError('NOT_FOUND', `No registration ${id} on the node`);
      assertWritable(stored, registration);
      if (stored.status !== 'open') return stored;
    }
    const change = async () =>
      this.answer(
        await this.call(path, {
          method: 'PUT',
          ifMatch: this.revisions.get(id)!,
          json: {
            data: registration.data,
            version: registration.version,
            ...(registration.migration ? { migration: registration.migration } : {}),
          },
        }),
      );
    switch (registration.status) {
      case 'open':
        return change();
      case 'sent':
        await change();
        return this.answer(
          await this.call(`${path}/send`, { method: 'POST', ifMatch: this.revisions.get(id)! }),
        );
      case 'deleted':
        return this.answer(await this.call(path, { method: 'DELETE', ifMatch: this.revisions.get(id)! }));
    }
  }
}

/** What the device holds that the node does not have yet, and why. */
export interface SyncStatus {
  /** Registrations saved on the device, not yet on the node. */
  pending: string[];
  /** The node cannot be reached (or is busy): they are sent when it answers. */
  offline: boolean;
  /** Registrations the node refused, with its reason (e.g. data it does not accept). */
  refused: Record<string, string>;
}

export interface SyncedStoreOptions {
  /** First retry after this many ms, doubling up to 30 s (default 2,000). */
  retry?: number;
  /** Where the ids still to send are kept across reloads (default: localStorage when present). */
  memory?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  name?: string;
}

/** A store whose sync with the node can be watched (SyncedStore). */
export interface SyncSource {
  syncStatus(): SyncStatus;
  onSync(listener: (status: SyncStatus) => void): () => void;
}

export function isSyncSource(store: unknown): store is SyncSource {
  return typeof (store as SyncSource | undefined)?.syncStatus === 'function';
}

export class SyncedStore implements RegistrationStore, SyncSource {
  private readonly pending = new Set<string>();
  private readonly refused = new Map<string, string>();
  private offline = false;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private readonly memoryKey: string;
  private readonly memory: SyncedStoreOptions['memory'];

  constructor(
    readonly local: RegistrationStore,
    readonly remote: RegistrationStore,
    private readonly options: SyncedStoreOptions = {},
  ) {
    this.delay = options.retry ?? 2000;
    this.memory =
      options.memory ?? (globalThis as { localStorage?: SyncedStoreOptions['memory'] }).localStorage;
    this.memoryKey = `regforms-pending:${options.name ?? 'regforms'}`;
    try {
      for (const id of JSON.parse(this.memory?.getItem(this.memoryKey) ?? '[]') as string[])
        this.pending.add(id);
    } catch {
      // Nothing usable remembered.
    }
    globalThis.addEventListener?.('online', () => void this.flush());
    if (this.pending.size > 0) this.schedule(0);
  }

  syncStatus(): SyncStatus {
    return { pending: [...this.pending], offline: this.offline, refused: Object.fromEntries(this.refused) };
  }

  onSync(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    try {
      this.memory?.setItem(this.memoryKey, JSON.stringify([...this.pending]));
    } catch {
      // Storage full or denied: the ids are still kept for this page's life.
    }
    const status = this.syncStatus();
    for (const l of [...this.listeners]) l(status);
  }

  private schedule(ms = this.delay): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  /** Sends what the node does not have yet; true when nothing is left to send. */
  async flush(): Promise<boolean> {
    for (const id of [...this.pending]) {
      if (this.refused.has(id)) continue;
      const reg = await this.local.get(id);
      if (!reg) {
        this.pending.delete(id);
        continue;
      }
      if (!(await this.push(reg))) break;
    }
    this.changed();
    const left = [...this.pending].some((id) => !this.refused.has(id));
    if (left && this.offline) this.schedule();
    return !left;
  }

  /** One registration to the node; false when it cannot be reached (try later). */
  private async push(reg: Registration): Promise<boolean> {
    try {
      const stored = (await this.remote.put(reg)) ?? reg;
      await this.local.put(stored);
      this.pending.delete(reg.id);
      this.refused.delete(reg.id);
      this.offline = false;
      this.delay = this.options.retry ?? 2000;
      return true;
    } catch (e) {
      this.pending.add(reg.id);
      if (e instanceof LifecycleError && e.code === 'OFFLINE') {
        this.offline = true;
        this.delay = Math.min(this.delay * 2, 30_000);
        return false;
      }
      this.refused.set(reg.id, (e as Error).message);
      return true;
    }
  }

  async get(id: string): Promise<Registration | undefined> {
    const mine = await this.local.get(id);
    if (mine) return mine;
    try {
      return await this.remote.get(id);
    } catch (e) {
      if (e instanceof LifecycleError && e.code === 'OFFLINE') return undefined;
      throw e;
    }
  }

  /** The node's registrations, with the device's newer drafts over them; the device's alone offline. */
  async list(filter?: RegistrationFilter): Promise<Registration[]> {
    const mine = await this.local.list(filter);
    let theirs: Registration[];
    try {
      theirs = await this.remote.list(filter);
    } catch (e) {
      if (e instanceof LifecycleError && e.code === 'OFFLINE') return mine;
      throw e;
    }
    const byId = new Map(theirs.map((r) => [r.id, r]));
    for (const r of mine) if (this.pending.has(r.id) || !byId.has(r.id)) byId.set(r.id, r);
    return [...byId.values()];
  }

  /**
   * A draft: on the device at once, then on the node (or later). Send: the node gives the
   * code, so it must answer; offline, the data stay on the device as the Open draft.
   */
  async put(registration: Registration): Promise<Registration> {
    if (registration.status !== 'sent') {
      await this.local.put(registration);
      this.pending.add(registration.id);
      const reached = await this.push(registration);
      this.changed();
      if (!reached) this.schedule();
      return (await this.local.get(registration.id)) ?? registration;
    }
    try {
      const stored = (await this.remote.put(registration)) ?? registration;
      await this.local.put(stored);
      this.pending.delete(registration.id);
      this.refused.delete(registration.id);
      this.offline = false;
      this.changed();
      return stored;
    } catch (e) {
      if (e instanceof LifecycleError && e.code === 'OFFLINE') {
        this.offline = true;
        this.changed();
        this.schedule();
        throw new LifecycleError(
          'OFFLINE',
          'The registration could not be sent: the server cannot be reached. It is saved on this device; send it again when the connection is back.',
        );
      }
      throw e;
    }
  }
}
