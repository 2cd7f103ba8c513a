/*
 * The studio's registrations: on the hospital node when the studio runs with one (`pnpm start`:
 * its API under this origin, the token added by the dev server), else in one IndexedDB database
 * of this browser, so they survive a reload like in HD4DP either way.
 */
import { IndexedDbStore, Registrations, ServerStore } from '@regforms/registrations';
import { STUDIO_DATABASE } from './database.ts';

/** The studio keeps registrations on a hospital node (`regforms serve`). */
export const ON_NODE = import.meta.env.VITE_REGFORMS_NODE === 'on';

export const registrations = new Registrations(
  ON_NODE ? new ServerStore({ url: '' }) : new IndexedDbStore(STUDIO_DATABASE),
);
