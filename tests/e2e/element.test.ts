/*
 * <regforms-form> end to end in real Chromium, as a hospital portal uses it: the example page
 * loads the one-script bundle; a clinician fills a real registration type (ANGIO follow-up
 * after PCI), saves, reloads (the draft comes back, also on its version compiled again), sends with a missing field (errors,
 * jump to the field), completes it and sends (registration code, read-only).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRICT_CSP } from '../../renderer/vite.config.ts';
import { collectConsoleErrors, launch, serveExample } from './browser.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveExample>>;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serveExample()]);
  context = await browser.newContext();
  page = await context.newPage();
  consoleErrors = collectConsoleErrors(page);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const form = () => page.locator('regforms-form');
const author = () => form().getByLabel(/^Auteur/);
const section = (name: RegExp) => form().getByRole('navigation').getByRole('button', { name });
const radio = (group: RegExp, option: string) =>
  form().getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true });

/** Types into a field and leaves it with Tab, as a clinician does (an error under it may go away). */
async function type(label: string | RegExp, text: string) {
  const input = form().getByLabel(label);
  await input.fill(text);
  await input.press('Tab');
}

async function open() {
  await page.goto(`${server.url}?registry=angio&type=follow-up-pci&lang=fr`);
  await form().getByRole('heading', { level: 1 }).waitFor();
}

