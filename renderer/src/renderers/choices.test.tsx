// @vitest-environment jsdom

import type { CompiledForm } from '@regforms/runtime';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import * as search from './ChoiceAutocompleteControl.tsx';
import { codeAndLabel, filterCodes, foldForSearch } from './choices.ts';
import { loadControlsOf } from './index.ts';
import { oneControl, renderForm, settle } from './test-support.tsx';

afterEach(cleanup);

const LABELS: Record<string, string> = {
  ICD1: 'Défibrillateur simple chambre',
  ICD2: 'Défibrillateur double chambre',
  CRTD: 'Resynchronisation cardiaque avec défibrillateur',
  SICD: 'Défibrillateur sous-cutané',
  PM: 'Stimulateur cardiaque',
  LOOP: 'Moniteur implantable',
  A: 'Aorte',
  B: 'Bifurcation',
  C: 'Circonflexe',
  D: 'Diagonale',
  E: 'Éprouvette',
  F: 'Fémorale',
  G: 'Greffon',
};
const CODES = Object.keys(LABELS);
const bundle = (key: string, label: string) => ({
  [`${key}.label`]: label,
  ...Object.fromEntries(CODES.map((c) => [`${key}.${c}`, LABELS[c]!])),
});

describe('search helpers', () => {
  test('fold accents and case; match every word on code or label', () => {
    expect(foldForSearch('Éprouvette DÉFIB')).toBe('eprouvette defib');
    const options = CODES.map((value) => ({ value, label: LABELS[value]! }));
    expect(filterCodes(options, 'defib double').map((o) => o.value)).toEqual(['ICD2']);
    expect(filterCodes(options, 'crtd').map((o) => o.value)).toEqual(['CRTD']);
    expect(filterCodes(options, 'eprouv').map((o) => o.value)).toEqual(['E']);
    expect(filterCodes(options, '').length).toBe(CODES.length);
    expect(codeAndLabel({ value: 'PM', label: 'Stimulateur' })).toBe('PM — Stimulateur');
    expect(codeAndLabel({ value: 'X', label: 'X' })).toBe('X');
  });
});

describe('a long code list before its search is loaded (a chunk of its own)', () => {
  test('shows its value read-only, then the search takes its place with the same value', async () => {
    const form = oneControl('CD_DEV', { type: 'string', enum: CODES }, { fieldType: 'choice' }, 'Device');
    renderForm({ ...form, data: { CD_DEV: 'PM' }, bundle: bundle('CD_DEV', 'Appareil') });
    const waiting = screen.getByLabelText('Appareil') as HTMLInputElement;
    expect(waiting.value).toBe('PM — Stimulateur cardiaque');
    expect(waiting.readOnly).toBe(true);
    expect(screen.queryByRole('combobox')).toBeNull();
    const input = (await screen.findByRole('combobox', { name: 'Appareil' })) as HTMLInputElement;
    expect(input.value).toBe('PM — Stimulateur cardiaque');
    expect(input.readOnly).toBe(false);
  });

  test('a form with a long code list starts loading it when it opens; a form without does not', async () => {
    const long = oneControl('CD_DEV', { type: 'string', enum: CODES }, { fieldType: 'choice' });
    const short = oneControl('CD_X', { type: 'string', enum: ['1', '2'] }, { fieldType: 'choice' });
    const formOf = (f: typeof long) =>
      ({ schema: f.schema, uischema: f.uischema }) as unknown as CompiledForm;
    const loads = vi.spyOn(search, 'loadCodeSearch');
    loadControlsOf(formOf(short));
    expect(loads).not.toHaveBeenCalled();
    loadControlsOf(formOf(long));
    expect(loads).toHaveBeenCalledTimes(1);
    // One in a repeat's items, among controls of other types (those are not resolved).
    const inRepeat = {
      schema: {
        type: 'object',
        properties: {
          TX: { type: 'string' },
          ITEMS: {
            type: 'array',
            items: { type: 'object', properties: { CD_DEV: { type: 'string', enum: CODES } } },
          },
        },
      },
      uischema: {
        type: 'VerticalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/TX', options: { fieldType: 'text' } },
          {
            type: 'Control',
            scope: '#/properties/ITEMS',
            options: {
              fieldType: 'repeat',
              detail: {
                type: 'VerticalLayout',
                elements: [
                  { type: 'Control', scope: '#/properties/CD_DEV', options: { fieldType: 'choice' } },
                ],
              },
            },
          },
        ],
      },
    } as unknown as CompiledForm;
    loadControlsOf(inRepeat);
    expect(loads).toHaveBeenCalledTimes(2);
    loads.mockRestore();
    // Then a control renders the search at once.
    await search.loadCodeSearch();
    renderForm({ ...long, bundle: bundle('CD_DEV', 'Appareil') });
    expect(screen.getByRole('combobox', { name: 'Appareil' })).toBeTruthy();
  });
});

