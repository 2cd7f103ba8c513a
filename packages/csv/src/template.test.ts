import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { describe, expect, it } from 'vitest';
import { MESSAGES, type MessageKey } from './messages.ts';
import {
  describeCondition,
  dictionary,
  dictionaryCsv,
  dictionaryHtml,
  dictionaryMarkdown,
  templateColumns,
  templateCsv,
} from './template.ts';

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;

describe('template', () => {
  it('is the header of technical names in form order, repeats flattened, then STATUS', () => {
    expect(templateColumns(form)).toEqual(form.csv.columns.map((c) => c.column).concat('STATUS'));
    expect(templateColumns(form)).toContain('DT_PCI_3');
    expect(templateCsv(form)).toBe(`${templateColumns(form).join(';')}\n`);
  });
});

describe('describeCondition', () => {
  it('reads back every shape the compiler emits', () => {
    const has = (name: string, s: object) => ({ properties: { [name]: s }, required: [name] });
    expect(describeCondition({})).toBe('always');
    expect(describeCondition(has('A', { const: '1' }))).toBe("A = '1'");
    expect(describeCondition(has('A', { const: true }))).toBe('A = true');
    expect(describeCondition({ not: has('A', { const: '1' }) })).toBe("A != '1'");
    expect(describeCondition(has('A', { enum: ['1', '2'] }))).toBe("A in ['1', '2']");
    expect(describeCondition(has('A', { type: 'array', not: { items: { not: { const: 'X' } } } }))).toBe(
      "A contains 'X'",
    );
    expect(describeCondition({ not: { required: ['A'] } })).toBe('A is empty');
    expect(describeCondition({ anyOf: [{ not: { required: ['A'] } }, has('A', { const: '' })] })).toBe(
      'A is empty',
    );
    expect(
      describeCondition({ not: { anyOf: [{ not: { required: ['A'] } }, has('A', { const: '' })] } }),
    ).toBe('A is filled');
    expect(describeCondition(has('D', { format: 'date', formatMinimum: '2024-01-01' }))).toBe(
      "D >= '2024-01-01'",
    );
    expect(describeCondition(has('N', { exclusiveMaximum: 5 }))).toBe('N < 5');
    expect(
      describeCondition({
        allOf: [has('A', { const: '1' }), { anyOf: [has('B', { const: 2 }), has('C', { const: 3 })] }],
      }),
    ).toBe("A = '1' and (B = 2 or C = 3)");
  });

  it('names the columns of the same repeat item', () => {
    expect(describeCondition({ properties: { X: { const: true } }, required: ['X'] }, (n) => `${n}_2`)).toBe(
      'X_2 = true',
    );
  });
});

