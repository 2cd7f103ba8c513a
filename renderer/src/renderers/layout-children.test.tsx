// @vitest-environment jsdom
import type { UISchemaElement } from '@jsonforms/core';
import type { JsonFormsStateContext } from '@jsonforms/react';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ALL_DATA, dataReadBy, soleControlFields } from '../session/reads.ts';
import * as common from './common.tsx';
import { contextFor } from './layout-children.tsx';
import { renderForm, settle } from './test-support.tsx';

// Every regforms control calls describedBy once per render: counting the calls counts renders.
vi.mock('./common.tsx', async (importOriginal) => {
  const original = await importOriginal<typeof import('./common.tsx')>();
  return { ...original, describedBy: vi.fn(original.describedBy) };
});

afterEach(cleanup);

const control = (name: string, rule?: unknown) =>
  ({
    type: 'Control',
    scope: `#/properties/${name}`,
    label: name,
    options: { i18n: name, fieldType: 'text' },
    ...(rule ? { rule } : {}),
  }) as unknown as UISchemaElement;
const shownWhen = (schema: unknown, scope = '#') => ({ effect: 'SHOW', condition: { scope, schema } });

describe('what an element reads from the data', () => {
  test('a control reads its value; a rule the fields its condition tests (properties, required, combinators)', () => {
    expect(dataReadBy(control('A'))).toEqual(['A']);
    const rule = shownWhen({
      anyOf: [{ properties: { X: { const: '1' } }, required: ['X'] }, { not: { required: ['Y'] } }],
    });
    expect(dataReadBy(control('A', rule))).toEqual(['X', 'Y', 'A']);
    // A condition scoped to one field reads that field, whatever its schema.
    expect(dataReadBy(control('A', shownWhen({ const: true }, '#/properties/Z')))).toEqual(['Z', 'A']);
    // OR / AND of leaf conditions.
    expect(
      dataReadBy(
        control('A', {
          effect: 'HIDE',
          condition: {
            type: 'OR',
            conditions: [
              { scope: '#/properties/P', expectedValue: 1 },
              { scope: '#/properties/Q', expectedValue: 2 },
            ],
          },
        }),
      ),
    ).toEqual(['P', 'Q', 'A']);
  });

  test('a group reads what all its elements read', () => {
    const group = {
      type: 'Group',
      label: 'G',
      rule: shownWhen({ properties: { S: { const: 'y' } }, required: ['S'] }),
      elements: [control('A'), control('B', shownWhen({ required: ['C'] }))],
    } as unknown as UISchemaElement;
    expect(dataReadBy(group)).toEqual(['S', 'A', 'C', 'B']);
  });

  test('a condition that may read more than it names reads all the data', () => {
    // A comparison with another field ($data), or a keyword on the whole object.
    expect(dataReadBy(control('A', shownWhen({ properties: { X: { minimum: { $data: '1/Y' } } } })))).toBe(
      ALL_DATA,
    );
    expect(dataReadBy(control('A', shownWhen({ minProperties: 2 })))).toBe(ALL_DATA);
    expect(dataReadBy(control('A', shownWhen({ patternProperties: { '^X': { const: 1 } } })))).toBe(ALL_DATA);
  });

  test('the fields only their own control reads: no rule tests them, no other control shows them', () => {
    const group = {
      type: 'Group',
      label: 'G',
      rule: shownWhen({ properties: { S: { const: 'y' } }, required: ['S'] }),
      elements: [control('A'), control('B', shownWhen({ required: ['C'] })), control('D')],
    } as unknown as UISchemaElement;
    expect(soleControlFields([control('S'), group, control('C'), control('E'), control('D')])).toEqual(
      new Set(['A', 'B', 'E']),
    );
    // A rule that may read any field: none is read by its control alone.
    expect(soleControlFields([control('A'), control('B', shownWhen({ minProperties: 2 }))])).toEqual(
      new Set(),
    );
  });
});

