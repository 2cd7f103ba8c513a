/*
 * The studio as `pnpm start` serves it (Vite dev server, studio/vite.config.ts), but on a copy
 * of definitions/ in a temporary folder: the studio's Save writes version files, and neither
 * tests nor screenshots may touch the repository's definitions.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateCsv } from '@regforms/csv';
import type { CompiledForm } from '@regforms/runtime';
import { createServer } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..');
export const STUDIO = join(ROOT, 'studio');
export const DEFINITIONS = join(ROOT, 'definitions');

/** A complete, valid row of angio/follow-up-pci (most recent): the CSV screen's test and screenshot start from it. */
export const FOLLOW_UP_ROW: Readonly<Record<string, string>> = {
  TX_AUTHOR_GR: 'Cardiology',
  TX_AUTHOR: 'Dr Peeters',
  TX_COAUTHOR: 'Dr Claes',
  IDC_PAT: '93051822361',
  DT_PAT_DOB: '18/05/1993',
  CD_PAT_SEX: 'F',
  CD_PAT_PLC_RESDC: '1000',
  CD_FU_CONSTTN: '1',
  CD_CONSTTN: '1',
  DT_CONSULT: '01/03/2025',
  CD_OYFFRPCI: '0',
  CD_CABG_EXECF: '0',
};

/** A CSV file of a form from rows of cells by column (a missing cell is empty). */
export function csvOf(form: CompiledForm, rows: Readonly<Record<string, string>>[]): string {
  const header = templateCsv(form).trimEnd().split(';');
  return `${[header.join(';'), ...rows.map((r) => header.map((c) => r[c] ?? '').join(';'))].join('\n')}\n`;
}

export interface Studio {
  url: string;
  /** The definitions folder behind this server (a copy). */
  definitions: string;
  close(): Promise<void>;
}

/** `node`: a hospital node to keep registrations on, as `pnpm start` gives the studio one. */
export async function startStudio(options: { node?: { url: string; token: string } } = {}): Promise<Studio> {
  const definitions = mkdtempSync(join(tmpdir(), 'regforms-studio-definitions-'));
  cpSync(DEFINITIONS, definitions, { recursive: true });
  // The config reads REGFORMS_DEFINITIONS (and the node's) when it is loaded, which
  // createServer does right here; the variables are put back at once.
  const env = {
    REGFORMS_DEFINITIONS: definitions,
    REGFORMS_NODE: options.node?.url,
    REGFORMS_NODE_TOKEN: options.node?.token,
  };
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer({
      root: STUDIO,
      configFile: join(STUDIO, 'vite.config.ts'),
      // As the studio's scripts: the config imports workspace packages that are TypeScript.
      configLoader: 'runner',
      server: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'error',
    });
  } finally {
    for (const [k, v] of Object.entries(before))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
  await server.listen();
  return {
    url: server.resolvedUrls!.local[0]!,
    definitions,
    close: async () => {
      await server.close();
      rmSync(definitions, { recursive: true, force: true });
    },
  };
}
