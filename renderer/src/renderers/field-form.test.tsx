// @vitest-environment jsdom
/*
 * Each field typed into is a form of its own (FieldForm): the browser's autofill, which reads
 * the field's form again on every keystroke, reads one field, not the whole section; Enter in it
 * goes nowhere; a host's own <form> around the element does not take it.
 */
import { cleanup, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { renderForm } from './test-support.tsx';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const control = (name: string, options: Record<string, unknown>) => ({
  type: 'Control',
  scope: `#/properties/${name}`,
  label: name,
  options: { i18n: name, id: name, ...options },
});

const CODES = Array.from({ length: 40 }, (_, i) => `C${i}`);

function renderTyped() {
  return renderForm({
    schema: {
      type: 'object',
      properties: {
        A: { type: 'string' },
        N: { type: 'number' },
        D: { type: 'string', format: 'date' },
        P: { type: 'string', format: 'niss' },
        L: { type: 'string', enum: CODES },
        R: { type: 'string', enum: ['1', '0'] },
      },
    },
    uischema: {
      type: 'VerticalLayout',
      elements: [
        control('A', { fieldType: 'text' }),
        control('N', { fieldType: 'decimal' }),
        control('D', { fieldType: 'date' }),
        control('P', { fieldType: 'niss' }),
        control('L', { fieldType: 'choice', display: 'autocomplete' }),
        control('R', { fieldType: 'choice', format: 'radio' }),
      ],
    } as never,
  });
}

/** The inputs a person types into: not radios, checkboxes or MUI's hidden inputs. */
const typedInputs = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLInputElement>('input')].filter(
    (i) => !['radio', 'checkbox', 'hidden'].includes(i.type) && !i.getAttribute('aria-hidden'),
  );

describe('FieldForm', () => {
  test('every typed field is the only field of its own form', () => {
    const { container } = renderTyped();
    const inputs = typedInputs(container);
    expect(inputs.map((i) => i.id)).toEqual(['A', 'N', 'D', 'P', 'L'].map((n) => `#/properties/${n}-input`));
    for (const input of inputs) {
      expect(input.form, input.id).not.toBeNull();
      const fields = [...input.form!.elements].filter((e) => e instanceof HTMLInputElement);
      expect(fields, input.id).toEqual([input]);
      // No box of its own: the layout is the same as without it.
      expect(input.form!.style.display).toBe('contents');
    }
    expect(new Set(inputs.map((i) => i.form)).size).toBe(inputs.length);
  });

  test('Enter in a field (implicit submission) goes nowhere', () => {
    const { container } = renderTyped();
    // fireEvent returns false when a handler prevented the default: the page stays.
    for (const input of typedInputs(container)) expect(fireEvent.submit(input.form!), input.id).toBe(false);
  });

  test('inside a host’s own <form>, the fields are not the host’s', () => {
    const host = document.createElement('form');
    document.body.append(host);
    const { container } = renderTyped();
    host.append(container);
    const inputs = typedInputs(container);
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) expect(input.form).not.toBe(host);
    expect([...host.elements].filter((e) => inputs.includes(e as HTMLInputElement))).toEqual([]);
  });
});
