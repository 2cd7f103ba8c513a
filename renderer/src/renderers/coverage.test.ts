/*
 * RegistryForm renders with regformsRenderers alone (no stock material renderer: they would
 * bring the stock date pickers and tables into the element's script). Every element of every
 * compiled form in definitions/ must then have a renderer of that list, repeat items included.
 */
import { join } from 'node:path';
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { describe, expect, it } from 'vitest';
import { regformsRenderers } from './index.ts';

const { forms } = compileDefinitions(readDefinitionFiles(join(import.meta.dirname, '../../../definitions')));

interface El {
  type: string;
  scope?: string;
  elements?: El[];
  options?: { detail?: El };
}

describe.each(
  forms.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f] as const),
)('%s', (_id, form) => {
  it('has a regforms renderer for every element of every section', () => {
    const unclaimed: string[] = [];
    const visit = (el: El, schema: JsonSchema) => {
      const ctx = { rootSchema: schema, config: {} };
      const rank = Math.max(
        ...regformsRenderers.map((r) => r.tester(el as unknown as UISchemaElement, schema, ctx)),
      );
      if (rank < 0) unclaimed.push(`${el.type} ${el.scope ?? ''}`);
      for (const c of el.elements ?? []) visit(c, schema);
      const detail = el.options?.detail;
      if (detail && el.scope) {
        const name = el.scope.replace('#/properties/', '');
        const items = (schema.properties?.[name] as JsonSchema | undefined)?.items as JsonSchema;
        visit(detail, items);
      }
    };
    // RegistryForm renders each section's elements in a VerticalLayout of its own.
    for (const section of (form.uischema as unknown as El).elements ?? [])
      visit({ type: 'VerticalLayout', elements: section.elements ?? [] }, form.schema as JsonSchema);
    expect(unclaimed).toEqual([]);
  });
});
