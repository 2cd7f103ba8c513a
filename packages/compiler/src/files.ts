import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from '@regforms/definition';

/** Every YAML file under a definitions folder, paths relative to it with `/`. */
export function readDefinitionFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      // The lock of published versions is part of the folder, like its YAML files.
      else if (/\.ya?ml$/.test(name) || (d === dir && name === 'published.lock.json'))
        out.push({ path: relative(dir, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}
