// The studio: `pnpm start` (or `pnpm studio`) serves it with the definitions folder behind it.
// Started with --configLoader runner (package.json scripts, tests/e2e/studio-server.ts): the
// definitions plugin imports workspace packages, which are TypeScript sources that Node cannot
// import by itself.
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { definitionsPlugin } from './vite/definitions-plugin.ts';

/*
 * With a hospital node (REGFORMS_NODE, set by `pnpm start`), the studio keeps registrations
 * there: its API is proxied under this origin and the proxy adds the studio's token
 * (REGFORMS_NODE_TOKEN), which never reaches the browser. Without one, they stay in the
 * browser's IndexedDB.
 */
const node = process.env.REGFORMS_NODE;
const token = process.env.REGFORMS_NODE_TOKEN;

const proxy: Record<string, ProxyOptions> | undefined = node
  ? {
      '/api': {
        target: node,
        configure: (p) =>
          p.on('proxyReq', (req) => {
            if (token) req.setHeader('authorization', `Bearer ${token}`);
          }),
      },
    }
  : undefined;

export default defineConfig({
  plugins: [react(), definitionsPlugin()],
  define: { 'import.meta.env.VITE_REGFORMS_NODE': JSON.stringify(node ? 'on' : '') },
  server: { port: 5173, ...(proxy ? { proxy } : {}) },
  // `pnpm start` serves the production build (fast first screen) with the same endpoints.
  preview: { port: 5173, ...(proxy ? { proxy } : {}) },
  // Scan the worker too, so every dependency is optimised at start-up, not discovered later
  // (a late discovery reloads the page under the user's hands).
  optimizeDeps: { entries: ['index.html', 'src/**/*.worker.ts'] },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 4000 },
});
