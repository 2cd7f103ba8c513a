/*
 * Prints (JSON on stdout) the CSS rules of every style block that <regforms-form> inserts when
 * it first paints a section: the element's first-styles.gen.json (see src/element/styles.ts),
 * written by `pnpm generate`.
 *
 * What is painted: a specimen form whose first section has every control the renderers have,
 * required and optional, with help, a unit, a computed value and a repeat; once editable (then
 * changed and saved, as by a first keystroke and its autosave) and once read-only. A specimen,
 * not the forms of definitions/: a new definition needs nothing regenerated, and a first section
 * is made of these controls (when this was written, every block that the first sections of
 * definitions/ paint, and that the first keystrokes in them add, was among the specimen's 103).
 * The file changes with the renderers or MUI.
 *
 * Run with NODE_ENV=production (firstStyles() below does): in development MUI adds a label to
 * each block, which changes its class name, and the element runs the production build. The
 * sections render in jsdom (emotion's browser code: the same stylis output as in a browser).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '@regforms/definition';

const ROOT = join(import.meta.dirname, '..', '..');

/** The generated file's text, from a process of its own (production React and MUI, a page-less DOM). */
export function firstStyles(): string {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return execFileSync(process.execPath, [tsx, fileURLToPath(import.meta.url)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
}

const label = (s: string) => `{ fr: "${s}", nl: "${s}", en: "${s}" }`;
const options = (n: number) =>
  Array.from({ length: n }, (_, i) => `          - { code: C${i}, label: ${label(`Option ${i}`)} }`).join(
    '\n',
  );

/** Every control, as a registry designer writes it. */
const SPECIMEN: SourceFile[] = [
  {
    path: 'specimen/registry.yaml',
    text: `registry: specimen
programme: { id: specimen, title: ${label('Specimen')} }
title: ${label('Specimen')}
languages: { required: [fr, nl, en] }
registrationTypes:
  every-control:
    title: ${label('Every control')}
`,
  },
  {
    path: 'specimen/every-control/1.0.0.yaml',
    text: `version: 1.0.0
status: published
effective: 2024-01-01
title: ${label('Every control')}
businessKey: [niss]
sections:
  - id: first
    title: ${label('First')}
    fields:
      - { id: textRequired, name: TX_REQ, type: text, required: true, help: ${label('Help')}, label: ${label('Text')} }
      - { id: text, name: TX, type: text, maxLength: 100, label: ${label('Text')} }
      - { id: integer, name: NR, type: integer, min: 0, max: 10, required: true, label: ${label('Integer')} }
      - { id: decimal, name: MS, type: decimal, unit: cm, min: 0, max: 300, label: ${label('Decimal')} }
      - { id: computed, name: MS_COMP, type: decimal, compute: decimal * 2, label: ${label('Computed')} }
      - { id: dateRequired, name: DT_REQ, type: date, required: true, label: ${label('Date')} }
      - { id: date, name: DT, type: date, label: ${label('Date')} }
      - { id: time, name: TM, type: time, label: ${label('Time')} }
      - { id: bool, name: FL, type: boolean, label: ${label('Boolean')} }
      - id: radio
        name: CD_RADIO
        type: choice
        display: radio
        required: true
        label: ${label('Radio')}
        options:
${options(3)}
      - id: radioOptional
        name: CD_RADIO_OPT
        type: choice
        display: radio
        label: ${label('Radio')}
        options:
${options(2)}
      - id: select
        name: CD_SELECT
        type: choice
        display: select
        required: true
        label: ${label('Select')}
        options:
${options(4)}
      - id: selectOptional
        name: CD_SELECT_OPT
        type: choice
        display: select
        label: ${label('Select')}
        options:
${options(4)}
      - id: search
        name: CD_SEARCH
        type: choice
        display: autocomplete
        label: ${label('Search')}
        options:
${options(40)}
      - id: multi
        name: CD_MULTI
        type: multichoice
        label: ${label('Multiple')}
        options:
${options(3)}
      - { id: niss, name: NISS, type: niss, required: true, label: ${label('National number')} }
      - { id: note, type: note, label: ${label('Note')} }
      - id: items
        name: ITEMS
        type: repeat
        max: 3
        label: ${label('Items')}
        itemLabel: ${label('Item')}
        fields:
          - { id: itemText, name: ITEM_TX, type: text, label: ${label('Item text')} }
  - id: second
    title: ${label('Second')}
    fields:
      - { id: later, name: TX_LATER, type: text, label: ${label('Later')} }
`,
  },
];

async function collect(): Promise<Record<string, string[]>> {
  if (process.env.NODE_ENV !== 'production')
    throw new Error('first-styles: run with NODE_ENV=production (MUI labels its styles otherwise).');
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
    url: 'http://localhost/',
  });
  // What React DOM, MUI and emotion read of a page, before any of them is loaded.
  const globals = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(dom.window))
    if (!(key in globals)) globals[key] = (dom.window as unknown as Record<string, unknown>)[key];

  const [{ createElement }, { flushSync }, { createRoot }, { CacheProvider }] = await Promise.all([
    import('react'),
    import('react-dom'),
    import('react-dom/client'),
    import('@emotion/react'),
  ]);
  const { compileDefinitions } = await import('@regforms/compiler');
  const { formatDiagnostics, hasErrors } = await import('@regforms/definition');
  const { RegistryForm } = await import('../src/form/RegistryForm.tsx');
  const { loadCodeSearch, regformsRenderers } = await import('../src/renderers/index.ts');
  const { createFormSession } = await import('../src/session/form-session.ts');
  const { styleCache } = await import('../src/element/styles.ts');

  const compiled = compileDefinitions(SPECIMEN);
  const form = compiled.forms[0];
  if (hasErrors(compiled.diagnostics) || !form) throw new Error(formatDiagnostics(compiled.diagnostics));

  const rules: Record<string, string[]> = {};
  const cache = styleCache({}, (id, got) => {
    rules[id] = got;
  });
  /** Waits for what a render scheduled to be there (polled: a busy machine only makes it later). */
  const until = async (what: string, selector: string, host: Element) => {
    for (const end = Date.now() + 30_000; !host.querySelector(selector); ) {
      if (Date.now() > end) throw new Error(`first-styles: no ${what} (${selector}) after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  for (const readOnly of [false, true]) {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const session = createFormSession({ form, autosave: 0, readOnly });
    // Synchronous: the first time, before the search of long lists (a chunk of its own) is
    // there, as a first paint may be; the second time with it.
    flushSync(() =>
      root.render(
        createElement(
          CacheProvider,
          { value: cache },
          createElement(RegistryForm, { session, renderers: regformsRenderers }),
        ),
      ),
    );
    if (!readOnly) {
      await loadCodeSearch();
      await until('code search', '[role="combobox"]', host);
      // The first keystroke and its autosave: a saved registration can be deleted (one button more).
      session.change({ ...session.getState().data, text: 'x' });
      await session.save();
      await until('Delete button', '[data-action="delete"]', host);
    }
    root.unmount();
    host.remove();
  }
  return rules;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rules = await collect();
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b)));
  process.stdout.write(`${JSON.stringify(sorted, null, 1)}\n`);
  // The sessions' timers (validation after the first paint) must not keep the process alive.
  process.exit(0);
}
