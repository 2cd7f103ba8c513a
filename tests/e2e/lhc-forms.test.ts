/*
 * The peer check: LHC-Forms (npm lforms, the US National Library of Medicine's FHIR SDC
 * renderer, served from node_modules on loopback) renders the Questionnaire of every latest
 * registration type without an error and shows as many questions as regforms shows; for three
 * skip rules it hides and shows what regforms does, answer by answer; and the
 * QuestionnaireResponse it produces imports into a registration with the values entered.
 */
import { copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { codeSystemUrl, DEFAULT_BASE, fromResponse, toQuestionnaire } from '@regforms/fhir';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { type CompiledForm, isVisible, mostRecent, type RegistrationData } from '@regforms/runtime';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS } from '../support.ts';
import { collectConsoleErrors, launch } from './browser.ts';

const forms = compileDir(DEFINITIONS).forms;
const latest = forms.filter((f) => {
  const same = forms.filter(
    (g) => g.meta.registry === f.meta.registry && g.meta.registrationType === f.meta.registrationType,
  );
  return mostRecent(same.map((g) => g.meta))?.version === f.meta.version;
});
const formOf = (registry: string, type: string) =>
  latest.find((f) => f.meta.registry === registry && f.meta.registrationType === type)!;

let browser: Browser;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  // The page and lforms' own built files, served as a portal would serve them.
  const lforms = join(
    dirname(createRequire(import.meta.url).resolve('lforms/package.json')),
    'dist',
    'lforms',
  );
  const dir = mkdtempSync(join(tmpdir(), 'regforms-lhc-'));
  copyFileSync(join(import.meta.dirname, 'lhc-forms.html'), join(dir, 'index.html'));
  symlinkSync(lforms, join(dir, 'lforms'));
  const server = await preview({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  close = () => new Promise((resolve) => server.httpServer.close(() => resolve()));
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await close?.();
});

/** A fresh page with LHC-Forms showing the form's Questionnaire; console errors collected. */
async function open(form: CompiledForm): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(url);
  await page.waitForFunction('!!(window.LForms && LForms.Util && LForms.Util.addFormToPage)');
  const { questionnaire } = toQuestionnaire(form);
  await page.evaluate(`LForms.Util.addFormToPage(${JSON.stringify(questionnaire)}, 'form', {})`);
  await page.waitForSelector('#form lhc-item-question');
  return { page, errors };
}

/** The questions regforms shows on an empty registration (a repeat: its first, empty entry). */
function shownByRegforms(form: CompiledForm, data: RegistrationData = {}): string[] {
  const repeatShown = new Map(
    form.logic.fields.filter((f) => f.type === 'repeat').map((f) => [f.name, isVisible(f, data)]),
  );
  return form.logic.fields
    .filter((f) => f.type !== 'repeat' && f.type !== 'note')
    .filter((f) => (f.repeat ? repeatShown.get(f.repeat) && isVisible(f, data, {}) : isVisible(f, data)))
    .map((f) => f.key);
}

/** The questions LHC-Forms shows: their linkIds, from its item ids (`item-<linkId>/1/1`). */
async function shownByLhc(page: Page): Promise<string[]> {
  return page.evaluate(
    `[...document.querySelectorAll('#form lhc-item-question')].map((q) => q.closest('[id^="item-"]').id.replace(/^item-/, '').replace(/(\\/\\d+)+$/, ''))`,
  );
}

/**
 * Clicks an answer of a radio question: its label's id is `<linkId>/1/…/1|<system>|<code>`
 * (one `/1` per level of nesting).
 */
async function answer(page: Page, form: CompiledForm, linkId: string, code: string): Promise<void> {
  const f = form.logic.fields.find((x) => x.key === linkId)!;
  const system = codeSystemUrl(DEFAULT_BASE, form.meta, f.codelist, f.key);
  await page.click(`[id^="${linkId}/1"][id$="|${system}|${code}"]`);
}

describe('LHC-Forms renders every latest registration type', () => {
  for (const form of latest)
    it(`${form.meta.registry}/${form.meta.registrationType}@${form.meta.version}: no error, the same questions shown`, async () => {
      const { page, errors } = await open(form);
      const lhc = await shownByLhc(page);
      expect(lhc.length).toBeGreaterThan(5);
      expect([...lhc].sort()).toEqual(shownByRegforms(form).sort());
      expect(errors).toEqual([]);
      await page.close();
    });
});

