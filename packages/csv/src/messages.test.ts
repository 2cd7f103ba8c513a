import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { MemoryStore } from '@regforms/registrations';
import { catalogProblems } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { countIgnored, planHeader } from './header.ts';
import { importCsv } from './import.ts';
import { MESSAGES, renderMessage } from './messages.ts';
import { type CellIssue, formatReportText, type ImportReport } from './report.ts';
import { templateColumns } from './template.ts';

describe('the message catalog', () => {
  it('has every entry in fr, nl, en and de, each valid ICU with the arguments of the English one', () => {
    expect(catalogProblems(MESSAGES)).toEqual([]);
  });

  it('fills placeholders, counts by the rules of each language, and falls back to English', () => {
    const trailing = (lang: string, count: number) =>
      renderMessage(lang, 'ROW_TRAILING_SEPARATORS', { count });
    expect(trailing('en', 1)).toBe('The row has 1 empty cell beyond the header: ignored');
    expect(trailing('en', 0)).toBe('The row has 0 empty cells beyond the header: ignored');
    // French counts 0 in the singular; Dutch and German do not.
    expect(trailing('fr', 0)).toBe("La ligne a 0 cellule vide au-delà de l'en-tête : ignorée");
    expect(trailing('fr', 3)).toBe("La ligne a 3 cellules vides au-delà de l'en-tête : ignorées");
    expect(trailing('nl', 0)).toBe('De rij heeft 0 lege cellen voorbij de kopregel: genegeerd');
    expect(trailing('de', 1)).toBe('Die Zeile hat 1 leere Zelle jenseits der Kopfzeile: ignoriert');
    expect(renderMessage('nl-BE', 'hint.boolean')).toBe('true of false');
    expect(renderMessage('it', 'hint.boolean')).toBe('true or false');
    expect(renderMessage(undefined, 'hint.boolean')).toBe('true or false');
    // A parameter left out shows instead of vanishing.
    expect(renderMessage('fr', 'UNKNOWN_COLUMN.guess.hint')).toBe('Renommez la colonne en {guess}');
  });
});

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;
const clock = { now: () => new Date('2024-06-01T10:00:00Z') };
// Everything this package says about a file, in one: ',' as separator, DT_HOSPZ misspelt,
// an ISO date, a label for a code, a date that is not one, STATUS=xyz, a row too short.
const HEADER = templateColumns(form).map((c) => (c === 'DT_HOSPZ' ? 'DT_HOSP' : c));
const row = (values: Record<string, string>) => HEADER.map((c) => values[c] ?? '').join(',');
const PATIENT = { IDC_PAT: '93.05.18-223.61', DT_PAT_DOB: '18/05/1993', DT_HOSP: '01/03/2024' };
const BAD = `${[
  HEADER.join(','),
  row({
    ...PATIENT,
    DT_PAT_DOB: '1993-05-18',
    CD_INDICATN: 'Stable angina',
    DT_PCI_1: 'hier',
    STATUS: 'xyz',
  }),
  '93.05.18-223.61,18/05/1993',
].join('\n')}\n`;
const check = (lang?: string) =>
  importCsv(form, BAD, {
    store: new MemoryStore(),
    clock,
    dryRun: true,
    fileName: 'lot.csv',
    ...(lang ? { lang } : {}),
  });
const issue = (report: ImportReport, code: string) => report.issues.find((i) => i.code === code)!;
const cell = (report: ImportReport, line: number, code: string, column?: string): CellIssue => {
  const r = report.rows.find((x) => x.line === line)!;
  return [...r.errors, ...r.warnings].find(
    (e) => e.code === code && (column === undefined || e.column === column),
  )!;
};
const OWN = /^[A-Z][A-Z0-9_]+$/;

