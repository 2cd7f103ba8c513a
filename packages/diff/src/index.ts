export { bumpVersion, declaredBump } from './bump.ts';
export { compareClasses, diffVersions, maxClass } from './diff.ts';
export type { Direction, FieldFacts, Rename } from './expr.ts';
export { alternatives, cannotHoldForOldData, direction, normalise } from './expr.ts';
export { changeTarget, formatDiff } from './format.ts';
export { contentHash, fileHash } from './hash.ts';
export type { Change, ChangeClass, ChangeKind, VersionDiff } from './types.ts';
