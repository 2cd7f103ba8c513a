/** Date and time in the user's language, Belgian conventions. */
export function formatDateTime(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(`${lang}-BE`, { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
