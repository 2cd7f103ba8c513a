/*
 * The studio as `pnpm start` serves it (Vite dev server), in Chromium, on a copy of
 * definitions/: the catalog; a registration filled, saved, found Open after a reload, sent
 * with its registration code; authoring (a broken definition diagnosed at its line, fixed,
 * a label changed live in the preview, saved into the copy); comparing two versions; CSV
 * (template and dictionary downloads, a file checked row by row and imported); moving a
 * draft to a newer version. One server and one browser; each test has its own browser
 * context (so its own IndexedDB and localStorage) and fails on any console error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { templateCsv } from '@regforms/csv';
import { toQuestionnaire } from '@regforms/fhir';
import type { CompiledForm } from '@regforms/runtime';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCsv } from '../support/sample-csv.ts';
import { collectConsoleErrors, launch } from './browser.ts';
import { csvOf, DEFINITIONS, FOLLOW_UP_ROW, type Studio, startStudio } from './studio-server.ts';

let studio: Studio;
let browser: Browser;
let forms: CompiledForm[];
/** The repository's definitions before the tests: they must be the same after. */
let repositoryBefore: string;

const snapshot = (dir: string) => JSON.stringify(readDefinitionFiles(dir));

beforeAll(async () => {
  repositoryBefore = snapshot(DEFINITIONS);
  [studio, browser] = await Promise.all([startStudio(), launch()]);
  forms = compileDefinitions(readDefinitionFiles(studio.definitions)).forms;
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

function formOf(registry: string, type: string, version: string): CompiledForm {
  const form = forms.find(
    (f) => f.meta.registry === registry && f.meta.registrationType === type && f.meta.version === version,
  );
  if (!form) throw new Error(`${registry}/${type}@${version} did not compile`);
  return form;
}

/** A page in a fresh browser context (its own storage), in English, and its console errors. */
async function openStudio(hash = ''): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(`${studio.url}#/${hash}`);
  return { page, errors, close: () => context.close() };
}

/** Waits for the studio to have compiled the definitions (first load of a screen). */
const ready = (page: Page) =>
  page
    .locator('[role="status"]', { hasText: 'Loading the definitions' })
    .waitFor({ state: 'detached', timeout: 60_000 });

async function textOf(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Imports draft rows into the version whose CSV page is open, then goes to its registrations. */
async function importDrafts(page: Page, form: CompiledForm, rows: Record<string, string>[]): Promise<void> {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'draft.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      csvOf(
        form,
        rows.map((r) => ({ ...r, STATUS: 'draft' })),
      ),
    ),
  });
  await page.locator('[data-action="import-csv"]').click({ timeout: 60_000 });
  await page.getByTestId('csv-imported').getByRole('link', { name: 'Registrations' }).click();
}

/** A CSV file in the form's own layout: its template header, then rows given by column. */

