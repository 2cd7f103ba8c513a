// @vitest-environment jsdom
import type { UISchemaElement } from '@jsonforms/core';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { renderForm } from './test-support.tsx';

afterEach(cleanup);

const uischema = {
  type: 'Group',
  label: 'Données STEMI',
  options: { i18n: 'section.stemi', id: 'stemi' },
  elements: [
    { type: 'Label', text: 'Seulement pour les STEMI.', options: { i18n: 'note.stemiNote' } },
    {
      type: 'Control',
      scope: '#/properties/TX_REAS',
      label: 'Raison',
      options: { i18n: 'TX_REAS', fieldType: 'text' },
    },
  ],
} as UISchemaElement;
const schema = { type: 'object', properties: { TX_REAS: { type: 'string' } } } as const;

test('group titles and notes follow the form language (the compiler keeps their key in options)', () => {
  const h = renderForm({
    schema,
    uischema,
    bundle: {
      'section.stemi.label': 'Données STEMI',
      'note.stemiNote.text': 'Seulement pour les STEMI.',
      'TX_REAS.label': 'Raison',
    },
  });
  expect(screen.getByRole('region', { name: 'Données STEMI' })).toBeTruthy();
  expect(screen.getByText('Seulement pour les STEMI.')).toBeTruthy();
  h.rerender({
    locale: 'nl',
    bundle: {
      'section.stemi.label': 'STEMI-gegevens',
      'note.stemiNote.text': 'Enkel voor STEMI.',
      'TX_REAS.label': 'Reden',
    },
  });
  expect(screen.getByRole('region', { name: 'STEMI-gegevens' })).toBeTruthy();
  expect(screen.getByText('Enkel voor STEMI.')).toBeTruthy();
  expect(screen.getByLabelText('Reden')).toBeTruthy();
});
