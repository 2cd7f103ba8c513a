// @vitest-environment jsdom
import type { UISchemaElement } from '@jsonforms/core';
import { isValidNiss } from '@regforms/runtime';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { formatNissPartial, nissDigits } from './NissControl.tsx';
import { compileReal } from './real-forms.ts';
import { oneControl, renderForm, settle } from './test-support.tsx';

afterEach(cleanup);

const VALID = '93051822361';
const form = oneControl(
  'IDC_PAT',
  { type: 'string', pattern: '^\\d{11}$', format: 'niss' },
  { fieldType: 'niss' },
  'NISS',
);
const bundle = {
  'IDC_PAT.label': 'Numéro national',
  'IDC_PAT.error.format': 'Numéro national invalide (chiffres de contrôle).',
  'error.format': 'Le format n’est pas valide.',
};

/** Types text one character at a time, as a keyboard does. */
function typeInto(input: HTMLElement, text: string) {
  let value = (input as HTMLInputElement).value;
  for (const c of text) {
    value = (input as HTMLInputElement).value + c;
    fireEvent.change(input, { target: { value } });
  }
}

describe('national number helpers', () => {
  test('digits only, at most 11; partial formatting adds a separator only before a digit', () => {
    expect(nissDigits('85.04.02-169.32')).toBe('85040216932');
    expect(nissDigits('85 04 02 169 32 99')).toBe('85040216932');
    expect(formatNissPartial('93')).toBe('93');
    expect(formatNissPartial('930')).toBe('93.0');
    expect(formatNissPartial('9305182')).toBe('93.05.18-2');
    expect(formatNissPartial(VALID)).toBe('93.05.18-223.61');
    expect(isValidNiss(VALID)).toBe(true);
  });
});

describe('national number control', () => {
  test('typing formats as YY.MM.DD-XXX.CC and stores the 11 digits only', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText('Numéro national');
    typeInto(input, VALID);
    expect((input as HTMLInputElement).value).toBe('93.05.18-223.61');
    await settle();
    expect(h.data().IDC_PAT).toBe(VALID);
    expect(screen.queryByText(bundle['IDC_PAT.error.format'])).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  test('wrong check digits show the field message at once, linked to the input', async () => {
    renderForm({ ...form, bundle });
    const input = screen.getByLabelText('Numéro national');
    typeInto(input, '93051822362');
    const message = screen.getByText(bundle['IDC_PAT.error.format']);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(message.id);
  });

  test('without a field message the generic format message is used', async () => {
    renderForm({ ...form, bundle: { 'IDC_PAT.label': 'N', 'error.format': 'Format non valide.' } });
    typeInto(screen.getByLabelText('N'), '93051822362');
    expect(screen.getByText('Format non valide.')).toBeTruthy();
  });

  test('an incomplete number is flagged only after leaving the field', async () => {
    renderForm({ ...form, bundle });
    const input = screen.getByLabelText('Numéro national');
    typeInto(input, '93051');
    expect(screen.queryByText(bundle['IDC_PAT.error.format'])).toBeNull();
    fireEvent.blur(input);
    expect(screen.getByText(bundle['IDC_PAT.error.format'])).toBeTruthy();
  });

  test('pasting with separators keeps the digits', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText('Numéro national');
    fireEvent.change(input, { target: { value: '93.05.18-223.61' } });
    fireEvent.blur(input);
    await settle(50);
    expect(h.data().IDC_PAT).toBe(VALID);
    fireEvent.change(input, { target: { value: ' 93 05 18 223 61 ' } });
    expect((input as HTMLInputElement).value).toBe('93.05.18-223.61');
  });

  test('the last keystrokes are committed on blur, before the pause runs out', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText('Numéro national');
    typeInto(input, VALID);
    fireEvent.blur(input);
    await settle(30);
    expect(h.data().IDC_PAT).toBe(VALID);
  });

  test('a stored number is shown formatted; clearing removes the value', async () => {
    const h = renderForm({ ...form, bundle, data: { IDC_PAT: VALID } });
    const input = screen.getByLabelText('Numéro national') as HTMLInputElement;
    expect(input.value).toBe('93.05.18-223.61');
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    await settle(50);
    expect('IDC_PAT' in h.data() ? h.data().IDC_PAT : undefined).toBeUndefined();
  });
});

describe('a patient without a national number, with the real patient fragment (patient-v2)', () => {
  test('while the national number is empty the generated identifier is shown; a number hides it', async () => {
    const compiled = compileReal('angio', 'hospitalisation');
    const categories = (
      compiled.uischema as unknown as { elements: { options: { id: string }; elements: UISchemaElement[] }[] }
    ).elements;
    const patient = categories.find((c) => c.options.id === 'patient-v2')!;
    const i18n = compiled.i18n.fr!;
    const h = renderForm({
      schema: compiled.schema as never,
      uischema: { type: 'VerticalLayout', elements: patient.elements } as UISchemaElement,
      bundle: i18n,
    });
    const nissLabel = i18n['IDC_PAT.label']!;
    const genLabel = i18n['TX_IDC_PAT_GENER.label']!;
    // No extra checkbox: the DCD has none.
    expect(Object.keys(i18n).some((k) => k.startsWith('FL_PAT_NO_NISS'))).toBe(false);
    const input = screen.getByLabelText(nissLabel, { exact: false });
    expect(screen.getByLabelText(genLabel, { exact: false })).toBeTruthy();

    typeInto(input, '93051822361');
    await settle();
    expect(h.data().IDC_PAT).toBe('93051822361');
    expect(screen.queryByLabelText(genLabel, { exact: false })).toBeNull();

    fireEvent.change(input, { target: { value: '' } });
    typeInto(input, '93051822362');
    expect(
      within(input.closest('.regforms-niss') as HTMLElement).getByText(i18n['IDC_PAT.error.format']!),
    ).toBeTruthy();
  }, 60_000);
});
