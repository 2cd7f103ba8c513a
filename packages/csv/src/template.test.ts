import { describe, expect, it } from 'vitest';
import { compileDefinitions } from '../../compiler/src/compile.ts';
import { readDefinitionFiles } from '../../compiler/src/files.ts';
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
    const entries = dictionary(form, 'nl');
    const get = (c: string) => entries.find((e) => e.column === c)!;
    expect(get('CD_INDICATN')).toMatchObject({ label: 'Indicatie', type: 'choice', required: 'required' });
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
    expect(entries.at(-1)!.column).toBe('STATUS');
  });

  it('is written as CSV, Markdown and HTML', () => {
    const csv = dictionaryCsv(form, 'en').split('\n');
    expect(csv[0]).toBe('column;label;type;format;codes;required;shown when');
    expect(csv).toContain(
      "CD_REPERF;Reperfusion;choice;one code;1 = Yes | 0 = No;required when shown;CD_INDICATN in ['STEMI']",
    );
    const md = dictionaryMarkdown(form, 'fr');
    expect(md).toContain('| CD_SYMPT | Symptômes | multichoice | codes joined by \\|, e.g. 1\\|3 |');
    expect(dictionaryHtml(form, 'en')).toContain('<td><code>TX_REAS</code></td><td>Reason</td>');
  });
});
