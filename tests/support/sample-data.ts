// sampleData lives in @regforms/runtime so Storybook draws its examples from the same code.
export type { SampleOptions } from '@regforms/runtime';
export { random, sampleData, sampleNiss } from '@regforms/runtime';
