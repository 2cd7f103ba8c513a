/**
 * The inputs of a form whose typing is not committed yet (their commit pause has not run out).
 * The form flushes them before it reads its data to save or send, so a value typed just before
 * Save, an autosave or the host's save() is in what is stored.
 */
export class PendingEdits {
  private readonly flushes = new Set<() => void>();
  add(flush: () => void): () => void {
    this.flushes.add(flush);
    return () => {
      this.flushes.delete(flush);
    };
  }
  /** Commits every input's pending text now (as on blur). */
  flush(): void {
    for (const f of [...this.flushes]) f();
  }
}
