/*
 * The studio's window on a definitions folder, served by Vite (the dev server of `pnpm studio`,
 * or the preview server of the production build `pnpm start` serves):
 *   GET  /__regforms/definitions  → { dir, files: [{ path, text }] } (every YAML file + the lock)
 *   POST /__regforms/save         ← { path, text }: writes one version file, never over a
 *                                    published version, never outside the folder
 *   GET  /__regforms/catalog      → { catalog, diagnostics } of the folder, compiled here (and
 *                                    kept until a file changes): the catalog's first screen
 *                                    does not wait for the page's own compilation in a worker
 *   GET  /__regforms/events       → server-sent events: `definitions` whenever a file of the
 *                                    folder changes (the preview server; the dev server sends
 *                                    a `regforms:definitions` HMR event instead)
 * so the catalog, the editor and the previews recompile without a page reload.
 */
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { LOCK_FILE } from '@regforms/runtime';
import type { Connect, Plugin, PreviewServer, ViteDevServer } from 'vite';
import { parse } from 'yaml';

export const DEFINITIONS_ENDPOINT = '/__regforms/definitions';
export const SAVE_ENDPOINT = '/__regforms/save';
export const DEFINITIONS_EVENT = 'regforms:definitions';
export const EVENTS_ENDPOINT = '/__regforms/events';
export const CATALOG_ENDPOINT = '/__regforms/catalog';
/** Larger than any real version file by far; refuses runaway uploads. */
const MAX_BODY = 5 * 1024 * 1024;

export interface DefinitionsPluginOptions {
  /** The definitions folder; default: REGFORMS_DEFINITIONS, else `definitions/` of the repository. */
  dir?: string;
}

