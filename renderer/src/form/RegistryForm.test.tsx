// @vitest-environment jsdom
/* The registry form's own behaviour: sections, lifecycle buttons, errors and jumping to them. */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { regformsRenderers } from '../renderers/index.ts';
import { createFormSession } from '../session/form-session.ts';
import { RegistryForm } from './RegistryForm.tsx';

// Every part of the form asks its words through the translator when it renders: the keys asked
// tell which parts rendered.
const asked: string[] = [];
vi.mock('./strings.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./strings.ts')>();
  return {
    ...original,
    translator: (bundle: Record<string, string> | undefined, lang: string) => {
      const t = original.translator(bundle, lang);
      return (key: string, ...rest: [string?, Record<string, string | number>?]) => {
        asked.push(key);
        return t(key, ...rest);
      };
    },
  };
});

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;

afterEach(cleanup);

/** A store whose writes take `delay` ms, or fail while `fail` is set. */
class TestStore extends MemoryStore {
  delay = 0;
  fail = false;
  override async put(registration: Parameters<MemoryStore['put']>[0]) {
    if (this.delay) await new Promise((resolve) => setTimeout(resolve, this.delay));
    if (this.fail) throw new Error('disk full');
    return super.put(registration);
  }
}

/** The form on a session over a TestStore, autosaving after `autosave` ms (0: never). */
function renderWithStore(autosave: number) {
  const store = new TestStore();
  const session = createFormSession({ form, lang: 'en', registrations: new Registrations(store), autosave });
  render(<RegistryForm session={session} renderers={regformsRenderers} />);
  return { store, session };
}

function setup(lang = 'en') {
  const registrations = new Registrations(new MemoryStore());
  const events: string[] = [];
  const view = render(
    <RegistryForm
      form={form}
      lang={lang}
      registrations={registrations}
      autosave={0}
      onSave={(r) => events.push(`save ${r.status}`)}
      onSend={(r, errors) => events.push(`send ${r.status} ${errors.length}`)}
    />,
  );
  return { registrations, events, view };
}

const nav = () => screen.getByRole('navigation');

