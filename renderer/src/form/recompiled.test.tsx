// @vitest-environment jsdom
/*
 * A form compiled again (the studio's live preview recompiles on every keystroke) is a new
 * object with the same schema $id: the form must take it as it is, without an error.
 */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { regformsRenderers } from '../renderers/index.ts';
import { RegistryForm } from './RegistryForm.tsx';

const compile = () =>
  compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`)).forms[0]!;

afterEach(cleanup);

describe('RegistryForm given a recompiled form', () => {
  it('renders the new object (same $id) without a schema clash', () => {
    const first = compile();
    const again = compile();
    expect(again).not.toBe(first);
    expect(again.schema.$id).toBe(first.schema.$id);
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    try {
      const view = render(<RegistryForm form={first} lang="en" renderers={regformsRenderers} autosave={0} />);
      view.rerender(<RegistryForm form={again} lang="en" renderers={regformsRenderers} autosave={0} />);
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(again.i18n.en!['form.title']);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).toEqual([]);
  });
});
