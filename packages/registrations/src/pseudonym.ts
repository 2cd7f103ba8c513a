/*
 * A pseudonymous patient code for a patient without a Belgian national number. The official
 * algorithm is not public; this is a keyed hash (HMAC-SHA256) of the normalised date of
 * birth, sex, last name and first name, so the clear values never leave in the code and the
 * same patient gets the same code under the same hospital key.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export interface PseudonymInput {
  birthDate: string;
  sex: string;
  lastName: string;
  firstName: string;
}

/** Upper case, accents and everything but letters removed: "Dupont-Lévêque" → "DUPONTLEVEQUE". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 characters of Crockford base32 from a keyed hash; undefined while an input is missing. */
export function pseudonymousCode(input: Partial<PseudonymInput>, key: string): string | undefined {
  const { birthDate, sex, lastName, firstName } = input;
  if (!birthDate || !sex || !lastName || !firstName || !key) return undefined;
  const message = [birthDate, sex.toUpperCase(), normaliseName(lastName), normaliseName(firstName)].join('|');
  const mac = hmac(sha256, utf8ToBytes(key), utf8ToBytes(message));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
