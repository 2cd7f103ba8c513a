/*
 * A form session: one compiled form, one registration and the HD4DP lifecycle, without a view.
 * It holds the data as typed, the errors shown (type errors while filling, every error after a
 * Send), each section's status, the save state with autosave, and the inputs whose typing is
 * not committed yet. A view (RegistryForm, through useFormSession) renders its state and hands
 * it the user's changes; a host (the <regforms-form> element, the studio) drives the same
 * session: save(), send(), the data and the registration, whatever view shows it.
 *
 * No framework here: the state is an immutable snapshot replaced on every change, with
 * subscribe/getState as React's useSyncExternalStore and other stores expect.
 */
import {
  isSyncSource,
  LifecycleError,
  type LifecycleResult,
  MemoryStore,
  type Registration,
  Registrations,
  type SyncStatus,
} from '@regforms/registrations';
import {
  applyComputed,
  type CompiledForm,
  createValidator,
  type FormError,
  prune,
  type RegistrationData,
  type Validator,
} from '@regforms/runtime';
import { PendingEdits } from './pending-edits.ts';
import { ruleAjv } from './rule-ajv.ts';
import { type SectionInfo, type SectionStatus, sectionStatusTracker, sectionsOf } from './sections.ts';

export type SaveState = 'clean' | 'dirty' | 'saving' | 'saved';

/**
 * Where the registration is, with a store that syncs to a node (SyncedStore): on the node
 * (`synced`), on this device only while the node cannot be reached (`pending`), or on this
 * device because the node refused it (`refused`, with its reason). `local`: no node.
 */
export type SyncState =
  | { state: 'local' }
  | { state: 'synced' }
  | { state: 'pending' }
  | { state: 'refused'; reason: string };

/**
 * What the form says after an action: a UI string key (worded by the view, in its language), or
 * a lifecycle error with the registrations package's own message.
 */
export type Notice =
  | { severity: 'success' | 'error'; key: 'sentOk' | 'sendFailed' | 'checkOk' }
  | { severity: 'error'; key: 'lifecycle'; code: string; text: string };

export interface FormSessionEvents {
  onChange?(data: RegistrationData): void;
  onSave?(registration: Registration, errors: FormError[]): void;
  onSend?(registration: Registration, errors: FormError[]): void;
  onDelete?(registration: Registration): void;
  onValidate?(errors: FormError[]): void;
}

export interface FormSessionOptions extends FormSessionEvents {
  form: CompiledForm;
  /** fr, nl, en or de; defaults to the form's first language. */
  lang?: string;
  /** A registration to open; without it, a new one is created on the first save. */
  registration?: Registration;
  /** Where registrations are kept; defaults to an in-memory store. */
  registrations?: Registrations;
  readOnly?: boolean;
  /** Autosave delay in ms, counted from the first unsaved change so that steady typing is still saved (0: off). */
  autosave?: number;
}

export interface FormSessionState {
  form: CompiledForm;
  lang: string;
  registration: Registration | undefined;
  /** The data as typed, computed fields applied. */
  data: RegistrationData;
  /** A Send was tried: every error is shown, not only type errors. */
  attemptedSend: boolean;
  saveState: SaveState;
  notice: Notice | undefined;
  /** Asked read-only, or the registration is no longer Open. */
  readOnly: boolean;
  /** What the form shows now: type errors while filling, every error after a Send. */
  errors: FormError[];
  sections: SectionInfo[];
  /** Per section: shown, fields required and missing, errors. */
  statuses: SectionStatus[];
  sync: SyncState;
}

