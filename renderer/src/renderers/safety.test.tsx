// @vitest-environment jsdom
import type { UISchemaElement } from '@jsonforms/core';
import { cleanup, screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, test } from 'vitest';
import { compileReal } from './real-forms.ts';
import { oneControl, renderForm } from './test-support.tsx';

afterEach(cleanup);

const ATTACK = '<img src=x onerror=alert(1)>';

describe('labels and help are text, never HTML', () => {
  const kinds: [string, Parameters<typeof oneControl>[1], Record<string, unknown>][] = [
    ['niss', { type: 'string', format: 'niss' }, { fieldType: 'niss' }],
    ['text', { type: 'string' }, { fieldType: 'text' }],
    ['date', { type: 'string', format: 'date' }, { fieldType: 'date' }],
    ['time', { type: 'string' }, { fieldType: 'time' }],
    ['decimal', { type: 'number' }, { fieldType: 'decimal', unit: ATTACK }],
    ['computed', { type: 'number', readOnly: true }, { fieldType: 'decimal', readonly: true }],
    ['radio', { type: 'string', enum: ['A'] }, { fieldType: 'choice', format: 'radio' }],
    ['select', { type: 'string', enum: ['A'] }, { fieldType: 'choice', display: 'select' }],
    ['autocomplete', { type: 'string', enum: ['A'] }, { fieldType: 'choice', display: 'autocomplete' }],
    [
      'checkboxes',
      { type: 'array', uniqueItems: true, items: { type: 'string', enum: ['A'] } },
      { fieldType: 'multichoice' },
    ],
  ];
  test.each(kinds)(
    '%s: a label, help text, code label and error with markup render as text',
    (_k, schema, options) => {
      const form = oneControl('F', schema, options);
      const { container } = renderForm({
        ...form,
        data: { F: schema.type === 'array' ? ['A'] : undefined },
        bundle: { 'F.label': ATTACK, 'F.description': ATTACK, 'F.A': ATTACK },
        additionalErrors: [{ instancePath: '/F', keyword: 'x', schemaPath: '', params: {}, message: ATTACK }],
      });
      expect(container.querySelector('img')).toBeNull();
      expect(container.textContent).toContain(ATTACK);
    },
  );

  test('notes, group titles, repeat item labels', () => {
    const { container } = renderForm({
      schema: {
        type: 'object',
        properties: {
          R: { type: 'array', items: { type: 'object', properties: { X: { type: 'string' } } } },
        },
      },
      uischema: {
        type: 'Group',
        label: 'g',
        options: { i18n: 'section.g' },
        elements: [
          { type: 'Label', text: 'n', options: { i18n: 'note.n' } },
          {
            type: 'Control',
            scope: '#/properties/R',
            options: {
              i18n: 'R',
              fieldType: 'repeat',
              detail: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/X' }] },
            },
          },
        ],
      } as UISchemaElement,
      data: { R: [{}] },
      bundle: { 'section.g.label': ATTACK, 'note.n.text': ATTACK, 'R.item': ATTACK, 'R.label': ATTACK },
    });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByText(ATTACK, { exact: false }).length).toBeGreaterThanOrEqual(3);
  });
});

/** Every section of a compiled form at once: sections as groups, so axe sees every control. */
function allSections(uischema: UISchemaElement): UISchemaElement {
  const cats = (uischema as unknown as { elements: UISchemaElement[] }).elements;
  return {
    type: 'VerticalLayout',
    elements: cats.map((c) => ({ ...c, type: 'Group' })),
  } as UISchemaElement;
}

describe('accessibility (axe-core on the DOM; contrast needs a real browser)', () => {
  test.each([
    // Between them, every kind of control (the browser test covers every registration type).
    ['angio', 'hospitalisation-ffr-pci'],
    ['spine', 'surgery'],
  ])(
    '%s/%s: no serious or critical violation',
    async (registry, type) => {
      const form = compileReal(registry, type);
      const { container } = renderForm({
        schema: form.schema as never,
        uischema: allSections(form.uischema as unknown as UISchemaElement),
        bundle: form.i18n.fr!,
        data: {},
      });
      const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.html.slice(0, 160)}`);
      expect(bad).toEqual([]);
      expect(container.querySelectorAll('input, select, textarea').length).toBeGreaterThan(20);
    },
    120_000,
  );
});

describe('every field can be jumped to', () => {
  test('each rendered control has a focusable element with id "<control id>-input"', () => {
    const form = compileReal('angio', 'hospitalisation-ffr-pci');
    renderForm({
      schema: form.schema as never,
      uischema: allSections(form.uischema as unknown as UISchemaElement),
      bundle: form.i18n.fr!,
      data: {},
    });
    const names = Object.keys((form.schema as { properties: Record<string, unknown> }).properties);
    let checked = 0;
    for (const name of names) {
      const scope = `#/properties/${name}`;
      // Fields hidden by their rule are not rendered: nothing to jump to.
      if (!document.querySelector(`[id^="${scope}"]`)) continue;
      const target = document.getElementById(`${scope}-input`);
      expect(target, name).not.toBeNull();
      target!.focus();
      expect(document.activeElement, name).toBe(target);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  }, 120_000);
});
