/*
 * The one shape of every error the API answers: an HTTP status, a stable code a program can
 * test, a sentence for a person (what is wrong and how to fix it) and, for invalid data, every
 * error located by technical name and path.
 */
export interface DataError {
  /** Technical name of the field ('' for the form as a whole). */
  name: string;
  /** JSON path in `data`, e.g. `PCI[1].DT_PCI`. */
  path: string;
  /** The rule: required, format, minimum, check, … */
  code: string;
  /** The form's own message, in the request's language. */
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { statusCode: this.statusCode, code: this.code, message: this.message, ...this.extra };
  }
}

/** `['PCI', 1, 'DT_PCI']` → `PCI[1].DT_PCI`. */
export function jsonPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
