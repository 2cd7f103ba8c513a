// The files generated from code: the editors' JSON Schemas of the format, the table of
// diagnostic codes, the README's example QuestionnaireResponse and the element's precompiled
// first-section styles (scripts/generate.ts writes them; a test fails when the committed ones
// are stale).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { DIAGNOSTIC_CODES, formatSchemas } from '@regforms/definition';
import { toResponse } from '@regforms/fhir';
import { firstStyles } from '../renderer/scripts/first-styles.ts';

const ROOT = join(import.meta.dirname, '..');

/**
 * The README's S2S example as a FHIR client sends it: the data of docs/examples/
 * hospitalisation-pci.json for another patient (the first is sent already by then), as a
 * completed QuestionnaireResponse to the same version.
 */
function exampleResponse(): string {
  const example = JSON.parse(readFileSync(join(ROOT, 'docs/examples/hospitalisation-pci.json'), 'utf8'));
  const form = compileDefinitions(readDefinitionFiles(join(ROOT, 'definitions'))).forms.find(
    (f) =>
      f.meta.registry === example.registry &&
      f.meta.registrationType === example.type &&
      f.meta.version === '2.0.0',
  );
  if (!form) throw new Error('angio/hospitalisation-pci@2.0.0 does not compile');
  const qr = toResponse(form, { ...example.data, IDC_PAT: '60070500191' }, { status: 'sent' });
  return `${JSON.stringify(qr, null, 2)}\n`;
}

function diagnosticsTable(): string {
  const rows = Object.entries(DIAGNOSTIC_CODES).map(([code, what]) => `| \`${code}\` | ${what} |`);
  return `# Diagnostic codes

Every problem the checker finds has a stable code, a place (\`file:line:col\`), a message and a
fix. The codes, grouped by topic (generated from \`packages/definition/src/diagnostics.ts\`):

| code | what it means |
|---|---|
${rows.join('\n')}

Examples of each, with the exact place reported, are in \`tests/bad-input/\`.
`;
}

/** Files generated from code, by path from the repository root. */
export function generatedFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, schema] of Object.entries(formatSchemas()))
    out[`packages/definition/schema/${file}`] = `${JSON.stringify(schema, null, 2)}\n`;
  out['docs/diagnostics.md'] = diagnosticsTable();
  out['docs/examples/hospitalisation-pci.questionnaire-response.json'] = exampleResponse();
  out['renderer/src/element/first-styles.gen.json'] = firstStyles();
  return out;
}
