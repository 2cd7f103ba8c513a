/*
 * The real compiler, off the main thread: compiling every registry takes about a second and
 * the editor recompiles as the user types, which must never freeze the page. Exposed through
 * Comlink (../workers.ts); a compiler bug is rethrown on the page, definition errors are
 * diagnostics.
 */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitions, type SourceFile } from '@regforms/definition';
import { diffVersions } from '@regforms/diff';
import { expose } from 'comlink';
import type { Compiled, DiffResult } from './protocol.ts';

const compiler = {
  /** compileDefinitions over these files. */
  compile(files: readonly SourceFile[]): Compiled {
    const started = performance.now();
    const result = compileDefinitions(files);
    return {
      forms: result.forms,
      catalog: result.catalog,
      diagnostics: result.diagnostics,
      // Versions hold parsed expressions with functions: send only what the UI needs.
      skipped: result.skipped.map((v) => ({
        registry: v.registry,
        registrationType: v.registrationType,
        version: v.version,
        file: v.file,
      })),
      ms: Math.round(performance.now() - started),
    };
  },

  /** The semantic diff of two versions of a registration type. */
  diff(files: readonly SourceFile[], registry: string, type: string, from: string, to: string): DiffResult {
    const { definitions, diagnostics } = readDefinitions(files);
    const versions = definitions.registries
      .find((r) => r.id === registry)
      ?.registrationTypes.find((t) => t.id === type)?.versions;
    const a = versions?.find((v) => v.version === from);
    const b = versions?.find((v) => v.version === to);
    const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    const unusable = [a, b].flatMap((v, i) =>
      !v ? [i === 0 ? from : to] : v.sources.some((f) => broken.has(f)) ? [v.version] : [],
    );
    if (!a || !b || unusable.length > 0) return { unusable };
    return { diff: diffVersions(a, b), unusable: [] };
  },
};

export type Compiler = typeof compiler;

expose(compiler);
