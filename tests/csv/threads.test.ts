/*
 * A large file's rows checked on other threads (@regforms/csv/threads) give the same report
 * and the same registrations as on the importing thread: outcomes, line numbers across the
 * parts, replacements by business key, drafts, quoted line breaks, counts of unread columns.
 */
import { type ImportReport, importCsv, type RowThreads } from '@regforms/csv';
import { rowThreads } from '@regforms/csv/threads';
import { MemoryStore, type Registration } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { mostRecent } from '@regforms/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleCsv } from '../support/sample-csv.ts';
import { compileDir, DEFINITIONS } from '../support.ts';

const compiled = compileDir(DEFINITIONS);
const type = compiled.definitions.registries
  .find((r) => r.id === 'angio')!
  .registrationTypes.find((t) => t.id === 'hospitalisation-pci')!;
const form: CompiledForm = compiled.forms.find(
  (f) => f.meta.registrationType === type.id && f.meta.version === mostRecent(type.versions)!.version,
)!;
const clock = { now: () => new Date('2026-01-15T09:00:00Z') };

/**
 * ~1.5 MB of rows with, every so often: a draft, a cell quoted over two lines with a `;`, an
 * empty line, a row cut short, a value in a column the form does not have, and a row repeating
 * an earlier one's business key (it replaces it).
 */
function mixedFile(): { text: string; dataRows: number } {
  const sample = sampleCsv(form, { bytes: 1.5 * 1024 * 1024, seed: 5, invalidShare: 0.03 });
  const [header, ...rows] = sample.text.trimEnd().split('\n');
  const names = header!.split(';');
  const coauthor = names.indexOf('TX_COAUTHOR');
  const status = names.indexOf('STATUS');
  const out = [`${header};EXTRA_NOTE`];
  let dataRows = 0;
  rows.forEach((row, i) => {
    let cells = row.split(';');
    if (i % 7 === 3) cells[coauthor] = '"Dr A; Dr B\nsecond line"';
    if (i % 11 === 5) {
      out.push('');
      dataRows++;
    }
    if (i % 13 === 2) cells[status] = 'draft';
    if (i % 97 === 13) cells = cells.slice(0, 20);
    out.push(`${cells.join(';')};${i % 17 === 0 ? 'seen' : ''}`);
    dataRows++;
    if (i % 50 === 49) {
      out.push(`${rows[i - 40]};`);
      dataRows++;
    }
  });
  return { text: `${out.join('\r\n')}\r\n`, dataRows };
}

/** The report without what differs from one import to another (ids, codes). */
function comparable(report: ImportReport) {
  return {
    ...report,
    rows: report.rows.map(({ id, registrationCode, replaces, ...row }) => ({
      ...row,
      // Registration codes are drawn at random: a message naming one is compared without it.
      errors: row.errors.map((e) => ({
        ...e,
        message: e.message.replace(/[A-Z]+-\d{4}-[0-9A-Z]{10}/g, '<code>'),
      })),
      hasId: id !== undefined,
      hasCode: registrationCode !== undefined,
      ...(replaces ? { replaces: { status: replaces.status, line: replaces.line } } : {}),
    })),
  };
}

const stored = async (store: MemoryStore) =>
  (await store.list())
    .map((r: Registration) => ({ status: r.status, businessKey: r.businessKey, data: r.data }))
    .sort((a, b) => `${a.businessKey}${a.status}`.localeCompare(`${b.businessKey}${b.status}`));

describe('rows checked on other threads', { timeout: 240_000 }, () => {
  const pool = rowThreads(2);
  afterAll(() => pool.close());

  it('give the same report and registrations as on the importing thread', async () => {
    const { text, dataRows } = mixedFile();
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    let parts = 0;
    const counted: RowThreads = {
      size: pool.size,
      check: async (f, job) => {
        const result = await pool.check(f, job);
        parts++;
        return result;
      },
    };
    const here = new MemoryStore();
    const there = new MemoryStore();
    const single = await importCsv(form, bytes, { store: here, clock, lang: 'fr' });
    const progress: number[] = [];
    const threaded = await importCsv(form, bytes, {
      store: there,
      clock,
      lang: 'fr',
      threads: counted,
      onProgress: (p) => progress.push(p.rows),
    });
    // The rows really went to the threads, in several parts.
    expect(parts).toBeGreaterThanOrEqual(4);
    expect(comparable(threaded)).toEqual(comparable(single));
    expect(await stored(there)).toEqual(await stored(here));
    expect(progress.at(-1)).toBe(dataRows);
    // What the file holds, so equality above is about something.
    const t = single.totals;
    expect(t.rows).toBe(dataRows);
    expect(t.draft).toBeGreaterThan(0);
    expect(t.replaced).toBeGreaterThan(0);
    expect(t.rejected).toBeGreaterThan(0);
    expect(t.skippedEmpty).toBeGreaterThan(0);
    expect(single.issues.find((i) => i.code === 'UNKNOWN_COLUMN')?.message).toMatch(/\d+/);
    expect(single.rows.some((r) => r.errors.some((e) => e.code === 'ROW_TOO_SHORT'))).toBe(true);
    // Quoted line breaks count as lines: the last row starts after every line break before it.
    const lastRow = text.lastIndexOf('\r\n', text.length - 3) + 2;
    expect(single.rows.at(-1)!.line).toBe(text.slice(0, lastRow).split('\n').length);
  });

  it('a thread that cannot check a part leaves it to the importing thread: same report', async () => {
    const { text } = mixedFile();
    const broken: RowThreads = { size: 2, check: () => Promise.reject(new Error('no thread')) };
    const a = await importCsv(form, text, { store: new MemoryStore(), clock, threads: broken });
    const b = await importCsv(form, text, { store: new MemoryStore(), clock });
    expect(comparable(a)).toEqual(comparable(b));
  });
});
