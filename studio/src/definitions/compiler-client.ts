/* One compile worker per user of it (catalog, editor, compare), answering requests in order. */

import type { SourceFile } from '@regforms/definition';
import { useEffect, useState } from 'react';
import type { Compiled, DiffResult, WorkerRequest, WorkerResponse } from './protocol.ts';

/** Omit over each member of a union (plain Omit would merge them). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve(value: unknown): void; reject(error: Error): void };

export class CompilerClient {
  private readonly worker = new Worker(new URL('./compile.worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.kind === 'failure') p.reject(new Error(message.error));
      else p.resolve(message.result);
    };
    this.worker.onerror = (event) => {
      const error = new Error(event.message || 'The compiler stopped.');
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  private request<T>(message: WithoutId<WorkerRequest>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** compileDefinitions over these files, in the worker. */
  compile(files: SourceFile[]): Promise<Compiled> {
    return this.request<Compiled>({ kind: 'compile', files });
  }

  /** The semantic diff of two versions of a registration type. */
  diff(
    files: SourceFile[],
    registry: string,
    registrationType: string,
    from: string,
    to: string,
  ): Promise<DiffResult> {
    return this.request<DiffResult>({ kind: 'diff', files, registry, registrationType, from, to });
  }

  dispose(): void {
    this.worker.terminate();
  }
}

/** A compile worker for the lifetime of a component (created in an effect: StrictMode-safe). */
export function useCompiler(): CompilerClient | undefined {
  const [client, setClient] = useState<CompilerClient>();
  useEffect(() => {
    const c = new CompilerClient();
    setClient(c);
    return () => c.dispose();
  }, []);
  return client;
}