describe('RegistryForm', () => {
  it('shows the sections in the navigation, the first one open, titles in the chosen language', () => {
    setup('nl');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bezoek');
    const buttons = within(nav())
      .getAllByRole('button')
      .map((b) => b.getAttribute('data-section'));
    expect(buttons).toEqual(['patient', 'admission', 'procedure', 'discharge']);
    expect(within(nav()).getByRole('button', { current: 'step' }).getAttribute('data-section')).toBe(
      'patient',
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Patiënt');
  });

  it('switches language live', () => {
    const { view } = setup('fr');
    expect(screen.getByRole('button', { name: 'Enregistrer' })).toBeTruthy();
    view.rerender(<RegistryForm form={form} lang="nl" autosave={0} />);
    expect(screen.getByRole('button', { name: 'Opslaan' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Patiënt');
  });

  it('marks a field of a repeat item required when that item requires it (required when shown)', async () => {
    const registrations = new Registrations(new MemoryStore());
    const result = await registrations.submit(
      form,
      {
        PCI: [
          { DT_PCI: '2024-03-02', CD_COMPLIC: true },
          { DT_PCI: '2024-03-03', CD_COMPLIC: false },
        ],
      },
      { send: false },
    );
    render(
      <RegistryForm
        form={form}
        lang="en"
        registrations={registrations}
        registration={result.registration}
        autosave={0}
        renderers={regformsRenderers}
      />,
    );
    fireEvent.click(nav().querySelector('[data-section="procedure"]')!);
    // Item 1 has a complication: its detail is shown and required; item 2's is not shown.
    const detail = await screen.findAllByLabelText(/^Detail/);
    expect(detail).toHaveLength(1);
    expect(detail[0]!.getAttribute('aria-required')).toBe('true');
    expect(detail[0]!.closest('.regforms-control')!.querySelector('.MuiFormLabel-asterisk')).not.toBeNull();
  });

  it('offers Delete once there is a registration, and deletes it', async () => {
    const { registrations } = setup();
    // In the page from the start (its styles with the rest), hidden from everyone until then.
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const remove = await screen.findByRole('button', { name: 'Delete' });
    const [saved] = await registrations.list();
    expect(saved?.status).toBe('open');
    fireEvent.click(remove);
    await waitFor(async () => expect((await registrations.get(saved!.id))?.status).toBe('deleted'));
  });

  it('a committed value re-renders the section and the save line, not the header, navigation or buttons', async () => {
    setup();
    fireEvent.click(within(nav()).getByRole('button', { name: /Admission/ }));
    asked.length = 0;
    fireEvent.change(screen.getByLabelText(/^Weight/), { target: { value: '72' } });
    // The input's commit pause, then JSON Forms and the session.
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(asked).toContain('unsaved');
    for (const part of ['form.title', 'status.open', 'counter.legend', 'sections', 'next', 'save', 'send'])
      expect(asked, part).not.toContain(part);
  });

  it('moves between sections and counts what is required and missing', async () => {
    setup();
    fireEvent.click(within(nav()).getByRole('button', { name: /Admission/ }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Admission');
    // Patient: national number and date of birth are required and empty.
    const patient = within(nav()).getByRole('button', { name: /Patient/ });
    expect(within(patient).getByLabelText('0 of 2 required fields filled')).toBeTruthy();
    fireEvent.click(patient);
    fireEvent.change(screen.getByLabelText(/National number/), { target: { value: '93051822361' } });
    return waitFor(() =>
      expect(within(patient).getByLabelText('1 of 2 required fields filled')).toBeTruthy(),
    );
  });

  it('saves an incomplete registration as Open, then refuses to send it and lists the errors', async () => {
    const { registrations, events } = setup();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    await waitFor(() => expect(events).toEqual(['save open']));
    expect((await registrations.list()).map((r) => r.status)).toEqual(['open']);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send' })));
    await waitFor(() => expect(events).toContain('send open 5'));
    const list = screen.getByTestId('error-list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'National number — This field is required.',
      'Date of birth — This field is required.',
      'Admission date — This field is required.',
      'Indication — This field is required.',
      'PCI procedures — This field is required.',
    ]);
    // Jumping to an error opens its section.
    fireEvent.click(within(list).getByRole('button', { name: 'Admission date' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Admission'));
    // The navigation shows where the errors are: 2 in Patient, 2 in Admission, 1 in Procedure.
    const counts = within(nav())
      .getAllByRole('button')
      .map(
        (b) =>
          `${b.getAttribute('data-section')}:${b.querySelector('[data-errors]')?.getAttribute('data-errors') ?? 0}`,
      );
    expect(counts).toEqual(['patient:2', 'admission:2', 'procedure:1', 'discharge:0']);
  });

  it("saves what is still being typed when the host calls save(), before the input's pause", async () => {
    const registrations = new Registrations(new MemoryStore());
    const session = createFormSession({ form, lang: 'en', registrations, autosave: 0 });
    render(<RegistryForm session={session} renderers={regformsRenderers} />);
    const input = screen.getByLabelText(/National number/);
    input.focus();
    fireEvent.change(input, { target: { value: '93051822361' } });
    // No blur and no pause: only save() itself can commit the typing.
    await act(async () => void (await session.save()));
    const [saved] = await registrations.list();
    expect(saved?.data.IDC_PAT).toBe('93051822361');
    expect(session.getState().data.IDC_PAT).toBe('93051822361');
  });

  it('says "Saving…" only for a slow save; a quick one goes from unsaved to saved', async () => {
    const { store, session } = renderWithStore(0);
    const line = () => document.querySelector('[data-save-state]')!;
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(line().textContent ?? ''));
    observer.observe(line(), { childList: true, characterData: true, subtree: true });
    await act(async () => session.change({ MS_PAT_HGHT: 170 }));
    await act(async () => void (await session.save()));
    expect(seen).toEqual(['Unsaved changes', 'Saved']);
    expect(line().getAttribute('data-save-state')).toBe('saved');

    store.delay = 1000;
    seen.length = 0;
    await act(async () => session.change({ MS_PAT_HGHT: 171 }));
    const saving = session.save();
    await act(() => new Promise((resolve) => setTimeout(resolve, 600)));
    expect(line().textContent).toBe('Saving…');
    expect(line().getAttribute('data-save-state')).toBe('saving');
    await act(async () => void (await saving));
    expect(seen).toEqual(['Unsaved changes', 'Saving…', 'Saved']);
    observer.disconnect();
  });

  it('keeps the line as it was while an autosave due soon covers the typing; a failed save says so at once', async () => {
    const { store, session } = renderWithStore(200);
    await act(async () => session.change({ MS_PAT_HGHT: 170 }));
    await act(async () => void (await session.save()));
    const line = () => document.querySelector('[data-save-state]')!;
    expect(line().textContent).toBe('Saved');
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(line().textContent ?? ''));
    observer.observe(line(), { childList: true, characterData: true, subtree: true });
    // Typing, then the autosave 200 ms later: the line never flips, the attribute tells the truth.
    await act(async () => session.change({ MS_PAT_HGHT: 171 }));
    expect(line().getAttribute('data-save-state')).toBe('dirty');
    await act(async () => session.change({ MS_PAT_HGHT: 172 }));
    await waitFor(() => expect(line().getAttribute('data-save-state')).toBe('saved'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)));
    expect(seen).toEqual([]);
    expect(line().textContent).toBe('Saved');

    // Nor does it render: the three states of each autosave ask the line for no words.
    asked.length = 0;
    await act(async () => session.change({ MS_PAT_HGHT: 174 }));
    expect(line().getAttribute('data-save-state')).toBe('dirty');
    await waitFor(() => expect(line().getAttribute('data-save-state')).toBe('saved'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(asked.filter((key) => ['saved', 'saving', 'unsaved'].includes(key))).toEqual([]);

    // A save that fails: "Unsaved changes" at once, not after the autosave's delay.
    store.fail = true;
    await act(async () => session.change({ MS_PAT_HGHT: 173 }));
    await act(async () => void (await session.save().catch(() => undefined)));
    expect(line().getAttribute('data-save-state')).toBe('dirty');
    expect(line().textContent).toBe('Unsaved changes');
    observer.disconnect();
  });

  it('says nothing new when the autosave first commits what is still being typed', async () => {
    const { session } = renderWithStore(50);
    await act(async () => session.change({ MS_PAT_HGHT: 170 }));
    await act(async () => void (await session.save()));
    const line = () => document.querySelector('[data-save-state]')!;
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(line().textContent ?? ''));
    observer.observe(line(), { childList: true, characterData: true, subtree: true });
    await act(async () => session.change({ MS_PAT_HGHT: 171 }));
    // Typed, not yet committed (its pause is longer than the autosave's delay): the autosave
    // commits it, and for that moment the registration is unsaved with no autosave due.
    const input = screen.getByLabelText(/National number/);
    input.focus();
    fireEvent.change(input, { target: { value: '93051822361' } });
    await waitFor(() => expect(line().getAttribute('data-save-state')).toBe('saved'));
    expect(session.getState().data.IDC_PAT).toBe('93051822361');
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(seen).toEqual([]);
    expect(line().textContent).toBe('Saved');
    observer.disconnect();
  });

  it('sends a complete registration: code shown, read-only, Sent', async () => {
    const registrations = new Registrations(new MemoryStore());
    const reg = await registrations.create(form);
    await registrations.save(reg.id, form, {
      IDC_PAT: '93051822361',
      DT_PAT_DOB: '1993-05-18',
      DT_HOSPZ: '2024-03-01',
      CD_INDICATN: 'STABLE',
      PCI: [{ DT_PCI: '2024-03-02' }],
    });
    const opened = (await registrations.get(reg.id))!;
    render(
      <RegistryForm form={form} lang="en" registration={opened} registrations={registrations} autosave={0} />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send' })));
    await waitFor(() => expect(screen.getByTestId('registration-code').textContent).toMatch(/DEMO-\d{4}-/));
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.getByText('Read-only')).toBeTruthy();
    expect((await registrations.get(reg.id))!.status).toBe('sent');
  });
});
