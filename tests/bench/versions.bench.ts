/*
 * Cost of version safety in `check`: the semantic diff of two versions of a synthetic
 * 2,000-field registration type, and the lock check (content hash and file hashes), beside
 * the compile of the same folder, measured in the same process.
 * Floor: diff + lock check ≤ 0.25× the compile. Run: pnpm bench:versions
 */
import { checkLock, compileDefinitions, formatLock, updateLock } from '@regforms/compiler';
import type { SourceFile } from '@regforms/definition';
import { diffVersions } from '@regforms/diff';
import { LOCK_FILE } from '@regforms/runtime';
import { syntheticDefinitions } from './synthetic.ts';
import { time } from './timing.ts';

// 1.0.0 and a 2.0.0 with a change every few fields: bounds, conditions, labels, codes.
const [registry, v1] = syntheticDefinitions(2000) as [SourceFile, SourceFile];
const v2text = v1.text
  .replace('version: 1.0.0', 'version: 2.0.0')
  .replace(/maxLength: 100/g, (m, offset: number) => (offset % 3 === 0 ? 'maxLength: 80' : m))
  .replace(/"Field (\d+)7 en"/g, '"Field $17 (en)"')
  .replace(
    /- \{ code: B, label: (\{[^}]+\}) \}/g,
    '- { code: B, label: $1 }\n          - { code: C, label: $1 }',
  );
const files: SourceFile[] = [registry, v1, { path: 'bench/big/2.0.0.yaml', text: v2text }];
const first = compileDefinitions(files);
if (
  first.forms.length !== 2 ||
  first.diagnostics.some((d) => d.severity === 'error' && d.code !== 'VERSION_BUMP_TOO_SMALL')
) {
  console.error(first.diagnostics.slice(0, 5));
  process.exit(1);
}
const [a, b] = first.definitions.registries[0]!.registrationTypes[0]!.versions;
const lock = updateLock(first.definitions, first.forms, files).lock;
const locked = [...files, { path: LOCK_FILE, text: formatLock(lock) }];
const runs = Number(process.env.BENCH_RUNS ?? 9);

const diff = diffVersions(a!, b!);
const compileMs = time(() => compileDefinitions(files), runs);
const diffMs = time(() => diffVersions(a!, b!), runs);
const lockMs = time(() => checkLock(first.definitions, first.forms, locked), runs);
const ratio = (diffMs + lockMs) / compileMs;

console.log(
  `synthetic registration type: 2 versions of ${first.forms[0]!.logic.fields.length} fields, ${diff.changes.length} changes (needs ${diff.bump})`,
);
console.log(
  `regforms compile of both (load + check + emit):   ${compileMs.toFixed(1)} ms (median of ${runs})`,
);
console.log(`diffVersions 1.0.0 → 2.0.0:                       ${diffMs.toFixed(1)} ms (median of ${runs})`);
console.log(`lock check of both (content + file hashes):       ${lockMs.toFixed(1)} ms (median of ${runs})`);
console.log(
  `ratio (diff + lock check) / compile: ${ratio.toFixed(2)}× (floor: ≤ 0.25×) ${ratio <= 0.25 ? 'OK' : 'ABOVE FLOOR'}`,
);
if (ratio > 0.25) process.exitCode = 1;
