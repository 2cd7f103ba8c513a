// The files generated from code: the editors' JSON Schemas of the format and the table of
// diagnostic codes (scripts/generate.ts writes them; a test fails when the committed ones are stale).
import { DIAGNOSTIC_CODES, formatSchemas } from '@regforms/definition';

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
  return out;
}
