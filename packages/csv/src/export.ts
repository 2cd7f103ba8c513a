/*
 * Export: the registrations of one version back to CSV, in the template's layout and the
 * import's conventions, so that importing the export gives the same registrations.
 */
import type { Registration, RegistrationStore } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { writeCell, writeCsv } from './cells.ts';
import { templateColumns } from './template.ts';

/** The registrations that count: this version, not deleted, the newest per business key. */
export function currentRegistrations(form: CompiledForm, list: Registration[]): Registration[] {
  const { registry, registrationType, version } = form.meta;
  const mine = list
    .filter(
      (r) =>
        r.registry === registry &&
        r.registrationType === registrationType &&
        r.version === version &&
        r.status !== 'deleted',
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const newest = new Map<string, Registration>();
  for (const r of mine) if (r.businessKey) newest.set(r.businessKey, r);
  return mine.filter((r) => !r.businessKey || newest.get(r.businessKey) === r);
}

function at(data: unknown, path: (string | number)[]): unknown {
  let v = data as Record<string | number, unknown> | undefined;
  for (const k of path) v = v?.[k] as Record<string | number, unknown> | undefined;
  return v;
}

/** Registrations as CSV text: header of technical names, one row each, STATUS=draft for Open ones. */
export function exportCsv(form: CompiledForm, registrations: Registration[]): string {
  const columns = form.csv.columns;
  const data = currentRegistrations(form, registrations).map((r) => [
    ...columns.map((c) => writeCell(c, at(r.data, c.path))),
    r.status === 'open' ? 'draft' : '',
  ]);
  return writeCsv(templateColumns(form), data, form.csv.separator);
}

/** Reads the registrations of the form's type from a store and exports them. */
export async function exportRegistrations(form: CompiledForm, store: RegistrationStore): Promise<string> {
  return exportCsv(
    form,
    await store.list({ registry: form.meta.registry, registrationType: form.meta.registrationType }),
  );
}