describe('long code list (more than 12 codes): autocomplete', () => {
  beforeAll(async () => {
    await search.loadCodeSearch();
  });
  const form = oneControl(
    'CD_DEV',
    { type: 'string', enum: CODES },
    { fieldType: 'choice', display: 'select' },
    'Device',
  );

  test('filters by label without accents, shows "code — label", stores the code', async () => {
    const h = renderForm({ ...form, bundle: bundle('CD_DEV', 'Appareil') });
    const input = screen.getByRole('combobox', { name: 'Appareil' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'defibrillateur sous' } });
    const list = screen.getByRole('listbox');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['SICD — Défibrillateur sous-cutané']);
    fireEvent.click(options[0]!);
    await settle(20);
    expect(h.data().CD_DEV).toBe('SICD');
    expect((input as HTMLInputElement).value).toBe('SICD — Défibrillateur sous-cutané');
  });

  test('filters by code', () => {
    renderForm({ ...form, bundle: bundle('CD_DEV', 'Appareil') });
    const input = screen.getByRole('combobox', { name: 'Appareil' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'crtd' } });
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'CRTD — Resynchronisation cardiaque avec défibrillateur',
    ]);
  });

  test('a stored code is shown with its label; errors are linked', () => {
    renderForm({
      ...form,
      data: { CD_DEV: 'PM' },
      bundle: bundle('CD_DEV', 'Appareil'),
      additionalErrors: [
        { instancePath: '/CD_DEV', keyword: 'enum', schemaPath: '', params: {}, message: 'Code inconnu.' },
      ],
    });
    const input = screen.getByRole('combobox', { name: 'Appareil' }) as HTMLInputElement;
    expect(input.value).toBe('PM — Stimulateur cardiaque');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(screen.getByText('Code inconnu.').id);
  });
});

describe('multiple choice autocomplete', () => {
  beforeAll(async () => {
    await search.loadCodeSearch();
  });
  const form = oneControl(
    'CD_DEVS',
    { type: 'array', uniqueItems: true, items: { type: 'string', enum: CODES } },
    { fieldType: 'multichoice', display: 'autocomplete' },
  );
  test('adds codes one by one, stores them in order chosen', async () => {
    const h = renderForm({ ...form, bundle: bundle('CD_DEVS', 'Appareils') });
    const input = screen.getByRole('combobox', { name: 'Appareils' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'stimul' } });
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option'));
    fireEvent.change(input, { target: { value: 'aort' } });
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option'));
    await settle(20);
    expect(h.data().CD_DEVS).toEqual(['PM', 'A']);
  });
});

describe('short lists show translated labels', () => {
  const short = { A: 'Aorte', B: 'Bifurcation', C: 'Circonflexe' };
  const shortBundle = (key: string, label: string) => ({
    [`${key}.label`]: label,
    ...Object.fromEntries(Object.entries(short).map(([c, l]) => [`${key}.${c}`, l])),
  });
  const enumSchema = { type: 'string', enum: Object.keys(short) } as const;

  test('select: native options with labels; choosing stores the code; empty clears', async () => {
    const form = oneControl('CD_S', enumSchema, { fieldType: 'choice', display: 'select' });
    const h = renderForm({ ...form, bundle: shortBundle('CD_S', 'Segment') });
    const select = screen.getByLabelText('Segment') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '—',
      'Aorte',
      'Bifurcation',
      'Circonflexe',
    ]);
    fireEvent.change(select, { target: { value: 'B' } });
    await settle(20);
    expect(h.data().CD_S).toBe('B');
    fireEvent.change(select, { target: { value: '' } });
    await settle(20);
    expect(h.data().CD_S).toBeUndefined();
  });

  test('radio: translated labels, the group is named and carries its error', async () => {
    const form = oneControl('CD_R', enumSchema, { fieldType: 'choice', format: 'radio' });
    const h = renderForm({
      ...form,
      bundle: shortBundle('CD_R', 'Segment'),
      additionalErrors: [
        {
          instancePath: '',
          keyword: 'required',
          schemaPath: '',
          params: { missingProperty: 'CD_R' },
          message: 'Obligatoire.',
        },
      ],
    });
    const group = screen.getByRole('radiogroup', { name: 'Segment' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.getAttribute('aria-describedby')).toContain(screen.getByText('Obligatoire.').id);
    fireEvent.click(within(group).getByLabelText('Circonflexe'));
    await settle(20);
    expect(h.data().CD_R).toBe('C');
  });

  test('checkboxes: translated labels, codes kept in code-list order', async () => {
    const form = oneControl(
      'CD_M',
      { type: 'array', uniqueItems: true, items: enumSchema },
      { fieldType: 'multichoice', display: 'checkbox' },
    );
    const h = renderForm({ ...form, bundle: shortBundle('CD_M', 'Segments') });
    const group = screen.getByRole('group', { name: 'Segments' });
    fireEvent.click(within(group).getByLabelText('Circonflexe'));
    fireEvent.click(within(group).getByLabelText('Aorte'));
    await settle(20);
    expect(h.data().CD_M).toEqual(['A', 'C']);
    fireEvent.click(within(group).getByLabelText('Aorte'));
    fireEvent.click(within(group).getByLabelText('Circonflexe'));
    await settle(20);
    expect(h.data().CD_M).toBeUndefined();
  });

  test('switching the language relabels the options', () => {
    const form = oneControl('CD_R', enumSchema, { fieldType: 'choice', format: 'radio' });
    const h = renderForm({ ...form, bundle: shortBundle('CD_R', 'Segment') });
    expect(screen.getByLabelText('Aorte')).toBeTruthy();
    h.rerender({
      locale: 'nl',
      bundle: { 'CD_R.label': 'Segment', 'CD_R.A': 'Aorta', 'CD_R.B': 'Bifurcatie', 'CD_R.C': 'Circumflex' },
    });
    expect(screen.getByLabelText('Aorta')).toBeTruthy();
    expect(screen.queryByLabelText('Aorte')).toBeNull();
  });
});
