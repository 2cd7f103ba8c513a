// Builds <regforms-form>: one ES module to load with one script tag (React, MUI and JSON Forms
// inside) and the chunks it loads when a form needs them: the date calendar when one opens,
// ajv's compiler only for a form served without its validators module.
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const element = join(import.meta.dirname, 'src', 'element');

/**
 * Keeps ajv's compiler out of the main script: JSON Forms' own ajv is never built (no-ajv.ts),
 * and the runtime's run-time compilation is loaded on demand (compile-on-demand.ts).
 */
function withoutAjvCompiler(): Plugin {
  return {
    name: 'regforms-without-ajv-compiler',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      if ((source === 'ajv' || source === 'ajv-formats') && importer.includes('@jsonforms'))
        return join(element, 'no-ajv.ts');
      if (source === './ajv.ts' && importer.replaceAll('\\', '/').endsWith('runtime/src/compiled.ts'))
        return join(element, 'compile-on-demand.ts');
      return null;
    },
  };
}

/**
 * One chunk for everything the element needs before its first paint, so that the browser
 * learns of it all with the first request: the modules the element imports statically, except
 * locate.ts (the entry loads that small chunk beside it, to start fetching the form at once).
 * Left to itself, the bundler splits off what the on-demand chunks share with it (React, MUI:
 * a second request, made only once the first chunk has arrived and been read). The on-demand
 * chunks (the date calendar, ajv's compiler) keep what only they need.
 */
const ELEMENT = join(element, 'regforms-form.tsx');
const LOCATE = join(element, 'locate.ts');
/** Reached statically only through the runtime's index: the element compiles nothing (compile-on-demand.ts). */
const RUNTIME_AJV = join(element, '..', '..', '..', 'packages', 'runtime', 'src', 'ajv.ts');
type ModuleInfo = { importedIds: readonly string[] } | null;
let staticGraph: Set<string> | undefined;
function elementChunk(id: string, ctx: { getModuleInfo(id: string): ModuleInfo }): string | null {
  if (!staticGraph) {
    staticGraph = new Set();
    const queue = [ELEMENT];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (staticGraph.has(next) || next === LOCATE || next === RUNTIME_AJV) continue;
      staticGraph.add(next);
      queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
    }
  }
  return staticGraph.has(id) ? 'element' : null;
}

/**
 * What a strict hospital portal sends: no inline script, no 'unsafe-eval' (MUI's styles are
 * inline). `pnpm example` serves the example portal with it; the e2e tests too.
 */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

export default defineConfig({
  plugins: [
    react(),
    withoutAjvCompiler(),
    // The element's static graph is taken once per build (a watching build sees new imports).
    {
      name: 'regforms-element-chunk',
      buildStart() {
        staticGraph = undefined;
      },
    },
  ],
  preview: { headers: { 'Content-Security-Policy': STRICT_CSP } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: process.env.REGFORMS_OUT ?? 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'src/element/main.ts',
      formats: ['es'],
      fileName: () => 'regforms-form.js',
    },
    // minify: library mode keeps whitespace in ES output for bundlers to tree-shake; this file is
    // the end product a portal loads with one script tag, so it is minified fully (−13% gzipped).
    rollupOptions: {
      output: {
        minify: true,
        chunkFileNames: 'regforms-form-[name]-[hash].js',
        codeSplitting: {
          groups: [
            { name: (id: string) => (id === LOCATE ? 'locate' : null), debugName: 'locate', priority: 2 },
            { name: elementChunk, debugName: 'element', priority: 1 },
          ],
        },
      },
    },
  },
});
