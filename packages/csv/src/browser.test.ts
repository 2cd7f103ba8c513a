/*
 * The studio calls this package in a browser: nothing it imports may need Node. Only the
 * file-backed store of @regforms/registrations does, behind its own entry point.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGES = join(import.meta.dirname, '..', '..');

describe('@regforms/csv in a browser', () => {
  it('imports no Node module, here or in the packages it uses', () => {
    const offenders: string[] = [];
    for (const pkg of ['csv', 'runtime', 'registrations', 'definition', 'expression']) {
      const dir = join(PACKAGES, pkg, 'src');
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'file-store.ts') continue;
        const text = readFileSync(join(dir, file), 'utf8');
        if (/from '(node:|fs|path|os)/.test(text) || /\bprocess\./.test(text))
          offenders.push(`${pkg}/${file}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the file store out of the main entry of @regforms/registrations', () => {
    const index = readFileSync(join(PACKAGES, 'registrations', 'src', 'index.ts'), 'utf8');
    expect(index).not.toContain('file-store');
  });
});
