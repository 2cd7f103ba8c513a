/*
 * Commits of values the screen already shows: what a typed input commits after a pause is the
 * text the browser has been showing all along. When nothing else in the section reads that
 * field (no rule tests it, no other control shows it), the section's store takes the value
 * without rendering anything (see SectionJsonForms): a keystroke then costs no React render
 * at all, which on a large section is most of its cost.
 *
 * The elements' views stay right: each value taken this way is recorded here, and the next
 * render of the section gives the element that reads it its current context (LayoutChildren),
 * so a later change from outside (a registration opened, a reset) is seen even when it puts
 * back the very value the element last rendered with.
 */

/** The values a section's store took without a render, in the context JSON Forms hands down. */
export interface ShownCommits {
  /** How many values were taken so far. */
  serial: number;
  /** The last value taken at each data path, and its serial. */
  at: Map<string, { serial: number; value: unknown }>;
}

/** The commit under way, when a control says its value is already shown. */
let underWay: { taken: boolean } | undefined;

/**
 * Runs a control's commit of a value its input already shows. True when the section took it
 * without a render: the control's own view of the data is then this value.
 */
export function commitShown(commit: () => void): boolean {
  const outer = underWay;
  const mine = { taken: false };
  underWay = mine;
  try {
    commit();
  } finally {
    underWay = outer;
  }
  return mine.taken;
}

/** For a section's store: the shown commit under way (mark it `taken`), if any. */
export function shownCommitUnderWay(): { taken: boolean } | undefined {
  return underWay;
}

/** The context's record of the values taken without a render, when it has one. */
export function shownCommitsOf(ctx: object): ShownCommits | undefined {
  return (ctx as { shownCommits?: ShownCommits }).shownCommits;
}
