/*
 * Compile speed: the whole compiler (load → check → emit) on a synthetic 2,000-field
 * definition, beside ajv compiling the schema it emits, measured in the same process.
 * Floor: compile ≤ 1× ajv.compile. Run: pnpm bench
 */
import { compileDefinitions } from '@regforms/compiler';
import { formatDiagnostics } from '@regforms/definition';
import { createAjv } from '@regforms/runtime';
import { syntheticDefinitions } from './synthetic.ts';
import { time } from './timing.ts';

const files = syntheticDefinitions(2000);
const first = compileDefinitions(files);
if (first.forms.length !== 1) {
  console.error(formatDiagnostics(first.diagnostics));
  process.exit(1);
}
const form = first.forms[0]!;
const fieldCount = form.logic.fields.length;
const runs = Number(process.env.BENCH_RUNS ?? 9);

const compileMs = time(() => compileDefinitions(files), runs);
const ajvMs = time(() => createAjv().compile(form.schema), runs);
const ratio = compileMs / ajvMs;

console.log(
  `synthetic definition: ${fieldCount} fields (${form.csv.columns.length} CSV columns), ${(files[1]!.text.length / 1024).toFixed(0)} KiB of YAML`,
);
console.log(`regforms compile (load + check + emit): ${compileMs.toFixed(1)} ms (median of ${runs})`);
console.log(`ajv.compile of the emitted schema:      ${ajvMs.toFixed(1)} ms (median of ${runs})`);
console.log(
  `ratio compile / ajv.compile: ${ratio.toFixed(2)}× (floor: ≤ 1.00×) ${ratio <= 1 ? 'OK' : 'ABOVE FLOOR'}`,
);
if (ratio > 1) process.exitCode = 1;
