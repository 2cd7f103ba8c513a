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
 * What a strict hospital portal sends: no inline script, no 'unsafe-eval' (MUI's styles are
 * inline). `pnpm example` serves the example portal with it; the e2e tests too.
 */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

export default defineConfig({
  plugins: [react(), withoutAjvCompiler()],
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
      },
    },
  },
});