describe('studio', () => {
  it('shows the catalog with the most recent version of every registration type', async () => {
    const { page, errors, close } = await openStudio();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Surgery' }).waitFor();
    const links = await page.getByRole('link').allTextContents();
    for (const name of ['Hospitalisation with FFR and PCI', 'First implantation', 'Explantation', 'Surgery'])
      expect(links).toContain(name);
    // A draft is listed, but the most recent version is the highest published one.
    expect(links).toContain('2.1.0 · Draft');
    expect(links).toContain('2.0.0 · most recent');
    expect(errors).toEqual([]);
    await close();
  });

  it('fills a registration, finds it Open after a reload, completes and sends it', async () => {
    const { page, errors, close } = await openStudio();
    await ready(page);
    await page.locator('[data-type="angio/follow-up-pci"] td').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Follow-up after PCI/ }).waitFor();
    // The table reads the store after the heading shows: wait for it, empty in a fresh browser.
    await page.getByText('No registration yet').waitFor();
    await page.locator('[data-action="new-registration"]').click();

    const form = page.locator('[data-status]').first();
    await form.waitFor();
    await page.getByLabel(/^Author\W*$/).fill('Dr Janssens');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('[data-save-state="saved"]').waitFor();
    // The new registration has its own address, so a reload opens it again.
    await expect.poll(() => page.url()).toMatch(/#\/r\/angio\/follow-up-pci\/registration\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;

    await page.goto(`${studio.url}#/r/angio/follow-up-pci`);
    await page.reload();
    const row = page.locator(`[data-registration="${id}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getAttribute('data-status')).toBe('open');
    expect(await row.getByRole('cell').first().textContent()).toBe('Open');

    await row.getByRole('link', { name: 'Open' }).click();
    await expect.poll(() => page.getByLabel(/^Author\W*$/).inputValue()).toBe('Dr Janssens');
    const section = (name: RegExp) => page.getByRole('navigation').getByRole('button', { name });
    const radio = (group: RegExp, option: string) =>
      page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true });
    const type = async (label: string, text: string) => {
      const input = page.getByLabel(label);
      await input.fill(text);
      await input.press('Tab');
    };
    await type('Author group', 'Cardiology');
    await type('Co-author', 'Dr Claes');
    await section(/Patient identification/).click();
    await type("Patient's national number", '93051822361');
    await type('Date of birth', '18/05/1993');
    await radio(/^Sex/, 'Female').check();
    await page.getByLabel(/^Place of residence/).fill('1000');
    await page.getByRole('option', { name: /^1000\b/ }).click();
    await section(/Follow-up 1 year/).click();
    await radio(/invited to a follow-up consultation/, 'Yes').check();
    await radio(/attended the consultation/, 'Yes').check();
    await type('Date of the consultation or of the last contact with the patient', '01/03/2025');
    await radio(/new hospitalisation with FFR/, 'No').check();
    await radio(/new hospitalisation with CABG/, 'No').check();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const code = page.getByTestId('registration-code');
    await code.or(page.getByTestId('error-list')).first().waitFor();
    // On failure, say which fields the form still refused.
    expect(await page.getByTestId('error-list').allTextContents()).toEqual([]);
    const registrationCode = /ANGIO-\d{4}-[0-9A-Z]{10}/.exec((await code.textContent()) ?? '')?.[0];
    expect(registrationCode).toBeDefined();

    await page.getByRole('link', { name: 'Follow-up after PCI (1 year)' }).first().click();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('sent');
    expect(await row.getByTestId('code').textContent()).toBe(registrationCode);

    // From a registration straight to a new one (the address only): nothing of the first shows.
    await row.getByRole('link', { name: 'View' }).click();
    await page.getByTestId('registration-code').waitFor();
    await page.goto(`${studio.url}#/r/angio/follow-up-pci/registration/new`);
    await expect.poll(() => page.getByLabel(/^Author\W*$/).inputValue()).toBe('');
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('registration-code').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('diagnoses a broken definition at its line, and previews a fixed one live', async () => {
    const path = 'defibrillators/primo-implantation/2.1.0.yaml';
    const original = readFileSync(join(studio.definitions, path), 'utf8');
    const { page, errors, close } = await openStudio('edit/defibrillators/primo-implantation/2.1.0');
    const editor = page.locator('.cm-content');
    await editor.waitFor({ timeout: 60_000 });
    const preview = page.getByTestId('preview');
    await preview.getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });

    // An unknown key typed on the last line of the file.
    const line = original.endsWith('\n') ? original.split('\n').length : original.split('\n').length + 1;
    await editor.click();
    await page.keyboard.press('Control+End');
    if (!original.endsWith('\n')) await page.keyboard.press('Enter');
    await page.keyboard.type('colour: blue');
    await page.keyboard.press('Escape');
    const diagnostic = page.locator('[data-testid="diagnostics"] li[data-code="FORMAT_UNKNOWN_KEY"]');
    await diagnostic.waitFor({ timeout: 30_000 });
    expect(await diagnostic.getAttribute('data-line')).toBe(String(line));
    expect(await diagnostic.getAttribute('data-file')).toBe(path);
    // In the editor: the key is underlined, and a lint marker sits in the gutter of that line.
    await expect.poll(() => page.locator('.cm-lintRange-error').allTextContents()).toEqual(['colour']);
    const markerTop = await page.locator('.cm-lint-marker-error').first().boundingBox();
    const lineTop = await page
      .locator('.cm-lineNumbers .cm-gutterElement', { hasText: new RegExp(`^${line}$`) })
      .boundingBox();
    expect(markerTop && lineTop && Math.abs(markerTop.y - lineTop.y)).toBeLessThan(4);
    // Its place in the list takes the cursor there.
    await diagnostic.getByRole('button').click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('colour: blue');
    await expect.poll(() => preview.getByTestId('preview-stale').count()).toBe(1);

    // Fixed: the diagnostic goes away.
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.getByText('No diagnostics: the definition compiles.').waitFor({ timeout: 30_000 });
    expect(await preview.getByTestId('preview-stale').count()).toBe(0);

    // A label changed: the preview follows.
    expect(original).toContain('en: First implantation of a defibrillator,');
    const renamed = original.replace(
      'en: First implantation of a defibrillator,',
      'en: First implant (renamed),',
    );
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(renamed);
    await expect
      .poll(() => preview.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
      .toBe('First implant (renamed)');

    // Saved into the studio's definitions folder (a copy here), never into the repository's.
    await page.locator('[data-action="save-file"]').click();
    await page.getByTestId('save-notice').waitFor();
    expect(await page.getByTestId('save-notice').textContent()).toContain(`Saved to ${path}.`);
    expect(readFileSync(join(studio.definitions, path), 'utf8')).toContain('en: First implant (renamed)');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('compares two versions: a new mandatory field is a major change', async () => {
    const { page, errors, close } = await openStudio('r/defibrillators/primo-implantation');
    await page.locator('[data-action="compare"]').click({ timeout: 60_000 });
    // Defaults: the published version before the most recent → the most recent.
    await expect.poll(() => page.url()).toMatch(/#\/compare\/defibrillators\/primo-implantation$/);
    const diff = page.getByTestId('diff');
    await diff.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('combobox', { name: 'From' }).textContent()).toMatch(/^1\.0\.0/);
    expect(await page.getByRole('combobox', { name: 'To' }).textContent()).toMatch(/^2\.0\.0/);
    expect(await diff.getAttribute('data-bump')).toBe('major');
    expect(await page.getByTestId('diff-summary').textContent()).toContain(
      'These changes need a major version.',
    );

    const added = page.locator('[data-group="added"]');
    const envelope = added.locator('tr[data-field="CD_ABANTENV"]');
    expect(await envelope.getAttribute('data-class')).toBe('major');
    expect(await envelope.locator('[data-side="after"]').textContent()).toBe('choice · mandatory');
    expect(await envelope.getByRole('cell').first().textContent()).toBe(
      'Did you use a resorbable antibacterial envelope?CD_ABANTENV',
    );
    expect(await added.locator('tr[data-class="minor"]').count()).toBe(6);
    expect(await page.locator('[data-group="removed"]').count()).toBe(0);
    // The changed form description, before and after side by side.
    const description = page.locator('[data-group="changed"] tr[data-kind="form-text-changed"]');
    expect(await description.locator('[data-side="before"]').textContent()).toMatch(/^First version\./);
    expect(await description.locator('[data-side="after"]').textContent()).toMatch(/^Major version:/);

    // In French: the form's own labels and the studio's words.
    await page.getByTestId('language').locator('..').click();
    await page.getByRole('option', { name: 'Français' }).click();
    await expect.poll(() => envelope.getByRole('cell').last().textContent()).toBe('majeure');
    expect(await envelope.getByRole('cell').first().textContent()).toMatch(
      /^Avez-vous utilisé une enveloppe/,
    );

    // Another pair, picked with the selects: 2.0.0 → the 2.1.0 draft adds a code (minor).
    await page.getByRole('combobox', { name: 'De' }).click();
    await page.getByRole('option', { name: /^2\.0\.0/ }).click();
    await page.getByRole('combobox', { name: 'À' }).click();
    await page.getByRole('option', { name: /^2\.1\.0/ }).click();
    await expect
      .poll(() => page.url())
      .toMatch(/#\/compare\/defibrillators\/primo-implantation\/2\.0\.0\/2\.1\.0$/);
    await expect.poll(() => diff.getAttribute('data-bump')).toBe('minor');
    const code = page.locator('tr[data-kind="code-added"][data-field="CD_INDICATN"]');
    expect(await code.locator('[data-side="after"]').textContent()).toMatch(/^12 — Sarcoïdose cardiaque/i);
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('CSV: downloads the template, dictionary and FHIR Questionnaire, checks a file row by row, imports the valid rows', async () => {
    const form = formOf('angio', 'follow-up-pci', '1.0.0');
    const { page, errors, close } = await openStudio('r/angio/follow-up-pci/v/1.0.0');
    await page.locator('[data-action="csv"]').click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: /^CSV/ }).waitFor();

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="download-template"]').click(),
    ]);
    expect(template.suggestedFilename()).toBe('angio-follow-up-pci-1.0.0.csv');
    expect(await textOf(template)).toBe(templateCsv(form));
    const [dictionary] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="download-dictionary"]').click(),
    ]);
    expect(dictionary.suggestedFilename()).toBe('angio-follow-up-pci-1.0.0-dictionary-en.html');
    const html = await textOf(dictionary);
    expect(html).toContain('<code>DT_CONSULT</code></td><td>Date of the consultation');
    // The FHIR Questionnaire, as `regforms compile` writes it beside form.json.
    const [questionnaire] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="download-questionnaire"]').click(),
    ]);
    expect(questionnaire.suggestedFilename()).toBe('angio-follow-up-pci-1.0.0-questionnaire.json');
    expect(JSON.parse(await textOf(questionnaire))).toEqual(toQuestionnaire(form).questionnaire);
    await expect
      .poll(() => page.locator('[data-fhir-losses]').textContent())
      .toMatch(/^\d+ rules? a FHIR client cannot honour exactly: regforms checks/);

    const complete = FOLLOW_UP_ROW;
    const file = csvOf(form, [
      complete,
      { ...complete, IDC_PAT: '85073003328', DT_CONSULT: '31/02/2025', CD_PAT_SEX: 'Female' },
      { TX_AUTHOR: 'Dr Peeters', IDC_PAT: '85073003328', STATUS: 'draft' },
    ]);
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'batch.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    });
    const report = page.getByTestId('csv-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getAttribute('data-dry-run')).toBe('true');
    expect(await page.getByTestId('csv-totals').textContent()).toBe(
      'batch.csv checked, nothing stored yet — 3 rows: 1 to send, 1 kept Open, 0 replacing, 1 rejected, 0 empty.',
    );
    const row = (line: number) => page.locator(`[data-testid="csv-rows"] tr[data-line="${line}"]`);
    expect(await row(2).getAttribute('data-outcome')).toBe('sent');
    expect(await row(3).getAttribute('data-outcome')).toBe('rejected');
    expect(await row(4).getAttribute('data-outcome')).toBe('draft');
    const errorsOf3 = row(3).locator('li[data-severity="error"]');
    expect(await errorsOf3.evaluateAll((li) => li.map((e) => e.getAttribute('data-column')))).toEqual(
      expect.arrayContaining(['DT_CONSULT', 'CD_PAT_SEX']),
    );
    expect(await row(3).locator('li[data-column="DT_CONSULT"]').textContent()).toContain(
      '= “31/02/2025” — The format is not valid.',
    );
    // In another language, the file is checked again: the form's own messages in French.
    const language = async (name: string) => {
      await page.getByTestId('language').locator('..').click();
      await page.getByRole('option', { name }).click();
    };
    await language('Français');
    await expect
      .poll(() => row(3).locator('li[data-column="DT_CONSULT"]').textContent())
      .toContain("= “31/02/2025” — Le format n'est pas valide.");
    expect(await page.getByTestId('csv-totals').textContent()).toMatch(
      /^batch\.csv vérifié, rien n’est encore enregistré/,
    );
    await language('English');
    await expect.poll(() => page.getByTestId('csv-totals').textContent()).toMatch(/^batch\.csv checked/);

    await page.locator('[data-action="import-csv"]').click();
    await page.getByTestId('csv-imported').waitFor();
    expect(await report.getAttribute('data-dry-run')).toBe('false');
    await page.getByTestId('csv-imported').getByRole('link', { name: 'Registrations' }).click();
    const table = page.getByTestId('registrations');
    await table.waitFor();
    expect(
      await table
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')).sort()),
    ).toEqual(['open', 'sent']);
    expect(await table.locator('tr[data-status="sent"] [data-testid="code"]').textContent()).toMatch(
      /^ANGIO-\d{4}-[0-9A-Z]{10}$/,
    );
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('CSV: a large file is checked in a worker, its rows counted while the page stays live', async () => {
    const form = formOf('angio', 'hospitalisation-ffr-pci', '1.0.0');
    const file = sampleCsv(form, { bytes: 3 * 1024 * 1024, seed: 3, invalidShare: 0.02 });
    const { page, errors, close } = await openStudio('csv/angio/hospitalisation-ffr-pci/1.0.0');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'large.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file.text),
    });
    // The count moves on screen while rows are checked: the page paints, it is not frozen.
    const progress = page.getByTestId('csv-progress');
    await progress.waitFor({ timeout: 60_000 });
    const first = await progress.textContent();
    // Counts in the studio's language, grouped in thousands (3,178).
    const n = (x: number) => x.toLocaleString('en');
    expect(first).toMatch(new RegExp(`^[\\d,]+ of ${n(file.rows.length)} rows done$`));
    await expect
      .poll(() => progress.textContent({ timeout: 1000 }).catch(() => 'finished'), { timeout: 30_000 })
      .not.toBe(first);
    await page.getByTestId('csv-totals').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('csv-totals').textContent()).toBe(
      `large.csv checked, nothing stored yet — ${n(file.rows.length)} rows: ${n(file.rows.length - file.invalid.length)} to send, 0 kept Open, 0 replacing, ${file.invalid.length} rejected, 0 empty.`,
    );
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('carries a draft to its draft version as edited since, listing what no longer fits', async () => {
    const file = join(studio.definitions, 'defibrillators/primo-implantation/2.1.0.yaml');
    const draftVersion = readFileSync(file, 'utf8');
    const newList = '            codelist: icd-indication-2026\n';
    expect(draftVersion).toContain(newList);
    const before = formOf('defibrillators', 'primo-implantation', '2.1.0');
    const { page, errors, close } = await openStudio('csv/defibrillators/primo-implantation/2.1.0');
    // A draft on the draft version 2.1.0 that uses its new code 12 (cardiac sarcoidosis).
    await importDrafts(page, before, [
      { TX_AUTHOR: 'Dr Claes', IDC_PAT: '93051822361', DT_IMPLTN: '12/11/2024', CD_INDICATN: '12' },
    ]);
    await page.locator('[data-testid="registrations"] tr[data-status="open"]').waitFor();

    // The designer then withdraws the new code: same version number, another compiled form.
    writeFileSync(file, draftVersion.replace(newList, '            codelist: icd-indication\n'));
    await page.reload();
    const row = page.locator('[data-testid="registrations"] tr[data-status="open"]');
    await row.waitFor({ timeout: 60_000 });
    await row.getByRole('link', { name: 'Open' }).click();
    const record = page.getByTestId('migration-record');
    await record.waitFor();
    expect(await record.textContent()).toContain(
      'Version 2.1.0 changed since this registration was made (it was a draft): it opens with the current text of that version. 1 answer was not carried over:',
    );
    const lost = record.getByRole('listitem');
    expect(await lost.getAttribute('data-reason')).toBe('code-removed');
    expect(await lost.textContent()).toContain('CD_INDICATN = “12”');
    // Said once, by the record: the page does not also warn that the version changed.
    expect(await page.getByText(/changed since this registration/).count()).toBe(1);
    // Saving works on the form as it is now, with the other answers.
    expect(await page.getByLabel(/^Author\W*$/).inputValue()).toBe('Dr Claes');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-save-state="saved"]').waitFor();
    expect(await page.getByTestId('notice').count()).toBe(0);
    writeFileSync(file, draftVersion);
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('offers to move a draft made with an older version to the newer one, and moves it', async () => {
    // A major version 3.0.0 in the studio's folder (a copy), published, where the ejection
    // fraction may be at most 60 %: a draft's 70 % on version 1.0.0 no longer fits there.
    const v2 = readFileSync(join(studio.definitions, 'defibrillators/primo-implantation/2.0.0.yaml'), 'utf8');
    const lvef =
      '            name: MS_LVEF\n            type: decimal\n            min: 5\n            max: 80\n';
    expect(v2).toContain(lvef);
    writeFileSync(
      join(studio.definitions, 'defibrillators/primo-implantation/3.0.0.yaml'),
      v2
        .replace(/^version: 2\.0\.0$/m, 'version: 3.0.0')
        .replace(/^effective: .*$/m, 'effective: 2026-06-01')
        .replace(lvef, lvef.replace('max: 80', 'max: 60')),
    );
    const old = formOf('defibrillators', 'primo-implantation', '1.0.0');
    const { page, errors, close } = await openStudio('csv/defibrillators/primo-implantation/1.0.0');
    // A draft on version 1.0.0, the way a hospital's batch brings one in.
    await importDrafts(page, old, [
      {
        TX_AUTHOR: 'Dr Maes',
        IDC_PAT: '93051822361',
        DT_IMPLTN: '12/11/2024',
        CD_DEVICE_TPE: '1',
        MS_LVEF: '70',
      },
    ]);

    const row = page.locator('[data-testid="registrations"] tr[data-status="open"]');
    await row.waitFor();
    expect(await row.getAttribute('data-movable')).toBe('true');
    expect(await row.getByTestId('newer-version').textContent()).toBe('→ 3.0.0 available');
    await row.getByRole('link', { name: 'Open' }).click();

    const offer = page.getByTestId('migration-offer');
    await offer.waitFor();
    expect(await offer.getAttribute('data-to')).toBe('3.0.0');
    expect(await offer.textContent()).toContain(
      'A newer version 3.0.0 exists — move this Open registration to it',
    );
    expect(await offer.textContent()).toContain('4 answers are kept; 1 no longer fits');
    await page.locator('[data-action="review-migration"]').click();
    const dialog = page.getByRole('dialog', {
      name: 'Move this Open registration from version 1.0.0 to 3.0.0',
    });
    await dialog.waitFor();
    const kept = ['TX_AUTHOR', 'IDC_PAT', 'DT_IMPLTN', 'CD_DEVICE_TPE'].map(
      (n) => old.i18n.en![`${n}.label`],
    );
    expect(((await dialog.getByTestId('kept').textContent()) ?? '').split(' · ').sort()).toEqual(kept.sort());
    const lost =
      'Left ventricular ejection fraction (LVEF) MS_LVEF = “70” — no longer valid in version 3.0.0: The value must be at most 60.';
    const notKept = dialog.getByTestId('not-kept').getByRole('listitem');
    expect(await notKept.allTextContents()).toEqual([lost]);
    expect(await notKept.first().getAttribute('data-reason')).toBe('out-of-bounds');
    await dialog.locator('[data-action="confirm-migration"]').click();
    await dialog.waitFor({ state: 'detached' });
    // What was left behind stays said on the registration.
    const record = page.getByTestId('migration-record');
    expect(await record.textContent()).toContain(
      'Moved from version 1.0.0 to 3.0.0. 1 answer was not carried over:',
    );
    expect(await record.getByRole('listitem').allTextContents()).toEqual([lost]);
    expect(await offer.count()).toBe(0);
    // The form is the new version's: its new mandatory section is there, the answers kept.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Antibacterial envelope/ })
      .waitFor();
    expect(await page.getByLabel(/^Author\W*$/).inputValue()).toBe('Dr Maes');

    await page.goto(`${studio.url}#/r/defibrillators/primo-implantation`);
    await page.reload();
    const moved = page.locator('[data-testid="registrations"] tr[data-status="open"]');
    await moved.waitFor({ timeout: 60_000 });
    expect(await moved.getAttribute('data-movable')).toBeNull();
    expect(await moved.getByRole('cell').nth(3).textContent()).toBe('3.0.0');
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('the compare and CSV screens have no serious or critical axe violation', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const form = formOf('angio', 'follow-up-pci', '1.0.0');
    const { page, errors, close } = await openStudio('compare/defibrillators/primo-implantation');
    const found: string[] = [];
    const check = async (screen: string) => {
      await page.addScriptTag({ content: axe });
      const violations = (await page.evaluate(async () => {
        const w = window as unknown as { axe: { run(el: Element): Promise<{ violations: unknown[] }> } };
        return (await w.axe.run(document.querySelector('main')!)).violations;
      })) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(
            `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
    };
    await page.getByTestId('diff').waitFor({ timeout: 60_000 });
    await check('compare');
    await page.goto(`${studio.url}#/csv/angio/follow-up-pci/1.0.0`);
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'batch.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        csvOf(form, [{ TX_AUTHOR: 'Dr Peeters', DT_CONSULT: '2025-03-04', CD_PAT_SEX: 'X' }]),
      ),
    });
    await page.getByTestId('csv-report').waitFor();
    await check('csv');
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it("left the repository's definitions untouched", () => {
    expect(snapshot(DEFINITIONS)).toBe(repositoryBefore);
  });
});