describe('an import says its own messages in the chosen language', () => {
  it('in French: file issues, row issues, cell warnings and hints, and the text report', async () => {
    const report = await check('fr');
    expect(report.lang).toBe('fr');
    expect(issue(report, 'SEPARATOR_COMMA')).toMatchObject({
      message: "Le séparateur est une virgule (,), pas ';' : le fichier a été lu avec une virgule (,)",
      hint: 'Excel écrit des virgules quand le séparateur de liste du système est « , » ; enregistrez au format « CSV (séparateur : point-virgule) » ou choisissez ; comme séparateur',
    });
    expect(issue(report, 'UNKNOWN_COLUMN')).toMatchObject({
      message:
        "La colonne DT_HOSP n'est pas dans demo/visit@1.0.0 : ses valeurs ne sont pas lues. Vouliez-vous dire DT_HOSPZ ? (1 ligne y a une valeur)",
      hint: 'Renommez la colonne en DT_HOSPZ',
    });
    expect(issue(report, 'MISSING_REQUIRED_COLUMN').message).toBe(
      "La colonne obligatoire DT_HOSPZ manque : toute ligne qui n'est pas un brouillon est rejetée",
    );
    expect(cell(report, 2, 'STATUS_INVALID').message).toBe(
      "STATUS vaut 'xyz' : seuls draft (garder l'enregistrement Ouvert) ou vide (l'envoyer) sont permis",
    );
    expect(cell(report, 2, 'DATE_ISO').message).toBe(
      'Lu comme 18/05/1993 (année-mois-jour) ; les dates sont au format dd/mm/yyyy',
    );
    expect(cell(report, 2, 'enum', 'CD_INDICATN').hint).toBe(
      "'Stable angina' est le libellé du code 'STABLE' : le CSV contient des codes, pas des libellés",
    );
    expect(cell(report, 2, 'format', 'DT_PCI_1').hint).toBe(
      'les dates sont au format dd/mm/yyyy, p. ex. 03/09/2024',
    );
    expect(cell(report, 3, 'ROW_TOO_SHORT')).toMatchObject({
      message: `La ligne a 2 cellules, l'en-tête en a ${HEADER.length}`,
      hint: 'Un saut de ligne dans une valeur sans guillemets, ou un séparateur manquant : mettez entre guillemets les valeurs qui contiennent des sauts de ligne',
    });
    const text = formatReportText(report);
    expect(text.split('\n')[0]).toBe('lot.csv vérifié selon demo/visit@1.0.0');
    expect(text).toContain(
      "lot.csv:1 avertissement SEPARATOR_COMMA Le séparateur est une virgule (,), pas ';' : le fichier a été lu avec une virgule (,)\n    correction : Excel écrit",
    );
    expect(text).toContain(
      "lot.csv:2 rejetée\n    erreur STATUS_INVALID [STATUS] 'xyz' STATUS vaut 'xyz' : seuls draft",
    );
    expect(text).toContain(
      '2 lignes de données : 0 envoyée, 0 brouillon, 0 remplacement, 2 rejetées, 0 ligne vide ignorée',
    );
  });

  it('in Dutch', async () => {
    const report = await check('nl');
    expect(issue(report, 'SEPARATOR_COMMA').message).toBe(
      "Het scheidingsteken is een komma (,), geen ';': het bestand werd gelezen met een komma (,)",
    );
    expect(issue(report, 'UNKNOWN_COLUMN')).toMatchObject({
      message:
        'Kolom DT_HOSP zit niet in demo/visit@1.0.0: de waarden ervan worden niet gelezen. Bedoelde u DT_HOSPZ? (1 rij heeft daar een waarde)',
      hint: 'Hernoem de kolom naar DT_HOSPZ',
    });
    expect(cell(report, 2, 'STATUS_INVALID').message).toBe(
      "STATUS is 'xyz': enkel draft (de registratie Open houden) of leeg (verzenden) is toegelaten",
    );
    expect(cell(report, 2, 'DATE_ISO').message).toBe(
      'Gelezen als 18/05/1993 (jaar-maand-dag); datums zijn dd/mm/yyyy',
    );
    expect(cell(report, 2, 'format', 'DT_PCI_1').hint).toBe('datums zijn dd/mm/yyyy, bv. 03/09/2024');
    expect(cell(report, 3, 'ROW_TOO_SHORT').message).toBe(
      `De rij heeft 2 cellen, de kopregel heeft er ${HEADER.length}`,
    );
    const text = formatReportText(report);
    expect(text.split('\n')[0]).toBe('lot.csv gecontroleerd volgens demo/visit@1.0.0');
    expect(text).toContain('\n    oplossing: Hernoem de kolom naar DT_HOSPZ\n');
    expect(text).toContain("lot.csv:2 geweigerd\n    fout STATUS_INVALID [STATUS] 'xyz' STATUS is 'xyz'");
    expect(text).toContain('    waarschuwing DATE_ISO [DT_PAT_DOB]');
    expect(text).toContain(
      '2 gegevensrijen: 0 verzonden, 0 ontwerpen, 0 vervangingen, 2 geweigerd, 0 lege regels overgeslagen',
    );
  });

  it('leaves no message or hint of its own in English, in any language but English', async () => {
    const en = await check('en');
    for (const lang of ['fr', 'nl', 'de']) {
      const other = await check(lang);
      const english: string[] = [];
      other.issues.forEach((i, n) => {
        if (i.message === en.issues[n]!.message) english.push(i.message);
        if (i.hint && i.hint === en.issues[n]!.hint) english.push(i.hint);
      });
      other.rows.forEach((r, n) => {
        const before = en.rows[n]!;
        for (const [mine, theirs] of [
          [r.errors, before.errors],
          [r.warnings, before.warnings],
        ] as const)
          mine.forEach((e, k) => {
            if (OWN.test(e.code) && e.message === theirs[k]!.message) english.push(e.message);
            if (e.hint && e.hint === theirs[k]!.hint) english.push(e.hint);
          });
      });
      expect(english, lang).toEqual([]);
      const words = formatReportText(other);
      expect(words, lang).not.toMatch(/\b(Validated|against|warning|error|rejected|fix:|data rows?)\b/);
    }
  });

  it("defaults to the form's language, as its validator; the text report to the report's", async () => {
    const report = await check();
    expect(report.lang).toBe(form.meta.defaultLanguage);
    expect(report).toEqual(await check(form.meta.defaultLanguage));
    expect(formatReportText(report, { lang: 'en' }).split('\n')[0]).toBe(
      'Validated lot.csv against demo/visit@1.0.0',
    );
    // A report made before reports recorded their language: English, as it was.
    const { lang: _, ...older } = report;
    expect(formatReportText(older).split('\n')[0]).toBe('Validated lot.csv against demo/visit@1.0.0');
  });

  it('says how many rows had a value in an unread column once, however often it is counted', () => {
    const plan = planHeader(form, ['IDC_PAT', 'DT_HOSP', ''], 'de');
    expect(plan.issues.map((i) => i.message)).toContain(
      'Spalte DT_HOSP ist nicht Teil von demo/visit@1.0.0: Ihre Werte werden nicht gelesen. Meinten Sie DT_HOSPZ?',
    );
    const slot = plan.slots[1]!;
    if (slot.kind === 'ignored') slot.values = 2;
    countIgnored(plan);
    countIgnored(plan);
    expect(plan.issues[0]!.message).toBe(
      'Spalte DT_HOSP ist nicht Teil von demo/visit@1.0.0: Ihre Werte werden nicht gelesen. Meinten Sie DT_HOSPZ? (2 Zeilen haben dort einen Wert)',
    );
    expect(plan.issues[1]!.message).toBe(
      'Zelle 3 der Kopfzeile ist leer: Diese Spalte wird nicht gelesen (keine Zeile hat dort einen Wert)',
    );
  });
});
