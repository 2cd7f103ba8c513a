import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, readDefinitions, type SourceFile } from '@regforms/definition';
import { readDefinitionFiles } from '@regforms/compiler/node';

export const CORPUS = import.meta.dirname;

/** The case names: every folder beside _base. */
export function cases(): string[] {
  return readdirSync(CORPUS)
    .filter((n) => !n.startsWith('_') && statSync(join(CORPUS, n)).isDirectory())
    .sort();
}

/** The base folder with the case's files laid over it. */
export function caseFiles(name: string): SourceFile[] {
  const files = new Map<string, SourceFile>();
  for (const f of readDefinitionFiles(join(CORPUS, '_base'))) files.set(f.path, f);
  for (const f of readDefinitionFiles(join(CORPUS, name)))
    if (f.path !== 'expected.yaml') files.set(f.path, f);
  return [...files.values()];
}

export function runCase(name: string): Diagnostic[] {
  return readDefinitions(caseFiles(name)).diagnostics;
}
