/*
 * <regforms-form>: the registry form as a custom element, for hospital portals that do not
 * use React. One script tag; React, MUI and JSON Forms are bundled inside. The element renders
 * in the light DOM so MUI's styles (injected in <head>) apply.
 */
import { CacheProvider } from '@emotion/react';
import {
  type Auth,
  IndexedDbStore,
  MemoryStore,
  type Registration,
  type RegistrationStore,
  Registrations,
  ServerStore,
  SyncedStore,
} from '@regforms/registrations';
import {
  type CompiledForm,
  type FormError,
  installValidators,
  type RegistrationData,
  ValidatorsMismatchError,
  type ValidatorsModule,
  validatorsOf,
} from '@regforms/runtime';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { readFirstPaint, replayFirstPaint } from '../first-paint/takeover.ts';
import { RegistryForm } from '../form/RegistryForm.tsx';
import { loadControlsOf, regformsRenderers } from '../renderers/index.ts';
import { createFormSession, type FormSession } from '../session/form-session.ts';
import { loadRunTimeCompiler } from './compile-on-demand.ts';
import precompiledStyles from './first-styles.gen.json';
import { fetchJson, forgetPrefetched, formUrlOf, importValidators, VALIDATORS_FILE } from './locate.ts';
import { styleCache } from './styles.ts';

/** One style cache for every element of the page: a style block is inserted once. */
let styles: ReturnType<typeof styleCache> | undefined;

/** The attributes, documented in the README (The embeddable renderer). */
const ATTRIBUTES = [
  'src',
  'catalog',
  'registry',
  'type',
  'version',
  'lang',
  'readonly',
  'registration',
  'store',
  'autosave',
  'resume',
  'server',
  'token',
  'first-paint',
] as const;

