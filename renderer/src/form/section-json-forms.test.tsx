// @vitest-environment jsdom
/* A commit in the section on screen re-runs JSON Forms' wrappers of the changed field only. */
import { compileDefinitions } from '@regforms/compiler';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { settle } from '../renderers/test-support.tsx';
import { createFormSession } from '../session/form-session.ts';
import { RegistryForm } from './RegistryForm.tsx';

// Each regforms control reads JSON Forms' context through withTranslateProps: its wrapper is
// called here as a function, so its reading of the context is this component's and every run
// is recorded with the control's scope. React re-runs a component that reads a context whose
// provider above it changed, even when a nearer provider gives it the same value.
const runs: string[] = [];
vi.mock('@jsonforms/react', async (importOriginal) => {
  const original = await importOriginal<typeof import('@jsonforms/react')>();
  return {
    ...original,
    withTranslateProps: <P extends { uischema: { scope?: string } }>(component: never) => {
      const wrapped = original.withTranslateProps(component) as unknown as (props: P) => ReactNode;
      return function CountedTranslateProps(props: P) {
        runs.push(props.uischema.scope ?? '');
        return wrapped(props);
      };
    },
  };
});

afterEach(cleanup);

const T = (s: string) => `{ fr: "${s}", nl: "${s}", en: "${s}" }`;
const fields = ['A', 'B', 'C', 'D', 'E', 'F'];
const compiled = compileDefinitions([
  {
    path: 'demo/registry.yaml',
    text: `registry: demo\nprogramme: { id: demo, title: ${T('Demo')} }\ntitle: ${T('Demo')}\nlanguages: { required: [fr, nl, en] }\nregistrationTypes:\n  visit:\n    title: ${T('Visit')}\n`,
  },
  {
    path: 'demo/visit/1.0.0.yaml',
    text: `version: 1.0.0\nstatus: published\neffective: 2024-01-01\ntitle: ${T('Visit')}\nbusinessKey: [a]\nsections:\n  - id: s\n    title: ${T('Section')}\n    fields:\n${fields
      .map(
        (f) =>
          `      - id: ${f.toLowerCase()}\n        name: ${f}\n        label: ${T(`Field ${f}`)}\n        type: text\n`,
      )
      .join('')}`,
  },
]);
const form = compiled.forms[0]!;

it('the form compiles', () => expect(compiled.diagnostics).toEqual([]));

it('a committed value re-runs the JSON Forms wrappers of its own field, not of the others', async () => {
  const session = createFormSession({
    form,
    lang: 'en',
    registrations: new Registrations(new MemoryStore()),
    autosave: 0,
  });
  render(<RegistryForm session={session} />);
  await settle();
  for (const f of fields) expect(runs).toContain(`#/properties/${f}`);
  runs.length = 0;

  fireEvent.change(screen.getByLabelText('Field C'), { target: { value: 'typed' } });
  await settle();
  await act(() => session.flush());
  expect(session.getState().data.C).toBe('typed');
  expect(runs.length).toBeGreaterThan(0);
  expect(new Set(runs)).toEqual(new Set(['#/properties/C']));
});