describe('dictionary', () => {
  it('gives label, type, format, codes and when a column is required, in the chosen language', () => {
    const entries = dictionary(form, 'en');
    const get = (c: string) => entries.find((e) => e.column === c)!;
    expect(get('CD_INDICATN')).toMatchObject({ label: 'Indication', type: 'choice', required: 'required' });
    expect(get('CD_INDICATN').codes[0]).toEqual({ code: 'STEMI', label: 'STEMI' });
    expect(get('TX_INDICATN_OTHER')).toMatchObject({
      required: 'required when shown',
      shownWhen: "CD_INDICATN = 'OTHER'",
    });
    expect(get('MS_PAT_HGHT').format).toBe(
      'number with . or , as decimal separator, e.g. 12.5, ≥ 50, ≤ 250, at most 1 decimal',
    );
    expect(get('MS_PAT_BMI').required).toBe('computed (any value given is replaced)');
    expect(get('TX_COMPLIC_2')).toMatchObject({
      label: 'Detail (2)',
      required: 'required when shown in item 2, once used',
      shownWhen: 'CD_COMPLIC_2 = true',
    });
    expect(get('DT_HOSPZ').format).toBe('dd/mm/yyyy, from 01/01/2020');
    expect(entries.at(-1)).toEqual({
      column: 'STATUS',
      label: 'draft: keep the registration Open; empty: send it',
      type: 'control',
      format: 'draft or empty',
      codes: [{ code: 'draft', label: 'Open (to complete in the form)' }],
      required: 'optional',
      shownWhen: '',
    });
  });

  it('is written as CSV, Markdown and HTML', () => {
    const csv = dictionaryCsv(form, 'en').split('\n');
    expect(csv[0]).toBe('column;label;type;format;codes;required;shown when');
    expect(csv).toContain(
      "CD_REPERF;Reperfusion;choice;one code;1 = Yes | 0 = No;required when shown;CD_INDICATN in ['STEMI']",
    );
    const md = dictionaryMarkdown(form, 'en').split('\n');
    expect(md[2]).toBe(
      'CSV: one row per registration, separator `;`, UTF-8, dates dd/mm/yyyy, several codes joined by `|`, booleans true/false. 24 columns, then STATUS.',
    );
    expect(md[4]).toBe('| column | label | type | format | codes | required | shown when |');
    expect(md).toContain(
      '| `CD_SYMPT` | Symptoms | multichoice | codes joined by \\|, e.g. 1\\|3 | `FL_PAIN` Pain; `FL_DYSP` Dyspnoea | optional | always |',
    );
    const html = dictionaryHtml(form, 'en');
    expect(html).toContain('<td><code>TX_REAS</code></td><td>Reason</td>');
    expect(html).toContain(
      '<tr><th>column</th><th>label</th><th>type</th><th>format</th><th>codes</th><th>required</th><th>shown when</th></tr>',
    );
    expect(html).toContain('<td>optional</td><td>always</td></tr>');
  });
});

