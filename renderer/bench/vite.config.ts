// Builds the benchmark page (bench/index.html) in production mode, as users get it: React's
// production build and minified code, not the dev server's unbundled development modules.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  logLevel: 'warn',
  build: {
    outDir: process.env.REGFORMS_OUT ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
  },
});
