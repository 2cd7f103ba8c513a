/* The form session in React: created for a component's lifetime, its state as React state. */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
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

/**
 * The session's state, re-rendering on every change. It is the same on a server as in the page
 * (a server render, react-dom/server, reads it as the page's first render would), so it is
 * also the server snapshot, here and in useFormSessionSelector.
 */
export function useFormSessionState(session: FormSession): FormSessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/**
 * One slice of the session's state: the component renders again only when `select` gives
 * another value (Object.is). `select` must be stable (module-level, or useCallback) or the
 * slice is taken again on every render. Hand-written rather than React's separate
 * use-sync-external-store/with-selector package: this is all of it that a view needs.
 */
export function useFormSessionSelector<T>(session: FormSession, select: (state: FormSessionState) => T): T {
  const last = useRef<{ state: FormSessionState; select: (state: FormSessionState) => T; value: T }>(
    undefined,
  );
  const snapshot = useCallback(() => {
    const state = session.getState();
    const before = last.current;
    if (before && before.state === state && before.select === select) return before.value;
    const value = select(state);
    // Equal slices keep the earlier value: useSyncExternalStore then skips the render.
    last.current = { state, select, value: before && Object.is(before.value, value) ? before.value : value };
    return last.current.value;
  }, [session, select]);
  return useSyncExternalStore(session.subscribe, snapshot, snapshot);
}