describe('the words of the dictionary follow its language', () => {
  const row = (csv: string, column: string) => csv.split('\n').find((line) => line.startsWith(`${column};`));

  it('in French: headers, formats, limits, when required, STATUS', () => {
    const entries = dictionary(form, 'fr');
    const get = (c: string) => entries.find((e) => e.column === c)!;
    expect(get('DT_HOSPZ').format).toBe('dd/mm/yyyy, à partir du 01/01/2020');
    expect(get('MS_PAT_HGHT').format).toBe(
      'nombre avec . ou , comme séparateur décimal, p. ex. 12.5, ≥ 50, ≤ 250, au plus 1 décimale',
    );
    expect(get('TX_INDICATN_OTHER')).toMatchObject({
      type: 'text',
      format: 'texte, au plus 200 caractères',
      required: 'obligatoire si affiché',
      shownWhen: "CD_INDICATN = 'OTHER'",
    });
    // The condition is over technical names, as the form holds it: it stays as it is.
    expect(get('NR_PAIN').required).toBe('obligatoire si affiché et CD_SYMPT is filled');
    expect(get('TX_COMPLIC_2').required).toBe(
      "obligatoire si affiché dans l'élément 2, dès qu'il est utilisé",
    );
    expect(get('MS_PAT_BMI').required).toBe('calculé (toute valeur donnée est remplacée)');

    const csv = dictionaryCsv(form, 'fr');
    expect(csv.split('\n')[0]).toBe('colonne;libellé;type;format;codes;obligatoire;affiché si');
    expect(row(csv, 'DT_PAT_DOB')).toBe('DT_PAT_DOB;Date de naissance;date;dd/mm/yyyy;;obligatoire;');
    expect(row(csv, 'CD_REPERF')).toBe(
      "CD_REPERF;Reperfusion;choice;un code;1 = Oui | 0 = Non;obligatoire si affiché;CD_INDICATN in ['STEMI']",
    );
    expect(row(csv, 'STATUS')).toBe(
      `STATUS;"draft : garder l'enregistrement Ouvert ; vide : l'envoyer";control;draft ou vide;draft = Ouvert (à compléter dans le formulaire);facultatif;`,
    );

    const md = dictionaryMarkdown(form, 'fr').split('\n');
    expect(md[2]).toBe(
      'CSV : une ligne par enregistrement, séparateur `;`, UTF-8, dates au format dd/mm/yyyy, plusieurs codes séparés par `|`, booléens true/false. 24 colonnes, puis STATUS.',
    );
    expect(md[4]).toBe('| colonne | libellé | type | format | codes | obligatoire | affiché si |');
    expect(md).toContain(
      '| `CD_SYMPT` | Symptômes | multichoice | codes séparés par \\|, p. ex. 1\\|3 | `FL_PAIN` Douleur; `FL_DYSP` Dyspnée | facultatif | toujours |',
    );
    expect(md).toContain(
      "| `TX_INDICATN_OTHER` | Autre indication | text | texte, au plus 200 caractères |  | obligatoire si affiché | `CD_INDICATN = 'OTHER'` |",
    );
  });

  it('in Dutch', () => {
    const csv = dictionaryCsv(form, 'nl');
    expect(csv.split('\n')[0]).toBe('kolom;label;type;formaat;codes;verplicht;getoond als');
    expect(row(csv, 'DT_HOSPZ')).toBe('DT_HOSPZ;Opnamedatum;date;dd/mm/yyyy, vanaf 01/01/2020;;verplicht;');
    expect(row(csv, 'T_ARRIVAL')).toBe('T_ARRIVAL;Aankomstuur;time;hh:mm (24 u);;optioneel;');
    expect(row(csv, 'TX_INDICATN_OTHER')).toBe(
      "TX_INDICATN_OTHER;Andere indicatie;text;tekst, hoogstens 200 tekens;;verplicht als getoond;CD_INDICATN = 'OTHER'",
    );
    expect(row(csv, 'NR_PAIN')).toBe(
      "NR_PAIN;Pijnscore;integer;geheel getal, bv. 42, ≥ 0, ≤ 10;;verplicht als getoond en CD_SYMPT is filled;CD_SYMPT contains 'FL_PAIN'",
    );
    expect(row(csv, 'TX_COMPLIC_1')).toBe(
      'TX_COMPLIC_1;Detail (1);text;tekst;;verplicht als getoond in item 1, zodra het gebruikt wordt;CD_COMPLIC_1 = true',
    );
    expect(row(csv, 'MS_PAT_BMI')).toContain(';berekend (een opgegeven waarde wordt vervangen);');
    expect(row(csv, 'STATUS')).toBe(
      'STATUS;"draft: de registratie Open houden; leeg: verzenden";control;draft of leeg;draft = Open (aan te vullen in het formulier);optioneel;',
    );

    const md = dictionaryMarkdown(form, 'nl').split('\n');
    expect(md[2]).toBe(
      'CSV: één rij per registratie, scheidingsteken `;`, UTF-8, datums dd/mm/yyyy, meerdere codes gescheiden door `|`, booleaanse waarden true/false. 24 kolommen, dan STATUS.',
    );
    expect(md[4]).toBe('| kolom | label | type | formaat | codes | verplicht | getoond als |');
    expect(md).toContain('| `DT_PAT_DOB` | Geboortedatum | date | dd/mm/yyyy |  | verplicht | altijd |');
  });

  it('in German, and in HTML', () => {
    const html = dictionaryHtml(form, 'de');
    expect(html).toContain(
      '<tr><th>Spalte</th><th>Bezeichnung</th><th>Typ</th><th>Format</th><th>Codes</th><th>Pflicht</th><th>angezeigt wenn</th></tr>',
    );
    expect(html).toContain('<td>dd/mm/yyyy, ab 01/01/2020</td><td></td><td>Pflicht</td><td>immer</td></tr>');
    expect(html).toContain('<td>Pflicht, wenn angezeigt</td><td>FL_NO_NISS != true</td>');
    expect(dictionaryHtml(form, 'fr')).toContain('<td>facultatif</td><td>toujours</td></tr>');
  });

  it('falls back as the catalog does: a region to its language, any other language to English', () => {
    const words = (lang: string) =>
      dictionary(form, lang).map(({ format, required }) => ({ format, required }));
    expect(words('nl-BE')).toEqual(words('nl'));
    expect(words('it')).toEqual(words('en'));
    expect(dictionaryCsv(form, 'it').split('\n')[0]).toBe(
      'column;label;type;format;codes;required;shown when',
    );
  });
});

