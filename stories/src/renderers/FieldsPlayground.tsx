/*
 * Real fields of a compiled form, rendered alone with the stock material renderers and the
 * regforms ones (as a host does), the form's own validator placing its errors next to each
 * control, and computed fields applied as the registry form applies them.
 */
import type { JsonSchema, Middleware, UISchemaElement } from '@jsonforms/core';
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import { regformsRenderers, ruleAjv, toAjvErrors } from '@regforms/renderer';
import { applyComputed, type CompiledForm, createValidator, type RegistrationData } from '@regforms/runtime';
import type { ErrorObject } from 'ajv';
import { useCallback, useMemo, useState } from 'react';
import type { FieldFixture } from '../fixtures.ts';

const renderers = [...materialRenderers, ...regformsRenderers];

/** The fields as a compiled form, so the form's validator and runtime apply to them unchanged. */
export function miniForm(fixture: FieldFixture): CompiledForm {
  return {
    meta: {
      registry: 'story',
      registrationType: 'fields',
      version: '0.0.0',
      status: 'draft',
      effective: '2024-01-01',
      dcd: null,
      programme: 'story',
      languages: Object.keys(fixture.i18n),
      defaultLanguage: 'fr',
      businessKey: [],
      hash: '',
      compiler: 'story',
    },
    schema: fixture.validation.schema,
    uischema: fixture.uischema,
    i18n: fixture.i18n,
    csv: { separator: ';', multiSeparator: '|', dateFormat: 'dd/mm/yyyy', columns: [], control: [] },
    logic: { fields: fixture.validation.fields },
  };
}

export interface FieldsPlaygroundProps {
  fixture: FieldFixture;
  lang: string;
  data?: RegistrationData;
  /** Validate as Send does (every rule, required fields included), not only types as typing does. */
  validateAll?: boolean;
  readOnly?: boolean;
}

export function FieldsPlayground({
  fixture,
  lang,
  data: initial = {},
  validateAll,
  readOnly,
}: FieldsPlaygroundProps) {
  const form = useMemo(() => miniForm(fixture), [fixture]);
  const validator = useMemo(() => createValidator(form), [form]);
  // Handed back to JSON Forms as its `data` prop: it must be the very object JSON Forms holds
  // (or the one the middleware gave it), or a re-render would reset the field being typed in.
  const [data, setData] = useState(() => applyComputed(form, initial));
  const texts = fixture.i18n[lang] ?? fixture.i18n.fr ?? {};
  const i18n = useMemo(
    () => ({
      locale: lang,
      translate: (key: string, fallback?: string) => texts[key] ?? fallback,
      translateError: (e: ErrorObject) => e.message ?? '',
    }),
    [lang, texts],
  );
  const errors = useMemo(
    () => toAjvErrors(validateAll ? validator.validate(data, lang) : validator.validateTypes(data, lang)),
    [data, lang, validator, validateAll],
  );
  // Computed fields follow the fields they read in the same change, as in the registry form.
  const middleware = useCallback<Middleware>(
    (state, action, reducer) => {
      const next = reducer(state, action);
      if (next.data === state.data) return next;
      const raw = next.data as RegistrationData;
      const applied = applyComputed(form, raw);
      // Speed and caret: keep JSON Forms' own object when no computed value changed.
      const same = form.logic.fields.every((f) => !f.compute || Object.is(applied[f.name], raw[f.name]));
      const data = same ? raw : applied;
      queueMicrotask(() => setData(data));
      return same ? next : { ...next, data };
    },
    [form],
  );
  return (
    <div
      className="regforms-form"
      lang={lang}
      style={{ maxWidth: 720, fontFamily: 'Roboto, Arial, sans-serif' }}
    >
      <JsonForms
        schema={fixture.schema as JsonSchema}
        uischema={fixture.uischema as unknown as UISchemaElement}
        data={data}
        renderers={renderers}
        cells={materialCells}
        ajv={ruleAjv}
        i18n={i18n as never}
        readonly={readOnly}
        validationMode="NoValidation"
        additionalErrors={errors}
        middleware={middleware}
      />
      <p style={{ fontSize: 12, color: '#555' }}>
        From <code>{fixture.source}</code>. Stored value:{' '}
        <code data-testid="stored">{JSON.stringify(data)}</code>
      </p>
    </div>
  );
}
