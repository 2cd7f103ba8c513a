export type { CompileResult } from './compile.ts';
export { compileDefinitions } from './compile.ts';
export { conditionSchema } from './emit/condition.ts';
export { COMPILER_VERSION, emitForm } from './emit/form.ts';
export { GENERIC_MESSAGES } from './emit/messages.ts';
export { validatorsModule } from './emit/validators.ts';
export type { Lock, LockEntry, LockUpdate } from './versions.ts';
export {
  checkLock,
  checkVersionBumps,
  formatLock,
  readLock,
  updateLock,
  versionKey,
} from './versions.ts';
