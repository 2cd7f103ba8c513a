// @vitest-environment jsdom
/*
 * A commit in the section on screen re-runs JSON Forms' wrappers of the changed field only, and
 * none at all when the field's input already shows the value and nothing else reads it.
 */
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
const compiledSources = [
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
];
const compiled = compileDefinitions(compiledSources);
const form = compiled.forms[0]!;

it('the form compiles', () => expect(compiled.diagnostics).toEqual([]));

const open = () => {
  const session = createFormSession({
    form,
    lang: 'en',
    registrations: new Registrations(new MemoryStore()),
    autosave: 0,
  });
  render(<RegistryForm session={session} />);
  return session;
};

it('a typed value that nothing else reads is committed without re-running any wrapper', async () => {
  const session = open();
  await settle();
  for (const f of fields) expect(runs).toContain(`#/properties/${f}`);
  runs.length = 0;

  fireEvent.change(screen.getByLabelText('Field C'), { target: { value: 'typed' } });
  await settle();
  await act(() => session.flush());
  expect(session.getState().data.C).toBe('typed');
  expect(runs).toEqual([]);
});

it('a value put back from outside after such a commit is shown', async () => {
  const session = open();
  await settle();
  const input = screen.getByLabelText('Field C') as HTMLInputElement;
  fireEvent.change(input, { target: { value: 'typed' } });
  await act(() => session.flush());
  expect(session.getState().data.C).toBe('typed');
  runs.length = 0;
  // The value the field last rendered with (none) comes back: a new registration is opened.
  const fresh = await new Registrations(new MemoryStore()).create(form);
  await act(async () => session.open(fresh));
  await settle();
  expect(session.getState().data.C).toBeUndefined();
  expect((screen.getByLabelText('Field C') as HTMLInputElement).value).toBe('');
  expect(runs).toContain('#/properties/C');
});

const ruled = compileDefinitions([
  compiledSources[0]!,
  {
    path: 'demo/visit/1.0.0.yaml',
    text: `version: 1.0.0\nstatus: published\neffective: 2024-01-01\ntitle: ${T('Visit')}\nbusinessKey: [a]\nsections:\n  - id: s\n    title: ${T('Section')}\n    fields:\n${fields
      .map(
        (f) =>
          `      - id: ${f.toLowerCase()}\n        name: ${f}\n        label: ${T(`Field ${f}`)}\n        type: text\n${f === 'E' ? "        visible: c = 'show'\n" : ''}`,
      )
      .join('')}`,
  },
]);

it('a typed value a rule tests re-runs its own field and the field of the rule, not the others', async () => {
  expect(ruled.diagnostics).toEqual([]);
  const session = createFormSession({
    form: ruled.forms[0]!,
    lang: 'en',
    registrations: new Registrations(new MemoryStore()),
    autosave: 0,
  });
  render(<RegistryForm session={session} />);
  await settle();
  expect(screen.queryByLabelText('Field E')).toBeNull();
  runs.length = 0;

  fireEvent.change(screen.getByLabelText('Field C'), { target: { value: 'show' } });
  await settle();
  await act(() => session.flush());
  await settle();
  expect(session.getState().data.C).toBe('show');
  expect(new Set(runs)).toEqual(new Set(['#/properties/C', '#/properties/E']));
  expect(screen.getByLabelText('Field E')).toBeTruthy();
});