export interface FormSession {
  getState(): FormSessionState;
  /** Calls `listener` after every change of the state; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** What JSON Forms evaluates the UI rules with (rule-ajv.ts), and the form's validator. */
  readonly ajv: typeof ruleAjv;
  readonly validator: Validator;
  /** Inputs whose typing is not committed yet: flushed before every save or send. */
  readonly edits: PendingEdits;
  /** A change made in the view (computed fields already applied). */
  change(data: RegistrationData): void;
  /** Opens another registration of the same form (the host picked it). */
  open(registration: Registration): void;
  setLang(lang: string | undefined): void;
  setReadOnly(readOnly: boolean): void;
  /** Replaces the event handlers (a view's props changed). */
  setEvents(events: FormSessionEvents): void;
  /**
   * How the view runs the commit of pending typing so that it reaches `change` synchronously
   * (React: flushSync); by default the commit runs as it is.
   */
  setCommitRunner(run: (commit: () => void) => void): void;
  /** Commits pending typing and resolves to the newest data. */
  flush(): Promise<RegistrationData>;
  /** Save: stays Open, type errors returned; undefined when refused (the notice says why). */
  save(): Promise<LifecycleResult | undefined>;
  /** Send: Sent with a registration code when valid; otherwise stays Open with every error. */
  send(): Promise<LifecycleResult | undefined>;
  /**
   * Checks the data as Send would, without storing or sending anything (a preview): every
   * error shown, or the notice that the form would be accepted.
   */
  check(): Promise<FormError[]>;
  /** Delete: the registration becomes Deleted (kept). */
  remove(): Promise<Registration | undefined>;
  /**
   * Starts what needs the page: saving what is typed when the page is left. Returns the stop
   * (which also cancels a pending autosave); a view attaches while it is mounted.
   */
  attach(): () => void;
  /**
   * When the autosave of the unsaved changes is due (Date.now() time), also while that save
   * commits what is still being typed; undefined when none is scheduled.
   */
  autosaveDue(): number | undefined;
}

const NO_ERRORS: FormError[] = [];

/** The previous statuses when nothing changed: views keyed on them do not render again. */
function sameStatuses(before: SectionStatus[] | undefined, after: SectionStatus[]): SectionStatus[] {
  if (!before || before.length !== after.length) return after;
  for (let i = 0; i < after.length; i++) {
    const x = before[i]!;
    const y = after[i]!;
    if (x.shown !== y.shown || x.missing !== y.missing || x.required !== y.required || x.errors !== y.errors)
      return after;
  }
  return before;
}

/**
 * The previous errors when the new ones say the same: typing in a field rarely changes what is
 * shown, and views (and the host's regforms-validate listeners) then have nothing to redo.
 */
function sameErrors(before: FormError[], after: FormError[]): FormError[] {
  if (before.length !== after.length) return after;
  for (let i = 0; i < after.length; i++) {
    const x = before[i]!;
    const y = after[i]!;
    if (x.keyword !== y.keyword || x.message !== y.message || x.path.join('/') !== y.path.join('/'))
      return after;
  }
  return before;
}

/**
 * Runs `fn` once the next frame is painted and the page is idle (in a page), else in the next
 * task. Idle, not merely after the frame: on a slow machine the work would otherwise hold the
 * main thread while the compositor still presents that first frame.
 */
function afterFirstPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(fn, 0);
    return;
  }
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
    else setTimeout(fn, 0);
  });
}

