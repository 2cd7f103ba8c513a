/* The page's side of csv.worker.ts: one worker for the CSV page. */
import type { ImportReport } from '@regforms/csv';
import { proxy } from 'comlink';
import { ON_NODE } from '../registrations/service.ts';
import { connect, type WorkerHandle } from '../workers.ts';
import type { CsvRequest, CsvWorker } from './csv.worker.ts';

let worker: WorkerHandle<CsvWorker> | undefined;
let latest = 0;

/**
 * Checks (`dryRun`) or imports a CSV file in the worker. `onProgress` hears how many of the
 * file's data rows are done; a newer request makes an older one's answers be ignored (its
 * promise never settles, its progress is dropped).
 */
export function runCsv(
  request: CsvRequest,
  onProgress: (progress: { rows: number; totalRows: number }) => void,
): Promise<ImportReport> {
  if (ON_NODE) return onTheNode(request, onProgress);
  worker ??= connect<CsvWorker>(
    new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' }),
    'CSV check',
  );
  const id = ++latest;
  const report = worker.call((csv) =>
    csv.run(
      request,
      proxy((p: { rows: number; totalRows: number }) => {
        if (id === latest) onProgress(p);
      }),
    ),
  );
  return new Promise((resolve, reject) => {
    report.then(
      (r) => id === latest && resolve(r),
      (e) => id === latest && reject(e),
    );
  });
}

/**
 * On a hospital node the file goes to its CSV upload: the same import (@regforms/csv) runs
 * there, into its database, and answers with the same report.
 */
async function onTheNode(
  { form, file, dryRun, lang }: CsvRequest,
  onProgress: (progress: { rows: number; totalRows: number }) => void,
): Promise<ImportReport> {
  const id = ++latest;
  const { registry, registrationType, version } = form.meta;
  const query = new URLSearchParams({ lang, fileName: file.name, dryRun: String(dryRun) });
  const res = await fetch(`/api/csv/${registry}/${registrationType}@${version}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: file,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body.message ?? `The node answered ${res.status}`);
  const report = body as ImportReport;
  if (id === latest) onProgress({ rows: report.totals.rows, totalRows: report.totals.rows });
  return new Promise((resolve) => id === latest && resolve(report));
}
