/*
 * Well-formedness of the codes a definition binds to outside terminologies: SNOMED CT concept
 * identifiers, LOINC codes and UCUM units. Only what can be checked offline is checked: the
 * check digits and partition (a well-formed identifier can still name no concept; a release
 * file would be needed to know), and the unit's grammar against UCUM's own tables (the
 * library of the US National Library of Medicine that FHIR tools use).
 */
import ucum from '@lhncbc/ucum-lhc';

// Verhoeff's dihedral-group tables (SNOMED CT technical guide, "Check-digit computation"):
// twenty lines, so written here rather than depending on an unmaintained package for them
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** True when the last digit of `digits` is its Verhoeff check digit. */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) c = D[c]![P[i % 8]![Number(digits[n - 1 - i])]!]!;
  return c === 0;
}

/**
 * Why `id` is not a SNOMED CT concept identifier, or undefined. The partition (the two digits
 * before the check digit) says what the identifier names: 00 a concept, 10 a concept of an
 * extension (long form); 01/11 descriptions and 02/12 relationships cannot be bound to.
 */
export function snomedProblem(id: string): string | undefined {
  if (!/^\d{6,18}$/.test(id)) return 'a SNOMED CT identifier has 6 to 18 digits';
  if (id.startsWith('0')) return 'a SNOMED CT identifier does not start with 0';
  if (!verhoeffValid(id)) return 'its check digit (the last, Verhoeff) does not match: a digit is wrong';
  const partition = id.slice(-3, -1);
  if (partition !== '00' && partition !== '10')
    return `its partition ${partition} names a ${
      partition.endsWith('1') ? 'description' : partition.endsWith('2') ? 'relationship' : 'component'
    }, not a concept`;
  return undefined;
}

/**
 * Why `code` is not a LOINC code, or undefined. A LOINC term code is digits, a hyphen and
 * the mod-10 check digit (LOINC Users' Guide, "Calculating Mod 10 check digits"). Part and
 * answer codes (LP…, LA…) carry a check digit computed otherwise: only their shape is checked.
 */
export function loincProblem(code: string): string | undefined {
  const m = /^(L[APG])?(\d{1,7})-(\d)$/.exec(code);
  if (!m) return 'a LOINC code is digits, a hyphen and a check digit (e.g. 8480-6)';
  if (m[1]) return undefined;
  const digits = m[2]!;
  // From the right: the odd positions form a number that is doubled; the even positions go in
  // front of it; the check digit brings the sum of all digits to a multiple of ten.
  const rev = [...digits].reverse();
  const odd = rev
    .filter((_, i) => i % 2 === 0)
    .reverse()
    .join('');
  const even = rev
    .filter((_, i) => i % 2 === 1)
    .reverse()
    .join('');
  const sum = [...`${even}${Number(odd) * 2}`].reduce((s, d) => s + Number(d), 0);
  const check = (10 - (sum % 10)) % 10;
  return check === Number(m[3]) ? undefined : `its check digit should be ${check}: a digit is wrong`;
}

let ucumUtils: ReturnType<typeof ucum.UcumLhcUtils.getInstance> | undefined;

/** Why `unit` is not a UCUM unit (with UCUM's own message and suggestions), or undefined. */
export function ucumProblem(unit: string): string | undefined {
  // UCUM's tables are parsed on first use: most commands never check a unit.
  ucumUtils ??= ucum.UcumLhcUtils.getInstance();
  const r = ucumUtils.validateUnitString(unit, true);
  if (r.status === 'valid') return undefined;
  const suggested = (r.suggestions ?? []).flatMap((s) => s.units.map((u) => u[0])).slice(0, 3);
  const why = r.msg.join(' ').trim() || `'${unit}' is not a UCUM unit`;
  return suggested.length ? `${why} (UCUM has ${suggested.map((u) => `'${u}'`).join(', ')})` : why;
}
