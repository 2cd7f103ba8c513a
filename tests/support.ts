import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';

export const ROOT = join(import.meta.dirname, '..');
export const DEFINITIONS = join(ROOT, 'definitions');
export const DEMO = join(import.meta.dirname, 'fixtures', 'demo');

const cache = new Map<string, ReturnType<typeof compileDefinitions>>();

/** Compiles a definitions folder once per test run. */
export function compileDir(dir: string) {
  let r = cache.get(dir);
  if (!r) {
    r = compileDefinitions(readDefinitionFiles(dir));
    cache.set(dir, r);
  }
  return r;
}
