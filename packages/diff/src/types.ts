/** HD4DP's semver rule: major = existing drafts or records become invalid; minor = compatible; patch = wording. */
export type ChangeClass = 'major' | 'minor' | 'patch';

export type ChangeKind =
  | 'field-added'
  | 'field-removed'
  /** Same id, new technical name (CSV column / S2S key). */
  | 'field-renamed'
  /** Same technical name, new id. */
  | 'field-reidentified'
  /** Moved into or out of a repeat: its values live somewhere else in the data. */
  | 'field-scope-changed'
  /** Moved to another section. */
  | 'field-moved'
  | 'type-changed'
  | 'code-added'
  | 'code-removed'
  | 'code-relabelled'
  | 'code-binding-changed'
  | 'codes-reordered'
  | 'required-changed'
  | 'visible-changed'
  | 'enabled-changed'
  | 'compute-changed'
  | 'check-added'
  | 'check-removed'
  | 'check-message-changed'
  | 'constraint-changed'
  | 'repeat-limit-changed'
  | 'unit-changed'
  | 'label-changed'
  | 'help-changed'
  | 'message-changed'
  | 'display-changed'
  | 'section-added'
  | 'section-removed'
  | 'section-moved'
  | 'section-relabelled'
  | 'section-visible-changed'
  | 'business-key-changed'
  | 'form-text-changed';

/** One difference between two versions, with its class and why. */
export interface Change {
  kind: ChangeKind;
  /** Stable id of the field (of the new version when it exists), or of the section; '' for the form. */
  fieldId: string;
  /** Technical name (of the new version when it exists); a section's TX_TTL_ name; absent for notes. */
  technicalName?: string;
  /** Technical name of the repeat whose items hold the field. */
  repeat?: string;
  /** What changed: 'min', 'label', 'visible', a code, … */
  property?: string;
  before?: unknown;
  after?: unknown;
  class: ChangeClass;
  /** One sentence: what changed and why it has this class. */
  reason: string;
}

/** The changes from one version of a registration type to another. */
export interface VersionDiff {
  registry: string;
  registrationType: string;
  from: string;
  to: string;
  /** The smallest bump these changes need; null when nothing changed. */
  bump: ChangeClass | null;
  changes: Change[];
}
