/**
 * The inputs of a form whose typing is not committed yet (their commit pause has not run out).
 * The form flushes them before it reads its data to save or send, so a value typed just before
 * Save, an autosave or the host's save() is in what is stored.
 */
export class PendingEdits {
  private readonly inputs = new Map<() => void, () => boolean>();
  /**
   * An input's flush, and whether it has text to commit (unknown: assumed so). Returns its
   * removal.
   */
  add(flush: () => void, pending: () => boolean = () => true): () => void {
    this.inputs.set(flush, pending);
    return () => {
      this.inputs.delete(flush);
    };
  }
  /** Has any input text not committed yet? */
  get pending(): boolean {
    for (const pending of this.inputs.values()) if (pending()) return true;
    return false;
  }
  /** Commits every input's pending text now (as on blur). */
  flush(): void {
    for (const f of [...this.inputs.keys()]) f();
  }
}