describe('<regforms-form> on the example portal', () => {
  it('loads the most recent version of the registration type from one script tag', async () => {
    await open();
    expect(await form().getByRole('heading', { level: 1 }).textContent()).toBe('Suivi après PCI (1 an)');
    expect(await page.locator('#events').textContent()).toContain('ready: angio/follow-up-pci@2.0.0');
    // The host page has no React of its own: only the bundle's script.
    expect(
      await page.evaluate(() =>
        [...document.scripts].filter((s) => s.src).map((s) => new URL(s.src).pathname),
      ),
    ).toEqual(['/portal.js', '/regforms-form.js']);
  }, 60_000);

  it('runs under a strict Content Security Policy: no inline script, no eval, validators from the compiler', async () => {
    const response = await page.goto(`${server.url}?registry=angio&type=follow-up-pci&lang=fr`);
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    await form().getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
    // The form's validators module was loaded beside its form.json; ajv's compiler never was.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    expect(scripts).toContain('/forms/angio/follow-up-pci/2.0.0/validators.js');
    expect(scripts.filter((p) => /ajv/i.test(p))).toEqual([]);
    // The tests below fill, save, reload and send under this policy.
  }, 60_000);

  it('saves a draft and restores it after a reload', async () => {
    await author().fill('Dr Janssens');
    // Enter submits the field's own form (FieldForm): that goes nowhere, the text stays.
    const navigated = page.waitForEvent('framenavigated', { timeout: 1500 }).then(
      () => true,
      () => false,
    );
    await author().press('Enter');
    expect(await navigated).toBe(false);
    expect(await author().inputValue()).toBe('Dr Janssens');
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await form().locator('[data-save-state="saved"]').waitFor();
    await page.reload();
    await form().getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => author().inputValue()).toBe('Dr Janssens');
    expect(await form().locator('[data-status]').getAttribute('data-status')).toBe('open');
  }, 60_000);

  it('resumes a draft saved with an earlier compilation of the same version', async () => {
    // The portal now serves version 2.0.0 compiled again (a newer regforms, say): another hash,
    // another title. The draft saved above was made with the first compilation.
    const recompiled = '**/angio/follow-up-pci/2.0.0/form.json';
    const itsValidators = '**/angio/follow-up-pci/2.0.0/validators.js';
    await page.route(recompiled, async (route) => {
      const served = await route.fetch();
      const compiled = await served.json();
      compiled.meta.hash = 'f'.repeat(64);
      compiled.i18n.fr['form.title'] = 'Suivi après PCI (compilé à nouveau)';
      await route.fulfill({ response: served, json: compiled });
    });
    // Its validators module comes with it (compiled together, the same hash).
    await page.route(itsValidators, async (route) => {
      const served = await route.fetch();
      const code = (await served.text()).replace(
        /^export const hash = ".*";$/m,
        `export const hash = "${'f'.repeat(64)}";`,
      );
      await route.fulfill({ response: served, body: code });
    });
    try {
      await page.reload();
      await expect
        .poll(() => form().getByRole('heading', { level: 1 }).textContent())
        .toBe('Suivi après PCI (compilé à nouveau)');
      await expect.poll(() => author().inputValue()).toBe('Dr Janssens');
      // Saving on the form as it is now works (it was refused before the draft was carried over).
      await type(/^Auteur/, 'Dr Janssens-Peeters');
      await form().getByRole('button', { name: 'Enregistrer' }).click();
      await form().locator('[data-save-state="saved"]').waitFor();
      expect(await form().getByTestId('notice').count()).toBe(0);
    } finally {
      await page.unroute(recompiled);
      await page.unroute(itsValidators);
    }
    // Back on the original compilation, the browser may still hold the other module in its
    // cache: the element asks again for the one compiled with the form it got (a deploy, too).
    // And back on the original compilation, the same draft resumes again.
    await page.reload();
    await expect.poll(() => author().inputValue()).toBe('Dr Janssens-Peeters');
  }, 60_000);

  it('refuses to send with missing fields, lists them, and jumps to one', async () => {
    await form().getByRole('button', { name: 'Envoyer' }).click();
    const list = form().getByTestId('error-list');
    await list.waitFor();
    const items = await list.getByRole('listitem').allTextContents();
    expect(items).toContain('Date de naissance — Ce champ est obligatoire.');
    expect(await form().locator('[data-status]').getAttribute('data-status')).toBe('open');
    await list.getByRole('button', { name: 'Date de naissance' }).click();
    await expect
      .poll(() => form().getByRole('heading', { level: 2 }).textContent())
      .toBe('Identification du patient');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.activeElement?.closest('.MuiFormControl-root, .MuiTextField-root')?.textContent ?? '',
        ),
      )
      .toContain('Date de naissance');
  }, 60_000);

  it('sends once complete: registration code shown, form read-only', async () => {
    // As the DCD has it: author group and co-author are required too.
    await section(/Auteur/).click();
    await type(/^Groupe d'auteurs/, 'Cardiologie interventionnelle');
    await type(/^Co-auteur/, 'Dr Peeters');
    await section(/Identification du patient/).click();
    await type('Numéro de registre national du patient', '93051822361');
    await type('Date de naissance', '18/05/1993');
    await radio(/^Sexe/, 'Femme').check();
    // The place of residence is the DCD's code list (postcodes): searched, then chosen.
    await form()
      .getByLabel(/^Lieu de résidence/)
      .fill('1000');
    await page.getByRole('option', { name: /^1000\b/ }).click();
    await section(/Suivi/).click();
    await radio(/invité à une consultation de suivi/, 'Oui').check();
    await radio(/est venu à la consultation/, 'Oui').check();
    await type('Date de la consultation ou du dernier contact avec le patient', '01/03/2025');
    await radio(/nouvelle hospitalisation avec FFR/, 'Non').check();
    await radio(/nouvelle hospitalisation avec pontage/, 'Non').check();
    await form().getByRole('button', { name: 'Envoyer' }).click();
    const code = form().getByTestId('registration-code');
    await code.or(form().getByTestId('error-list')).first().waitFor();
    // On failure, say which fields the form still refused.
    expect(await form().getByTestId('error-list').allTextContents()).toEqual([]);
    expect(await code.textContent()).toMatch(/Code d'enregistrement: ANGIO-\d{4}-[0-9A-Z]{10}/);
    expect(await form().locator('[data-status]').getAttribute('data-status')).toBe('sent');
    expect(await form().getByRole('button', { name: 'Envoyer' }).count()).toBe(0);
    expect(
      await form().getByLabel('Date de la consultation ou du dernier contact avec le patient').isDisabled(),
    ).toBe(true);
    expect(await page.locator('#events').textContent()).toMatch(/sent: ANGIO-/);
  }, 60_000);

  it('switches language live from the host page', async () => {
    await page.locator('#lang-picker').selectOption('nl');
    await expect
      .poll(() => form().getByRole('heading', { level: 1 }).textContent())
      .toBe('Follow-up na PCI (1 jaar)');
  }, 60_000);

  it('opens a registration named by the host with the version it was made with', async () => {
    const events = () => page.locator('#events').textContent();
    const set = (attributes: Record<string, string | null>) =>
      page.evaluate((a) => {
        const el = document.querySelector('regforms-form')!;
        for (const [k, v] of Object.entries(a)) v === null ? el.removeAttribute(k) : el.setAttribute(k, v);
      }, attributes);
    // A draft on angio/hospitalisation 1.0.0, whose most recent version is 1.1.0.
    await set({ lang: 'fr', registry: 'angio', type: 'hospitalisation', version: '1.0.0', resume: 'false' });
    await expect.poll(events).toContain('ready: angio/hospitalisation@1.0.0');
    await author().fill('Dr Wouters');
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await form().locator('[data-save-state="saved"]').waitFor();
    const id = await page.evaluate(
      () =>
        (document.querySelector('regforms-form') as unknown as { registration: { id: string } }).registration
          .id,
    );

    // Named without a version: the form of 1.0.0, not the most recent, with the draft in it.
    await set({ version: null, registration: id });
    await expect
      .poll(async () => (await events())?.match(/ready: angio\/hospitalisation@1\.0\.0/g)?.length)
      .toBe(2);
    await expect.poll(() => author().inputValue()).toBe('Dr Wouters');
    expect(await form().getByText('v1.0.0').count()).toBe(1);

    // Named with another version: said plainly, nothing opened against the wrong form.
    await set({ version: '1.1.0' });
    await expect
      .poll(() => form().getByRole('alert').textContent())
      .toBe(
        `Registration ${id} was made with angio/hospitalisation@1.0.0, and this form is angio/hospitalisation@1.1.0: leave out src and version to open it with its own version.`,
      );
    await set({ version: null, registration: null, resume: null });
  }, 60_000);

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});

