/* The form session without any view: what RegistryForm, the element and the studio rely on. */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { sampleData } from '@regforms/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFormSession } from './form-session.ts';

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;

afterEach(() => vi.useRealTimers());

describe('createFormSession', () => {
  it('follows changes: dirty, type errors only while filling, events, section statuses', () => {
    const onChange = vi.fn();
    const onValidate = vi.fn();
    const session = createFormSession({ form, lang: 'en', autosave: 0, onChange, onValidate });
    const seen: string[] = [];
    session.subscribe(() => seen.push(session.getState().saveState));
    expect(session.getState()).toMatchObject({ saveState: 'clean', errors: [], readOnly: false });
    session.change({ MS_PAT_WGHT: 'heavy' });
    const state = session.getState();
    expect(state.saveState).toBe('dirty');
    expect(seen).toEqual(['dirty']);
    expect(onChange).toHaveBeenCalledWith({ MS_PAT_WGHT: 'heavy' });
    // A type error is shown while filling; a missing required field is not, until a Send.
    expect(state.errors.map((e) => `${e.name} ${e.keyword}`)).toEqual(['MS_PAT_WGHT type']);
    expect(onValidate).toHaveBeenLastCalledWith(state.errors);
    expect(state.statuses.reduce((n, s) => n + s.errors, 0)).toBe(1);
  });

  it('saves Open, then sends: refused with every error, then Sent with a code and read-only', async () => {
    const registrations = new Registrations(new MemoryStore());
    const session = createFormSession({ form, lang: 'en', registrations, autosave: 0 });
    session.change({ MS_PAT_HGHT: 170 });
    const saved = await session.save();
    expect(saved?.registration.status).toBe('open');
    expect(session.getState().saveState).toBe('saved');
    await session.send();
    let state = session.getState();
    expect(state.attemptedSend).toBe(true);
    expect(state.notice).toEqual({ severity: 'error', key: 'sendFailed' });
    expect(state.errors.some((e) => e.keyword === 'required')).toBe(true);
    expect(state.registration?.status).toBe('open');
    session.change(sampleData(form, 1));
    await session.send();
    state = session.getState();
    expect(state.notice).toEqual({ severity: 'success', key: 'sentOk' });
    expect(state.registration?.status).toBe('sent');
    expect(state.registration?.registrationCode).toMatch(/^DEMO-/);
    expect(state.readOnly).toBe(true);
    // Read-only now: a save does nothing.
    expect(await session.save()).toBeUndefined();
    expect(await registrations.list()).toHaveLength(1);
  });

  it('autosaves from the first unsaved change, not reset by further typing', async () => {
    vi.useFakeTimers();
    const registrations = new Registrations(new MemoryStore());
    const session = createFormSession({ form, lang: 'en', registrations, autosave: 800 });
    const detach = session.attach();
    session.change({ MS_PAT_HGHT: 17 });
    await vi.advanceTimersByTimeAsync(500);
    session.change({ MS_PAT_HGHT: 171 });
    await vi.advanceTimersByTimeAsync(299);
    expect(await registrations.list()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const [stored] = await registrations.list();
    expect(stored?.data.MS_PAT_HGHT).toBe(171);
    expect(session.getState().saveState).toBe('saved');
    // Detached (the view unmounted): no autosave any more.
    detach();
    session.change({ MS_PAT_HGHT: 172 });
    await vi.advanceTimersByTimeAsync(5000);
    expect((await registrations.list())[0]?.data.MS_PAT_HGHT).toBe(171);
  });

  it('a save validates what is typed once (the store’s own check); the view keeps its errors', async () => {
    const registrations = new Registrations(new MemoryStore());
    const session = createFormSession({ form, lang: 'en', registrations, autosave: 0 });
    session.change({ MS_PAT_WGHT: 'heavy', MS_PAT_HGHT: 170 });
    const { errors, statuses } = session.getState();
    const validateTypes = vi.spyOn(session.validator, 'validateTypes');
    try {
      await session.save();
      expect(validateTypes).toHaveBeenCalledTimes(1);
      // Nothing typed changed: the same errors and statuses, which views do not render again.
      expect(session.getState().errors).toBe(errors);
      expect(session.getState().statuses).toBe(statuses);
      expect(session.getState().registration?.status).toBe('open');
    } finally {
      validateTypes.mockRestore();
    }
  });

  /** A session whose view's commit runner records each run. */
  function withCommitRunner() {
    const registrations = new Registrations(new MemoryStore());
    const session = createFormSession({ form, lang: 'en', registrations, autosave: 0 });
    const ran: string[] = [];
    session.setCommitRunner((commit) => {
      ran.push('runner');
      commit();
    });
    return { registrations, session, ran };
  }

  it('commits pending typing before it saves, through the view’s commit runner', async () => {
    const { registrations, session, ran } = withCommitRunner();
    // An input that still holds what was typed: its flush hands it to the session.
    session.edits.add(() => session.change({ MS_PAT_HGHT: 180 }));
    await session.save();
    expect(ran).toEqual(['runner']);
    expect((await registrations.list())[0]?.data.MS_PAT_HGHT).toBe(180);
  });

  it('runs no commit when no input has text to commit (an autosave after a pause)', async () => {
    const { registrations, session, ran } = withCommitRunner();
    let text: number | undefined = 175;
    const flush = () => {
      if (text !== undefined) session.change({ MS_PAT_HGHT: text });
      text = undefined;
    };
    session.edits.add(flush, () => text !== undefined);
    await session.save();
    expect(ran).toEqual(['runner']);
    // Committed: the next save has nothing to run, and saves the same data.
    await session.save();
    expect(ran).toEqual(['runner']);
    expect((await registrations.list())[0]?.data.MS_PAT_HGHT).toBe(175);
  });

  it('a lifecycle refusal is a notice with its code, and nothing typed is lost', async () => {
    const registrations = new Registrations(new MemoryStore());
    const session = createFormSession({ form, lang: 'en', registrations, autosave: 0 });
    session.change(sampleData(form, 2));
    await session.send();
    const sent = session.getState().registration!;
    // The same registration opened in a second session that missed the Send.
    const stale = createFormSession({
      form,
      lang: 'en',
      registrations,
      autosave: 0,
      registration: { ...sent, status: 'open' },
    });
    stale.change({ ...sent.data, MS_PAT_HGHT: 181 });
    expect(await stale.save()).toBeUndefined();
    expect(stale.getState().notice).toMatchObject({ severity: 'error', key: 'lifecycle', code: 'NOT_OPEN' });
    expect(stale.getState().data.MS_PAT_HGHT).toBe(181);
    expect(stale.getState().saveState).toBe('dirty');
  });
});
