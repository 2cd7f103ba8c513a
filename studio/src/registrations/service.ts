/* The studio's registrations: one IndexedDB database, so they survive a reload like in HD4DP. */
import { IndexedDbStore, Registrations } from '@regforms/registrations';

/** The database's name: the CSV worker opens the same one. */
export const STUDIO_DATABASE = 'regforms-studio';

export const registrations = new Registrations(new IndexedDbStore(STUDIO_DATABASE));
