/*
 * Conformance: each ANGIO registration type's most recent version against its official DCD
 * (the reference logical models). For every data element: the column exists, the cardinality
 * is the same (1..1 ⇒ required when shown, 0..1 ⇒ optional), and the code list is exactly the
 * element's code system (every code accepted, none other). Titles and the platform fields
 * HD4DP fills itself are not part of a form.
 */
import type { CompiledForm, CsvColumn, JsonSchema } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS } from '../support.ts';
import { type DcdElement, hasReference, REFERENCE, readElements, readValueSets } from './dcd.ts';

/** Filled by HD4DP, never by the hospital: not part of a regforms form. */
const PLATFORM = new Set([
  'dcd_status',
  'TX_CTNT_LANG_2',
  'TX_PROG',
  'TX_PROJ',
  'TX_EVENT',
  'TX_DCD',
  'TX_BUSINESS_KEY',
  'CD_NIC_TPE',
  'TX_REGN_CD',
  'CD_STATUS_REC',
  'CD_DATA_SRC',
  'TX_LANG',
  'TX_REG_NAM',
]);

/**
 * Where the form differs from the letter of the DCD on purpose, and why (the seeds' words win
 * over a cardinality the extraction could not qualify).
 */
const DOCUMENTED: Record<string, { required: CsvColumn['required']; why: string }> = {
  // "Si le patient n'a pas de numéro de registre national belge, laisser ce champ vide." Then
  // TX_IDC_PAT_GENER (1..1, computed) stands in for it.
  IDC_PAT: { required: 'never', why: 'empty for a patient without a Belgian national number' },
  // The pseudocode is made from date of birth, sex, last and first name: without a national
  // number, the names are needed.
  TX_PAT_FIRST_NAM: { required: 'conditional', why: 'needed for the pseudocode when IDC_PAT is empty' },
  TX_PAT_LAST_NAM: { required: 'conditional', why: 'needed for the pseudocode when IDC_PAT is empty' },
};

/**
 * Value sets the reference does not enumerate: HPIN lists only "unknown" (a RIZIV/INAMI number is
 * any valid 11-digit number, checked by the field's pattern).
 */
const NOT_ENUMERATED = new Set(['hpin_VS']);

const TYPES: [string, string][] = [
  ['hospitalisation', 'qermid-angio-fields-hospitalisatie.fsh'],
  ['hospitalisation-pci', 'qermid-angio-fields-hospitalisatie-met-pci.fsh'],
  ['hospitalisation-ffr', 'qermid-angio-fields-hospitalisatie-met-ffr.fsh'],
  ['hospitalisation-ffr-pci', 'qermid-angio-fields-hospitalisatie-ffr-pci.fsh'],
  ['follow-up-pci', 'qermid-angio-fields-follow-up-na-pci.fsh'],
];

const semver = (v: string) => v.split('.').map(Number);
function latest(type: string): CompiledForm {
  const forms = compileDir(DEFINITIONS).forms.filter(
    (f) => f.meta.registry === 'angio' && f.meta.registrationType === type && f.meta.status === 'published',
  );
  forms.sort((a, b) => {
    const [x, y] = [semver(a.meta.version), semver(b.meta.version)];
    return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!;
  });
  return forms[0]!;
}

const props = (s: JsonSchema | undefined) => (s?.properties ?? {}) as Record<string, JsonSchema>;

