import { it } from 'vitest';
import { launch } from './browser.ts';
import { startStudio } from './studio-server.ts';

it('shots', async () => {
  const [studio, browser] = await Promise.all([startStudio(), launch()]);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${studio.url}#/r/angio/hospitalisation/registration/new`);
  await page.locator('[data-status]').first().waitFor({ timeout: 60_000 });
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Patient identification/ })
    .click();
  await page.screenshot({ path: '/tmp/shot-patient.png', fullPage: true });
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Cardiovascular history/ })
    .nth(0)
    .click();
  await page.screenshot({ path: '/tmp/shot-2.png', fullPage: true });
  const names = await page.getByRole('navigation').getByRole('button').allTextContents();
  console.log(names);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shot-send.png', fullPage: true });
  await page.goto(`${studio.url}#/t/angio/hospitalisation`);
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/shot-type.png', fullPage: true });
  await browser.close();
  await studio.close();
}, 240_000);
