// @vitest-environment jsdom
import type { UISchemaElement } from '@jsonforms/core';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { displayComputed } from './ComputedControl.tsx';
import { formatNumber, parseTypedNumber } from './NumberControl.tsx';
import { oneControl, renderForm, settle } from './test-support.tsx';

afterEach(cleanup);

describe('numbers', () => {
  test('a decimal comma is accepted; text that is not a number is recognised', () => {
    expect(parseTypedNumber('24,7')).toBe(24.7);
    expect(parseTypedNumber(' 1 200 ')).toBe(1200);
    expect(parseTypedNumber('-3')).toBe(-3);
    expect(parseTypedNumber('')).toBeUndefined();
    expect(parseTypedNumber('12a')).toBeNull();
    expect(parseTypedNumber('1,2,3')).toBeNull();
    expect(formatNumber(24.7, 'fr')).toBe('24,7');
    expect(formatNumber(24.7, 'en')).toBe('24.7');
  });

  test('the unit is shown beside the input and read with it; 72,5 is stored as 72.5', async () => {
    const form = oneControl('MS_WGHT', { type: 'number' }, { fieldType: 'decimal', unit: 'kg' }, 'Poids');
    const h = renderForm({ ...form });
    const input = screen.getByLabelText('Poids') as HTMLInputElement;
    const unit = screen.getByText('kg');
    expect(input.getAttribute('aria-describedby')).toContain(unit.closest('[id]')!.id);
    fireEvent.change(input, { target: { value: '72,5' } });
    await settle();
    expect(h.data().MS_WGHT).toBe(72.5);
    expect(input.value).toBe('72,5');
  });

  test('what is not a number is kept as typed on leaving (the validator reports it)', async () => {
    const form = oneControl('NR_AGE', { type: 'integer' }, { fieldType: 'integer', unit: 'ans' }, 'Âge');
    const h = renderForm({ ...form });
    const input = screen.getByLabelText('Âge') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '4O' } });
    await settle();
    expect(h.data().NR_AGE).toBeUndefined();
    fireEvent.blur(input);
    await settle(20);
    expect(h.data().NR_AGE).toBe('4O');
    expect(input.value).toBe('4O');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  test('an external change of the data replaces what is shown', () => {
    const form = oneControl('MS_WGHT', { type: 'number' }, { fieldType: 'decimal', unit: 'kg' }, 'Poids');
    const h = renderForm({ ...form, data: { MS_WGHT: 70 } });
    expect((screen.getByLabelText('Poids') as HTMLInputElement).value).toBe('70');
    h.rerender({ data: { MS_WGHT: 71.5 } });
    expect((screen.getByLabelText('Poids') as HTMLInputElement).value).toBe('71,5');
  });
});

describe('computed fields', () => {
  test('display: number in the form language with its unit, — when empty', () => {
    const t = (_k: string, d: string | undefined) => d;
    expect(displayComputed(24.7, 'kg/m²', 'fr', t, 'BMI')).toBe('24,7 kg/m²');
    expect(displayComputed(24.7, 'kg/m²', 'en', t, 'BMI')).toBe('24.7 kg/m²');
    expect(displayComputed(undefined, 'kg/m²', 'fr', t, 'BMI')).toBe('—');
    expect(displayComputed('2024-09-03', undefined, 'fr', t, 'D')).toBe('03/09/2024');
  });

  test('a read-only, labelled, focusable field that follows the data', () => {
    const form = {
      schema: {
        type: 'object',
        properties: { MS_PAT_BMI: { type: 'number', readOnly: true } },
      },
      uischema: {
        type: 'Control',
        scope: '#/properties/MS_PAT_BMI',
        label: 'IMC',
        options: { i18n: 'MS_PAT_BMI', id: 'bmi', fieldType: 'decimal', readonly: true, unit: 'kg/m²' },
      } as UISchemaElement,
    } as const;
    const h = renderForm({ ...form, schema: form.schema as never, bundle: { 'MS_PAT_BMI.label': 'IMC' } });
    const out = screen.getByLabelText('IMC') as HTMLInputElement;
    expect(out.readOnly).toBe(true);
    expect(out.disabled).toBe(false);
    expect(out.value).toBe('— calculé dès que les champs dont il dépend sont remplis');
    h.rerender({ data: { MS_PAT_BMI: 24.7 } });
    expect((screen.getByLabelText('IMC') as HTMLInputElement).value).toBe('24,7 kg/m²');
  });
});

