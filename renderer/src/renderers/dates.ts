import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import 'dayjs/locale/de.js';
import 'dayjs/locale/en-gb.js';
import 'dayjs/locale/fr.js';
import 'dayjs/locale/nl-be.js';

dayjs.extend(customParseFormat);

/** The dayjs locale of a form language: Belgian conventions (weeks start on Monday). */
export function dayjsLocale(locale: string): string {
  const lang = locale.slice(0, 2).toLowerCase();
  if (lang === 'nl') return 'nl-be';
  if (lang === 'de') return 'de';
  if (lang === 'fr') return 'fr';
  return 'en-gb';
}

/** What a clinician may type for a date: day, month, four-digit year in that order. */
const TYPED_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD/M/YYYY', 'D/MM/YYYY', 'DDMMYYYY', 'YYYY-MM-DD'];

/** Parses typed text (03/09/2024, 3.9.2024, 03-09-2024, 03092024) strictly; null when not a date. */
export function parseDateText(text: string): Dayjs | null {
  const t = text.trim();
  if (!t) return null;
  const normalised = /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : t.replace(/[.\-\s]+/g, '/');
  const d = dayjs(normalised, TYPED_FORMATS, true);
  return d.isValid() ? d : null;
}

/** ISO yyyy-mm-dd of typed text, or null. */
export function typedDateToIso(text: string): string | null {
  return parseDateText(text)?.format('YYYY-MM-DD') ?? null;
}

/** A stored value as shown: ISO dates as dd/mm/yyyy, anything else (an invalid entry) as it is. */
export function isoToTyped(data: unknown): string {
  if (typeof data !== 'string') return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(data)) {
    const d = dayjs(data, 'YYYY-MM-DD', true);
    if (d.isValid()) return d.format('DD/MM/YYYY');
  }
  return data;
}

/**
 * Light typing mask: when the user has just completed the day or the month, the slash is added;
 * anything but digits and separators is dropped. Deleting never re-adds a slash.
 */
export function maskDateTyping(previous: string, next: string): string {
  let t = next.replace(/[^\d/.\-\s]/g, '').replace(/[.\-\s]/g, '/');
  t = t.replace(/\/{2,}/g, '/');
  if (t.length > previous.length && (/^\d{2}$/.test(t) || /^\d{1,2}\/\d{2}$/.test(t))) t += '/';
  return t.slice(0, 10);
}

/** dayjs of a stored ISO date, or null. */
export function isoToDayjs(data: unknown): Dayjs | null {
  if (typeof data !== 'string') return null;
  const d = dayjs(data, 'YYYY-MM-DD', true);
  return d.isValid() ? d : null;
}

/** Parses typed time (9:30, 09:30, 0930, 930, 9h30, 9.30) to hh:mm, or null. */
export function typedTimeToHhmm(text: string): string | null {
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,2})[:h.\s]?(\d{2})$/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Time typing mask: the colon is added after two hour digits; only digits and one colon. */
export function maskTimeTyping(previous: string, next: string): string {
  let t = next.replace(/[h.\s]/gi, ':').replace(/[^\d:]/g, '');
  t = t.replace(/:{2,}/g, ':');
  if (t.length > previous.length && /^\d{2}$/.test(t)) t += ':';
  return t.slice(0, 5);
}
