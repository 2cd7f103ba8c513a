// @vitest-environment jsdom
import type { JsonSchema, RankedTester, TesterContext, UISchemaElement } from '@jsonforms/core';
import { materialRenderers } from '@jsonforms/material-renderers';
import { describe, expect, test } from 'vitest';
import { booleanControlTester } from './BooleanControl.tsx';
import { choiceAutocompleteControlTester } from './ChoiceAutocompleteControl.tsx';
import { choiceRadioControlTester } from './ChoiceRadioControl.tsx';
import { choiceSelectControlTester } from './ChoiceSelectControl.tsx';
import { computedControlTester } from './ComputedControl.tsx';
import { dateControlTester } from './DateControl.tsx';
import { groupRendererTester } from './GroupRenderer.tsx';
import { regformsRenderers } from './index.ts';
import { multiChoiceCheckboxControlTester } from './MultiChoiceCheckboxControl.tsx';
import { nissControlTester } from './NissControl.tsx';
import { noteRendererTester } from './NoteRenderer.tsx';
import { numberControlTester } from './NumberControl.tsx';
import { repeatControlTester } from './RepeatControl.tsx';
import { textControlTester } from './TextControl.tsx';
import { timeControlTester } from './TimeControl.tsx';

const codes = (n: number) => Array.from({ length: n }, (_, i) => `C${i + 1}`);

/** One root schema with a property of every kind, as the compiler emits them. */
const schema: JsonSchema = {
  type: 'object',
  properties: {
    IDC_PAT: { type: 'string', pattern: '^\\d{11}$', format: 'niss' },
    TX_NAME: { type: 'string', maxLength: 100 },
    DT_ADM: { type: 'string', format: 'date' },
    T_ARR: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
    NR_AGE: { type: 'integer', minimum: 0 },
    MS_WGHT: { type: 'number' },
    MS_BMI: { type: 'number', readOnly: true },
    CD_SHORT: { type: 'string', enum: codes(4) },
    CD_RADIO: { type: 'string', enum: ['1', '0'] },
    CD_LONG: { type: 'string', enum: codes(13) },
    CD_MULTI: { type: 'array', uniqueItems: true, items: { type: 'string', enum: codes(3) } },
    CD_MULTI_LONG: { type: 'array', uniqueItems: true, items: { type: 'string', enum: codes(20) } },
    FL_FLAG: { type: 'boolean' },
    PCI: {
      type: 'array',
      maxItems: 5,
      items: { type: 'object', properties: { DT_PCI: { type: 'string', format: 'date' } } },
    },
  },
};

const control = (name: string, options: Record<string, unknown>): UISchemaElement =>
  ({
    type: 'Control',
    scope: `#/properties/${name}`,
    options: { i18n: name, id: name, ...options },
  }) as UISchemaElement;

const detail = { type: 'VerticalLayout', elements: [control('DT_PCI', { fieldType: 'date' })] };

/** Every control of the schema as the compiler writes it. */
const controls: Record<string, UISchemaElement> = {
  niss: control('IDC_PAT', { fieldType: 'niss' }),
  text: control('TX_NAME', { fieldType: 'text' }),
  date: control('DT_ADM', { fieldType: 'date' }),
  time: control('T_ARR', { fieldType: 'time' }),
  integer: control('NR_AGE', { fieldType: 'integer', unit: 'years' }),
  decimal: control('MS_WGHT', { fieldType: 'decimal', unit: 'kg' }),
  computed: control('MS_BMI', { fieldType: 'decimal', readonly: true, unit: 'kg/m²' }),
  select: control('CD_SHORT', { fieldType: 'choice', display: 'select' }),
  radio: control('CD_RADIO', { fieldType: 'choice', format: 'radio' }),
  longSelect: control('CD_LONG', { fieldType: 'choice', display: 'select' }),
  autocomplete: control('CD_SHORT', { fieldType: 'choice', display: 'autocomplete' }),
  checkboxes: control('CD_MULTI', { fieldType: 'multichoice', display: 'checkbox' }),
  multiLong: control('CD_MULTI_LONG', { fieldType: 'multichoice', display: 'checkbox' }),
  multiAutocomplete: control('CD_MULTI', { fieldType: 'multichoice', display: 'autocomplete' }),
  boolean: control('FL_FLAG', { fieldType: 'boolean' }),
  repeat: control('PCI', { fieldType: 'repeat', detail, max: 5 }),
};

interface Case {
  tester: RankedTester;
  /** Controls it must match. */
  matches: (keyof typeof controls)[];
}

const cases: Record<string, Case> = {
  niss: { tester: nissControlTester, matches: ['niss'] },
  text: { tester: textControlTester, matches: ['text'] },
  date: { tester: dateControlTester, matches: ['date'] },
  time: { tester: timeControlTester, matches: ['time'] },
  number: { tester: numberControlTester, matches: ['integer', 'decimal'] },
  computed: { tester: computedControlTester, matches: ['computed'] },
  select: { tester: choiceSelectControlTester, matches: ['select', 'longSelect', 'autocomplete'] },
  radio: { tester: choiceRadioControlTester, matches: ['radio'] },
  autocomplete: {
    tester: choiceAutocompleteControlTester,
    matches: ['longSelect', 'autocomplete', 'multiLong', 'multiAutocomplete'],
  },
  checkboxes: {
    tester: multiChoiceCheckboxControlTester,
    matches: ['checkboxes', 'multiLong', 'multiAutocomplete'],
  },
  repeat: { tester: repeatControlTester, matches: ['repeat'] },
};

