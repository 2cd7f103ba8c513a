/*
 * What a clinician and a registry designer meet every day in the studio, each as a test that
 * failed before its fix (issue: usability and output safety): the required mark follows the
 * validator, units do not cover labels, the error list after Send, the version preview, saving
 * a broken definition, unambiguous actions, long labels, language and navigation, layout.
 * One studio server and one browser; each test has its own browser context and fails on any
 * console error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launch } from './browser.ts';
import { type Studio, startStudio } from './studio-server.ts';

let studio: Studio;
let browser: Browser;

beforeAll(async () => {
  [studio, browser] = await Promise.all([startStudio(), launch()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

async function openStudio(
  hash = '',
  locale = 'en-GB',
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(`${studio.url}#/${hash}`);
  return { page, errors, close: () => context.close() };
}

/** A new registration of a type (its most recent version), its form on screen. */
async function newRegistration(hash: string, locale?: string) {
  const opened = await openStudio(`r/${hash}/registration/new`, locale);
  await opened.page.locator('[data-status]').first().waitFor({ timeout: 60_000 });
  return opened;
}

const section = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('button', { name });

/** The visible label text of an input (with its asterisk when marked required). */
const labelOf = (page: Page, inputId: string) =>
  page.locator(`label[for="${inputId}"]`).first().textContent();

