/*
 * CSV problems in the studio's language. Validation errors (lowercase keywords: required,
 * enum, …) already carry the form's own message in the chosen language; the file-level and
 * row-shape codes of @regforms/csv are worded in English there, so the common ones are said
 * here in the user's language (their hint, when any, still says how to fix it).
 */
import type { UiKey } from '../i18n.tsx';

const TRANSLATED = new Set([
  'EMPTY_FILE',
  'NO_DATA_ROWS',
  'BOM',
  'ENCODING_NOT_UTF8',
  'SEPARATOR_COMMA',
  'SEPARATOR_TAB',
  'LINE_ENDINGS_CRLF',
  'UNKNOWN_COLUMN',
  'MISSING_REQUIRED_COLUMN',
  'STATUS_INVALID',
  'ROW_TOO_SHORT',
  'ROW_TOO_LONG',
]);

export function issueText(
  issue: { code: string; message: string; column?: string; value?: string },
  t: (key: UiKey, vars?: Record<string, string | number>) => string,
): string {
  if (!TRANSLATED.has(issue.code)) return issue.message;
  return t(`csvIssue.${issue.code}` as UiKey, { column: issue.column ?? '', value: issue.value ?? '' });
}