describe('LHC-Forms hides and shows what regforms does', () => {
  const rules: { registry: string; type: string; steps: [string, string][]; watch: string[] }[] = [
    // One condition on a yes/no answer, shown for yes, another question for no.
    {
      registry: 'angio',
      type: 'hospitalisation',
      steps: [
        ['CD_CABG_EXEC', '1'],
        ['CD_CABG_EXEC', '0'],
      ],
      watch: ['DT_EXEC_CABG', 'CD_BYP_RESTE_STENT', 'CD_CABG_PLAN'],
    },
    // Two answers that must both hold (enableBehavior all), over two levels.
    {
      registry: 'defibrillators',
      type: 'primo-implantation',
      steps: [
        ['CD_CARDIOP', '1'],
        ['CD_HISTY_MI', '1'],
        ['CD_HISTY_MI', '0'],
        ['CD_CARDIOP', '2'],
      ],
      watch: ['CD_HISTY_MI', 'DT_LAST_MI'],
    },
    // A question shown only when a revision follows an earlier spine operation.
    {
      registry: 'spine',
      type: 'surgery',
      steps: [
        ['CD_PREV_SPINE_SURG', '1'],
        ['CD_REVISION', '1'],
        ['CD_PREV_SPINE_SURG', '0'],
      ],
      watch: ['CD_REVISION', 'CD_REVISION_RSN'],
    },
  ];
  for (const rule of rules)
    it(`${rule.registry}/${rule.type}: ${rule.watch.join(', ')} as the answers change`, async () => {
      const form = formOf(rule.registry, rule.type);
      const { page, errors } = await open(form);
      const data: RegistrationData = {};
      let changes = 0;
      let before = rule.watch.filter((w) => shownByRegforms(form, data).includes(w));
      for (const [linkId, code] of rule.steps) {
        await answer(page, form, linkId, code);
        data[linkId] = code;
        const want = rule.watch.filter((w) => shownByRegforms(form, data).includes(w));
        // LHC-Forms re-renders after the click (Angular change detection): wait for it.
        await expect
          .poll(async () => (await shownByLhc(page)).filter((l) => rule.watch.includes(l)).sort(), {
            message: `after ${linkId} = ${code}`,
            timeout: 5000,
          })
          .toEqual([...want].sort());
        if (want.join() !== before.join()) changes++;
        before = want;
      }
      // The rule did show and hide something: the check is not vacuous.
      expect(changes).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
      await page.close();
    });
});

describe("LHC-Forms' QuestionnaireResponse", () => {
  it('imports into a registration with the values entered in LHC-Forms', async () => {
    const form = formOf('spine', 'surgery');
    const { page, errors } = await open(form);
    await page.fill('[id^="TX_AUTHOR/1"]', 'Dr. Anne Peeters');
    await answer(page, form, 'CD_PREV_SPINE_SURG', '1');
    await answer(page, form, 'CD_REVISION', '1');
    // Height and weight: LHC-Forms computes the BMI from the Questionnaire's FHIRPath.
    await page.fill('[id^="MS_PAT_HGHT/1"]', '175');
    await page.fill('[id^="MS_PAT_WGHT/1"]', '70.5');
    await page.click('[id^="TX_AUTHOR/1"]');
    await expect.poll(() => page.inputValue('[id^="MS_PAT_BMI/1"]'), { timeout: 10_000 }).toBe('23');
    const qr = (await page.evaluate(
      `LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form'))`,
    )) as Parameters<typeof fromResponse>[1];
    expect(qr.resourceType).toBe('QuestionnaireResponse');
    const read = fromResponse(form, { ...qr, status: 'in-progress' });
    expect(read.issues).toEqual([]);
    const entered = {
      TX_AUTHOR: 'Dr. Anne Peeters',
      CD_PREV_SPINE_SURG: '1',
      CD_REVISION: '1',
      MS_PAT_HGHT: 175,
      MS_PAT_WGHT: 70.5,
    };
    expect(read.data).toMatchObject({ ...entered, MS_PAT_BMI: 23 });
    const service = new Registrations(new MemoryStore());
    const saved = await service.submit(form, read.data, { send: false });
    expect(saved.stored).toBe(true);
    expect(saved.registration.status).toBe('open');
    // regforms computes the BMI itself on import: the same value as LHC-Forms'.
    expect(saved.registration.data).toMatchObject({ ...entered, MS_PAT_BMI: 23 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
