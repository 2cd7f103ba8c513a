/*
 * The formats a compiled form's schema uses (ajv-formats' full set and `niss`), shared by
 * run-time compilation (ajv.ts) and by the ahead-of-time validators module, whose code reads
 * them through `require(FORMATS_MODULE)`. No ajv compiler here: browsers load this file.
 */
import * as ajvFormats from 'ajv-formats/dist/formats.js';
import { isValidNiss } from './niss.ts';

/** The name a validators module asks its formats by. */
export const FORMATS_MODULE = 'regforms:formats';

export const NISS_FORMAT = { type: 'string', validate: isValidNiss } as const;

/** A CommonJS module's exports, whichever way the importer (Node, a bundler) wraps them. */
export function cjsExports<T>(ns: unknown): T {
  const n = ns as { default?: unknown };
  return (n.default && typeof n.default === 'object' ? n.default : n) as T;
}

export const FORMATS: Record<string, unknown> = {
  ...cjsExports<{ fullFormats: Record<string, unknown> }>(ajvFormats).fullFormats,
  niss: NISS_FORMAT,
};
