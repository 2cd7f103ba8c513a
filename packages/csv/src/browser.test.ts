/*
 * The studio calls this package in a browser: nothing it imports may need Node. Only the
 * file-backed store of @regforms/registrations and the row threads of this package do, each
 * behind its own entry point.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGES = join(import.meta.dirname, '..', '..');
const NODE_ONLY = new Set(['registrations/file-store.ts', 'csv/threads.ts', 'csv/row-worker.ts']);

describe('@regforms/csv in a browser', () => {
  it('imports no Node module, here or in the packages it uses', () => {
    const offenders: string[] = [];
    for (const pkg of ['csv', 'runtime', 'registrations', 'definition', 'expression']) {
      const dir = join(PACKAGES, pkg, 'src');
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts') || NODE_ONLY.has(`${pkg}/${file}`)) continue;
        const text = readFileSync(join(dir, file), 'utf8');
        if (/from '(node:|fs|path|os)/.test(text) || /\bprocess\./.test(text))
          offenders.push(`${pkg}/${file}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the file store and the row threads out of the main entries', () => {
    const index = (pkg: string) => readFileSync(join(PACKAGES, pkg, 'src', 'index.ts'), 'utf8');
    expect(index('registrations')).not.toContain('file-store');
    expect(index('csv')).not.toMatch(/threads|row-worker/);
  });
});
