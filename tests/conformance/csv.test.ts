/*
 * CSV as a hospital fills it from the official DCD: the ANGIO 2.0.0 versions accept rows with
 * only the DCD's required fields, a PCI repeat with each procedure's own codes, and patients
 * without a national number (one registration per patient and date, by a computed pseudocode);
 * they refuse a CD_NPCI that contradicts the procedures, and any row for a registration that was
 * Sent already (corrected through the helpdesk).
 */
import { exportCsv, importCsv } from '@regforms/csv';
import { pseudocode } from '@regforms/expression';
import { createRegistration, MemoryStore } from '@regforms/registrations';
import { type CompiledForm, mostRecent, type RegistrationData, sampleData } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS } from '../support.ts';
import { readElements } from './dcd.ts';

const compiled = compileDir(DEFINITIONS);
function latest(type: string): CompiledForm {
  const t = compiled.definitions.registries
    .find((r) => r.id === 'angio')!
    .registrationTypes.find((x) => x.id === type)!;
  const v = mostRecent(t.versions)!.version;
  return compiled.forms.find((f) => f.meta.registrationType === type && f.meta.version === v)!;
}
const clock = { now: () => new Date('2026-01-15T09:00:00Z') };

/** One CSV file: the template's header, then each row as the export writes it. */
function csvOf(form: CompiledForm, rows: { data: RegistrationData; draft?: boolean }[]): string {
  const lines = rows.map(({ data, draft }) => {
    const reg = {
      ...createRegistration(form, { data }),
      status: draft ? ('open' as const) : ('sent' as const),
    };
    return exportCsv(form, [reg]).split('\n')[1]!;
  });
  return `${[exportCsv(form, []).split('\n')[0], ...lines].join('\n')}\n`;
}
const run = (form: CompiledForm, text: string, store = new MemoryStore(), lang = 'en') =>
  importCsv(form, text, { store, clock, lang, fileName: 'dcd.csv' });

const FILES: Record<string, string> = {
  hospitalisation: 'qermid-angio-fields-hospitalisatie.fsh',
  'hospitalisation-pci': 'qermid-angio-fields-hospitalisatie-met-pci.fsh',
  'hospitalisation-ffr': 'qermid-angio-fields-hospitalisatie-met-ffr.fsh',
  'hospitalisation-ffr-pci': 'qermid-angio-fields-hospitalisatie-ffr-pci.fsh',
  'follow-up-pci': 'qermid-angio-fields-follow-up-na-pci.fsh',
};