/** Why a save is refused, with the HTTP status to answer. */
export class SaveRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const VERSION_PATH = /^([a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)\/(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.yaml$/;

/**
 * Checks a save request and writes the file; throws SaveRefused with a message for the user.
 * Only `<registry>/<type>/<semver>.yaml` of an existing registry may be written, and only
 * when no published version is there already (by its `status:` or by the lock).
 */
export function saveVersionFile(
  dir: string,
  path: unknown,
  text: unknown,
): { path: string; created: boolean } {
  if (typeof path !== 'string' || typeof text !== 'string')
    throw new SaveRefused(
      400,
      'Send a JSON body { "path": "<registry>/<type>/<version>.yaml", "text": "…" }.',
    );
  const m = VERSION_PATH.exec(path);
  if (!m)
    throw new SaveRefused(
      400,
      `"${path}" is not a version file: only <registry>/<registration-type>/<semver>.yaml can be saved from the studio (e.g. angio/hospitalisation/1.2.0.yaml).`,
    );
  const [, registry, type, version] = m as unknown as [string, string, string, string];
  const root = resolve(dir);
  const target = resolve(root, path);
  // The pattern already excludes `..` and absolute paths; the resolved check guards the rest.
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    throw new SaveRefused(403, `"${path}" is outside the definitions folder.`);
  if (!existsSync(resolve(root, registry, 'registry.yaml')))
    throw new SaveRefused(404, `There is no registry "${registry}" (no ${registry}/registry.yaml).`);
  let declared: unknown;
  try {
    declared = (parse(text) as { version?: unknown } | null)?.version;
  } catch {
    // Broken YAML may be saved as a draft: the compiler reports it with its position.
    declared = undefined;
  }
  if (declared !== undefined && String(declared) !== version)
    throw new SaveRefused(
      400,
      `The file says "version: ${String(declared)}" but is saved as ${version}.yaml: make them equal.`,
    );
  const created = !existsSync(target);
  if (!created && isPublished(readFileSync(target, 'utf8')))
    throw new SaveRefused(
      409,
      `${path} is a published version: published versions are immutable. Start a new version instead.`,
    );
  if (isLocked(root, `${registry}/${type}@${version}`))
    throw new SaveRefused(
      409,
      `${registry}/${type}@${version} is recorded as published in ${LOCK_FILE}: it cannot be written again. Start a new version instead.`,
    );
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text.endsWith('\n') ? text : `${text}\n`);
  return { path, created };
}

function isPublished(text: string): boolean {
  try {
    return (parse(text) as { status?: unknown } | null)?.status === 'published';
  } catch {
    // A file that does not parse cannot be proved published; the lock still protects it.
    return /^status:\s*published\s*(#.*)?$/m.test(text);
  }
}

function isLocked(root: string, key: string): boolean {
  const lock = resolve(root, LOCK_FILE);
  if (!existsSync(lock)) return false;
  try {
    const versions = (JSON.parse(readFileSync(lock, 'utf8')) as { versions?: Record<string, unknown> })
      .versions;
    return versions !== undefined && key in versions;
  } catch {
    return false;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new SaveRefused(413, 'The file is larger than 5 MB.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(value));
}

/** The default folder: REGFORMS_DEFINITIONS, else the repository's definitions/. */
export function definitionsDir(option?: string): string {
  return resolve(
    option ?? process.env.REGFORMS_DEFINITIONS ?? resolve(import.meta.dirname, '..', '..', 'definitions'),
  );
}

/** Is this file of the folder one the studio reads (a YAML file or the lock)? */
function isDefinitionFile(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  return /\.ya?ml$/.test(file) || rel === LOCK_FILE;
}

/** Calls `notify` once for a burst of writes (an editor saving, a git checkout). */
function debounced(notify: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(notify, 50);
  };
}

/** The folder's catalog and diagnostics, compiled once per state of the folder. */
function catalogSummary(dir: string) {
  let kept: string | undefined;
  return {
    json(): string {
      if (kept === undefined) {
        const { catalog, diagnostics } = compileDefinitions(readDefinitionFiles(dir));
        kept = JSON.stringify({ catalog, diagnostics });
      }
      return kept;
    },
    changed(): void {
      kept = undefined;
    },
  };
}

/** The read and save endpoints, the same on the dev and the preview server. */
function endpoints(
  dir: string,
  middlewares: Connect.Server,
  summary: ReturnType<typeof catalogSummary>,
): void {
  middlewares.use(CATALOG_ENDPOINT, (req, res, next) => {
    if (req.method !== 'GET') return next();
    try {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(summary.json());
    } catch (e) {
      json(res, 500, { error: `Cannot compile the definitions folder ${dir}: ${(e as Error).message}` });
    }
  });
  middlewares.use(DEFINITIONS_ENDPOINT, (req, res, next) => {
    if (req.method !== 'GET') return next();
    try {
      json(res, 200, { dir: relative(process.cwd(), dir) || '.', files: readDefinitionFiles(dir) });
    } catch (e) {
      json(res, 500, { error: `Cannot read the definitions folder ${dir}: ${(e as Error).message}` });
    }
  });
  middlewares.use(SAVE_ENDPOINT, (req, res, next) => {
    if (req.method !== 'POST') return next();
    void (async () => {
      try {
        let body: { path?: unknown; text?: unknown };
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch (e) {
          if (e instanceof SaveRefused) throw e;
          throw new SaveRefused(400, 'The request body is not JSON.');
        }
        json(res, 200, saveVersionFile(dir, body?.path, body?.text));
      } catch (e) {
        if (e instanceof SaveRefused) json(res, e.status, { error: e.message });
        else json(res, 500, { error: `The file could not be written: ${(e as Error).message}` });
      }
    })();
  });
}

/** The Vite plugin: the endpoints above, and word of every change of the folder. */
export function definitionsPlugin(options: DefinitionsPluginOptions = {}): Plugin {
  const dir = definitionsDir(options.dir);
  return {
    name: 'regforms-definitions',
    configureServer(server: ViteDevServer) {
      server.watcher.add(dir);
      const summary = catalogSummary(dir);
      const notify = debounced(() => server.ws.send({ type: 'custom', event: DEFINITIONS_EVENT, data: {} }));
      const changed = (file: string) => {
        if (!isDefinitionFile(dir, file)) return;
        summary.changed();
        notify();
      };
      server.watcher.on('change', changed);
      server.watcher.on('add', changed);
      server.watcher.on('unlink', changed);
      endpoints(dir, server.middlewares, summary);
    },
    configurePreviewServer(server: PreviewServer) {
      const summary = catalogSummary(dir);
      endpoints(dir, server.middlewares, summary);
      // Compiled before the first page asks for it (the server has just started).
      setTimeout(() => {
        try {
          summary.json();
        } catch {
          // Said to the page when it asks.
        }
      }, 0);
      // No HMR channel here: the pages listen to server-sent events.
      const clients = new Set<ServerResponse>();
      const notify = debounced(() => {
        for (const res of clients) res.write('event: definitions\ndata: {}\n\n');
      });
      const watcher = watch(dir, { recursive: true }, (_event, name) => {
        if (!name || !isDefinitionFile(dir, resolve(dir, name.toString()))) return;
        summary.changed();
        notify();
      });
      server.httpServer.on('close', () => {
        watcher.close();
        for (const res of clients) res.end();
      });
      server.middlewares.use(EVENTS_ENDPOINT, (req, res) => {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
      });
    },
  };
}
