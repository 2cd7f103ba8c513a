/* The page's side of csv.worker.ts: one worker for the CSV page. */
import type { ImportReport } from '@regforms/csv';
import { proxy } from 'comlink';
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