describe('ANGIO 2.0.0 CSV as the DCDs have it', () => {
  it('is the most recent version of every ANGIO type', () => {
    for (const type of Object.keys(FILES)) expect(latest(type).meta.version).toBe('2.0.0');
  });

  describe('rows with only the DCD’s required fields', () => {
    for (const [type, file] of Object.entries(FILES))
      it(`are accepted for angio/${type}`, async () => {
        const form = latest(type);
        const optional = new Set(
          readElements(file)
            .filter((e) => e.min === 0)
            .map((e) => e.name),
        );
        const rows = [11, 12, 13].map((seed) => {
          const data = sampleData(form, seed);
          // Blank every cell the DCD leaves optional, in repeat items too (CD_COMPLIC_PLC_INS_1…).
          for (const c of form.csv.columns) {
            if (!optional.has(c.column)) continue;
            if (c.path.length === 1) delete data[c.name];
            else {
              const item = (data[c.path[0] as string] as RegistrationData[] | undefined)?.[
                c.path[1] as number
              ];
              if (item) delete item[c.name];
            }
          }
          return { data };
        });
        const report = await run(form, csvOf(form, rows));
        expect(report.rows.map((r) => [r.line, r.outcome, r.errors])).toEqual([
          [2, 'sent', []],
          [3, 'sent', []],
          [4, 'sent', []],
        ]);
      });
  });

  describe('the PCI repeat', () => {
    const form = latest('hospitalisation-pci');
    /** Valid data with `n` procedures, each a graft PCI with that procedure's own codes. */
    let seed = 20;
    const withProcedures = (n: number): RegistrationData => {
      // A patient of its own per call: rows of one file do not share a business key.
      const data = sampleData(form, ++seed, { items: n });
      const items = data.PCI as RegistrationData[];
      items.forEach((item, i) => {
        item.CD_PCI_PLC = '1';
        delete item.CD_BLDVES;
        delete item.CD_1SEGM;
        delete item.CD_AORTA;
        item.CD_TPE_CABG_EXEC = [`FL_CABG_EXEC_LIMA_${i + 1}`, `FL_CABG_EXEC_SAPH2_${i + 1}`];
        item.CD_SEGM = [`FL_PRCA1_${i + 1}`, `FL_PL116_${i + 1}`];
      });
      return data;
    };

    it("accepts five procedures with each procedure's own code system (CA_CABG_2-6, CA_SEGM_4-8)", async () => {
      const store = new MemoryStore();
      const report = await run(form, csvOf(form, [{ data: withProcedures(5) }]), store);
      expect(report.rows[0]).toMatchObject({ outcome: 'sent', errors: [] });
      const [reg] = await store.list();
      const items = reg!.data.PCI as RegistrationData[];
      expect(items.map((i) => i.CD_SEGM)).toEqual(
        [1, 2, 3, 4, 5].map((n) => [`FL_PRCA1_${n}`, `FL_PL116_${n}`]),
      );
      expect(items.map((i) => i.CD_NPCI)).toEqual(['1', '1', '1', '1', undefined]);
    });

    it("refuses another procedure's code, on that procedure's column", async () => {
      const data = withProcedures(2);
      (data.PCI as RegistrationData[])[1]!.CD_SEGM = ['FL_PRCA1_1'];
      const report = await run(form, csvOf(form, [{ data }]));
      expect(report.rows[0]!.outcome).toBe('rejected');
      expect(report.rows[0]!.errors.map((e) => [e.column, e.code])).toEqual([['CD_SEGM_2', 'enum']]);
    });

    it('refuses CD_NPCI that contradicts the number of procedures, on its row and column', async () => {
      const noButTwo = withProcedures(2);
      (noButTwo.PCI as RegistrationData[])[0]!.CD_NPCI = '0';
      const yesButOne = withProcedures(1);
      (yesButOne.PCI as RegistrationData[])[0]!.CD_NPCI = '1';
      const report = await run(
        form,
        csvOf(form, [{ data: withProcedures(2) }, { data: noButTwo }, { data: yesButOne }]),
      );
      expect(report.rows.map((r) => r.outcome)).toEqual(['sent', 'rejected', 'rejected']);
      for (const row of report.rows.slice(1)) {
        expect(row.errors.map((e) => e.column)).toEqual(['CD_NPCI_1']);
        expect(row.errors[0]!.message).toBe('Answer Yes when another item follows, No for the last one.');
      }
    });
  });

  describe('a patient without a Belgian national number', () => {
    const form = latest('hospitalisation');
    const patient = (data: RegistrationData): RegistrationData => {
      const d = { ...data };
      delete d.IDC_PAT;
      delete d.TX_IDC_PAT_GENER;
      return {
        ...d,
        TX_PAT_LAST_NAM: 'Dupont-Lévêque',
        TX_PAT_FIRST_NAM: 'Anne',
        CD_PAT_SEX: 'F',
        DT_PAT_DOB: '1950-02-03',
      };
    };

    it('is registered with IDC_PAT empty (no extra column) and a computed pseudonymous code', async () => {
      expect(form.csv.columns.map((c) => c.column)).not.toContain('FL_PAT_NO_NISS');
      const store = new MemoryStore();
      const report = await run(form, csvOf(form, [{ data: patient(sampleData(form, 31)) }]), store);
      expect(report.rows[0]).toMatchObject({ outcome: 'sent', errors: [] });
      const [reg] = await store.list();
      const code = pseudocode(['1950-02-03', 'F', 'Dupont-Lévêque', 'Anne'])!;
      expect(reg!.data.TX_IDC_PAT_GENER).toBe(code);
      expect(reg!.data.IDC_PAT).toBeUndefined();
      expect(reg!.businessKey).toBe(`${code}|${reg!.data.DT_HOSPZ}`);
    });

    it('two rows for the same patient and date are one registration: the second replaces the first while Open', async () => {
      const store = new MemoryStore();
      const first = patient(sampleData(form, 32));
      // The same patient, the name written otherwise: the pseudocode is the same.
      const second = {
        ...patient(sampleData(form, 33)),
        DT_HOSPZ: first.DT_HOSPZ,
        TX_PAT_LAST_NAM: 'DUPONT LEVEQUE',
      };
      const report = await run(form, csvOf(form, [{ data: first, draft: true }, { data: second }]), store);
      expect(report.rows.map((r) => r.outcome)).toEqual(['draft', 'replaced']);
      expect(report.rows[1]!.replaces).toMatchObject({ status: 'open', line: 2 });
      const live = (await store.list()).filter((r) => r.status !== 'deleted');
      expect(live).toHaveLength(1);
      expect(live[0]!.status).toBe('sent');
    });
  });

  describe('a row for a registration that was Sent already', () => {
    const form = latest('hospitalisation');
    it.each([
      ['fr', 'helpdesk du registre'],
      ['nl', 'helpdesk van het register'],
      ['en', "registry's helpdesk"],
      ['de', 'Helpdesk des Registers'],
    ])('is refused, sent or draft, with the helpdesk message (%s)', async (lang, words) => {
      const store = new MemoryStore();
      const data = sampleData(form, 41);
      const sent = await run(form, csvOf(form, [{ data }]), store, lang);
      const code = sent.rows[0]!.registrationCode!;
      const again = await run(form, csvOf(form, [{ data }, { data, draft: true }]), store, lang);
      expect(again.rows.map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
      for (const row of again.rows) {
        expect(row.errors).toHaveLength(1);
        expect(row.errors[0]).toMatchObject({ code: 'SENT_WITH_SAME_KEY', column: 'IDC_PAT, DT_HOSPZ' });
        expect(row.errors[0]!.message).toContain(code);
        expect(row.errors[0]!.message).toContain(words);
      }
      // Nothing new stored: the Sent one stands as it was.
      expect((await store.list()).map((r) => [r.registrationCode, r.status])).toEqual([[code, 'sent']]);
    });
  });
});
