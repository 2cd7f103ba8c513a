/*
 * The one message system: catalogs of whole sentences per language in ICU MessageFormat
 * (`{name}`, `{n, plural, one {# row} other {# rows}}`, `{kind, select, …}`), formatted with
 * FormatJS's intl-messageformat by each language's CLDR plural rules. Code carries a message
 * key and its parameters and words it only at the edge (screen, report, terminal, HTTP).
 *
 * One difference from ICU on purpose: an apostrophe is always an apostrophe. ICU would read
 * `l'{x}` as quoted text; French and Dutch sentences are full of apostrophes, and no catalog
 * needs a literal brace.
 */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

/** The languages every catalog is written in, in the order the registries list them. */
export const MESSAGE_LANGUAGES = ['fr', 'nl', 'en', 'de'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** One entry: English is the fallback, so it is the one language an entry cannot lack. */
export type MessageTranslations = { en: string } & Partial<Record<Exclude<MessageLanguage, 'en'>, string>>;
export type MessageCatalog<K extends string = string> = Record<K, MessageTranslations>;
export type MessageParams = Record<string, string | number>;

/** The catalog language of a form or user language (`fr-BE` → `fr`); English when it has none. */
export function messageLanguage(lang: string | undefined): MessageLanguage {
  const base = (lang ?? 'en').toLowerCase().split(/[-_]/)[0] as MessageLanguage;
  return MESSAGE_LANGUAGES.includes(base) ? base : 'en';
}

const literalApostrophes = (template: string) => template.replace(/'/g, "''");

/*
 * intl-messageformat resolves every message's locale through Intl.NumberFormat.supportedLocalesOf,
 * whose first call in a page loads the engine's whole locale list (~40 ms in Chromium, before a
 * form's first paint). The catalogs' languages need no lookup: they are answered directly, any
 * other locale (a host's own messages) as the library would.
 */
const resolveLocale = IntlMessageFormat.resolveLocale;
IntlMessageFormat.resolveLocale = (locales) =>
  typeof locales === 'string' && (MESSAGE_LANGUAGES as readonly string[]).includes(locales)
    ? new Intl.Locale(locales)
    : resolveLocale(locales);

/**
 * A formatter over a catalog: `format(lang, key, params)` is the entry in `lang` (English for a
 * language the entry lacks) with its arguments filled. A parameter left out shows as `{name}`
 * instead of failing, so a missing value is seen in the text.
 */
export function messageFormatter<K extends string>(catalog: MessageCatalog<K>) {
  const cache = new Map<string, IntlMessageFormat>();
  return function format(lang: string | undefined, key: K, params: MessageParams = {}): string {
    const language = messageLanguage(lang);
    const entry = catalog[key];
    const template = entry[language] ?? entry.en;
    // Most entries are plain text: no ICU parse (nor the locale lookup it starts with, tens of
    // milliseconds the first time in a page).
    if (!/[{<]/.test(template)) return template;
    const id = `${language}\u0000${key}`;
    let compiled = cache.get(id);
    if (!compiled) {
      compiled = new IntlMessageFormat(literalApostrophes(template), language);
      cache.set(id, compiled);
    }
    // A plain `{name}` prints its value as given (a line number is not grouped in thousands);
    // `{n, number}` and plural or select arguments get it as it is, to format or count.
    const counted = countedArguments(template);
    const values: MessageParams = {};
    for (const name of messageArguments(template))
      values[name] = !(name in params)
        ? `{${name}}`
        : counted.has(name)
          ? params[name]!
          : String(params[name]);
    try {
      return String(compiled.format(values));
    } catch {
      // A count left out cannot pick a plural: the template shows, as a missing value does.
      return template;
    }
  };
}

interface Arguments {
  all: string[];
  /** Used by plural, select or number: they take the value itself. */
  counted: Set<string>;
}
const argumentsCache = new Map<string, Arguments>();

function argumentsOf(template: string): Arguments {
  let found = argumentsCache.get(template);
  if (!found) {
    const all = new Set<string>();
    const counted = new Set<string>();
    const walk = (elements: MessageFormatElement[]) => {
      for (const e of elements) {
        if (e.type === TYPE.argument || e.type === TYPE.date || e.type === TYPE.time) all.add(e.value);
        else if (e.type === TYPE.number) {
          all.add(e.value);
          counted.add(e.value);
        } else if (e.type === TYPE.plural || e.type === TYPE.select) {
          all.add(e.value);
          counted.add(e.value);
          for (const option of Object.values(e.options)) walk(option.value);
        } else if (e.type === TYPE.tag) walk(e.children);
      }
    };
    walk(parse(literalApostrophes(template)));
    found = { all: [...all].sort(), counted };
    argumentsCache.set(template, found);
  }
  return found;
}

const countedArguments = (template: string) => argumentsOf(template).counted;

/** The argument names of a template, sorted: what every language of an entry must agree on. */
export function messageArguments(template: string): string[] {
  return argumentsOf(template).all;
}

/**
 * What is wrong with a catalog, for its tests: an entry missing in a language, a language whose
 * arguments differ from English's, a template ICU cannot parse. Empty when the catalog is whole.
 */
export function catalogProblems(catalog: MessageCatalog): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(catalog)) {
    let english: string[];
    try {
      english = messageArguments(entry.en);
    } catch (e) {
      problems.push(`${key} en: ${(e as Error).message}`);
      continue;
    }
    for (const lang of MESSAGE_LANGUAGES) {
      const template = (entry as Partial<Record<MessageLanguage, string>>)[lang];
      if (!template?.trim()) {
        problems.push(`${key} ${lang}: missing`);
        continue;
      }
      try {
        const names = messageArguments(template);
        if (names.join() !== english.join())
          problems.push(
            `${key} ${lang}: arguments ${names.join(', ') || '(none)'} instead of ${english.join(', ') || '(none)'}`,
          );
      } catch (e) {
        problems.push(`${key} ${lang}: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}
