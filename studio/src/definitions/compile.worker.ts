/*
 * The real compiler, off the main thread: compiling every registry takes about a second and
 * the editor recompiles as the user types, which must never freeze the page.
 */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitions, type SourceFile } from '@regforms/definition';
import { diffVersions } from '@regforms/diff';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

function compile(files: readonly SourceFile[]) {
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
}

function diff(files: readonly SourceFile[], registry: string, type: string, from: string, to: string) {
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
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  let response: WorkerResponse;
  try {
    response =
      request.kind === 'compile'
        ? { id: request.id, kind: 'compile', result: compile(request.files) }
        : {
            id: request.id,
            kind: 'diff',
            result: diff(request.files, request.registry, request.registrationType, request.from, request.to),
          };
  } catch (e) {
    // A compiler bug, not a definition error (those are diagnostics): show it, keep the page.
    response = { id: request.id, kind: 'failure', error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(response);
};
