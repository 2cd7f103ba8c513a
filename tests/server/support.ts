/*
 * The server suite runs on every database the node supports: the embedded one (PGlite, a temp
 * folder) always, and a PostgreSQL server when REGFORMS_TEST_DATABASE_URL names one (`.ci/run`
 * starts a throwaway cluster with scripts/postgres.sh and sets it). Each node gets a database
 * of its own, dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompiledForm, sampleData } from '@regforms/runtime';
import { createToken, formsOf, type RunningNode, type StartOptions, startNode } from '@regforms/server';
import pg from 'pg';
import { compileDir, DEFINITIONS } from '../support.ts';

export const POSTGRES_URL = process.env.REGFORMS_TEST_DATABASE_URL;

if (process.env.REGFORMS_REQUIRE_POSTGRES === '1' && !POSTGRES_URL)
  throw new Error(
    'REGFORMS_REQUIRE_POSTGRES is set but REGFORMS_TEST_DATABASE_URL is not: start scripts/postgres.sh',
  );

export type DatabaseKind = 'pglite' | 'postgres';
/** The databases this run tests on. */
export const DATABASES: DatabaseKind[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

export function forms() {
  const r = compileDir(DEFINITIONS);
  return formsOf(r.catalog, r.forms);
}

export function formOf(registry: string, type: string, version?: string): CompiledForm {
  return forms().find(registry, type, version);
}

/** A fresh database: a temp folder, or a new database on the PostgreSQL server. */
export async function freshDatabase(kind: DatabaseKind): Promise<{
  options: { data: string } | { url: string };
  drop(): Promise<void>;
}> {
  if (kind === 'pglite') {
    const data = mkdtempSync(join(tmpdir(), 'regforms-node-'));
    return { options: { data }, drop: async () => rmSync(data, { recursive: true, force: true }) };
  }
  const name = `regforms_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    options: { url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestNode extends RunningNode {
  /** A token of organisation 71000436 (and one of another hospital, 71000535). */
  token: string;
  otherToken: string;
  /** fetch against the node, with the token unless `auth: null`. */
  api(path: string, init?: RequestInit & { auth?: string | null; json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

export const ORG = '71000436';
export const OTHER_ORG = '71000535';

export async function testNode(kind: DatabaseKind, options: Partial<StartOptions> = {}): Promise<TestNode> {
  const db = await freshDatabase(kind);
  const node = await startNode({ definitions: forms(), port: 0, ...db.options, ...options });
  const { token } = await createToken(node.database.db, ORG, 'EHR');
  const { token: otherToken } = await createToken(node.database.db, OTHER_ORG, 'Other hospital');
  const api: TestNode['api'] = (path, init = {}) => {
    const { auth, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    const bearer = auth === undefined ? token : auth;
    if (bearer !== null) headers.set('authorization', `Bearer ${bearer}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${node.url}${path}`, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  return {
    ...node,
    token,
    otherToken,
    api,
    stop: async () => {
      await node.close();
      await db.drop();
    },
  };
}

/** A valid Belgian national number, different for every i below 334,992. */
export function nissFor(i: number): string {
  const m = 1 + (i % 12);
  const d = 1 + (Math.floor(i / 12) % 28);
  const counter = 1 + (Math.floor(i / 336) % 997);
  const body = `60${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(counter).padStart(3, '0')}`;
  return `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
}

/** Valid data of angio/hospitalisation-pci for patient i (a business key of its own). */
export function pciData(i: number): Record<string, unknown> {
  const form = formOf('angio', 'hospitalisation-pci');
  const data = sampleData(form, 1 + (i % 50));
  return { ...data, IDC_PAT: nissFor(i) };
}
