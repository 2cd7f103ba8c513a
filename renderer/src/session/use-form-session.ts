/* The form session in React: created for a component's lifetime, its state as React state. */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import {
  createFormSession,
  type FormSession,
  type FormSessionOptions,
  type FormSessionState,
} from './form-session.ts';

/** The options of a session to create, or a session made elsewhere (a host's) with options to apply. */
export type UseFormSessionOptions =
  | (FormSessionOptions & { session?: undefined })
  | (Partial<FormSessionOptions> & { session: FormSession });

/**
 * The given session, or one for these options (a new one when the form, the store or the
 * autosave delay changes); the language, read-only flag and registration to open, when given,
 * are kept in step with the options. Attached (autosave, save on leaving the page) while mounted.
 */
export function useFormSession(options: UseFormSessionOptions): FormSession {
  const { form, registrations, autosave, session: given } = options;
  // The other options are applied below, to the same session.
  const own = useMemo(
    () => (options.session ? undefined : createFormSession(options)),
    [given, form, registrations, autosave],
  );
  const session = given ?? own!;
  if (!given) session.setEvents(options);
  const { lang, readOnly, registration } = options;
  useEffect(() => session.attach(), [session]);
  useEffect(() => {
    if (lang !== undefined) session.setLang(lang);
  }, [session, lang]);
  useEffect(() => {
    if (readOnly !== undefined) session.setReadOnly(readOnly);
  }, [session, readOnly]);
  useEffect(() => {
    if (registration) session.open(registration);
  }, [session, registration]);
  return session;
}

/** The session's state, re-rendering on every change. */
export function useFormSessionState(session: FormSession): FormSessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}
