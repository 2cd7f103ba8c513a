/* How a registration's patient is shown in a table: never the national number in clear. */
import type { Registration } from '@regforms/registrations';
import { type CompiledForm, normaliseNiss } from '@regforms/runtime';

/** The HD4DP technical name of the generated (pseudonymous) patient identifier. */
export const PSEUDONYM_FIELD = 'TX_IDC_PAT_GENER';

/** `93.••.••-•••.61`: enough to tell rows apart, not enough to identify the patient. */
export function maskNiss(value: string): string {
  const digits = normaliseNiss(value);
  if (digits.length !== 11) return '•••••••••••';
  return `${digits.slice(0, 2)}.••.••-•••.${digits.slice(9)}`;
}

/** The patient as a table shows it: a masked national number, else the pseudonymous code. */
export function patientOf(registration: Registration, form: CompiledForm | undefined): string {
  const nissNames = form?.logic.fields.filter((f) => f.type === 'niss' && !f.repeat).map((f) => f.name) ?? [
    'IDC_PAT',
  ];
  for (const name of nissNames) {
    const v = registration.data[name];
    if (typeof v === 'string' && v !== '') return maskNiss(v);
  }
  const pseudonym = registration.data[PSEUDONYM_FIELD];
  return typeof pseudonym === 'string' && pseudonym !== '' ? pseudonym : '—';
}
