/*
 * CSV checks and imports off the main thread: a file of a few MB takes a second or two to
 * read, validate and store, during which the page would otherwise freeze. The worker opens the
 * studio's own IndexedDB database (IndexedDB is shared by a page and its workers), so what it
 * imports is what the registrations pages list.
 */
import { type ImportReport, importCsv } from '@regforms/csv';
import { IndexedDbStore } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { STUDIO_DATABASE } from '../registrations/database.ts';

export interface CsvRequest {
  id: number;
  form: CompiledForm;
  file: File;
  dryRun: boolean;
  lang: string;
}

export type CsvResponse =
  | { id: number; kind: 'progress'; rows: number; totalRows: number }
  | { id: number; kind: 'report'; report: ImportReport }
  | { id: number; kind: 'failure'; error: string };

const store = new IndexedDbStore(STUDIO_DATABASE);
// The form arrives as a new copy with every request; the same object for the same form keeps
// its compiled validator (cached per form object) from one check to the next.
const forms = new Map<string, CompiledForm>();

self.onmessage = async (event: MessageEvent<CsvRequest>) => {
  const { id, file, dryRun, lang } = event.data;
  const post = (message: CsvResponse) => self.postMessage(message);
  try {
    const hash = event.data.form.meta.hash;
    if (!forms.has(hash)) forms.set(hash, event.data.form);
    const report = await importCsv(forms.get(hash)!, file, {
      store,
      dryRun,
      lang,
      fileName: file.name,
      onProgress: ({ rows, totalRows }) => post({ id, kind: 'progress', rows, totalRows }),
    });
    post({ id, kind: 'report', report });
  } catch (error) {
    post({ id, kind: 'failure', error: (error as Error).message });
  }
};
