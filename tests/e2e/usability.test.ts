/*
 * What a clinician and a registry designer meet every day in the studio, each as a test that
 * failed before its fix (issue: usability and output safety): the required mark follows the
 * validator, units do not cover labels, the error list after Send, the version preview, saving
 * a broken definition, unambiguous actions, long labels, language and navigation, layout.
 * One studio server and one browser; each test has its own browser context and fails on any
 * console error.
 */
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