describe('what a clinician meets', () => {
  it('1. marks a field required exactly when the validator requires it (required when shown)', async () => {
    const { page, errors, close } = await newRegistration('angio/hospitalisation');
    await section(page, /Patient identification/).click();
    const niss = page.getByLabel(/^Patient's national number/);
    const first = page.getByLabel(/^First name/);
    await first.waitFor();
    const firstId = (await first.getAttribute('id'))!;
    // No national number: the names are required (the pseudonymous code is made from them).
    expect(await labelOf(page, firstId)).toMatch(/\*\s*$/);
    expect(await first.getAttribute('aria-required')).toBe('true');
    await niss.fill('93051822361');
    await niss.press('Tab');
    await expect.poll(() => labelOf(page, firstId)).not.toMatch(/\*/);
    expect(await first.getAttribute('aria-required')).toBeNull();
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});

/** The boxes of the outlined inputs of the current section, top to bottom. */
async function boxes(page: Page) {
  const all = await page.locator('main .MuiOutlinedInput-root').all();
  const out: { top: number; bottom: number; left: number; right: number }[] = [];
  for (const b of all) {
    const r = await b.boundingBox();
    if (r) out.push({ top: r.y, bottom: r.y + r.height, left: r.x, right: r.x + r.width });
  }
  return out.sort((a, b) => a.top - b.top);
}

describe('what a clinician meets: numbers, errors, layout', () => {
  it('2. shows a number field’s unit beside the value, never over its label, and the label without the unit again', async () => {
    const { page, errors, close } = await newRegistration('angio/hospitalisation');
    await section(page, /Cardiovascular history/).click();
    const egfr = page.getByLabel(/^Most recent eGFR/);
    await egfr.waitFor();
    const id = (await egfr.getAttribute('id'))!;
    const label = page.locator(`label[for="${id}"]`);
    const unit = page.locator(`[id="${id}-unit"]`);
    expect(await unit.textContent()).toBe('mL/min/1,73 m²');
    // The label says the quantity; the unit is said once, beside the input.
    expect(await label.textContent()).toBe('Most recent eGFR');
    const l = (await label.boundingBox())!;
    const u = (await unit.boundingBox())!;
    const overlap = !(
      l.x + l.width <= u.x ||
      u.x + u.width <= l.x ||
      l.y + l.height <= u.y ||
      u.y + u.height <= l.y
    );
    expect(overlap).toBe(false);
    for (const name of [/^Most recent serum creatinine/, /^Systolic blood pressure/]) {
      const input = page.getByLabel(name);
      const inputId = (await input.getAttribute('id'))!;
      const lb = (await page.locator(`label[for="${inputId}"]`).boundingBox())!;
      const ub = (await page.locator(`[id="${inputId}-unit"]`).boundingBox())!;
      expect(lb.y + lb.height <= ub.y || lb.x + lb.width <= ub.x).toBe(true);
    }
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('3. lists the errors of a refused Send by section in form order, one per cause, summed up at the top with the focus', async () => {
    const { page, errors, close } = await newRegistration('angio/hospitalisation');
    await section(page, /Patient identification/).click();
    const dob = page.getByLabel(/^Date of birth/);
    await dob.fill('31/02/1969');
    await dob.press('Tab');
    await section(page, /Admission data/).click();
    const admission = page.getByLabel(/^Admission date/);
    await admission.fill('01/03/2024');
    await admission.press('Tab');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    // The summary is above the form, and has the focus.
    const summaryBox = (await summary.boundingBox())!;
    const formTop = (await page.getByRole('navigation', { name: 'Sections' }).boundingBox())!;
    expect(summaryBox.y).toBeLessThan(formTop.y);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notice');
    // Grouped by section, the sections in form order.
    const groups = await page
      .locator('[data-error-section]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-error-section')));
    const nav = await page
      .getByRole('navigation', { name: 'Sections' })
      .locator('[data-section]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-section')));
    expect(groups.length).toBeGreaterThan(2);
    expect(groups).toEqual(nav.filter((s) => groups.includes(s)));
    // The author block is first, as in the form (format errors are not put last).
    expect(groups[0]).toBe(nav[0]);
    // The impossible date: one error, its format; no "in the future", no "before the date of birth".
    const paths = await page
      .locator('[data-testid="error-list"] [data-path]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-path')));
    expect(paths.filter((p) => p === 'DT_PAT_DOB')).toHaveLength(1);
    expect(paths).not.toContain('DT_HOSPZ');
    // The generated identifier (computed, never typed) is not listed as a field to fill.
    expect(paths).not.toContain('TX_IDC_PAT_GENER');
    // The summary counts what it lists.
    expect(await summary.textContent()).toContain(`${paths.length} errors to correct`);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('10. keeps fields apart, floating labels off the box above, a computed value shown as a value, counters explained', async () => {
    const { page, errors, close } = await newRegistration('angio/hospitalisation');
    await section(page, /Patient identification/).click();
    await page.getByLabel(/^Date of birth/).waitFor();
    const list = await boxes(page);
    expect(list.length).toBeGreaterThan(4);
    for (let i = 1; i < list.length; i++)
      expect(list[i]!.top - list[i - 1]!.bottom).toBeGreaterThanOrEqual(8);
    // The date's label sits on its own box's border, below the box above.
    const dob = page.getByLabel(/^Date of birth/);
    const dobId = (await dob.getAttribute('id'))!;
    const dobLabel = (await page.locator(`label[for="${dobId}"]`).boundingBox())!;
    const above = list.filter((b) => b.bottom <= dobLabel.y + dobLabel.height).pop()!;
    expect(dobLabel.y).toBeGreaterThanOrEqual(above.bottom);
    // The generated identifier: a value with no box, saying why it is empty.
    const generated = page.getByLabel('Generated patient identifier');
    expect(await generated.inputValue()).toBe('— computed once the fields it is made from are filled');
    expect(await generated.getAttribute('readonly')).not.toBeNull();
    const style = await generated.evaluate((el) => {
      const root = el.closest('.MuiInputBase-root')!;
      const s = getComputedStyle(root);
      const before = getComputedStyle(root, '::before');
      return { background: s.backgroundColor, underline: before.borderBottomStyle, content: before.content };
    });
    expect(style.background).toBe('rgba(0, 0, 0, 0)');
    expect(style.content === 'none' || style.underline === 'none').toBe(true);
    // The section counters say what they count.
    const counter = page.getByRole('navigation', { name: 'Sections' }).locator('[data-counter]').first();
    expect(await counter.getAttribute('title')).toMatch(/^\d+ of \d+ required fields? filled$/);
    expect(await page.getByTestId('counter-legend').textContent()).toBe(
      '2/5: required fields of the section filled',
    );
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});

describe('what a registry designer meets', () => {
  it('4. says a version preview is one: no status, no Save; Check validates as Send would and stores nothing', async () => {
    const { page, errors, close } = await openStudio('r/angio/follow-up-pci/v/2.0.0');
    await page.locator('[data-status]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('preview');
    expect(await page.locator('[data-status]').first().textContent()).toBe('Preview — nothing is stored');
    expect(await page.locator('[data-action="save"]').count()).toBe(0);
    expect(await page.locator('[data-action="send"]').count()).toBe(0);
    expect(await page.getByTestId('preview-note').textContent()).toBe(
      'Checks the form as Send would; nothing is stored or sent.',
    );
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await page.getByTestId('error-summary').textContent()).toMatch(
      /^The form would be refused: \d+ errors to correct\.$/,
    );
    // Nothing was stored: the registrations of the type are still none, no save state shown.
    expect(await page.locator('[data-save-state="saved"]').count()).toBe(0);
    await page.goto(`${studio.url}#/r/angio/follow-up-pci`);
    await page.getByText('No registration yet').waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('5. warns and asks before saving a definition with errors; a draft on disk is not called a new file', async () => {
    const path = 'defibrillators/primo-implantation/2.1.0.yaml';
    const original = readFileSync(join(studio.definitions, path), 'utf8');
    const { page, errors, close } = await openStudio('edit/defibrillators/primo-implantation/2.1.0');
    // The file on disk is put back whatever happens: the next tests read it.
    try {
      const editor = page.locator('.cm-content');
      await editor.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('file-status').textContent()).toBe('Draft');
      // `status: draft : : []`, as a designer typed it by mistake.
      await editor.click();
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < original.split('\n').findIndex((l) => l.startsWith('status:')); i++)
        await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await page.keyboard.type(' : : []');
      const dialogs: string[] = [];
      // First refused (the dialog dismissed): nothing is written.
      page.once('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.locator('[data-action="save-file"]').click();
      await page.getByTestId('save-notice').waitFor({ timeout: 60_000 });
      expect(dialogs[0]).toMatch(
        /^This definition has \d+ errors? \(first: line \d+: .+\)\. Saved as it is, it breaks `regforms check`/,
      );
      expect(await page.getByTestId('save-notice').textContent()).toContain(
        'Not saved: fix the errors first',
      );
      expect(readFileSync(join(studio.definitions, path), 'utf8')).toBe(original);
      // Then confirmed: written, and the notice says it has errors.
      page.once('dialog', (d) => void d.accept());
      await page.locator('[data-action="save-file"]').click();
      await expect
        .poll(() => page.getByTestId('save-notice').textContent(), { timeout: 60_000 })
        .toMatch(/^Saved to .+ with \d+ errors?: `regforms check` fails/);
      expect(readFileSync(join(studio.definitions, path), 'utf8')).toContain('status: draft : : []');
      // Opened again: the file is on disk, with errors; not a "new file".
      await page.reload();
      await page.locator('.cm-content').waitFor({ timeout: 60_000 });
      await expect
        .poll(() => page.getByTestId('file-status').textContent(), { timeout: 60_000 })
        .toBe('Draft · file with errors');
      expect(errors).toEqual([]);
    } finally {
      writeFileSync(join(studio.definitions, path), original);
      await close();
    }
  }, 180_000);

  it('6. names the actions of a version without ambiguity: try the form, read or edit the definition', async () => {
    const { page, errors, close } = await openStudio('r/defibrillators/primo-implantation');
    const published = page.locator('[data-version="2.0.0"]');
    await published.waitFor({ timeout: 60_000 });
    const links = await published.getByRole('link').allTextContents();
    expect(links).toEqual(['2.0.0', 'Try the form', 'Read the definition', 'CSV']);
    expect(await page.locator('[data-version="2.1.0"]').getByRole('link').allTextContents()).toContain(
      'Edit the definition',
    );
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});

describe('long texts, CSV reports, language and navigation', () => {
  it('7. wraps a label without spaces instead of widening the page, and check warns about its length', async () => {
    const path = 'defibrillators/primo-implantation/2.1.0.yaml';
    const original = readFileSync(join(studio.definitions, path), 'utf8');
    const long = 'Physician'.repeat(1200);
    writeFileSync(
      join(studio.definitions, path),
      original
        .replace('en: Physician responsible for the indication (RIZIV/INAMI number)', `en: ${long}`)
        .replace('en: Medical data,', `en: Medical${long},`)
        .replace('en: First implantation of a defibrillator,', `en: First${long},`),
    );
    try {
      const { page, errors, close } = await openStudio('r/defibrillators/primo-implantation/v/2.1.0');
      await page.locator('[data-status]').first().waitFor({ timeout: 60_000 });
      await section(page, /Healthcare professional/).click();
      await page.getByLabel(long.slice(0, 50), { exact: false }).first().waitFor({ timeout: 30_000 });
      const width = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await width()).toBeLessThanOrEqual(1400);
      await section(page, /^Medical/).click();
      expect(await width()).toBeLessThanOrEqual(1400);
      await page.goto(`${studio.url}#/r/defibrillators/primo-implantation`);
      await page.locator('[data-version="2.1.0"]').waitFor({ timeout: 60_000 });
      expect(await width()).toBeLessThanOrEqual(1400);
      // The authoring page shows the length warning at its line.
      await page.goto(`${studio.url}#/edit/defibrillators/primo-implantation/2.1.0`);
      const warning = page
        .locator('[data-testid="diagnostics"] li[data-code="TEXT_TOO_LONG"]')
        .filter({ hasText: 'The en label' });
      await warning.waitFor({ timeout: 60_000 });
      expect(await warning.textContent()).toContain(
        'The en label is 10,800 characters long; at most 200 are allowed',
      );
      expect(await width()).toBeLessThanOrEqual(1400);
      expect(errors).toEqual([]);
      await close();
    } finally {
      writeFileSync(join(studio.definitions, path), original);
    }
  }, 180_000);

  it('8. says a missing required column once for the file, and once per row with the count, not per column and row', async () => {
    const { page, errors, close } = await openStudio('csv/angio/follow-up-pci/2.0.0');
    await page.getByRole('heading', { level: 1, name: /^CSV/ }).waitFor({ timeout: 60_000 });
    const header = 'IDC_PAT;DT_PAT_DOB;CD_PAT_SEX;CD_PAT_PLC_RESDC';
    const rows = ['93051822361;18/05/1993;F;1000', '85073003328;30/07/1985;M;1000'];
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'missing.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n${rows.join('\n')}\n`),
    });
    await page.getByTestId('csv-totals').waitFor({ timeout: 60_000 });
    const fileIssues = await page
      .getByTestId('file-issues')
      .locator('[data-code="MISSING_REQUIRED_COLUMN"]')
      .count();
    expect(fileIssues).toBeGreaterThan(0);
    const rowErrors = page.getByTestId('csv-rows').locator('[data-code]');
    const codes = await rowErrors.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
    // One error per row for the missing columns, never one `required` per missing column and row.
    expect(codes.filter((c) => c === 'REJECTED_MISSING_COLUMNS')).toHaveLength(rows.length);
    const columns = await rowErrors.evaluateAll((els) => els.map((el) => el.getAttribute('data-column')));
    expect(columns).not.toContain('TX_AUTHOR');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('9. follows the language chosen, keeps the language label readable, names the page in the trail', async () => {
    const { page, errors, close } = await newRegistration('angio/follow-up-pci');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('error-summary').waitFor();
    // The registration is stored Open: the trail names it, not "Registrations".
    const trail = page.getByRole('navigation', { name: 'breadcrumb' });
    const here = trail.locator('[aria-current="page"]').last();
    await expect.poll(() => here.textContent()).toBe('Open registration');
    // Links in the trail look like links; the page itself is plain text.
    const style = async (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => ({
        color: getComputedStyle(el).color,
        line: getComputedStyle(el).textDecorationLine,
      }));
    const link = await style(trail.getByRole('link', { name: 'Catalog' }));
    const current = await style(here);
    expect(link.line).toBe('underline');
    expect(link.color).not.toBe(current.color);
    expect(link.color).not.toBe('rgba(0, 0, 0, 0.6)');
    // Switch to French: the summary of the refused Send follows.
    await page.getByTestId('language').locator('..').click();
    await page.getByRole('option', { name: 'Français' }).click();
    await expect
      .poll(() => page.getByTestId('error-summary').textContent())
      .toMatch(/^L'enregistrement n'a pas été envoyé/);
    await expect.poll(() => here.textContent()).toBe('Enregistrement ouvert');
    // The language label stays light on the dark bar after the choice (focused).
    const label = page.locator('header label, .MuiAppBar-root label').first();
    const colour = await label.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect((r! + g! + b!) / 3).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});
