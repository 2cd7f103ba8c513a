/*
 * The row stage on other threads, for Node (worker_threads): a large file's rows are checked
 * part by part on every core while this thread runs the lifecycle (import.ts). Each thread
 * gets a compiled form once (by its hash) and keeps its validator, as this thread does.
 * Imported from '@regforms/csv/threads' only, so the rest of the package stays free of Node.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledForm } from '@regforms/runtime';
import type { RowThreads } from './import.ts';
import type { RowJob, RowJobResult } from './rows.ts';

/** What the main thread sends a row thread. */
export type ToRowThread = { form: CompiledForm } | { id: number; job: RowJob };
/**
 * What a row thread answers: a part's rows as JSON (they are JSON values), or why it could not
 * check them. Objects that come through structured cloning are built key by key and end up in
 * V8's slow dictionary form: copying and storing them then costs several times what it costs for
 * the objects JSON.parse builds, and a JSON text crosses between threads in one copy.
 */
export type FromRowThread = { id: number; result: string } | { id: number; error: string };

/**
 * The code a thread starts with. From TypeScript sources (this repository runs them as they
 * are), the thread registers the same TypeScript loader the main thread runs under first: a
 * loader registered on one thread does not carry over to another.
 */
function bootstrap(): string {
  const entry = new URL(`./row-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
  const load = `import(${JSON.stringify(entry.href)})`;
  if (!entry.pathname.endsWith('.ts')) return load;
  // The ESM entry of tsx's API (its CommonJS one cannot register the ESM loader).
  const loader = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(loader)}).then((m) => { m.register(); return ${load}; })`;
}

class RowThread {
  private readonly worker: Worker;
  private readonly forms = new Set<string>();
  private readonly waiting = new Map<
    number,
    { resolve: (r: RowJobResult) => void; reject: (e: Error) => void }
  >();
  private next = 0;
  private failed: Error | undefined;

  constructor(code: string) {
    this.worker = new Worker(code, { eval: true });
    // An idle thread does not keep the process alive (a CLI run ends when its work does).
    this.worker.unref();
    this.worker.on('message', (m: FromRowThread) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if ('error' in m) w.reject(new Error(m.error));
      else w.resolve(JSON.parse(m.result) as RowJobResult);
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`row thread exited (${code})`)));
  }

  /** Parts sent and not answered yet: the next part goes to the thread with the fewest. */
  get load(): number {
    return this.failed ? Number.POSITIVE_INFINITY : this.waiting.size;
  }

  check(form: CompiledForm, job: RowJob): Promise<RowJobResult> {
    if (this.failed) return Promise.reject(this.failed);
    if (!this.forms.has(form.meta.hash)) {
      this.worker.postMessage({ form } satisfies ToRowThread);
      this.forms.add(form.meta.hash);
    }
    const id = this.next++;
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, job } satisfies ToRowThread);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface RowThreadPool extends RowThreads {
  /** Stops the threads (they do not keep a process alive meanwhile). */
  close(): Promise<void>;
}

/**
 * Threads for the row stage, `size` of them (one per core by default), started when a file
 * first needs them and kept for later imports. A part a thread cannot check (it failed to
 * start, or crashed) is checked by the importing thread instead (importCsv): the report is
 * the same.
 */
export function rowThreads(size: number = availableParallelism()): RowThreadPool {
  let threads: RowThread[] | undefined;
  const started = () => {
    if (!threads) {
      const code = bootstrap();
      threads = Array.from({ length: Math.max(1, size) }, () => new RowThread(code));
    }
    return threads;
  };
  return {
    size: Math.max(1, size),
    async check(form, job) {
      // Async: a thread that cannot even start (no loader for the sources) rejects the part.
      const thread = started().reduce((a, b) => (b.load < a.load ? b : a));
      return thread.check(form, job);
    },
    async close() {
      await Promise.all((threads ?? []).map((t) => t.terminate()));
      threads = undefined;
    },
  };
}
