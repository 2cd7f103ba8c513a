/*
 * One story of a compiled form in one lifecycle state: the generated CSF files call
 * `formStory(fixtureUrl, state)` for each state of each version. The registration of a state is
 * made through the real lifecycle (`Registrations` over a `MemoryStore`), not faked: a Sent
 * story is data that the form's own validator accepted and that received a registration code.
 */

import { MemoryStore, type Registration, Registrations } from '@regforms/registrations';
import { RegistryForm, regformsRenderers } from '@regforms/renderer';
import type { CompiledForm } from '@regforms/runtime';
import type { StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FormFixture, FormState } from './fixtures.ts';

/** What a form story renders: one form, one store, and the registration of its state. */
export interface FormSetup {
  form: CompiledForm;
  registrations: Registrations;
  registration?: Registration;
}

// Reviewers work on Monday 3 June 2024 at 10:00: the dates of the lifecycle stay the same on
// every screenshot and every run.
const clock = { now: () => new Date(Date.UTC(2024, 5, 3, 10, 0, 0)) };

const fixtures = new Map<string, Promise<FormFixture>>();
/** The compiled form and its data, fetched once per page like a portal fetches form.json. */
export function loadFixture(url: string): Promise<FormFixture> {
  let p = fixtures.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`Cannot load ${url}: HTTP ${r.status}`);
      return r.json() as Promise<FormFixture>;
    });
    fixtures.set(url, p);
  }
  return p;
}

/** Makes the registration a state starts from, through the lifecycle every consumer uses. */
export async function setUp(fixture: FormFixture, state: FormState): Promise<FormSetup> {
  const { form, data } = fixture;
  const registrations = new Registrations(new MemoryStore(), { clock, author: 'reviewer' });
  if (state === 'empty') return { form, registrations };
  const start = state === 'example' ? data.example : state === 'sent' ? data.full : data.partial;
  const created = await registrations.create(form);
  if (state === 'sent') {
    const sent = await registrations.send(created.id, form, start, 'en');
    // Example data the form refuses is a bug of the generator or of the form: show it, loudly.
    if (sent.errors.length > 0)
      throw new Error(
        `The example data of ${form.meta.registry}/${form.meta.registrationType}@${form.meta.version} cannot be sent: ${sent.errors
          .slice(0, 3)
          .map((e) => `${e.path.join('.')} ${e.message}`)
          .join('; ')}`,
      );
    return { form, registrations, registration: sent.registration };
  }
  const saved = await registrations.save(created.id, form, start, 'en');
  return { form, registrations, registration: saved.registration };
}

// One setup per story for the page's lifetime: switching the language re-renders the story,
// and must keep the same registration (and what the reviewer did to it), not start anew.
const setups = new Map<string, Promise<FormSetup>>();

type Loaded = { setup: FormSetup };

export function FormStory(props: FormSetup & { lang: string }) {
  return (
    <RegistryForm
      form={props.form}
      lang={props.lang}
      registrations={props.registrations}
      registration={props.registration}
      renderers={regformsRenderers}
    />
  );
}

const el = (root: HTMLElement, selector: string) => root.querySelector<HTMLElement>(selector);

/** What each state must show; the play function fails the story (and the Chromium walk) if not. */
async function checkState(root: HTMLElement, state: FormState): Promise<void> {
  await waitFor(() => expect(el(root, '.regforms-form nav button')).not.toBeNull());
  const status = () => el(root, '[data-status]')?.dataset.status;
  if (state === 'sent') {
    await expect(status()).toBe('sent');
    await expect(el(root, '[data-testid="registration-code"]')?.textContent).toMatch(/\S/);
    // Read-only: no action is offered on a sent registration.
    await expect(el(root, '[data-action="send"]')).toBeNull();
    return;
  }
  await expect(status()).toBe('open');
  if (state !== 'failedSend') return;
  await userEvent.click(el(root, '[data-action="send"]')!);
  await waitFor(() => expect(el(root, '[data-testid="error-list"] li')).not.toBeNull(), { timeout: 5000 });
  // Refused, so still Open and editable.
  await expect(status()).toBe('open');
}

export function formStory(fixtureUrl: string, state: FormState): StoryObj {
  return {
    loaders: [
      async (context: StoryContext): Promise<Loaded> => {
        let setup = setups.get(context.id);
        if (!setup) {
          setup = loadFixture(fixtureUrl).then((f) => setUp(f, state));
          setups.set(context.id, setup);
        }
        return { setup: await setup };
      },
    ],
    render: (_args, context) => {
      const { setup } = context.loaded as Loaded;
      return (
        <FormStory
          // A story is a new registration: never carry the previous story's state over.
          key={context.id}
          {...setup}
          lang={String(context.globals.locale ?? setup.form.meta.defaultLanguage)}
        />
      );
    },
    play: async ({ canvasElement }) => checkState(canvasElement, state),
    parameters: { regforms: { state } },
  };
}
