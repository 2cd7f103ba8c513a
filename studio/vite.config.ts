// The studio: `pnpm start` (or `pnpm studio`) serves it with the definitions folder behind it.
// Started with --configLoader runner (package.json scripts, tests/e2e/studio-server.ts): the
// definitions plugin imports workspace packages, which are TypeScript sources that Node cannot
// import by itself.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { definitionsPlugin } from './vite/definitions-plugin.ts';

export default defineConfig({
  plugins: [react(), definitionsPlugin()],
  server: { port: 5173 },
  // Scan the worker too, so every dependency is optimised at start-up, not discovered later
  // (a late discovery reloads the page under the user's hands).
  optimizeDeps: { entries: ['index.html', 'src/**/*.worker.ts'] },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 4000 },
});
