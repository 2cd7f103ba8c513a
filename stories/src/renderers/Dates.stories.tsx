/* Date fields alone: dd/mm/yyyy typed in the Belgian locales, limits and cross-field checks. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FieldFixture } from '../fixtures.ts';
import { errorText, fieldsStory, input } from './story-support.tsx';

const meta = {
  title: 'Renderers/Dates',
  tags: ['renderer'],
  parameters: {
    docs: {
      description: {
        component:
          'The date of birth (1900 to today) and, where the form has them, the admission and discharge dates with their order check: typed as dd/mm/yyyy, stored as yyyy-mm-dd.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const names = (f: FieldFixture) => f.logic.map((x) => x.name);
const fixtureOf = (loaded: unknown) => (loaded as { fixture: FieldFixture }).fixture;

export const Empty: Story = fieldsStory('dates');

export const TypedDate: Story = fieldsStory('dates', {
  play: async ({ canvasElement, loaded }) => {
    const birth = names(fixtureOf(loaded))[0]!;
    const field = input(canvasElement, birth)!;
    await userEvent.click(field);
    await userEvent.type(field, '18/05/1993');
    await userEvent.tab();
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-testid="stored"]')?.textContent).toContain('1993-05-18'),
    );
  },
});

export const ImpossibleDate: Story = fieldsStory('dates', {
  play: async ({ canvasElement, loaded }) => {
    const birth = names(fixtureOf(loaded))[0]!;
    const field = input(canvasElement, birth)!;
    await userEvent.click(field);
    await userEvent.type(field, '31/02/1993');
    await userEvent.tab();
    await waitFor(() => expect(errorText(canvasElement, birth)).not.toBe(''));
  },
});

export const BirthInTheFuture: Story = fieldsStory('dates', {
  data: (f) => ({ [names(f)[0]!]: '2999-01-01' }),
  validateAll: true,
  play: async ({ canvasElement, loaded }) => {
    const birth = names(fixtureOf(loaded))[0]!;
    await waitFor(() => expect(errorText(canvasElement, birth)).not.toBe(''));
  },
});

export const DischargeBeforeAdmission: Story = fieldsStory('dates', {
  data: (f) => (names(f).length >= 3 ? { [names(f)[1]!]: '2024-03-10', [names(f)[2]!]: '2024-03-01' } : {}),
  validateAll: true,
});

export const ReadOnly: Story = fieldsStory('dates', {
  data: (f) => ({ [names(f)[0]!]: '1993-05-18' }),
  readOnly: true,
  play: async ({ canvasElement, loaded }) => {
    const field = input(canvasElement, names(fixtureOf(loaded))[0]!)!;
    await expect(field.value).toBe('18/05/1993');
    await expect(field.disabled).toBe(true);
  },
});
