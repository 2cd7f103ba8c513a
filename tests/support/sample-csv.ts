/*
 * Large CSV files of registrations for the tests and the benchmark, generated (never
 * committed): rows drawn by sampleData from a pool of seeds, each with its own national
 * number so that business keys differ, written with the import's own conventions.
 */
import { exportCsv, templateCsv } from '@regforms/csv';
import { createRegistration } from '@regforms/registrations';
import type { CompiledForm, RegistrationData } from '@regforms/runtime';
import { random, sampleData, sampleNiss } from './sample-data.ts';

export interface SampleCsv {
  text: string;
  /** The registration data of each row, in file order. */
  rows: RegistrationData[];
  /** 0-based indexes of the rows made invalid. */
  invalid: number[];
}

/** Breaks one row in a way the form's validator must catch (a code not in the list). */
function breakRow(form: CompiledForm, data: RegistrationData, rnd: () => number): RegistrationData {
  const choices = form.csv.columns.filter(
    (c) => c.type === 'choice' && c.path.length === 1 && c.required === 'always',
  );
  const c = choices[Math.floor(rnd() * choices.length)]!;
  return { ...data, [c.name]: 'ZZ' };
}

/**
 * About `bytes` of CSV for a compiled form (`;`, UTF-8, header first). `invalidShare` of the
 * rows (0…1) carry a code that is not in their code list.
 */
export function sampleCsv(
  form: CompiledForm,
  options: { bytes: number; seed?: number; invalidShare?: number; pool?: number },
): SampleCsv {
  const seed = options.seed ?? 1;
  const rnd = random(seed * 7919);
  const pool = Array.from({ length: options.pool ?? 60 }, (_, i) => sampleData(form, seed * 1000 + i));
  const hasNiss = form.csv.columns.some((c) => c.name === 'IDC_PAT');
  const rows: RegistrationData[] = [];
  const invalid: number[] = [];
  const chunks: string[] = [templateCsv(form)];
  let size = chunks[0]!.length;
  while (size < options.bytes) {
    // 200 rows at a time through exportCsv, the same writer users get.
    const batch: RegistrationData[] = [];
    for (let i = 0; i < 200; i++) {
      let data = structuredClone(pool[Math.floor(rnd() * pool.length)]!);
      if (hasNiss && data.IDC_PAT !== undefined) data.IDC_PAT = sampleNiss(rnd);
      if (options.invalidShare && rnd() < options.invalidShare) {
        data = breakRow(form, data, rnd);
        invalid.push(rows.length + batch.length);
      }
      batch.push(data);
    }
    const regs = batch.map((data) => ({ ...createRegistration(form, { data }), status: 'sent' as const }));
    // One line per row: sampleData's plain text has no line breaks.
    const lines = exportCsv(form, regs).split('\n').slice(1, -1);
    for (let i = 0; i < lines.length && size < options.bytes; i++) {
      chunks.push(`${lines[i]}\n`);
      size += lines[i]!.length + 1;
      rows.push(batch[i]!);
    }
  }
  return { text: chunks.join(''), rows, invalid: invalid.filter((i) => i < rows.length) };
}
