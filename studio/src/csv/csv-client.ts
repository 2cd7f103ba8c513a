/* The page's side of csv.worker.ts: one worker for the CSV page, one request at a time. */
import type { ImportReport } from '@regforms/csv';
import type { CsvRequest, CsvResponse } from './csv.worker.ts';

let worker: Worker | undefined;
let next = 1;

/**
 * Checks (`dryRun`) or imports a CSV file in the worker. `onProgress` hears how many of the
 * file's data rows are done; a newer request makes an older one's answers be ignored.
 */
export function runCsv(
  request: Omit<CsvRequest, 'id'>,
  onProgress: (progress: { rows: number; totalRows: number }) => void,
): Promise<ImportReport> {
  worker ??= new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  const id = next++;
  return new Promise((resolve, reject) => {
    w.onmessage = (event: MessageEvent<CsvResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.kind === 'progress') onProgress(message);
      else if (message.kind === 'report') resolve(message.report);
      else reject(new Error(message.error));
    };
    w.onerror = (event) => reject(new Error(event.message || 'The CSV check stopped.'));
    w.postMessage({ ...request, id } satisfies CsvRequest);
  });
}