const ctx: TesterContext = { rootSchema: schema, config: {} };
const maxStock = (ui: UISchemaElement) =>
  Math.max(...materialRenderers.map((r) => r.tester(ui, schema, ctx)));
const winner = (ui: UISchemaElement) => {
  const all = [...materialRenderers, ...regformsRenderers];
  let best = all[0]!;
  for (const r of all) if (r.tester(ui, schema, ctx) > best.tester(ui, schema, ctx)) best = r;
  return best;
};

describe.each(Object.entries(cases))('%s tester', (_name, { tester, matches }) => {
  test('matches its controls, above the stock material renderer for the same control', () => {
    for (const m of matches) {
      const ui = controls[m]!;
      const rank = tester(ui, schema, ctx);
      expect(rank, m).toBeGreaterThan(0);
      expect(rank, m).toBeGreaterThan(maxStock(ui));
    }
  });

  test('rejects an undefined UI schema', () => {
    expect(tester(undefined as never, schema, ctx)).toBe(-1);
  });

  test('rejects another UI type with the same scope and options', () => {
    for (const m of matches) {
      const ui = { ...controls[m]!, type: 'VerticalLayout', elements: [] } as UISchemaElement;
      expect(tester(ui, schema, ctx)).toBe(-1);
      expect(tester({ ...controls[m]!, type: 'Label' } as UISchemaElement, schema, ctx)).toBe(-1);
    }
  });

  test('rejects the same control when the schema has the wrong type', () => {
    for (const m of matches) {
      const ui = controls[m]! as UISchemaElement & { scope: string };
      const name = ui.scope.split('/').pop()!;
      const wrong: JsonSchema = {
        type: 'object',
        properties: { [name]: { type: 'object', properties: {} } },
      };
      expect(tester(ui, wrong, ctx), m).toBe(-1);
    }
  });

  test('rejects sibling controls of other kinds', () => {
    for (const [kind, ui] of Object.entries(controls)) {
      if ((matches as string[]).includes(kind)) continue;
      expect(tester(ui, schema, ctx), kind).toBe(-1);
    }
  });
});

describe('which renderer wins', () => {
  const expected: Record<keyof typeof controls, RankedTester | 'stock'> = {
    niss: nissControlTester,
    text: textControlTester,
    date: dateControlTester,
    time: timeControlTester,
    integer: numberControlTester,
    decimal: numberControlTester,
    computed: computedControlTester,
    select: choiceSelectControlTester,
    radio: choiceRadioControlTester,
    longSelect: choiceAutocompleteControlTester,
    autocomplete: choiceAutocompleteControlTester,
    checkboxes: multiChoiceCheckboxControlTester,
    multiLong: choiceAutocompleteControlTester,
    multiAutocomplete: choiceAutocompleteControlTester,
    boolean: booleanControlTester,
    repeat: repeatControlTester,
  };
  test.each(Object.keys(expected))('%s', (kind) => {
    const ui = controls[kind]!;
    const want = expected[kind as keyof typeof controls];
    const w = winner(ui);
    if (want === 'stock') expect(materialRenderers).toContain(w);
    else expect(w.tester).toBe(want);
  });

  test('a radio list keeps its radios however long it is (the designer chose them)', () => {
    const long = {
      type: 'object',
      properties: { CD_RADIO: { type: 'string', enum: codes(20) } },
    } as JsonSchema;
    const ui = controls.radio!;
    expect(choiceAutocompleteControlTester(ui, long, ctx)).toBe(-1);
    expect(choiceRadioControlTester(ui, long, ctx)).toBeGreaterThan(0);
  });
});

describe('note and group testers', () => {
  const note = { type: 'Label', text: 'Note', options: { i18n: 'note.x' } } as UISchemaElement;
  const group = {
    type: 'Group',
    label: 'G',
    elements: [],
    options: { i18n: 'section.g' },
  } as UISchemaElement;
  test('match Label and Group elements with the compiler i18n key, above stock', () => {
    expect(noteRendererTester(note, schema, ctx)).toBeGreaterThan(maxStock(note));
    expect(groupRendererTester(group, schema, ctx)).toBeGreaterThan(maxStock(group));
  });
  test('reject undefined, other types, and hand-written elements without the key', () => {
    expect(noteRendererTester(undefined as never, schema, ctx)).toBe(-1);
    expect(groupRendererTester(undefined as never, schema, ctx)).toBe(-1);
    expect(noteRendererTester(group, schema, ctx)).toBe(-1);
    expect(groupRendererTester(note, schema, ctx)).toBe(-1);
    expect(noteRendererTester({ type: 'Label', text: 'x' } as UISchemaElement, schema, ctx)).toBe(-1);
    expect(groupRendererTester({ type: 'Group', elements: [] } as UISchemaElement, schema, ctx)).toBe(-1);
    expect(groupRendererTester({ ...group, type: 'VerticalLayout' } as UISchemaElement, schema, ctx)).toBe(
      -1,
    );
  });
});