describe('<regforms-form> given a bare form.json (no validators module beside it)', () => {
  const bareForm = async (csp: string) => {
    const served = await serveExample({ csp });
    try {
      const bare = join(served.dir, 'bare');
      mkdirSync(bare, { recursive: true });
      copyFileSync(join(served.dir, 'forms/angio/follow-up-pci/2.0.0/form.json'), join(bare, 'form.json'));
      // A context of its own: nothing cached from the portal's pages above.
      const own = await browser.newContext();
      const p = await own.newPage();
      await p.goto(`${served.url}?src=./bare/form.json&store=memory&lang=fr`);
      const element = p.locator('regforms-form');
      await element.getByRole('heading', { level: 1 }).or(element.getByRole('alert')).first().waitFor();
      const alert = (await element.getByRole('alert').count())
        ? await element.getByRole('alert').textContent()
        : '';
      await own.close();
      return alert;
    } finally {
      await served.close();
    }
  };

  it('says what to serve where the policy forbids compiling validators in the page', async () => {
    expect(await bareForm(STRICT_CSP)).toBe(
      "This form came without its validators module (validators.js beside form.json, written by `regforms compile`), and this page's Content Security Policy forbids compiling one here: serve validators.js with the form.",
    );
  }, 60_000);

  it('compiles them in the page where the policy allows it', async () => {
    expect(await bareForm(STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"))).toBe(
      '',
    );
  }, 60_000);
});
