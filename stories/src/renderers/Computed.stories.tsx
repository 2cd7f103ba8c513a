/* A computed field alone, with the fields it reads (e.g. BMI from weight and height). */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FieldFixture } from '../fixtures.ts';
import { fieldsStory, input } from './story-support.tsx';

const meta = {
  title: 'Renderers/Computed field',
  tags: ['renderer'],
  parameters: {
    docs: {
      description: {
        component:
          'A computed field of the catalog with the fields its expression reads: read-only, recomputed in the same change as its inputs, empty while an input is missing.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const computed = (f: FieldFixture) => f.logic.find((x) => x.compute)!.name;
const inputs = (f: FieldFixture) => f.logic.filter((x) => !x.compute).map((x) => x.name);
const fixtureOf = (loaded: unknown) => (loaded as { fixture: FieldFixture }).fixture;
/** Plausible values for the inputs: a weight of 80 kg and a height of 175 cm (a BMI of 26.1). */
const values = (f: FieldFixture) =>
  Object.fromEntries(
    inputs(f).map((n) => {
      const s = (f.schema.properties as Record<string, { minimum?: number; maximum?: number }>)[n] ?? {};
      if (/WGHT|WEIGHT/i.test(n)) return [n, 80];
      if (/HGHT|HEIGHT/i.test(n)) return [n, 175];
      // Any other input: halfway through what its schema allows.
      return [n, Math.round(((s.minimum ?? 0) + (s.maximum ?? 200)) / 2)];
    }),
  );

export const InputsMissing: Story = fieldsStory('computed', {
  play: async ({ canvasElement, loaded }) => {
    // No number until every input is there (the control shows a dash, not 0 or NaN).
    await expect(input(canvasElement, computed(fixtureOf(loaded)))!.value).not.toMatch(/\d|NaN/);
  },
});

export const Computed: Story = fieldsStory('computed', {
  data: values,
  play: async ({ canvasElement, loaded }) => {
    const f = fixtureOf(loaded);
    const out = input(canvasElement, computed(f))!;
    await expect(out.value).toMatch(/^26[.,]1\b/);
    await expect(out.readOnly || out.disabled).toBe(true);
  },
});

export const RecomputedWhileTyping: Story = fieldsStory('computed', {
  data: values,
  play: async ({ canvasElement, loaded }) => {
    const f = fixtureOf(loaded);
    const out = input(canvasElement, computed(f))!;
    const before = out.value;
    const first = input(canvasElement, inputs(f)[0]!)!;
    await userEvent.clear(first);
    await userEvent.type(first, '95');
    await userEvent.tab();
    await waitFor(() => expect(out.value).not.toBe(before));
  },
});
