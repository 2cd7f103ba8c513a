/* The studio's registrations: one IndexedDB database, so they survive a reload like in HD4DP. */
import { IndexedDbStore, Registrations } from '@regforms/registrations';

export const registrations = new Registrations(new IndexedDbStore('regforms-studio'));
