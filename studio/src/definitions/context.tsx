/*
 * The definitions folder as the studio sees it: its files (from the dev server), their
 * compilation (in a worker), and saving a version file. Reloads when a file changes on disk.
 */
import type { SourceFile } from '@regforms/definition';
import { type CompiledForm, LOCK_FILE } from '@regforms/runtime';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useCompiler } from './compiler-client.ts';
import type { Compiled } from './protocol.ts';

export const DEFINITIONS_ENDPOINT = '/__regforms/definitions';
export const EVENTS_ENDPOINT = '/__regforms/events';
export const CATALOG_ENDPOINT = '/__regforms/catalog';
export const SAVE_ENDPOINT = '/__regforms/save';

interface DefinitionsState {
  files?: SourceFile[];
  /** The folder, relative to where the studio was started. */
  dir?: string;
  compiled?: Compiled;
  /**
   * The catalog and diagnostics as the server compiled them: the catalog shows with them
   * while the page's own compilation (in a worker, `compiled`) is not done yet.
   */
  summary?: CatalogSummary;
  error?: string;
  reload(): Promise<void>;
  /** Writes a version file; resolves to an error message when the server refuses. */
  save(path: string, text: string): Promise<{ ok: true } | { ok: false; error: string }>;
}

export type CatalogSummary = Pick<Compiled, 'catalog' | 'diagnostics'>;

const DefinitionsContext = createContext<DefinitionsState | null>(null);

export function DefinitionsProvider({ children }: { children: ReactNode }) {
  const [files, setFiles] = useState<SourceFile[]>();
  const [dir, setDir] = useState<string>();
  const [compiled, setCompiled] = useState<Compiled>();
  const [summary, setSummary] = useState<CatalogSummary>();
  const [error, setError] = useState<string>();
  const client = useCompiler();
  const generation = useRef(0);

  const reload = useCallback(async () => {
    if (!client) return;
    const mine = ++generation.current;
    // The server's summary, in parallel: a failure here only means waiting for the worker.
    void fetch(CATALOG_ENDPOINT, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<CatalogSummary>) : undefined))
      .then((s) => {
        if (s && mine === generation.current) setSummary(s);
      })
      .catch(() => undefined);
    try {
      const res = await fetch(DEFINITIONS_ENDPOINT, { cache: 'no-store' });
      const body = (await res.json()) as { files?: SourceFile[]; dir?: string; error?: string };
      if (!res.ok || !body.files) throw new Error(body.error ?? `HTTP ${res.status}`);
      if (mine !== generation.current) return;
      setFiles(body.files);
      setDir(body.dir);
      const result = await client.compile(body.files);
      if (mine !== generation.current) return;
      setCompiled(result);
      setError(undefined);
    } catch (e) {
      if (mine === generation.current) setError((e as Error).message);
    }
  }, [client]);

  useEffect(() => {
    void reload();
    // The server tells us when a definition file changes on disk: the dev server by an HMR
    // event, the preview server of the production build (`pnpm start`) by server-sent events.
    const onChange = () => void reload();
    const hot = import.meta.hot;
    if (hot) {
      hot.on('regforms:definitions', onChange);
      return () => hot.off('regforms:definitions', onChange);
    }
    const events = new EventSource(EVENTS_ENDPOINT);
    events.addEventListener('definitions', onChange);
    return () => events.close();
  }, [reload]);

  const save = useCallback(
    async (path: string, text: string): Promise<{ ok: true } | { ok: false; error: string }> => {
      try {
        const res = await fetch(SAVE_ENDPOINT, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ path, text }),
        });
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        if (!res.ok) return { ok: false, error: body.error ?? `HTTP ${res.status}` };
        await reload();
        return { ok: true };
      } catch (e) {
        return {
          ok: false,
          error: `The dev server did not answer (${(e as Error).message}). Is the studio still running?`,
        };
      }
    },
    [reload],
  );

  const value = useMemo(
    () => ({ files, dir, compiled, summary, error, reload, save }),
    [files, dir, compiled, summary, error, reload, save],
  );
  return <DefinitionsContext.Provider value={value}>{children}</DefinitionsContext.Provider>;
}

/** The definitions, their compilation and save(). */
export function useDefinitions(): DefinitionsState {
  const state = useContext(DefinitionsContext);
  if (!state) throw new Error('useDefinitions outside DefinitionsProvider');
  return state;
}

/** The compiled form of one version, if it compiled. */
export function findForm(
  compiled: Compiled | undefined,
  registry: string,
  type: string,
  version: string,
): CompiledForm | undefined {
  return compiled?.forms.find(
    (f) => f.meta.registry === registry && f.meta.registrationType === type && f.meta.version === version,
  );
}

/** The files one registry compiles from: its folder, `_shared/`, and its entries of the lock. */
export function registryFiles(files: readonly SourceFile[], registry: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const f of files) {
    if (f.path.startsWith(`${registry}/`) || f.path.startsWith('_shared/')) out.push(f);
    else if (f.path === LOCK_FILE) out.push(lockOf(f, registry));
  }
  return out;
}

/** The lock reduced to one registry, so compiling that registry alone finds nothing "gone". */
function lockOf(file: SourceFile, registry: string): SourceFile {
  try {
    const lock = JSON.parse(file.text) as { versions?: Record<string, unknown> };
    if (!lock.versions || typeof lock.versions !== 'object') return file;
    const versions = Object.fromEntries(
      Object.entries(lock.versions).filter(([key]) => key.startsWith(`${registry}/`)),
    );
    return { path: file.path, text: `${JSON.stringify({ ...lock, versions }, null, 2)}\n` };
  } catch {
    // Broken JSON: the compiler reports it, with its position, on the file as it is.
    return file;
  }
}
