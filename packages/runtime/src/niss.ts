/*
 * Belgian national number (NISS/INSZ): YYMMDD + 3-digit counter + 2 check digits, where the
 * check is 97 − (first 9 digits mod 97), with a 2 prefixed for births from 2000 on.
 */

/** Keeps the digits only: `85.04.02-169.32` → `85040216932`. */
export function normaliseNiss(input: string): string {
  return input.replace(/[\s.\-/]/g, '');
}

/** True when 11 digits whose check digits match (either century). */
export function isValidNiss(input: string): boolean {
  const n = normaliseNiss(input);
  if (!/^\d{11}$/.test(n)) return false;
  const body = n.slice(0, 9);
  const check = Number(n.slice(9));
  const month = Number(n.slice(2, 4));
  // Bis numbers add 20 or 40 to the month; 00 means unknown.
  const m = month >= 40 ? month - 40 : month >= 20 ? month - 20 : month;
  if (m > 12) return false;
  const before2000 = 97 - (Number(body) % 97);
  const after2000 = 97 - (Number(`2${body}`) % 97);
  return check === before2000 || check === after2000;
}

/** `93051822361` → `93.05.18-223.61`; anything else is returned as given. */
export function formatNiss(input: string): string {
  const n = normaliseNiss(input);
  if (!/^\d{11}$/.test(n)) return input;
  return `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}-${n.slice(6, 9)}.${n.slice(9)}`;
}
