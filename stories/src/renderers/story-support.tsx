/* Shared by the renderer stories: the real fields loaded once, and small DOM helpers for play. */
import type { RegistrationData } from '@regforms/runtime';
import type { StoryContext, StoryObj } from '@storybook/react-vite';
import fixturesUrl from '../../generated/renderer-fixtures.json?url';
import type { FieldFixture, RendererFixtures } from '../fixtures.ts';
import { FieldsPlayground } from './FieldsPlayground.tsx';

let fixtures: Promise<RendererFixtures> | undefined;
function loadFixtures(): Promise<RendererFixtures> {
  fixtures ??= fetch(fixturesUrl).then((r) => {
    if (!r.ok) throw new Error(`Cannot load the renderer fixtures: HTTP ${r.status}`);
    return r.json() as Promise<RendererFixtures>;
  });
  return fixtures;
}

type Loaded = { fixture: FieldFixture };

/** A story of the fields of `which`, starting from `data` (a function: it may read the fixture). */
export function fieldsStory(
  which: keyof RendererFixtures,
  options: {
    data?: (f: FieldFixture) => RegistrationData;
    validateAll?: boolean;
    readOnly?: boolean;
    play?: StoryObj['play'];
  } = {},
): StoryObj {
  return {
    loaders: [async (): Promise<Loaded> => ({ fixture: (await loadFixtures())[which] })],
    render: (_args, context: StoryContext) => {
      const { fixture } = context.loaded as Loaded;
      return (
        <FieldsPlayground
          // A story is a new form: never carry the previous story's data over.
          key={context.id}
          fixture={fixture}
          lang={String(context.globals.locale ?? 'fr')}
          data={options.data?.(fixture)}
          validateAll={options.validateAll}
          readOnly={options.readOnly}
        />
      );
    },
    ...(options.play ? { play: options.play } : {}),
  };
}

/** The first technical name of a fixture whose field has this type. */
export function nameOf(f: FieldFixture, type: string): string {
  const field = f.logic.find((x) => x.type === type && !x.repeat);
  if (!field) throw new Error(`${f.source}: no ${type} field in this fixture`);
  return field.name;
}

/** The input of a control by its technical name (JSON Forms' id `#/properties/NAME`). */
export function input(root: HTMLElement, name: string): HTMLInputElement | null {
  return root.querySelector<HTMLInputElement>(`[id="#/properties/${name}-input"]`);
}

/** The visible error text of a control, if any. */
export function errorText(root: HTMLElement, name: string): string {
  return root.querySelector(`[id="#/properties/${name}-error"]`)?.textContent ?? '';
}
