/*
 * Storybook needs no story file per form: a version file added to definitions/ becomes a
 * story file of its own, placed first when it is the most recent, marked when it is a draft.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, watchDefinitions } from '../../stories/scripts/generate.ts';
import { DEFINITIONS } from '../support.ts';

const work = mkdtempSync(join(tmpdir(), 'regforms-stories-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of definitions/ with spine/surgery 1.2.0 added, as a draft or published. */
function withNewVersion(status: 'draft' | 'published'): string {
  const dir = join(work, `definitions-${status}`);
  cpSync(DEFINITIONS, dir, { recursive: true });
  const source = readFileSync(join(dir, 'spine/surgery/1.1.0.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'spine/surgery/1.2.0.yaml'),
    source
      .replace(/^version: 1\.1\.0$/m, 'version: 1.2.0')
      .replace(/^status: published$/m, `status: ${status}`),
  );
  return dir;
}

const storyFiles = (out: string) =>
  readdirSync(join(out, 'forms/02-spine/00-surgery'))
    .filter((f) => f.endsWith('.stories.tsx'))
    .sort();

describe('stories generated from definitions/', () => {
  it('a new draft version gets its stories, marked draft, after the most recent one', () => {
    const out = join(work, 'out-draft');
    const before = generate({ definitions: DEFINITIONS, out: join(work, 'out-before') });
    const after = generate({ definitions: withNewVersion('draft'), out });
    expect(after.versions).toBe(before.versions + 1);
    expect(after.stories).toBe(before.stories + 5);
    expect(storyFiles(out)).toEqual(['0-1.1.0.stories.tsx', '1-1.2.0.stories.tsx', '2-1.0.0.stories.tsx']);
    expect(readFileSync(join(out, 'forms/02-spine/00-surgery/1-1.2.0.stories.tsx'), 'utf8')).toMatch(
      /1\.2\.0 \(draft\)/,
    );
  });

  it('a new published version becomes the first, most recent, story of its type', () => {
    const out = join(work, 'out-published');
    generate({ definitions: withNewVersion('published'), out });
    expect(storyFiles(out)[0]).toBe('0-1.2.0.stories.tsx');
    expect(readFileSync(join(out, 'forms/02-spine/00-surgery/0-1.2.0.stories.tsx'), 'utf8')).toMatch(
      /1\.2\.0 \(most recent\)/,
    );
  });

  it('generating again rewrites only the files a definition change touched', () => {
    const definitions = join(work, 'definitions-edited');
    cpSync(DEFINITIONS, definitions, { recursive: true });
    const out = join(work, 'out-sync');
    generate({ definitions, out });
    expect(generate({ definitions, out }).changed).toBe(0);
    const untouched = join(out, 'forms/00-angio/00-hospitalisation/1.1.0.json');
    const mtime = statSync(untouched).mtimeMs;
    const file = join(definitions, 'spine/surgery/1.1.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: published$/m, 'status: draft'));
    const { changed } = generate({ definitions, out });
    // The version's story file and fixture, and the renderer fixtures of the latest versions.
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(10);
    expect(statSync(untouched).mtimeMs).toBe(mtime);
  });

  it('while watching, a version file added becomes stories without a restart', async () => {
    const definitions = join(work, 'definitions-watched');
    cpSync(DEFINITIONS, definitions, { recursive: true });
    const out = join(work, 'out-watched');
    generate({ definitions, out });
    const said: string[] = [];
    const stop = watchDefinitions({ definitions, out }, (m) => said.push(m));
    try {
      const source = readFileSync(join(definitions, 'spine/surgery/1.1.0.yaml'), 'utf8');
      writeFileSync(
        join(definitions, 'spine/surgery/1.2.0.yaml'),
        source
          .replace(/^version: 1\.1\.0$/m, 'version: 1.2.0')
          .replace(/^status: published$/m, 'status: draft'),
      );
      await expect.poll(() => storyFiles(out), { timeout: 20_000 }).toContain('1-1.2.0.stories.tsx');
      expect(said.join('\n')).toMatch(/definitions changed → 23 versions/);
    } finally {
      stop();
    }
  }, 30_000);
});
