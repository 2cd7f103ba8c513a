/*
 * A row thread (threads.ts): keeps the compiled forms it is given and checks the parts of
 * files it is sent with the same row stage as the importing thread (rows.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { CompiledForm } from '@regforms/runtime';
import { checkRows } from './rows.ts';
import type { FromRowThread, ToRowThread } from './threads.ts';

const port = parentPort;
if (!port) throw new Error('row-worker.ts runs as a worker thread (see threads.ts)');
const forms = new Map<string, CompiledForm>();

port.on('message', (m: ToRowThread) => {
  if ('form' in m) {
    forms.set(m.form.meta.hash, m.form);
    return;
  }
  const form = forms.get(m.job.formHash);
  let reply: FromRowThread;
  try {
    if (!form) throw new Error(`no form ${m.job.formHash} was sent to this thread`);
    reply = { id: m.id, result: JSON.stringify(checkRows(form, m.job)) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
