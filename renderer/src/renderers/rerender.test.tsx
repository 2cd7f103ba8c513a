// @vitest-environment jsdom
import type { UISchemaElement } from '@jsonforms/core';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as common from './common.tsx';
import { renderForm, settle } from './test-support.tsx';

// Every regforms control calls describedBy once per render with its own ids: counting the calls
// per field counts its renders.
vi.mock('./common.tsx', async (importOriginal) => {
  const original = await importOriginal<typeof import('./common.tsx')>();
  return { ...original, describedBy: vi.fn(original.describedBy) };
});

// The MUI field of each typed control, counted per input id.
const fieldRenders: string[] = [];
vi.mock('@mui/material/TextField', async (importOriginal) => {
  const original = await importOriginal<typeof import('@mui/material/TextField')>();
  const { createElement } = await import('react');
  const Counted = (props: { id?: string }) => {
    fieldRenders.push(String(props.id));
    return createElement(original.default, props);
  };
  return { ...original, default: Counted };
});

afterEach(cleanup);

const control = (name: string, options: Record<string, unknown>) => ({
  type: 'Control',
  scope: `#/properties/${name}`,
  label: name,
  options: { i18n: name, ...options },
});

describe('typing in one field does not re-render the others', () => {
  test('only the edited control renders again when its value is committed', async () => {
    renderForm({
      schema: {
        type: 'object',
        properties: {
          A: { type: 'string' },
          B: { type: 'string' },
          N: { type: 'number' },
          D: { type: 'string', format: 'date' },
          R: { type: 'string', enum: ['1', '0'] },
          S: { type: 'string', enum: ['x', 'y'] },
          P: { type: 'string', format: 'niss' },
        },
      },
      uischema: {
        type: 'VerticalLayout',
        elements: [
          control('A', { fieldType: 'text' }),
          control('B', { fieldType: 'text' }),
          control('N', { fieldType: 'decimal', unit: 'kg' }),
          control('D', { fieldType: 'date' }),
          control('R', { fieldType: 'choice', format: 'radio' }),
          control('S', { fieldType: 'choice', display: 'select' }),
          control('P', { fieldType: 'niss' }),
        ],
      } as UISchemaElement,
    });
    const spy = vi.mocked(common.describedBy);
    const rendersOf = (name: string) =>
      spy.mock.calls.filter(([ids]) => ids.error.startsWith(`#/properties/${name}`)).length;
    expect(rendersOf('B')).toBeGreaterThan(0);
    spy.mockClear();

    fireEvent.change(screen.getByLabelText('A'), { target: { value: 'x' } });
    await settle();
    expect(rendersOf('A')).toBeGreaterThan(0);
    for (const other of ['B', 'N', 'D', 'R', 'S', 'P']) expect(rendersOf(other), other).toBe(0);
  });

  test('a keystroke in a text or number field renders no control; the commit renders only that one', async () => {
    renderForm({
      schema: {
        type: 'object',
        properties: { A: { type: 'string' }, N: { type: 'number' }, B: { type: 'string' } },
      },
      uischema: {
        type: 'VerticalLayout',
        elements: [
          control('A', { fieldType: 'text' }),
          control('N', { fieldType: 'decimal' }),
          control('B', { fieldType: 'text' }),
        ],
      } as UISchemaElement,
    });
    const spy = vi.mocked(common.describedBy);
    spy.mockClear();
    const a = screen.getByLabelText('A') as HTMLInputElement;
    const n = screen.getByLabelText('N') as HTMLInputElement;
    for (const text of ['D', 'Du', 'Dup']) fireEvent.change(a, { target: { value: text } });
    fireEvent.change(n, { target: { value: '7,5' } });
    // The browser's own edit of the input: nothing rendered, the text is there.
    expect(spy).not.toHaveBeenCalled();
    expect(a.value).toBe('Dup');
    expect(n.value).toBe('7,5');
    await settle();
    const rendersOf = (name: string) =>
      spy.mock.calls.filter(([ids]) => ids.error.startsWith(`#/properties/${name}`)).length;
    expect(rendersOf('A')).toBeGreaterThan(0);
    expect(rendersOf('B')).toBe(0);
    expect(a.value).toBe('Dup');
  });

  test('a commit renders the control again but not its MUI field, unless what it shows changed', async () => {
    renderForm({
      schema: { type: 'object', properties: { A: { type: 'string', maxLength: 3 }, N: { type: 'number' } } },
      uischema: {
        type: 'VerticalLayout',
        elements: [control('A', { fieldType: 'text' }), control('N', { fieldType: 'integer' })],
      } as UISchemaElement,
    });
    const spy = vi.mocked(common.describedBy);
    spy.mockClear();
    fieldRenders.length = 0;
    const a = screen.getByLabelText('A') as HTMLInputElement;
    fireEvent.change(a, { target: { value: 'ab' } });
    await settle();
    // The control rendered with its committed value; its field (already showing it) did not.
    expect(spy.mock.calls.some(([ids]) => ids.error.startsWith('#/properties/A'))).toBe(true);
    expect(fieldRenders).toEqual([]);
    // A number field (its options written inline) is kept the same way.
    fireEvent.change(screen.getByLabelText('N'), { target: { value: '12' } });
    await settle();
    expect(fieldRenders).toEqual([]);
    // An error to show is a change of what the field shows: it renders, with the message.
    fireEvent.change(a, { target: { value: 'abcd' } });
    await settle();
    expect(fieldRenders.filter((id) => id === '#/properties/A-input').length).toBeGreaterThan(0);
    expect(a.getAttribute('aria-invalid')).toBe('true');
    expect(a.value).toBe('abcd');
  });
});