export function createFormSession(options: FormSessionOptions): FormSession {
  const { form } = options;
  const ajv = ruleAjv;
  const validator = createValidator(form);
  const sections = sectionsOf(form);
  const sectionStatus = sectionStatusTracker(form, sections, ajv);
  const registrations = options.registrations ?? new Registrations(new MemoryStore());
  const edits = new PendingEdits();
  const autosave = options.autosave ?? 800;
  let events: FormSessionEvents = options;
  let runCommit = (commit: () => void) => commit();
  let askedReadOnly = options.readOnly === true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due: number | undefined;
  /** Autosave runs while a view (or a host) has the session attached. */
  let attached = 0;
  const listeners = new Set<() => void>();
  const syncSource = isSyncSource(registrations.store) ? registrations.store : undefined;
  const syncOf = (status: SyncStatus | undefined, reg: Registration | undefined): SyncState => {
    if (!status) return { state: 'local' };
    if (!reg) return { state: 'synced' };
    const reason = status.refused[reg.id];
    if (reason !== undefined) return { state: 'refused', reason };
    return status.pending.includes(reg.id) ? { state: 'pending' } : { state: 'synced' };
  };

  const langOf = (lang: string | undefined) => (lang && form.i18n[lang] ? lang : form.meta.defaultLanguage);

  /** Errors and section statuses follow the data, the language and whether a Send was tried. */
  /*
   * The first section first: a new, empty registration has nothing the validator could refuse
   * yet, so the first validation (the whole form, and the first call of its validators module,
   * which the browser compiles then) runs just after the first paint instead of before it.
   */
  let validated = options.registration !== undefined && Object.keys(options.registration.data).length > 0;

  /** Read-only and sync follow the registration (its status, whether the node has it). */
  function withRegistration<S extends Omit<FormSessionState, 'readOnly' | 'sync'>>(
    s: S,
  ): S & Pick<FormSessionState, 'readOnly' | 'sync'> {
    return {
      ...s,
      readOnly: askedReadOnly || (s.registration !== undefined && s.registration.status !== 'open'),
      sync: syncOf(syncSource?.syncStatus(), s.registration),
    };
  }

  function derive(s: Omit<FormSessionState, 'errors' | 'statuses' | 'readOnly' | 'sync'>): FormSessionState {
    const errors = sameErrors(
      (s as Partial<FormSessionState>).errors ?? NO_ERRORS,
      !validated
        ? NO_ERRORS
        : s.attemptedSend
          ? validator.validate(prune(form, s.data).data, s.lang)
          : validator.validateTypes(prune(form, s.data).data, s.lang),
    );
    return withRegistration({
      ...s,
      errors,
      statuses: sameStatuses((s as Partial<FormSessionState>).statuses, sectionStatus(s.data, errors)),
    });
  }

  let state = derive({
    form,
    lang: langOf(options.lang),
    registration: options.registration,
    data: applyComputed(form, options.registration?.data ?? {}),
    attemptedSend: false,
    saveState: 'clean',
    notice: undefined,
    sections,
  });
  if (!validated)
    afterFirstPaint(() => {
      if (validated) return;
      validated = true;
      const before = state;
      state = derive(state);
      if (state.errors.length || before.errors.length) events.onValidate?.(state.errors);
      for (const l of [...listeners]) l();
    });

  function set(patch: Partial<FormSessionState>): void {
    const before = state;
    const next = { ...state, ...patch };
    // Errors and statuses follow what was typed; a saved registration alone (every autosave)
    // changes only read-only and sync.
    const needsDerive =
      next.data !== before.data || next.lang !== before.lang || next.attemptedSend !== before.attemptedSend;
    if (needsDerive) validated = true;
    state = needsDerive
      ? derive(next)
      : next.registration !== before.registration || 'readOnly' in patch
        ? withRegistration(next)
        : next;
    if (state.errors !== before.errors) events.onValidate?.(state.errors);
    // Autosave: counted from the first unsaved change, not reset by further typing.
    if (state.saveState === 'dirty' && before.saveState !== 'dirty') schedule();
    for (const l of [...listeners]) l();
  }

  function schedule(): void {
    if (timer !== undefined || attached === 0 || autosave <= 0 || state.readOnly) return;
    due = Date.now() + autosave;
    timer = setTimeout(() => {
      timer = undefined;
      if (state.saveState === 'dirty') void session.save();
      else due = undefined;
    }, autosave);
  }

  function cancelAutosave(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    due = undefined;
  }

  const failed = (e: unknown) =>
    set({
      notice:
        e instanceof LifecycleError
          ? { severity: 'error', key: 'lifecycle', code: e.code, text: e.message }
          : { severity: 'error', key: 'lifecycle', code: 'UNEXPECTED', text: String(e) },
    });

  async function ensureRegistration(): Promise<Registration> {
    if (state.registration) return state.registration;
    const created = await registrations.create(form);
    // Another save may have created it meanwhile: keep the first.
    if (!state.registration) set({ registration: created });
    return state.registration ?? created;
  }

  const session: FormSession = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ajv,
    validator,
    edits,

    change(data) {
      if (data === state.data) return;
      set({ data, saveState: 'dirty' });
      events.onChange?.(data);
    },

    open(registration) {
      if (registration.id === state.registration?.id) return;
      cancelAutosave();
      set({
        registration,
        data: applyComputed(form, registration.data),
        attemptedSend: false,
        saveState: 'clean',
        notice: undefined,
      });
    },

    setLang: (lang) => {
      const next = langOf(lang);
      if (next !== state.lang) set({ lang: next });
    },

    setReadOnly(readOnly) {
      if (readOnly === askedReadOnly) return;
      askedReadOnly = readOnly;
      set({ readOnly });
    },

    setEvents(next) {
      events = next;
    },

    setCommitRunner(run) {
      runCommit = run;
    },

    async flush() {
      // Speed: the commit runner renders synchronously (flushSync); with nothing typed since
      // the last commit (an autosave after a pause) there is nothing to run.
      if (edits.pending) runCommit(() => edits.flush());
      // A view may hand the committed data over in a microtask (JSON Forms' middleware does).
      await Promise.resolve();
      return state.data;
    },

    async save() {
      if (state.readOnly) return undefined;
      // The autosave stays due while the save commits what is still being typed: that change is
      // this save's, and the save line need not say "Unsaved changes" for it.
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const saving = await session.flush();
      // Not due any more, unless that commit scheduled the next autosave (it was saved before).
      if (timer === undefined) due = undefined;
      set({ saveState: 'saving' });
      try {
        const reg = await ensureRegistration();
        const result = await registrations.save(reg.id, form, saving, state.lang);
        // A change made while saving keeps the registration dirty (autosave saves it next).
        set({ registration: result.registration, saveState: saving === state.data ? 'saved' : 'dirty' });
        events.onSave?.(result.registration, result.errors);
        return result;
      } catch (e) {
        set({ saveState: 'dirty' });
        failed(e);
        return undefined;
      }
    },

    async send() {
      if (state.readOnly) return undefined;
      cancelAutosave();
      const sending = await session.flush();
      set({ attemptedSend: true });
      try {
        const reg = await ensureRegistration();
        const result = await registrations.send(reg.id, form, sending, state.lang);
        const sent = result.errors.length === 0;
        set({
          registration: result.registration,
          saveState: 'saved',
          ...(sent ? { data: applyComputed(form, result.registration.data) } : {}),
          notice: sent ? { severity: 'success', key: 'sentOk' } : { severity: 'error', key: 'sendFailed' },
        });
        events.onSend?.(result.registration, result.errors);
        return result;
      } catch (e) {
        failed(e);
        return undefined;
      }
    },

    async check() {
      cancelAutosave();
      await session.flush();
      set({ attemptedSend: true });
      const ok = state.errors.length === 0;
      set({
        notice: ok ? { severity: 'success', key: 'checkOk' } : { severity: 'error', key: 'sendFailed' },
      });
      return state.errors;
    },

    async remove() {
      const reg = state.registration;
      if (!reg || state.readOnly) return undefined;
      cancelAutosave();
      try {
        const deleted = await registrations.delete(reg.id);
        set({ registration: deleted });
        events.onDelete?.(deleted);
        return deleted;
      } catch (e) {
        failed(e);
        return undefined;
      }
    },

    autosaveDue: () => due,

    attach() {
      // What is still being typed counts: a page left mid-word keeps the word.
      const onPageHide = () => {
        const before = state.data;
        void session.flush().then((now) => {
          if (state.saveState === 'dirty' || now !== before) void session.save();
        });
      };
      globalThis.addEventListener?.('pagehide', onPageHide);
      // The node came back (or refused): the view says where the registration is.
      const unsync = syncSource?.onSync((status) => {
        const sync = syncOf(status, state.registration);
        if (JSON.stringify(sync) !== JSON.stringify(state.sync)) set({ sync });
      });
      attached++;
      if (state.saveState === 'dirty') schedule();
      events.onValidate?.(state.errors);
      return () => {
        globalThis.removeEventListener?.('pagehide', onPageHide);
        unsync?.();
        attached--;
        if (attached === 0) cancelAutosave();
      };
    },
  };
  return session;
}
