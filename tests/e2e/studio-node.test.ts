/*
 * The studio on a hospital node, as `pnpm start` runs them: registrations filled in the studio
 * are saved to the node's database (its API proxied by the studio's server with the studio's
 * token), what an EHR submitted to the node shows in the studio, and a CSV file is checked and
 * imported by the node.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formOf, type TestNode, testNode } from '../server/support.ts';
import { collectConsoleErrors, launch } from './browser.ts';
import { csvOf, FOLLOW_UP_ROW, type Studio, startStudio } from './studio-server.ts';

let node: TestNode;
let studio: Studio;
let browser: Browser;

beforeAll(async () => {
  node = await testNode('pglite');
  [studio, browser] = await Promise.all([
    startStudio({ node: { url: node.url, token: node.token } }),
    launch(),
  ]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await studio?.close();
  await node?.stop();
});

async function openStudio(hash: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(`${studio.url}#/${hash}`);
  return { page, errors, close: () => context.close() };
}

const onNode = async (status: string) =>
  (await (await node.api(`/api/registrations?registry=angio&type=follow-up-pci&status=${status}`)).json())
    .registrations as { id: string; data: Record<string, unknown>; registrationCode: string | null }[];

describe('the studio on a hospital node', () => {
  it('saves a registration filled in the studio to the node, and lists what an EHR submitted', async () => {
    const { page, errors, close } = await openStudio('r/angio/follow-up-pci');
    await page.getByRole('heading', { level: 1, name: /Follow-up after PCI/ }).waitFor({ timeout: 60_000 });
    await page.getByText('No registration yet').waitFor();
    await page.locator('[data-action="new-registration"]').click();
    await page.locator('[data-status]').first().waitFor();
    await page.getByLabel(/^Author\W*$/).fill('Dr Janssens');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('[data-save-state="saved"]').waitFor();
    await expect.poll(() => page.url()).toMatch(/registration\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const saved = await onNode('open');
    expect(saved.map((r) => [r.id, r.data.TX_AUTHOR])).toEqual([[id, 'Dr Janssens']]);

    // An EHR sends one through the API: the studio's table shows it with the node's code.
    const sent = await (
      await node.api('/api/registrations', {
        method: 'POST',
        json: {
          registry: 'angio',
          type: 'follow-up-pci',
          status: 'sent',
          data: {
            TX_AUTHOR_GR: 'Cardiology',
            TX_AUTHOR: 'EHR',
            TX_COAUTHOR: 'Dr Claes',
            IDC_PAT: '85073003328',
            DT_PAT_DOB: '1985-07-30',
            CD_PAT_SEX: 'M',
            CD_PAT_PLC_RESDC: '1000',
            CD_FU_CONSTTN: '1',
            CD_CONSTTN: '1',
            DT_CONSULT: '2025-03-01',
            CD_OYFFRPCI: '0',
            CD_CABG_EXECF: '0',
          },
        },
      })
    ).json();
    expect(sent.registrationCode).toMatch(/^ANGIO-/);
    await page.goto(`${studio.url}#/r/angio/follow-up-pci`);
    const row = page.locator(`[data-registration="${sent.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('sent');
    expect(await row.getByTestId('code').textContent()).toBe(sent.registrationCode);
    expect(await page.locator(`[data-registration="${id}"]`).getAttribute('data-status')).toBe('open');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('CSV: the node checks the file and imports it', async () => {
    const form = formOf('angio', 'follow-up-pci', '1.0.0');
    const { page, errors, close } = await openStudio('csv/angio/follow-up-pci/1.0.0');
    await page.getByRole('heading', { level: 1, name: /^CSV/ }).waitFor({ timeout: 60_000 });
    const file = csvOf(form, [
      { ...FOLLOW_UP_ROW, IDC_PAT: '93051822361' },
      { TX_AUTHOR: 'Dr Peeters', IDC_PAT: '90022000161', STATUS: 'draft' },
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
      'batch.csv checked, nothing stored yet — 2 rows: 1 to send, 1 kept Open, 0 replacing, 0 rejected, 0 empty.',
    );
    const before = (await onNode('sent')).length;
    await page.locator('[data-action="import-csv"]').click();
    await page.getByTestId('csv-imported').waitFor();
    const sent = await onNode('sent');
    expect(sent.length).toBe(before + 1);
    expect(sent.map((r) => r.data.IDC_PAT)).toContain('93051822361');
    expect((await onNode('open')).map((r) => r.data.IDC_PAT)).toContain('90022000161');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});
