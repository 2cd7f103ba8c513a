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
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
