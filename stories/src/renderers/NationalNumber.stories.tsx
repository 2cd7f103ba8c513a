/* The national number control alone: formatting as typed, check digits, "no national number". */
import { formatNiss, isValidNiss, random, sampleNiss } from '@regforms/runtime';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { errorText, fieldsStory, input, nameOf } from './story-support.tsx';

const meta = {
  title: 'Renderers/National number',
  tags: ['renderer'],
  parameters: {
    docs: {
      description: {
        component:
          'The patient identification fields of the most recent form that has a national number: the number is formatted YY.MM.DD-XXX.CC as it is typed, 11 digits are stored, and the check digits are judged as soon as the 11 digits are there.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const valid = sampleNiss(random(7));
/** The same number with wrong check digits: what a typing slip gives. */
const wrongCheck = `${valid.slice(0, 9)}${String((Number(valid.slice(9)) + 1) % 100).padStart(2, '0')}`;

export const Empty: Story = fieldsStory('niss');

export const Valid: Story = fieldsStory('niss', {
  data: (f) => ({ [nameOf(f, 'niss')]: valid }),
  play: async ({ canvasElement }) => {
    const niss = input(canvasElement, 'IDC_PAT')!;
    await expect(niss.value).toBe(formatNiss(valid));
    await expect(errorText(canvasElement, 'IDC_PAT')).toBe('');
  },
});

export const InvalidCheckDigits: Story = fieldsStory('niss', {
  data: (f) => ({ [nameOf(f, 'niss')]: wrongCheck }),
  play: async ({ canvasElement }) => {
    await expect(isValidNiss(wrongCheck)).toBe(false);
    await waitFor(() => expect(errorText(canvasElement, 'IDC_PAT')).not.toBe(''));
  },
});

export const TypedWithSeparators: Story = fieldsStory('niss', {
  play: async ({ canvasElement }) => {
    const niss = input(canvasElement, 'IDC_PAT')!;
    await userEvent.click(niss);
    await userEvent.type(niss, valid.slice(0, 7));
    // Separators appear only once the digit after them exists.
    await expect(niss.value).toBe(
      `${valid.slice(0, 2)}.${valid.slice(2, 4)}.${valid.slice(4, 6)}-${valid[6]}`,
    );
  },
});

export const IncompleteAfterLeaving: Story = fieldsStory('niss', {
  play: async ({ canvasElement }) => {
    const niss = input(canvasElement, 'IDC_PAT')!;
    await userEvent.click(niss);
    await userEvent.type(niss, valid.slice(0, 8));
    await userEvent.tab();
    await waitFor(() => expect(errorText(canvasElement, 'IDC_PAT')).not.toBe(''));
  },
});

export const NoNationalNumber: Story = fieldsStory('niss', {
  data: () => ({}),
  play: async ({ canvasElement }) => {
    // As the DCD has it: the number left empty, the generated identifier (computed) is shown.
    await expect(input(canvasElement, 'IDC_PAT')).not.toBeNull();
    await expect(canvasElement.querySelector('[id^="#/properties/TX_IDC_PAT_GENER"]')).not.toBeNull();
  },
});

export const EmptyOnSend: Story = fieldsStory('niss', {
  validateAll: true,
  play: async ({ canvasElement }) => {
    // As the DCD has it, the number may stay empty on Send (a patient without one): no error on it.
    await waitFor(() => expect(input(canvasElement, 'IDC_PAT')).not.toBeNull());
    await expect(errorText(canvasElement, 'IDC_PAT')).toBe('');
  },
});

export const ReadOnly: Story = fieldsStory('niss', {
  data: (f) => ({ [nameOf(f, 'niss')]: valid }),
  readOnly: true,
  play: async ({ canvasElement }) => {
    await expect(input(canvasElement, 'IDC_PAT')!.disabled).toBe(true);
  },
});
