/*
 * The stock side of the renderer benchmark: `?form=URL` fetches the compiled form at URL and
 * mounts stock <JsonForms> with materialRenderers, materialCells and default options, data kept
 * in the parent's state as JSON Forms' documentation shows it. Our side is the
 * <regforms-form> element itself (element.html), as a portal loads it.
 */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import type { CompiledForm, RegistrationData } from '@regforms/runtime';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function Stock(props: { form: CompiledForm }) {
  const [data, setData] = useState<RegistrationData>({});
  return (
    <JsonForms
      schema={props.form.schema as JsonSchema}
      uischema={props.form.uischema as unknown as UISchemaElement}
      data={data}
      renderers={materialRenderers}
      cells={materialCells}
      onChange={({ data: next }) => {
        if (next !== data) setData(next);
      }}
    />
  );
}

async function main(): Promise<void> {
  const url = new URLSearchParams(location.search).get('form');
  if (!url) throw new Error('Missing ?form=URL of a compiled form.');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot load ${url}: HTTP ${response.status}`);
  const form = (await response.json()) as CompiledForm;
  createRoot(document.getElementById('root')!).render(<Stock form={form} />);
}

main().catch((e: unknown) => {
  document.body.dataset.error = e instanceof Error ? e.message : String(e);
});
