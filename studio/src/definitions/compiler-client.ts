/* One compile worker per user of it (catalog, editor, compare). */

import type { SourceFile } from '@regforms/definition';
import { useEffect, useState } from 'react';
import { connect, type WorkerHandle } from '../workers.ts';
import type { Compiler } from './compile.worker.ts';
import type { Compiled, DiffResult } from './protocol.ts';

export class CompilerClient {
  private readonly worker: WorkerHandle<Compiler> = connect(
    new Worker(new URL('./compile.worker.ts', import.meta.url), { type: 'module' }),
    'compiler',
  );

  /** compileDefinitions over these files, in the worker. */
  compile(files: SourceFile[]): Promise<Compiled> {
    return this.worker.call((c) => c.compile(files));
  }

  /** The semantic diff of two versions of a registration type. */
  diff(
    files: SourceFile[],
    registry: string,
    registrationType: string,
    from: string,
    to: string,
  ): Promise<DiffResult> {
    return this.worker.call((c) => c.diff(files, registry, registrationType, from, to));
  }

  dispose(): void {
    this.worker.dispose();
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