/** The codes the S2S schema accepts at a column's path (per-item lists of a repeat included). */
export function schemaCodes(form: CompiledForm, column: CsvColumn): string[] | undefined {
  let s: JsonSchema | undefined = form.schema;
  const path = column.path;
  for (let i = 0; i < path.length && s; i++) {
    const step = path[i]!;
    if (typeof step === 'number') {
      // A repeat's n-th item may have its own code list: positional rules, one per item count
      // (draft-07 tuples under if/then); each that reaches item n says the same.
      const own = ((s.allOf ?? []) as JsonSchema[])
        .map((a) => (a.then as JsonSchema | undefined)?.items)
        .map((items) => (Array.isArray(items) ? (items as JsonSchema[])[step] : undefined))
        .find((x) => props(x)[path[i + 1] as string]);
      const base = s.items as JsonSchema;
      if (own) {
        const field = path[i + 1] as string;
        const o = props(own)[field]!;
        const b = props(base)[field]!;
        s = { ...b, ...o, items: o.items ?? b.items } as JsonSchema;
        i++;
        continue;
      }
      s = base;
    } else s = (s.properties as Record<string, JsonSchema> | undefined)?.[step];
  }
  if (!s) return undefined;
  const e = (s.enum ?? (s.items as JsonSchema | undefined)?.enum) as string[] | undefined;
  return e ? [...e].sort() : undefined;
}

const sorted = (a: readonly string[]) => [...a].sort();

it('finds the reference DCD field lists (../shared/reference/qermid, or REGFORMS_DCD_REFERENCE)', () => {
  // Not skipped when they are missing: a conformance test that did not run proves nothing.
  expect(hasReference, `no codesystems.fsh in ${REFERENCE}: set REGFORMS_DCD_REFERENCE`).toBe(true);
});

describe('ANGIO definitions conform to the official DCDs', () => {
  const valueSets = readValueSets();
  for (const [type, file] of TYPES) {
    describe(`angio/${type} (${file})`, () => {
      const elements = readElements(file).filter(
        (e) => !PLATFORM.has(e.name) && !e.name.startsWith('TX_TTL_'),
      );
      const problems = (
        check: (form: CompiledForm, col: CsvColumn | undefined, e: DcdElement) => string | undefined,
      ) => {
        const form = latest(type);
        const byColumn = new Map(form.csv.columns.map((c) => [c.column, c]));
        return elements.flatMap((e) => {
          const p = check(form, byColumn.get(e.name), e);
          return p ? [`${e.name} (${file}:${e.line}): ${p}`] : [];
        });
      };

      it('has a column for every data element of the DCD, and no other', () => {
        const form = latest(type);
        expect(problems((_f, col) => (col ? undefined : 'no such column'))).toEqual([]);
        const known = new Set(elements.map((e) => e.name));
        expect(form.csv.columns.map((c) => c.column).filter((c) => !known.has(c))).toEqual([]);
      });

      it('has the DCD cardinality: 1..1 required when shown, 0..1 optional', () => {
        expect(
          problems((_f, col, e) => {
            if (!col) return undefined;
            const documented = DOCUMENTED[e.name];
            if (documented)
              return col.required === documented.required
                ? undefined
                : `expected ${documented.required} (${documented.why}), is ${col.required}`;
            if (e.min === 1 && col.required === 'never') return '1..1 in the DCD, optional here';
            if (e.min === 0 && col.required !== 'never')
              return `0..${e.max} in the DCD, required (${col.required}) here`;
            return undefined;
          }),
        ).toEqual([]);
      });

      it("accepts exactly the codes of each element's code system", () => {
        expect(
          problems((form, col, e) => {
            if (!col || !e.valueSet || NOT_ENUMERATED.has(e.valueSet)) return undefined;
            const codes = valueSets.get(e.valueSet);
            if (!codes) return undefined; // not enumerated in the reference (RIZIV numbers, postcodes)
            const want = sorted(codes);
            if (!col.codes) return `bound to ${e.valueSet} in the DCD, free ${col.type} here`;
            if (JSON.stringify(sorted(col.codes)) !== JSON.stringify(want))
              return `CSV codes differ from ${e.valueSet}: missing [${want.filter((c) => !col.codes!.includes(c))}], extra [${col.codes.filter((c) => !want.includes(c))}]`;
            const s2s = schemaCodes(form, col);
            if (JSON.stringify(s2s) !== JSON.stringify(want))
              return `S2S schema codes differ from ${e.valueSet}: missing [${want.filter((c) => !s2s?.includes(c))}], extra [${(s2s ?? []).filter((c) => !want.includes(c))}]`;
            return undefined;
          }),
        ).toEqual([]);
      });
    });
  }
});