describe('the context an element is given', () => {
  // What JSON Forms keeps from one change to the next: the same objects.
  const [schema, uischema, renderers, i18n] = [{ type: 'object' }, {}, [], { locale: 'fr' }];
  const ctxOf = (data: Record<string, unknown>, errors: unknown[] = [], extra: object = {}) =>
    ({
      core: { data, schema, uischema, errors, additionalErrors: undefined },
      renderers,
      i18n,
      ...extra,
    }) as unknown as JsonFormsStateContext;

  test('stays the one it rendered with while nothing it reads changes', () => {
    const first = contextFor(undefined, ctxOf({ A: 'a', B: 'b' }), '', ['A']);
    // Another field typed into; JSON Forms makes a new empty error list each time.
    expect(contextFor(first, ctxOf({ A: 'a', B: 'bb' }), '', ['A'])).toBe(first);
    const changed = ctxOf({ A: 'aa', B: 'bb' });
    expect(contextFor(first, changed, '', ['A']).ctx).toBe(changed);
  });

  test('is the current one when anything besides the data changed (errors, language, schema)', () => {
    const first = contextFor(undefined, ctxOf({ A: 'a' }), '', ['A']);
    const withError = ctxOf({ A: 'a' }, [{ instancePath: '/B' }]);
    expect(contextFor(first, withError, '', ['A']).ctx).toBe(withError);
    const dutch = ctxOf({ A: 'a' }, [], { i18n: { locale: 'nl' } });
    expect(contextFor(first, dutch, '', ['A']).ctx).toBe(dutch);
  });

  test('after a value taken without a render, is the current one; mounted afresh when the value is put back', () => {
    const shownCommits = { serial: 0, at: new Map<string, { serial: number; value: unknown }>() };
    const first = contextFor(undefined, ctxOf({ A: 'a' }, [], { shownCommits }), '', ['A']);
    // The input showed 'typed' and the section took it without rendering anything.
    shownCommits.at.set('A', { serial: ++shownCommits.serial, value: 'typed' });
    const later = ctxOf({ A: 'typed' }, [], { shownCommits });
    const now = contextFor(first, later, '', ['A']);
    expect(now.ctx).toBe(later);
    expect(now.generation).toBe(first.generation);
    // The value the element last rendered with is put back from outside: same props, so a new element.
    const back = contextFor(first, ctxOf({ A: 'a' }, [], { shownCommits }), '', ['A']);
    expect(back.generation).toBe(first.generation + 1);
    // Once rendered after the commit, it is as before.
    expect(contextFor(now, ctxOf({ A: 'typed' }, [], { shownCommits }), '', ['A'])).toBe(now);
  });

  test('reads paths below its layout (an item of a repeat)', () => {
    const first = contextFor(undefined, ctxOf({ R: [{ X: 1 }, { X: 2 }] }), 'R.1', ['X']);
    expect(contextFor(first, ctxOf({ R: [{ X: 9 }, { X: 2 }] }), 'R.1', ['X'])).toBe(first);
    expect(contextFor(first, ctxOf({ R: [{ X: 1 }, { X: 3 }] }), 'R.1', ['X'])).not.toBe(first);
  });

  test('is always the current one for an element that reads all the data', () => {
    const first = contextFor(undefined, ctxOf({ A: 'a' }), '', ALL_DATA);
    const next = ctxOf({ A: 'a', B: 'b' });
    expect(contextFor(first, next, '', ALL_DATA).ctx).toBe(next);
  });
});

describe('in a form', () => {
  test('a committed value maps and renders its control and the fields whose rules test it, not the others', async () => {
    const asked: string[] = [];
    renderForm({
      schema: {
        type: 'object',
        properties: { A: { type: 'string' }, B: { type: 'string' }, C: { type: 'string' } },
      },
      uischema: {
        type: 'VerticalLayout',
        elements: [
          control('A'),
          {
            type: 'Group',
            label: 'G',
            options: { i18n: 'G' },
            elements: [control('B', shownWhen({ properties: { A: { const: 'x' } }, required: ['A'] }))],
          },
          control('C'),
        ],
      } as unknown as UISchemaElement,
      // No validation of its own: JSON Forms' errors stay empty, as in the registry form.
      additionalErrors: [],
      // JSON Forms asks each control's words whenever it maps the state to its props.
      bundle: new Proxy({} as Record<string, string>, {
        get(_, key) {
          asked.push(String(key));
          return undefined;
        },
      }),
    });
    const mapped = (name: string) => asked.filter((k) => k.startsWith(`${name}.`)).length;
    const spy = vi.mocked(common.describedBy);
    const rendersOf = (name: string) =>
      spy.mock.calls.filter(([ids]) => ids.error.startsWith(`#/properties/${name}`)).length;
    expect(screen.queryByLabelText('B')).toBeNull();
    spy.mockClear();
    asked.length = 0;

    fireEvent.change(screen.getByLabelText('A'), { target: { value: 'x' } });
    await settle();
    // B's rule reads A: it is shown now, inside its group.
    expect(screen.getByLabelText('B')).toBeTruthy();
    expect(rendersOf('C')).toBe(0);
    expect(mapped('C')).toBe(0);
    expect(mapped('B')).toBeGreaterThan(0);

    spy.mockClear();
    asked.length = 0;
    fireEvent.change(screen.getByLabelText('C'), { target: { value: 'c' } });
    await settle();
    expect(rendersOf('C')).toBeGreaterThan(0);
    expect(rendersOf('A')).toBe(0);
    expect(rendersOf('B')).toBe(0);
    expect(mapped('A')).toBe(0);
    expect(mapped('B')).toBe(0);
  });
});