describe('text', () => {
  test('typing stays local, then is committed after a short pause', async () => {
    const form = oneControl('TX_NAME', { type: 'string' }, { fieldType: 'text' }, 'Nom');
    const h = renderForm({ ...form });
    const input = screen.getByLabelText('Nom') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Dupont' } });
    expect(input.value).toBe('Dupont');
    await settle();
    expect(h.data().TX_NAME).toBe('Dupont');
  });

  test('a value from outside replaces the text without taking the focus away', async () => {
    const form = oneControl('TX_NAME', { type: 'string' }, { fieldType: 'text' }, 'Nom');
    const h = renderForm({ ...form, data: { TX_NAME: 'Dupont' } });
    const input = screen.getByLabelText('Nom') as HTMLInputElement;
    expect(input.value).toBe('Dupont');
    input.focus();
    h.rerender({ data: { TX_NAME: 'Durand' } });
    const now = screen.getByLabelText('Nom') as HTMLInputElement;
    expect(now.value).toBe('Durand');
    expect(document.activeElement).toBe(now);
    // What is typed next is committed as usual.
    fireEvent.change(now, { target: { value: 'Durand-Dupont' } });
    await settle();
    expect(h.data().TX_NAME).toBe('Durand-Dupont');
  });

  test('a pasted text longer than the maximum is not cut (the validator reports it)', async () => {
    const form = oneControl('TX_NAME', { type: 'string', maxLength: 3 }, { fieldType: 'text' }, 'Nom');
    const h = renderForm({ ...form });
    const input = screen.getByLabelText('Nom') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Dupont' } });
    fireEvent.blur(input);
    await settle(20);
    expect(h.data().TX_NAME).toBe('Dupont');
  });

  test('the last keystrokes survive the field being unmounted (another section shown)', async () => {
    const ctl = (name: string) => ({
      type: 'Control',
      scope: `#/properties/${name}`,
      label: name,
      options: { i18n: name, fieldType: 'text' },
    });
    const h = renderForm({
      schema: { type: 'object', properties: { A: { type: 'string' }, B: { type: 'string' } } },
      uischema: {
        type: 'Categorization',
        elements: [
          { type: 'Category', label: 'One', elements: [ctl('A')] },
          { type: 'Category', label: 'Two', elements: [ctl('B')] },
        ],
      } as UISchemaElement,
    });
    // Fake time: the commit pause cannot run out; only the unmount can commit.
    vi.useFakeTimers();
    try {
      fireEvent.change(screen.getByLabelText('A'), { target: { value: 'typed just now' } });
      fireEvent.click(screen.getByRole('tab', { name: 'Two' }));
      expect(screen.queryByLabelText('A')).toBeNull();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(50);
      });
      expect(h.data().A).toBe('typed just now');
    } finally {
      vi.useRealTimers();
    }
  });

  test('a required field is announced and marked, without the native attribute that blocks Save', () => {
    const form = oneControl('TX_NAME', { type: 'string' }, { fieldType: 'text' }, 'Nom');
    renderForm({ ...form, schema: { ...form.schema, required: ['TX_NAME'] } });
    const input = screen.getByLabelText('Nom', { exact: false }) as HTMLInputElement;
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(input.required).toBe(false);
    expect(document.querySelector(`label[for="${input.id}"]`)!.textContent).toContain('*');
  });

  test('a select carries its error and requiredness too', () => {
    const form = oneControl(
      'CD_S',
      { type: 'string', enum: ['a', 'b'] },
      { fieldType: 'choice', display: 'select' },
      'Choix',
    );
    renderForm({
      ...form,
      schema: { ...form.schema, required: ['CD_S'] },
      additionalErrors: [
        {
          instancePath: '',
          keyword: 'required',
          schemaPath: '',
          params: { missingProperty: 'CD_S' },
          message: 'Obligatoire.',
        },
      ],
    });
    const select = screen.getByLabelText('Choix', { exact: false }) as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect(select.getAttribute('aria-required')).toBe('true');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(select.getAttribute('aria-describedby')).toContain(screen.getByText('Obligatoire.').id);
  });
});