export class RegformsFormElement extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES];

  #root: Root | undefined;
  #form: CompiledForm | undefined;
  #formKey = '';
  #registration: Registration | undefined;
  #store: RegistrationStore | undefined;
  #registrations: Registrations | undefined;
  /** The session on display: the same lifecycle as the React component's, driven from here. */
  #session: FormSession | undefined;
  #loading: Promise<void> | undefined;
  #error: string | undefined;
  /** The token for the node, from the host (setAuth); else the `token` attribute. */
  #auth: Auth | undefined;

  connectedCallback() {
    this.#root ??= createRoot(this);
    this.#scheduleLoad();
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Attributes often arrive one by one right after the element: load once they have. */
  #scheduleLoad() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#load(), 0);
  }

  disconnectedCallback() {
    // Unmount after the current task, so moving the element in the DOM does not lose state.
    queueMicrotask(() => {
      if (!this.isConnected) {
        this.#root?.unmount();
        this.#root = undefined;
      }
    });
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null) {
    if (before === after || !this.#root) return;
    if (['src', 'catalog', 'registry', 'type', 'version', 'store', 'registration', 'server'].includes(name))
      this.#scheduleLoad();
    else this.#render();
  }

  /** The compiled form on display. */
  get form(): CompiledForm | undefined {
    return this.#form;
  }

  /** The registration on display (undefined until the first save). */
  get registration(): Registration | undefined {
    return this.#session?.getState().registration ?? this.#registration;
  }

  /** The data as currently typed (computed fields applied). */
  get data(): RegistrationData | undefined {
    return this.#session?.getState().data;
  }

  /** The lifecycle over the current store, for hosts that list or open registrations. */
  get registrations(): Registrations | undefined {
    return this.#registrations;
  }

  save(): Promise<void> {
    return this.#session?.save().then(() => undefined) ?? Promise.resolve();
  }

  send(): Promise<void> {
    return this.#session?.send().then(() => undefined) ?? Promise.resolve();
  }

  /** Plugs the host's own storage instead of IndexedDB (or of the node named by `server`). */
  setStore(store: RegistrationStore): Promise<void> {
    this.#store = store;
    return this.#load();
  }

  /**
   * The token for the node named by `server`: a string, or a function asked before every
   * request (so a host can renew it). Kept out of the page's HTML, unlike the `token` attribute.
   */
  setAuth(auth: Auth): void {
    this.#auth = auth;
  }

  /*
   * With `server`, drafts are saved on this device first (IndexedDB, or memory with
   * store="memory") and reach the node when it answers; Send goes to the node, which gives the
   * registration code.
   */
  #defaultStore(): RegistrationStore {
    const device =
      this.getAttribute('store') === 'memory' ? new MemoryStore() : new IndexedDbStore('regforms');
    const server = this.getAttribute('server');
    if (!server) return device;
    const url = new URL(server, document.baseURI).href.replace(/\/+$/, '');
    const node = new ServerStore({
      url,
      auth: () => {
        const auth = this.#auth ?? this.getAttribute('token') ?? undefined;
        return typeof auth === 'function' ? auth() : auth;
      },
    });
    return new SyncedStore(device, node, { name: url });
  }

  #emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** `versionOf`: the version of the registration to open, when one is named. */
  #formUrl(versionOf: string | undefined): Promise<string> {
    return formUrlOf((name) => this.getAttribute(name), versionOf);
  }

  #load(): Promise<void> {
    const run = async () => {
      try {
        this.#error = undefined;
        const store = this.#store ?? this.#defaultStore();
        const registrations = new Registrations(store);
        this.#registrations = registrations;
        // A registration named by the host opens with the version it was made with.
        const id = this.getAttribute('registration');
        const named = id ? await registrations.get(id) : undefined;
        if (id && !named) throw new Error(`No registration ${id} in this store.`);
        const url = await this.#formUrl(named?.version);
        if (url !== this.#formKey || !this.#form) {
          // The form and its validators module travel side by side.
          const [form, first] = await Promise.all([
            fetchJson(url) as Promise<CompiledForm>,
            importValidators(url),
          ]);
          // A module from the browser's cache may be another compilation's (the forms were
          // deployed again): then the one compiled with this form, by its hash.
          const module =
            first && first.hash !== form.meta.hash ? await importValidators(url, form.meta.hash) : first;
          forgetPrefetched();
          // The controls it needs that are chunks of their own load while it is prepared.
          loadControlsOf(form);
          await installFor(form, module);
          this.#form = form;
          this.#formKey = url;
        }
        const form = this.#form;
        this.#registration = named
          ? await this.#onThisForm(named, form, registrations)
          : await this.#resume(form, registrations);
        const autosave = this.getAttribute('autosave');
        this.#session = createFormSession({
          form,
          registrations,
          registration: this.#registration,
          lang: this.getAttribute('lang') ?? undefined,
          autosave: autosave === null ? undefined : Number(autosave),
          onChange: (data: RegistrationData) => this.#emit('regforms-change', { data }),
          onSave: (registration: Registration, errors: FormError[]) =>
            this.#emit('regforms-save', { registration, errors }),
          onSend: (registration: Registration, errors: FormError[]) =>
            this.#emit('regforms-send', { registration, errors }),
          onDelete: (registration: Registration) => this.#emit('regforms-delete', { registration }),
          onValidate: (errors: FormError[]) => this.#emit('regforms-validate', { errors }),
        });
        this.#render();
        this.#emit('regforms-ready', { form: form.meta, registration: this.#registration });
      } catch (e) {
        this.#error = (e as Error).message;
        this.#render();
        this.#emit('regforms-error', { message: this.#error });
      }
    };
    this.#loading = (this.#loading ?? Promise.resolve()).then(run);
    return this.#loading;
  }

  /** The most recently saved Open registration of this form, to go on with (unless resume="false"). */
  async #resume(form: CompiledForm, registrations: Registrations): Promise<Registration | undefined> {
    if (this.getAttribute('resume') === 'false') return undefined;
    const open = await registrations.list({
      registry: form.meta.registry,
      registrationType: form.meta.registrationType,
      status: 'open',
    });
    const draft =
      open.find((r) => r.formHash === form.meta.hash) ?? open.find((r) => r.version === form.meta.version);
    return draft && this.#onThisForm(draft, form, registrations);
  }

  /**
   * The registration to show on this form: refused when it belongs to another version (its data
   * would be read against the wrong fields). A draft of this version saved with an earlier
   * compilation of it (a newer regforms, a draft version edited) is carried to this form and
   * stored, so it resumes instead of being passed over or refused at its next save; what no
   * longer fits stays listed under `migration`.
   */
  #onThisForm(reg: Registration, form: CompiledForm, registrations: Registrations) {
    const { registry, registrationType, version } = form.meta;
    if (reg.registry !== registry || reg.registrationType !== registrationType || reg.version !== version)
      throw new Error(
        `Registration ${reg.registrationCode ?? reg.id} was made with ${reg.registry}/${reg.registrationType}@${reg.version}, and this form is ${registry}/${registrationType}@${version}: leave out src and version to open it with its own version.`,
      );
    const rebase =
      reg.status === 'open' && reg.version === form.meta.version && reg.formHash !== form.meta.hash;
    return rebase ? registrations.rebase(reg.id, form, this.getAttribute('lang') ?? undefined) : reg;
  }

  #render() {
    if (!this.#root) return;
    if (this.#error || !this.#form || !this.#session) {
      this.#root.render(
        <p role="alert" style={{ color: '#b00020' }}>
          {this.#error ?? ''}
        </p>,
      );
      return;
    }
    // lang and readonly are live: the view applies them to the session.
    styles ??= styleCache(precompiledStyles);
    const form = (
      <CacheProvider value={styles}>
        <RegistryForm
          key={`${this.#formKey}|${this.#registration?.id ?? 'new'}`}
          session={this.#session}
          lang={this.getAttribute('lang') ?? undefined}
          readOnly={this.hasAttribute('readonly') && this.getAttribute('readonly') !== 'false'}
          renderers={regformsRenderers}
        />
      </CacheProvider>
    );
    // The first paint on screen is swapped for the live form in one task (no typing falls
    // between the two), then given what was typed in it.
    const firstPaint = readFirstPaint(this);
    if (!firstPaint) {
      this.#root.render(form);
      return;
    }
    const root = this.#root;
    flushSync(() => root.render(form));
    replayFirstPaint(this, firstPaint);
  }
}

/**
 * Gives the form its validators: the module compiled with it, else (a bare form.json, or a
 * module left from another compilation) ajv's compiler, loaded for it, which needs a page whose
 * Content Security Policy allows 'unsafe-eval'.
 */
async function installFor(form: CompiledForm, module: ValidatorsModule | undefined): Promise<void> {
  if (module) {
    try {
      installValidators(form, module);
      return;
    } catch (e) {
      if (!(e instanceof ValidatorsMismatchError)) throw e;
      console.warn(e.message);
    }
  }
  await loadRunTimeCompiler();
  try {
    validatorsOf(form);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new Error(
      `This form came without its validators module (${VALIDATORS_FILE} beside form.json, written by \`regforms compile\`), and this page's Content Security Policy forbids compiling one here: serve ${VALIDATORS_FILE} with the form.`,
    );
  }
}

/** Registers <regforms-form> once. */
export function defineRegformsForm(name = 'regforms-form'): void {
  if (!customElements.get(name)) customElements.define(name, RegformsFormElement);
}
