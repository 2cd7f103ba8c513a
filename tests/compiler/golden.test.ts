/*
 * Golden outputs: the whole compiled form of the demo fixture (every feature of the format),
 * and the CSV header of every real version (what hospitals build their exports against).
 * After an intended change: pnpm vitest run tests/compiler -u, and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS, DEMO } from '../support.ts';

describe('golden outputs', () => {
  it('demo/visit@1.0.0 compiles to the committed form', async () => {
    const form = compileDir(DEMO).forms[0]!;
    await expect(`${JSON.stringify(form, null, 2)}\n`).toMatchFileSnapshot(
      '../golden/demo/visit/1.0.0/form.json',
    );
  });

  for (const form of compileDir(DEFINITIONS).forms) {
    const id = `${form.meta.registry}/${form.meta.registrationType}/${form.meta.version}`;
    it(`${id} has the committed CSV header`, async () => {
      const header = form.csv.columns.map(
        (c) => `${c.column};${c.type};${c.required}${c.codes ? `;${c.codes.join('|')}` : ''}`,
      );
      await expect(`${header.join('\n')}\n`).toMatchFileSnapshot(`../golden/csv/${id}.csv`);
    });
  }
});
