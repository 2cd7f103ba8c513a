/*
 * Registrations: the lifecycle applied to a store. Used by the renderer, the studio and CSV
 * import alike, so Open → Sent → read-only holds for all of them.
 */
import type { CompiledForm, FormError, RegistrationData } from '@regforms/runtime';
import { lifecycleMessage } from './lifecycle-messages.ts';
import { rebaseRegistration } from './migrate.ts';
import {
  type CheckedData,
  type Clock,
  createRegistration,
  deleteRegistration,
  LifecycleError,
  type Registration,
  saveRegistration,
  sendRegistration,
} from './registration.ts';
import type { RegistrationFilter, RegistrationStore } from './store.ts';

export interface LifecycleResult {
  registration: Registration;
  errors: FormError[];
}

/** A registration Sent already with this business key: corrected through the helpdesk, not sent again. */
export function sentWithSameKey(sent: Registration, lang: string | undefined): LifecycleError {
  return new LifecycleError(
    'SENT_WITH_SAME_KEY',
    lifecycleMessage(lang, 'SENT_WITH_SAME_KEY', {
      code: sent.registrationCode ?? sent.id,
      key: (sent.businessKey ?? '').split('|').join(', '),
    }),
  );
}

export class Registrations {
  constructor(
    readonly store: RegistrationStore,
    private readonly options: { clock?: Clock; author?: string } = {},
  ) {}

  async create(form: CompiledForm, data: RegistrationData = {}): Promise<Registration> {
    const reg = createRegistration(form, { ...this.options, data });
    return this.put(reg);
  }

  private async load(id: string): Promise<Registration> {
    const reg = await this.store.get(id);
    if (!reg) throw new LifecycleError('NOT_FOUND', `No registration ${id}`);
    return reg;
  }

  /** Save (also the autosave of drafts): stays Open, type errors returned. */
  async save(
    id: string,
    form: CompiledForm,
    data: RegistrationData,
    lang?: string,
  ): Promise<LifecycleResult> {
    const result = saveRegistration(await this.load(id), form, data, { ...this.options, lang });
    return { ...result, registration: await this.put(result.registration) };
  }

  /** Send: Sent with a registration code when valid; otherwise stays Open (saved) with every error. */
  async send(
    id: string,
    form: CompiledForm,
    data?: RegistrationData,
    lang?: string,
  ): Promise<LifecycleResult> {
    const existing = await this.store.list({ registry: form.meta.registry });
    const taken = new Set(existing.map((r) => r.registrationCode).filter(Boolean));
    const reg = await this.load(id);
    const result = sendRegistration(reg, form, data ?? reg.data, {
      ...this.options,
      lang,
      isCodeTaken: (c) => taken.has(c) || this.codesTaken.get(form.meta.registry)?.has(c) === true,
    });
    const sent = result.registration;
    const key = sent.status === 'sent' ? sent.businessKey : undefined;
    const twin = key
      ? existing.find(
          (r) =>
            r.id !== id &&
            r.status === 'sent' &&
            r.businessKey === key &&
            r.registrationType === form.meta.registrationType,
        )
      : undefined;
    if (twin) throw sentWithSameKey(twin, lang);
    const stored = await this.put(result.registration);
    if (stored.registrationCode) this.codesTaken.get(form.meta.registry)?.add(stored.registrationCode);
    return { ...result, registration: stored };
  }

  private readonly codesTaken = new Map<string, Set<string>>();

  /**
   * Create and, in one step, save as Open (`send: false`) or send: what a batch import does
   * per row. A registration that cannot be sent is not stored (`stored: false`), with every
   * error. The registration codes in use are read once per service, not once per row.
   * `checked`: the data's checkData for this step, worked out already (on another thread).
   */
  async submit(
    form: CompiledForm,
    data: RegistrationData,
    options: { send: boolean; lang?: string; checked?: CheckedData },
  ): Promise<LifecycleResult & { stored: boolean }> {
    const reg = createRegistration(form, this.options);
    const checked = options.checked ? { checked: options.checked } : {};
    if (!options.send) {
      const saved = saveRegistration(reg, form, data, { ...this.options, lang: options.lang, ...checked });
      return { ...saved, registration: await this.put(saved.registration), stored: true };
    }
    let codes = this.codesTaken.get(form.meta.registry);
    if (!codes) {
      const existing = await this.store.list({ registry: form.meta.registry });
      codes = new Set(existing.flatMap((r) => (r.registrationCode ? [r.registrationCode] : [])));
      this.codesTaken.set(form.meta.registry, codes);
    }
    const sent = sendRegistration(reg, form, data, {
      ...this.options,
      lang: options.lang,
      isCodeTaken: codes.has.bind(codes),
      ...checked,
    });
    if (sent.errors.length > 0) return { ...sent, stored: false };
    const stored = await this.put(sent.registration);
    codes.add(stored.registrationCode!);
    return { ...sent, registration: stored, stored: true };
  }

  /**
   * An Open registration made with an earlier compilation of this form's version, carried to
   * the form as it is now and stored (rebaseRegistration); one already on this form is
   * returned as it is. Whoever opens drafts calls this first: saving on another form is refused.
   */
  async rebase(id: string, form: CompiledForm, lang?: string): Promise<Registration> {
    const reg = await this.load(id);
    if (reg.formHash === form.meta.hash || reg.status !== 'open') return reg;
    const { registration } = rebaseRegistration(reg, form, { ...this.options, lang });
    return this.put(registration);
  }

  async delete(id: string): Promise<Registration> {
    const reg = deleteRegistration(await this.load(id), this.options);
    return this.put(reg);
  }

  /** Writes through the store; what the store stored when it changed it (a server's code). */
  async put(registration: Registration): Promise<Registration> {
    return (await this.store.put(registration)) ?? registration;
  }

  get(id: string) {
    return this.store.get(id);
  }

  /** Newest first. */
  async list(filter?: RegistrationFilter): Promise<Registration[]> {
    return (await this.store.list(filter)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The newest non-deleted registration with this business key, if any (corrections replace it). */
  async findByBusinessKey(form: CompiledForm, key: string): Promise<Registration | undefined> {
    const list = await this.list({
      registry: form.meta.registry,
      registrationType: form.meta.registrationType,
    });
    return list.find((r) => r.businessKey === key && r.status !== 'deleted');
  }
}
