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
 * The entry asks for its large chunk with a dynamic import, and the browser would learn of the
 * files that chunk imports (a re-exporting facade, then the bundler's helpers) one round trip
 * at a time. The entry's first statement asks for all of them at once with modulepreload links
 * (what Vite does for an application; a library build does not).
 */
function preloadAtOnce(): Plugin {
  return {
    name: 'regforms-preload-at-once',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
      );
      for (const entry of chunks.values()) {
        if (!entry.isEntry) continue;
        const files = new Set<string>();
        const queue = [...entry.dynamicImports];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
          const chunk = chunks.get(next);
          // Only what the entry's own dynamic imports reach statically: the chunks loaded on demand stay so.
          if (!chunk || files.has(next) || next === entry.fileName) continue;
          files.add(next);
          queue.push(...chunk.imports);
        }
        if (files.size === 0) continue;
        const list = JSON.stringify([...files].sort().map((f) => `./${f}`));
        entry.code = `for(const f of ${list}){const l=document.createElement("link");l.rel="modulepreload";l.href=new URL(f,import.meta.url).href;(document.head??document.documentElement).append(l)}\n${entry.code}`;
        // One line added above the code: its source map moves down one line.
        const map = bundle[`${entry.fileName}.map`];
        if (map?.type === 'asset' && typeof map.source === 'string') {
          const json = JSON.parse(map.source) as { mappings: string };
          map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
        }
      }
    },
  };
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
    preloadAtOnce(),
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
