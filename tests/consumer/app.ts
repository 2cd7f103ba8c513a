/*
 * A hospital portal outside the repository, written as its developer would: a Vite + React app
 * that installs @regforms/renderer and friends from packed tarballs (and React, MUI, JSON Forms
 * from the registry), and a plain HTML page that loads the @regforms/element bundle with one
 * script tag. Both open a draft of angio/hospitalisation-pci filled with example data except
 * the author, so a test can type the author, save and send.
 */

/** The React app's entry. */
export const MAIN_TSX = `import { createRoot } from 'react-dom/client';
import { RegistryForm, regformsRenderers } from '@regforms/renderer';
import { IndexedDbStore, Registrations } from '@regforms/registrations';
import { type CompiledForm, sampleData } from '@regforms/runtime';

const registrations = new Registrations(new IndexedDbStore('portal'));

async function main() {
  const catalog = await (await fetch('/forms/catalog.json')).json();
  const type = catalog.registries
    .find((r: { id: string }) => r.id === 'angio')
    .registrationTypes.find((t: { id: string }) => t.id === 'hospitalisation-pci');
  const form: CompiledForm = await (await fetch(\`/forms/angio/hospitalisation-pci/\${type.latest}/form.json\`)).json();
  // A draft with example data, all but the author, as an EHR extract would leave it.
  const { TX_AUTHOR: _author, ...data } = sampleData(form, 1);
  const draft = await registrations.create(form, data);
  createRoot(document.getElementById('root')!).render(
    <RegistryForm form={form} lang="en" registration={draft} registrations={registrations} renderers={regformsRenderers} />,
  );
}
void main();
`;

export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Portal (React)</title><link rel="icon" href="data:," /></head>
  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>
</html>
`;

export const VITE_CONFIG = `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
export default defineConfig({ plugins: [react()] });
`;

export const TSCONFIG = JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      strict: true,
      // JSON Forms' own declarations need a lib newer than a portal may use; ours are checked by attw.
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    include: ['src'],
  },
  null,
  2,
);

/** The plain page: one script tag, no build, no React of its own, no inline script. */
export const ELEMENT_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" /><title>Portal (plain HTML)</title><link rel="icon" href="data:," />
    <script type="module" src="./regforms-form.js"></script>
    <script type="module" src="./host.js"></script>
  </head>
  <body>
    <regforms-form first-paint catalog="/forms/catalog.json" registry="angio" type="hospitalisation-pci" lang="en" autosave="0"></regforms-form>
  </body>
</html>
`;

/**
 * The page's own script: the host keeps registrations in its own store (the element's
 * documented setStore), seeded with a draft that Node made with the packed packages.
 */
export const HOST_JS = `const records = new Map();
for (const r of await (await fetch('./seed.json')).json()) records.set(r.id, r);
const store = {
  get: async (id) => structuredClone(records.get(id)),
  list: async (f = {}) =>
    [...records.values()].filter(
      (r) =>
        (f.registry === undefined || r.registry === f.registry) &&
        (f.registrationType === undefined || r.registrationType === f.registrationType) &&
        (f.status === undefined || r.status === f.status),
    ),
  put: async (r) => {
    records.set(r.id, structuredClone(r));
  },
};
await customElements.whenDefined('regforms-form');
await document.querySelector('regforms-form').setStore(store);
`;

/** Run with Node in the app folder: the draft the plain page opens, made with the packed packages. */
/** The host writes the form's first paints beside it with the packed renderer (react-dom/server, in Node). */
export const FIRST_PAINT_MJS = `import { readFileSync, writeFileSync } from 'node:fs';
import { firstPaints } from '@regforms/renderer/first-paint';

const catalog = JSON.parse(readFileSync('public/forms/catalog.json', 'utf8'));
const type = catalog.registries.find((r) => r.id === 'angio').registrationTypes.find((t) => t.id === 'hospitalisation-pci');
const dir = \`public/forms/angio/hospitalisation-pci/\${type.latest}\`;
const form = JSON.parse(readFileSync(\`\${dir}/form.json\`, 'utf8'));
for (const [file, html] of Object.entries(firstPaints(form))) writeFileSync(\`\${dir}/\${file}\`, html);
`;

export const SEED_MJS = `import { readFileSync, writeFileSync } from 'node:fs';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { sampleData } from '@regforms/runtime';

const catalog = JSON.parse(readFileSync('public/forms/catalog.json', 'utf8'));
const type = catalog.registries.find((r) => r.id === 'angio').registrationTypes.find((t) => t.id === 'hospitalisation-pci');
const form = JSON.parse(readFileSync(\`public/forms/angio/hospitalisation-pci/\${type.latest}/form.json\`, 'utf8'));
const { TX_AUTHOR: _author, ...data } = sampleData(form, 1);
const store = new MemoryStore();
await new Registrations(store).create(form, data);
writeFileSync('public/element/seed.json', JSON.stringify(await store.list()));
`;
