/*
 * A running node: the forms compiled, the database opened (and migrated), the API listening.
 * `regforms serve` and the tests start it the same way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from './app.ts';
import { type DatabaseOptions, type OpenDatabase, openDatabase } from './database.ts';
import { type Forms, loadForms } from './forms.ts';

export interface StartOptions extends DatabaseOptions, Omit<ServerOptions, 'forms' | 'database'> {
  /** The definitions folder (compiled at start), or forms already compiled. */
  definitions: string | Forms;
  port?: number;
  /** Default 127.0.0.1: the node is reachable from elsewhere only when asked (--host 0.0.0.0). */
  host?: string;
}

export interface RunningNode {
  app: FastifyInstance;
  database: OpenDatabase;
  forms: Forms;
  url: string;
  close(): Promise<void>;
}

/** The built <regforms-form> bundle of @regforms/element, when it is there (installed, or built). */
export function elementBundle(): string | undefined {
  try {
    const file = fileURLToPath(import.meta.resolve('@regforms/element'));
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function startNode(options: StartOptions): Promise<RunningNode> {
  const forms =
    typeof options.definitions === 'string' ? loadForms(options.definitions) : options.definitions;
  const database = await openDatabase(options);
  try {
    const element = options.element ?? elementBundle();
    const app = await buildServer({ ...options, forms, database, ...(element ? { element } : {}) });
    await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
    return {
      app,
      database,
      forms,
      url: `http://${host}:${port}`,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
