/*
 * CSV checks and imports off the main thread: a file of a few MB takes a second or two to
 * read, validate and store, during which the page would otherwise freeze. The worker opens the
 * studio's own IndexedDB database (IndexedDB is shared by a page and its workers), so what it
 * imports is what the registrations pages list. Exposed through Comlink (../workers.ts).
 */
import { type ImportReport, importCsv } from '@regforms/csv';
import { IndexedDbStore } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { expose } from 'comlink';
import { STUDIO_DATABASE } from '../registrations/database.ts';

export interface CsvRequest {
  form: CompiledForm;
  file: File;
  dryRun: boolean;
  lang: string;
}

const store = new IndexedDbStore(STUDIO_DATABASE);
// The form arrives as a new copy with every request; the same object for the same form keeps
// its compiled validator (cached per form object) from one check to the next.
const forms = new Map<string, CompiledForm>();

const csv = {
  /** Checks (`dryRun`) or imports the file; `onProgress` is a Comlink proxy of the page's. */
  async run(
    { form, file, dryRun, lang }: CsvRequest,
    onProgress: (progress: { rows: number; totalRows: number }) => void,
  ): Promise<ImportReport> {
    if (!forms.has(form.meta.hash)) forms.set(form.meta.hash, form);
    return importCsv(forms.get(form.meta.hash)!, file, {
      store,
      dryRun,
      lang,
      fileName: file.name,
      onProgress: ({ rows, totalRows }) => void onProgress({ rows, totalRows }),
    });
  },
};

export type CsvWorker = typeof csv;

expose(csv);
