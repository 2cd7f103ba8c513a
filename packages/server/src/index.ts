/*
 * @regforms/server: the hospital node. Registrations in PostgreSQL (in process through PGlite,
 * or a server), the system-to-system API, CSV upload, tokens per organisation, the
 * pseudonymised export.
 */
export type { ServerOptions } from './app.ts';
export { buildServer, DEFAULT_BODY_LIMIT, DEFAULT_CSV_LIMIT, DEFAULT_RATE_LIMIT } from './app.ts';
export type { DatabaseOptions, OpenDatabase } from './database.ts';
export { DatabaseError, DEFAULT_DATA, openDatabase, redactUrl } from './database.ts';
export type { DataError } from './errors.ts';
export { ApiError } from './errors.ts';
export type { ExportQuery } from './export.ts';
export {
  exportRegistrations,
  PSEUDONYM_KEY_VARIABLE,
  pseudonym,
  pseudonymise,
  pseudonymKey,
} from './export.ts';
export type { Forms } from './forms.ts';
export { formsOf, loadForms } from './forms.ts';
export type { ApiRegistration } from './registrations.ts';
export type { RunningNode, StartOptions } from './serve.ts';
export { elementBundle, startNode } from './serve.ts';
export type { Caller, Token } from './tokens.ts';
export { callerOf, createToken, listTokens, ORGANISATION, revokeToken, TokenError } from './tokens.ts';
