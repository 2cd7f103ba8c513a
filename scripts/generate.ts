// Writes the files generated from code: the JSON Schemas of the definition format (for
// editors) and the table of diagnostic codes. A test fails when the committed ones are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from './generated.ts';

const root = join(import.meta.dirname, '..');
for (const [path, text] of Object.entries(generatedFiles())) {
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
