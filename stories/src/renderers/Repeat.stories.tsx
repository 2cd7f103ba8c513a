/* A repeat alone: items added and removed within the repeat's limits. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FieldFixture } from '../fixtures.ts';
import { fieldsStory, input } from './story-support.tsx';

const meta = {
  title: 'Renderers/Repeat',
  tags: ['renderer'],
  parameters: {
    docs: {
      description: {
        component:
          'A repeat of the catalog with a small maximum (e.g. the PCI procedures, at most 5): numbered items, each with its error count; Add is disabled at the maximum and Remove at the minimum.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const nameIn = (f: FieldFixture) => f.logic.find((x) => x.type === 'repeat')!.name;
const limits = (f: FieldFixture) =>
  (f.schema.properties as Record<string, { minItems?: number; maxItems: number }>)[nameIn(f)]!;
const itemsOf = (f: FieldFixture, n: number) => ({ [nameIn(f)]: f.items!.slice(0, n) });
const fixtureOf = (loaded: unknown) => (loaded as { fixture: FieldFixture }).fixture;

export const Empty: Story = fieldsStory('repeat');

export const OneItem: Story = fieldsStory('repeat', { data: (f) => itemsOf(f, 1) });

export const AddUpToTheMaximum: Story = fieldsStory('repeat', {
  data: (f) => itemsOf(f, 1),
  play: async ({ canvasElement, loaded }) => {
    const f = fixtureOf(loaded);
    const add = input(canvasElement, nameIn(f))!;
    for (let i = 1; i < limits(f).maxItems; i++) await userEvent.click(add);
    await waitFor(() => expect(add.disabled).toBe(true));
  },
});

export const MaximumReached: Story = fieldsStory('repeat', {
  data: (f) => itemsOf(f, limits(f).maxItems),
  play: async ({ canvasElement, loaded }) => {
    const f = fixtureOf(loaded);
    await expect(input(canvasElement, nameIn(f))!.disabled).toBe(true);
  },
});

export const RequiredItemsOnSend: Story = fieldsStory('repeat', {
  data: (f) => ({ [nameIn(f)]: [{}] }),
  validateAll: true,
});

export const ReadOnly: Story = fieldsStory('repeat', {
  data: (f) => itemsOf(f, 2),
  readOnly: true,
  play: async ({ canvasElement, loaded }) => {
    // No add or remove on a sent registration.
    await expect(input(canvasElement, nameIn(fixtureOf(loaded)))).toBeNull();
  },
});
