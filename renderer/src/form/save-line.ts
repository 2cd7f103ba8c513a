/*
 * The save state the form's save line says, followed outside React.
 *
 * It says a state only once it lasts: an autosave while typing usually takes a few
 * milliseconds, and a change is saved by the autosave due within the second. Saying "Unsaved
 * changes", "Saving…", "Saved" for each would flash words nobody can read, and have screen
 * readers announce them (the line is a live region) every second or so. So a save shows
 * "Saving…" only when slow (a node far away), and a change covered by a scheduled autosave keeps
 * the line as it was until that autosave is overdue. A failed save, or no autosave (off,
 * read-only), says "Unsaved changes" at once.
 *
 * Speed: the session's save state changes three times per autosave (unsaved, saving, saved),
 * about every second while someone types. Followed here rather than in the component, those
 * changes cost a comparison each, and the component renders only when the words change.
 */
import type { FormSession, FormSessionState, SaveState } from '../session/form-session.ts';

/** A save shorter than this is not announced: the line goes from unsaved to saved. */
const SAVING_SHOWN_AFTER_MS = 400;

/** A save failed: the session's notice says why. */
const saveFailed = (s: FormSessionState) => s.notice?.severity === 'error' && s.notice.key === 'lifecycle';

export interface SaveLine {
  /** The state the line says now. */
  get(): SaveState;
  /** Called when the state the line says changes; follows the session while subscribed. */
  subscribe(listener: () => void): () => void;
}

export function saveLine(session: FormSession): SaveLine {
  let shown = session.getState().saveState;
  // Each change of the session's save state starts a phase; `late` names the phase that lasted.
  let phase = { saveState: shown, n: 0 };
  let late = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The phase and due time the timer waits for ('' when none). */
  let waitingFor = '';
  let unsubscribe: (() => void) | undefined;
  const listeners = new Set<() => void>();

  function stopWaiting(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    waitingFor = '';
  }

  function update(): void {
    const s = session.getState();
    if (phase.saveState !== s.saveState) phase = { saveState: s.saveState, n: phase.n + 1 };
    const due = s.saveState === 'dirty' && !saveFailed(s) ? session.autosaveDue() : undefined;
    const transient = s.saveState === 'saving' || due !== undefined;
    const wait = transient ? `${phase.n}@${due ?? 'now'}` : '';
    if (wait !== waitingFor) {
      stopWaiting();
      if (transient) {
        const n = phase.n;
        waitingFor = wait;
        timer = setTimeout(
          () => {
            timer = undefined;
            late = n;
            update();
          },
          (due === undefined ? 0 : Math.max(0, due - Date.now())) + SAVING_SHOWN_AFTER_MS,
        );
      }
    }
    const next = !transient || late === phase.n ? s.saveState : shown;
    if (next === shown) return;
    shown = next;
    for (const l of [...listeners]) l();
  }

  return {
    get: () => shown,
    subscribe(listener) {
      listeners.add(listener);
      if (!unsubscribe) {
        unsubscribe = session.subscribe(update);
        update();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !unsubscribe) return;
        unsubscribe();
        unsubscribe = undefined;
        stopWaiting();
      };
    },
  };
}