// The catalog entries of the dictionary, and the words of their English.
const DICTIONARY_KEYS = (Object.keys(MESSAGES) as MessageKey[]).filter(
  (k) => k.startsWith('format.') || k.startsWith('dictionary.'),
);
const text = (key: MessageKey, lang: string) => (MESSAGES[key] as Record<string, string>)[lang]!;
// What the file holds or a user types, and ICU syntax (arguments, plural keywords): the same
// in every language.
const TECHNICAL =
  /\{\w+(?:, (?:plural|select),)?|\b(?:one|other) \{|`[^`]*`|dd\/mm\/yyyy|hh:mm|\b(?:true|false|draft|STATUS|CSV|UTF-8)\b/g;
const wordsOf = (s: string) =>
  new Set(
    s
      .replace(TECHNICAL, ' ')
      .toLowerCase()
      .match(/\p{L}{2,}/gu) ?? [],
  );
const ENGLISH = new Set(DICTIONARY_KEYS.flatMap((k) => [...wordsOf(text(k, 'en'))]));
// Words spelled as in English that are that language's own word too ('Open' is the status).
const SHARED: Record<string, string[]> = {
  fr: ['code', 'codes', 'dates', 'format', 'national', 'type'],
  nl: ['code', 'codes', 'in', 'item', 'label', 'open', 'per', 'type'],
  de: ['code', 'codes', 'format', 'in', 'optional', 'text'],
};
const english = (lang: string, s: string) =>
  [...wordsOf(s)].filter((w) => ENGLISH.has(w) && !SHARED[lang]!.includes(w));

describe('no English word of the dictionary is left in another language', () => {
  it('in the catalog entries of the dictionary', () => {
    expect(DICTIONARY_KEYS.length).toBeGreaterThan(30);
    for (const lang of ['fr', 'nl', 'de'])
      for (const key of DICTIONARY_KEYS) expect(english(lang, text(key, lang)), `${key} ${lang}`).toEqual([]);
  });

  it('in the CSV, Markdown and HTML dictionary of a form', () => {
    const en = dictionary(form, 'en');
    // Headers, intro, formats, when required less its condition, the STATUS row, "always".
    const own = (lang: string) => {
      const md = dictionaryMarkdown(form, lang).split('\n');
      const html = dictionaryHtml(form, lang);
      return [
        dictionaryCsv(form, lang).split('\n')[0]!,
        md[2]!,
        md[4]!,
        ...md.slice(6).map((line) => line.split(' | ').at(-1)!),
        ...[...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]!),
        // The shown-when cells of the columns always shown: the others hold a condition.
        ...[...html.matchAll(/<td>([^<]*)<\/td><\/tr>/g)]
          .map((m) => m[1]!)
          .filter((_, n) => !en[n]!.shownWhen),
        ...dictionary(form, lang).flatMap((e, n) => {
          const condition = / and (.*)$/.exec(en[n]!.required)?.[1];
          const required = condition ? e.required.replace(condition, '') : e.required;
          return e.column === 'STATUS'
            ? [e.format, required, e.label, ...e.codes.map((c) => c.label)]
            : [e.format, required];
        }),
      ].join('\n');
    };
    // Else the check below would pass for want of anything to find.
    expect(english('fr', own('en'))).toEqual(
      expect.arrayContaining(['column', 'required', 'optional', 'shown', 'always', 'computed', 'whole']),
    );
    for (const lang of ['fr', 'nl', 'de']) expect(english(lang, own(lang)), lang).toEqual([]);
  });
});
