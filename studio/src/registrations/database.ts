/** The studio's IndexedDB database of registrations, opened by the page and by the CSV worker. */
export const STUDIO_DATABASE = 'regforms-studio';
