/*
 * The studio's Web Workers through Comlink: a worker module exposes an object, the page calls
 * its methods as async functions (arguments and results structured-cloned, errors rethrown).
 * What Comlink does not do, this adds: a worker that dies rejects the calls still waiting.
 */
import { type Remote, releaseProxy, wrap } from 'comlink';

export interface WorkerHandle<T> {
  /** Calls a method of the worker's exposed object; rejects when the worker dies. */
  call<R>(use: (api: Remote<T>) => Promise<R>): Promise<R>;
  dispose(): void;
}

export function connect<T>(worker: Worker, what: string): WorkerHandle<T> {
  const api = wrap<T>(worker);
  let failure: Error | undefined;
  const waiting = new Set<(e: Error) => void>();
  worker.addEventListener('error', (event) => {
    failure = new Error(event.message || `The ${what} stopped.`);
    for (const reject of waiting) reject(failure);
    waiting.clear();
  });
  return {
    call: (use) =>
      failure
        ? Promise.reject(failure)
        : new Promise((resolve, reject) => {
            waiting.add(reject);
            use(api)
              .then(resolve, reject)
              .finally(() => waiting.delete(reject));
          }),
    dispose: () => {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
