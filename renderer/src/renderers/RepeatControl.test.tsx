// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UISchemaElement } from '@jsonforms/core';
import type { CompiledForm } from '@regforms/runtime';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { itemCodesOf } from './choices.ts';
import { countItemErrors } from './RepeatControl.tsx';
import { compileReal } from './real-forms.ts';
import { renderForm, settle } from './test-support.tsx';

afterEach(cleanup);

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../tests/golden/demo/visit/1.0.0/form.json'), 'utf8'),
) as CompiledForm;

/** The PCI repeat of the demo form (1 to 3 items, a rule inside each item), as compiled. */
function findControl(el: unknown, scope: string): UISchemaElement | undefined {
  const e = el as { scope?: string; elements?: unknown[] };
  if (e.scope === scope) return e as UISchemaElement;
  for (const c of e.elements ?? []) {
    const f = findControl(c, scope);
    if (f) return f;
  }
  return undefined;
}
const pci = findControl(golden.uischema, '#/properties/PCI')!;
const bundle = golden.i18n.fr!;
const items = () => screen.getAllByRole('region').filter((r) => r.classList.contains('regforms-repeat-item'));

function renderPci(
  data: Record<string, unknown>,
  extra: Parameters<typeof renderForm>[0] extends infer P ? Partial<P> : never = {},
) {
  return renderForm({
    schema: golden.schema as never,
    uischema: { type: 'VerticalLayout', elements: [pci] } as UISchemaElement,
    data,
    bundle,
    ...extra,
  });
}

describe('repeat', () => {
  test('numbered items with the item label; add and remove translated', () => {
    renderPci({ PCI: [{}, {}] });
    expect(screen.getByRole('heading', { name: 'PCI 1' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'PCI 2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ajouter PCI' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Supprimer PCI 2' })).toBeTruthy();
  });

  test('add is disabled at the maximum (3), remove at the minimum (1)', async () => {
    const h = renderPci({ PCI: [{}] });
    const add = screen.getByRole('button', { name: 'Ajouter PCI' }) as HTMLButtonElement;
    expect((screen.getByRole('button', { name: 'Supprimer PCI 1' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(add);
    fireEvent.click(add);
    await settle(20);
    expect(h.data().PCI).toEqual([{}, {}, {}]);
    expect(items()).toHaveLength(3);
    expect(add.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Supprimer PCI 1' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer PCI 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer PCI 2' }));
    await settle(20);
    expect(h.data().PCI).toEqual([{}]);
    expect(add.disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Supprimer PCI 1' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  test('removing an item keeps the others’ values in their fields', async () => {
    const h = renderPci({
      PCI: [{ DT_PCI: '2024-01-01' }, { DT_PCI: '2024-02-02' }, { DT_PCI: '2024-03-03' }],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer PCI 1' }));
    await settle(20);
    expect(h.data().PCI).toEqual([{ DT_PCI: '2024-02-02' }, { DT_PCI: '2024-03-03' }]);
    const dates = items().map(
      (i) => (within(i).getByLabelText('Date PCI', { exact: false }) as HTMLInputElement).value,
    );
    expect(dates).toEqual(['02/02/2024', '03/03/2024']);
  });

  test('rules inside an item are evaluated against that item', async () => {
    renderPci({ PCI: [{}, {}] });
    const [first, second] = items() as [HTMLElement, HTMLElement];
    expect(within(second).queryByLabelText('Détail', { exact: false })).toBeNull();
    fireEvent.click(within(second).getByLabelText('Complication'));
    await settle(20);
    expect(within(second).getByLabelText('Détail', { exact: false })).toBeTruthy();
    expect(within(first).queryByLabelText('Détail', { exact: false })).toBeNull();
  });

  test('each item shows its own error count', () => {
    const err = (instancePath: string, missing?: string) => ({
      instancePath,
      keyword: missing ? 'required' : 'format',
      schemaPath: '',
      params: missing ? { missingProperty: missing } : {},
      message: 'Erreur.',
    });
    renderPci(
      { PCI: [{}, { DT_PCI: 'x', CD_COMPLIC: true }] },
      { additionalErrors: [err('/PCI/1/DT_PCI'), err('/PCI/1', 'TX_COMPLIC')] },
    );
    const [first, second] = items() as [HTMLElement, HTMLElement];
    expect(within(second).getByText('2 erreurs')).toBeTruthy();
    expect(within(first).queryByText(/erreur/)).toBeNull();
  });

  test('counting errors of an item', () => {
    const e = (instancePath: string, params: Record<string, unknown> = {}) =>
      ({ instancePath, keyword: 'x', schemaPath: '', params }) as never;
    expect(
      countItemErrors(
        [e('/PCI/1/DT_PCI'), e('/PCI/1', { missingProperty: 'A' }), e('/PCI/10/DT_PCI'), e('/PCI/0/DT_PCI')],
        'PCI.1',
      ),
    ).toBe(2);
  });

  test('a read-only form shows the items without add or remove', () => {
    renderPci({ PCI: [{}] }, { readonly: true });
    expect(screen.getByRole('heading', { name: 'PCI 1' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Ajouter|Supprimer/ })).toBeNull();
  });
});

describe('a repeat with position rules (angio/hospitalisation-pci 2.0.0, as the DCD has it)', () => {
  const form = compileReal('angio', 'hospitalisation-pci');
  const procedures = findControl(form.uischema, '#/properties/PCI')!;
  const render = (data: Record<string, unknown>) =>
    renderForm({
      schema: form.schema as never,
      uischema: { type: 'VerticalLayout', elements: [procedures] } as UISchemaElement,
      data,
      bundle: form.i18n.en!,
      locale: 'en',
    });
  const another = 'Did the patient undergo an additional procedure?';

  test('adding a procedure answers the previous one’s "another procedure?" with yes; removing the last, no', async () => {
    const h = render({ PCI: [{ CD_NPCI: '0' }] });
    fireEvent.click(screen.getByRole('button', { name: /^Add/ }));
    await settle(20);
    expect(h.data().PCI).toEqual([{ CD_NPCI: '1' }, {}]);
    const remove = screen.getAllByRole('button', { name: /^Remove/ });
    fireEvent.click(remove[1]!);
    await settle(20);
    expect(h.data().PCI).toEqual([{ CD_NPCI: '0' }]);
  });

  test('the question is not asked in the fifth procedure, and each procedure offers its own segment codes', () => {
    render({ PCI: [{ CD_PCI_PLC: '1' }, {}, {}, {}, { CD_PCI_PLC: '1' }] });
    const [first, , , , fifth] = items() as HTMLElement[];
    expect(within(first!).getAllByText(another, { exact: false }).length).toBeGreaterThan(0);
    expect(within(fifth!).queryByText(another, { exact: false })).toBeNull();
    // Each procedure's segments are its own code system (CA_SEGM_4 … CA_SEGM_8).
    const segments = findControl(procedures.options?.detail, '#/properties/CD_SEGM')!;
    const offered = (path: string) => itemCodesOf(segments.options?.itemCodes, path);
    const column = (n: number) => form.csv.columns.find((c) => c.column === `CD_SEGM_${n}`)!.codes;
    expect(offered('PCI.0.CD_SEGM')).toEqual(column(1));
    expect(offered('PCI.4.CD_SEGM')).toEqual(column(5));
    expect(offered('PCI.4.CD_SEGM')).toContain('FL_PRCA1_5');
  });
});
