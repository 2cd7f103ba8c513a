import type { Preview } from '@storybook/react-vite';

// The reviewer's language: titles are generated in it, and the toolbar starts on it.
const REVIEWER_LANG: string = import.meta.env.STORYBOOK_REGFORMS_LANG || 'en';

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language of the form',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français' },
          { value: 'nl', title: 'Nederlands' },
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: REVIEWER_LANG },
  decorators: [
    // The page's language follows the toolbar, so screen readers and axe read it right.
    (Story, context) => {
      document.documentElement.lang = String(context.globals.locale ?? REVIEWER_LANG);
      return <Story />;
    },
  ],
  parameters: {
    a11y: {
      // Report in the panel; the Chromium walk (tests/e2e/storybook.test.ts) fails the build.
      test: 'todo',
    },
    controls: { disable: true },
    actions: { disable: true },
  },
};
export default preview;
