import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import { createAjv } from '@regforms/runtime';
import { act, render } from '@testing-library/react';
import type { ErrorObject } from 'ajv';
import { vi } from 'vitest';
import { regformsRenderers } from './index.ts';

// MUI's first render in jsdom is slow, more so when test files run in parallel.
vi.setConfig({ testTimeout: 30_000 });

/** The renderers as a host uses them. */
export const renderers = [...materialRenderers, ...regformsRenderers];

const ajv = createAjv();

export interface Harness {
  /** The data as JSON Forms last reported it. */
  data(): Record<string, unknown>;
  rerender(next: Partial<FormProps>): void;
  unmount(): void;
  container: HTMLElement;
}

export interface FormProps {
  schema: JsonSchema;
  uischema: UISchemaElement;
  data?: Record<string, unknown>;
  bundle?: Record<string, string>;
  locale?: string;
  additionalErrors?: ErrorObject[];
  readonly?: boolean;
}

/** Renders a form with the stock material renderers plus the regforms ones, as a host does. */
export function renderForm(props: FormProps): Harness {
  const initial = props.data ?? {};
  let current: Record<string, unknown> = initial;
  let last = props;
  const view = (p: FormProps) => {
    const bundle = p.bundle ?? {};
    const i18n = {
      locale: p.locale ?? 'fr',
      translate: (key: string, fallback?: string) => bundle[key] ?? fallback,
      translateError: (e: ErrorObject) => e.message ?? '',
    };
    return (
      <JsonForms
        schema={p.schema}
        uischema={p.uischema}
        data={p.data ?? initial}
        renderers={renderers}
        cells={materialCells}
        ajv={ajv}
        i18n={i18n as never}
        readonly={p.readonly}
        validationMode={p.additionalErrors ? 'NoValidation' : 'ValidateAndShow'}
        additionalErrors={p.additionalErrors}
        onChange={({ data }) => {
          current = data as Record<string, unknown>;
        }}
      />
    );
  };
  const r = render(view(props));
  return {
    data: () => current,
    rerender: (next) => {
      last = { ...last, ...next };
      r.rerender(view(last));
    },
    unmount: () => r.unmount(),
    container: r.container,
  };
}

/** Lets the input's commit delay and JSON Forms' change notification run out. */
export async function settle(ms = 250): Promise<void> {
  const wait = (n: number) => new Promise((resolve) => setTimeout(resolve, n));
  // Two rounds: React flushes what the commit timer did when the first act ends; JSON Forms
  // then reports the new data after its own 10 ms.
  await act(() => wait(ms));
  await act(() => wait(30));
}

/** A one-control form. */
export function oneControl(
  name: string,
  property: JsonSchema,
  options: Record<string, unknown>,
  label = name,
): { schema: JsonSchema; uischema: UISchemaElement } {
  return {
    schema: { type: 'object', properties: { [name]: property } } as JsonSchema,
    uischema: {
      type: 'Control',
      scope: `#/properties/${name}`,
      label,
      options: { i18n: name, id: name, ...options },
    } as UISchemaElement,
  };
}
