/* The studio's registrations: one IndexedDB database, so they survive a reload like in HD4DP. */
import { IndexedDbStore, Registrations } from '@regforms/registrations';
import { STUDIO_DATABASE } from './database.ts';

export const registrations = new Registrations(new IndexedDbStore(STUDIO_DATABASE));
