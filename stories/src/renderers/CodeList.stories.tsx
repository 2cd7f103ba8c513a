/* The searchable code list alone, on the longest code list of the catalog. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FieldFixture } from '../fixtures.ts';
import { fieldsStory } from './story-support.tsx';

const meta = {
  title: 'Renderers/Code list (autocomplete)',
  tags: ['renderer'],
  parameters: {
    docs: {
      description: {
        component:
          'A code list longer than the autocomplete threshold, taken from the catalog (the longest one): typing searches code and label, accents and case folded.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const nameIn = (f: FieldFixture) => f.logic[0]!.name;
const codesIn = (f: FieldFixture) =>
  ((f.schema.properties as Record<string, { enum: string[] }>)[nameIn(f)]?.enum ?? []) as string[];
// The listbox is rendered in a portal, outside the story's canvas.
const options = () => document.querySelectorAll('[role="listbox"] [role="option"]');

export const Empty: Story = fieldsStory('codeList');

export const Chosen: Story = fieldsStory('codeList', {
  data: (f) => ({ [nameIn(f)]: codesIn(f)[codesIn(f).length - 1] }),
  play: async ({ canvasElement }) => {
    const field = canvasElement.querySelector<HTMLInputElement>('[role="combobox"]')!;
    await expect(field.value).not.toBe('');
  },
});

export const LongListSearch: Story = fieldsStory('codeList', {
  play: async ({ canvasElement, loaded }) => {
    const f = (loaded as { fixture: FieldFixture }).fixture;
    const field = canvasElement.querySelector<HTMLInputElement>('[role="combobox"]')!;
    await userEvent.click(field);
    await waitFor(() => expect(options().length).toBeGreaterThan(0));
    const all = options().length;
    await userEvent.type(field, f.searchFor ?? '');
    // The search narrows the list without emptying it.
    await waitFor(() => expect(options().length).toBeLessThan(all));
    await expect(options().length).toBeGreaterThan(0);
  },
});

export const NoMatch: Story = fieldsStory('codeList', {
  play: async ({ canvasElement }) => {
    const field = canvasElement.querySelector<HTMLInputElement>('[role="combobox"]')!;
    await userEvent.click(field);
    await userEvent.type(field, 'qqqzzz');
    await waitFor(() => expect(options().length).toBe(0));
  },
});

export const RequiredOnSend: Story = fieldsStory('codeList', { validateAll: true });

export const ReadOnly: Story = fieldsStory('codeList', {
  data: (f) => ({ [nameIn(f)]: codesIn(f)[0] }),
  readOnly: true,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector<HTMLInputElement>('[role="combobox"]')!.disabled).toBe(true);
  },
});
