export { LIFECYCLE_MESSAGES, type LifecycleMessage, lifecycleMessage } from './lifecycle-messages.ts';
export type {
  LatestVersions,
  MigrationIssue,
  MigrationReason,
  MigrationRecord,
  MigrationResult,
} from './migrate.ts';
export { migrateRegistration, migrationCandidates, rebaseRegistration } from './migrate.ts';
export { MIGRATION_MESSAGES, migrationIssueText } from './migration-messages.ts';
export type { CheckedData, Clock, Registration, RegistrationStatus } from './registration.ts';
export {
  businessKeyOf,
  businessKeyText,
  checkData,
  createRegistration,
  deleteRegistration,
  LifecycleError,
  newRegistrationCode,
  normalise,
  saveRegistration,
  sendRegistration,
} from './registration.ts';
export type { Auth, ServerStoreOptions, SyncedStoreOptions, SyncSource, SyncStatus } from './server-store.ts';
export { isSyncSource, ServerStore, SyncedStore } from './server-store.ts';
export type { LifecycleResult } from './service.ts';
export { Registrations, sentWithSameKey } from './service.ts';
export type { RegistrationFilter, RegistrationStore } from './store.ts';
export { assertWritable, callbackStore, INDEXEDDB_VERSION, IndexedDbStore, MemoryStore } from './store.ts';
