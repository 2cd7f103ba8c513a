// Writes the JSON Schemas of the definition format (for editors) from the format table.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSchemas } from '../packages/definition/src/format-schema.ts';

const dir = join(import.meta.dirname, '..', 'packages', 'definition', 'schema');
for (const [file, schema] of Object.entries(formatSchemas())) {
  writeFileSync(join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote packages/definition/schema/${file}`);
}
