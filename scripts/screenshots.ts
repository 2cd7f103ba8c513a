/*
 * `pnpm screenshots`: the studio's main screens as PNGs in docs/screenshots/, taken in
 * Chromium from the studio served by Vite on a copy of definitions/ (the same set-up as the
 * end-to-end tests), so they can be made again whenever the studio changes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { templateCsv } from '@regforms/csv';
import { collectConsoleErrors, launch } from '../tests/e2e/browser.ts';
import { FOLLOW_UP_ROW, startStudio } from '../tests/e2e/studio-server.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

const studio = await startStudio();
const browser = await launch();
try {
  mkdirSync(OUT, { recursive: true });
  const forms = compileDefinitions(readDefinitionFiles(studio.definitions)).forms;
  const formOf = (type: string, version: string) => {
    const form = forms.find((f) => f.meta.registrationType === type && f.meta.version === version);
    if (!form) throw new Error(`${type}@${version} did not compile: run pnpm regforms check`);
    return form;
  };
  const csv = (type: string, version: string, rows: Record<string, string>[]) => {
    const header = templateCsv(formOf(type, version)).trimEnd().split(';');
    return Buffer.from(
      `${[header.join(';'), ...rows.map((r) => header.map((c) => r[c] ?? '').join(';'))].join('\n')}\n`,
    );
  };

  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  const go = async (hash: string) => {
    await page.goto(`${studio.url}#/${hash}`);
    await page
      .locator('[role="status"]', { hasText: 'Loading the definitions' })
      .waitFor({ state: 'detached', timeout: 60_000 });
  };
  const shot = async (name: string, options: { fullPage?: boolean } = {}) => {
    // Let ripples, transitions and the last compile settle.
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: options.fullPage ?? false });
    console.log(`docs/screenshots/${name}.png`);
  };
  const upload = async (name: string, buffer: Buffer) => {
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByTestId('csv-report').waitFor();
  };

  // 1. The catalog.
  await go('');
  await page.getByRole('heading', { name: 'Catalog' }).waitFor();
  await shot('catalog');

  // 2. A CSV file checked row by row (then imported, so the registrations table has rows).
  const followUp = FOLLOW_UP_ROW;
  await go('csv/angio/follow-up-pci/1.0.0');
  await upload(
    'follow-up-2025-03.csv',
    csv('follow-up-pci', '1.0.0', [
      followUp,
      { ...followUp, IDC_PAT: '85073003328', DT_CONSULT: '31/02/2025', CD_PAT_SEX: 'Female' },
      { ...followUp, IDC_PAT: '71020514942', DT_CONSULT: '2025-03-04' },
      { TX_AUTHOR: 'Dr Peeters', IDC_PAT: '64111207714', STATUS: 'draft' },
    ]),
  );
  await shot('csv-report', { fullPage: true });
  await page.locator('[data-action="import-csv"]').click();
  await page.getByTestId('csv-imported').waitFor();

  // A draft made with version 1.0.0 of a type whose most recent version is 2.0.0.
  await go('csv/defibrillators/primo-implantation/1.0.0');
  await upload(
    'draft.csv',
    csv('primo-implantation', '1.0.0', [
      {
        TX_AUTHOR: 'Dr Maes',
        IDC_PAT: '93051822361',
        DT_IMPLTN: '12/11/2024',
        CD_DEVICE_TPE: '1',
        STATUS: 'draft',
      },
    ]),
  );
  await page.locator('[data-action="import-csv"]').click();
  await page.getByTestId('csv-imported').waitFor();

  // 3. A registration type: its registrations (one offered a newer version) and versions.
  await go('r/defibrillators/primo-implantation');
  await page.getByTestId('registrations').waitFor();
  await shot('registration-type', { fullPage: true });

  // 4. The offer to move that draft to the newer version.
  await page.locator('[data-testid="registrations"] tr[data-status="open"]').getByRole('link').click();
  await page.locator('[data-action="review-migration"]').click();
  await page.getByRole('dialog').waitFor();
  await shot('migration');
  await page.keyboard.press('Escape');

  // 5. A registration being filled.
  await go('r/angio/follow-up-pci/registration/new');
  await page.getByLabel(/^Author\W*$/).fill('Dr Janssens');
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Patient identification/ })
    .click();
  const type = async (label: string, text: string) => {
    const input = page.getByLabel(label);
    await input.fill(text);
    await input.press('Tab');
  };
  await type("Patient's national number", '93051822361');
  await type('Date of birth', '18/05/1993');
  await page
    .getByRole('radiogroup', { name: /^Sex/ })
    .getByRole('radio', { name: 'Female', exact: true })
    .check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('[data-save-state="saved"]').waitFor();
  await shot('registration');

  // 6. Authoring: a key the format does not have, diagnosed at its line.
  await go('edit/defibrillators/primo-implantation/2.1.0');
  await page.getByTestId('preview').getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
  // Typed above `title:` (line 9), so the mistake shows at the top of the editor.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < 9; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.type('colour: blue');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="diagnostics"] li[data-code="FORMAT_UNKNOWN_KEY"]').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('authoring', { fullPage: true });

  // 7. Two versions compared.
  await go('compare/defibrillators/primo-implantation');
  await page.getByTestId('diff').waitFor();
  await shot('compare', { fullPage: true });

  if (errors.length) throw new Error(`Console errors while taking the screenshots:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await studio.close();
}
