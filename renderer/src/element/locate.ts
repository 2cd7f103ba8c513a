/*
 * Where a <regforms-form> finds its form, and the fetching of it: light on purpose (no React),
 * so the element's first script can start fetching the form of every element on the page
 * (prefetchForms) while the rest of the element's code is still loading.
 */
import type { ValidatorsModule } from '@regforms/runtime';
import { firstPaintFile } from '../first-paint/files.ts';
import { paintFirst } from '../first-paint/takeover.ts';

interface CatalogJson {
  registries: { id: string; registrationTypes: { id: string; latest: string | null }[] }[];
}

/** Written by `regforms compile` beside each form.json. */
export const VALIDATORS_FILE = 'validators.js';

/**
 * Requests started ahead by prefetchForms, handed to whoever asks until forgetPrefetched (the
 * elements have loaded): a later load fetches again.
 */
const ahead = new Map<string, Promise<unknown>>();

function request(url: string): Promise<unknown> {
  const started = fetch(url).then((res) => {
    if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}`);
    return res.json();
  });
  // Nobody may take it: that must not surface as an unhandled rejection.
  started.catch(() => undefined);
  return started;
}

export function fetchJson(url: string): Promise<unknown> {
  return ahead.get(url) ?? request(url);
}

/** Drops the requests made ahead: the next load of a form fetches it again. */
export function forgetPrefetched(): void {
  ahead.clear();
}

/** The validators module beside a form.json (by the form's hash when given); undefined when there is none. */
export async function importValidators(
  formUrl: string,
  hash?: string,
): Promise<ValidatorsModule | undefined> {
  const url = new URL(VALIDATORS_FILE, formUrl);
  if (hash) url.searchParams.set('hash', hash);
  try {
    return (await import(/* @vite-ignore */ url.href)) as ValidatorsModule;
  } catch {
    return undefined;
  }
}

/**
 * The URL of the form.json an element shows, from its attributes: `src`, or registry and type
 * (the version named, `versionOf` a registration's, else the catalog's most recent).
 */
export async function formUrlOf(
  attribute: (name: string) => string | null,
  versionOf?: string,
): Promise<string> {
  const src = attribute('src');
  if (src) return new URL(src, document.baseURI).href;
  const registry = attribute('registry');
  const type = attribute('type');
  if (!registry || !type)
    throw new Error('Set src="…/form.json", or registry and type (with catalog="…/catalog.json").');
  // A node serves the compiled forms too: `server` alone is enough.
  const server = attribute('server');
  const catalogUrl = new URL(
    attribute('catalog') ??
      (server ? `${server.replace(/\/+$/, '')}/forms/catalog.json` : 'forms/catalog.json'),
    document.baseURI,
  );
  let version = attribute('version') ?? versionOf ?? null;
  if (!version) {
    const catalog = (await fetchJson(catalogUrl.href)) as CatalogJson;
    const entry = catalog.registries
      .find((r) => r.id === registry)
      ?.registrationTypes.find((t) => t.id === type);
    if (!entry) throw new Error(`The catalog has no registration type ${registry}/${type}.`);
    if (!entry.latest) throw new Error(`${registry}/${type} has no published version yet.`);
    version = entry.latest;
  }
  return new URL(`${registry}/${type}/${version}/form.json`, catalogUrl).href;
}

/**
 * Starts fetching the form (and its validators module) of every <regforms-form> already in the
 * page, while the element's code loads: the element then takes the responses under way. An
 * element that names a registration is left alone (its version comes from the registration).
 * An element with `first-paint` shows the form's first paint (first-paint.<lang>.html beside
 * form.json) as soon as it arrives, long before its code has loaded; not a read-only one.
 */
export function prefetchForms(root: ParentNode): void {
  for (const el of root.querySelectorAll('regforms-form')) {
    if (el.getAttribute('registration')) continue;
    const attribute = (name: string) => el.getAttribute(name);
    // The catalog request, when there is one, is handed to formUrlOf through `ahead` too.
    if (!attribute('src') && !attribute('version')) {
      const server = attribute('server');
      const catalog = new URL(
        attribute('catalog') ??
          (server ? `${server.replace(/\/+$/, '')}/forms/catalog.json` : 'forms/catalog.json'),
        document.baseURI,
      ).href;
      if (!ahead.has(catalog)) ahead.set(catalog, request(catalog));
    }
    formUrlOf(attribute)
      .then((url) => {
        if (!ahead.has(url)) ahead.set(url, request(url));
        void importValidators(url);
        if (el.hasAttribute('first-paint') && !el.hasAttribute('readonly')) void showFirstPaint(el, url);
      })
      .catch(() => {
        // The element says what is wrong when it loads.
      });
  }
}

/** The first paint of the element's form, when the file is there; nothing otherwise (the form comes as usual). */
async function showFirstPaint(element: Element, formUrl: string): Promise<void> {
  try {
    const res = await fetch(new URL(firstPaintFile(element.getAttribute('lang')), formUrl));
    if (res.ok) paintFirst(element, await res.text());
  } catch {
    // No first paint: the element paints the form when its code has loaded.
  }
}
