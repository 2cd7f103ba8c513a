/* `regforms fhir …` as a user runs it: the Questionnaire and its report, responses out and in. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toResponse } from '@regforms/fhir';
import { sampleData } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS, ROOT } from '../support.ts';

const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');

function regforms(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // A Questionnaire of a large form is over a megabyte of JSON.
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const forms = compileDir(DEFINITIONS).forms;
const surgery = forms.find((f) => f.meta.registrationType === 'surgery' && f.meta.version === '1.1.0')!;

describe('regforms fhir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regforms-fhir-'));

  it('questionnaire: the most recent version, derived from the one before, and --report on standard error', () => {
    const r = regforms(['fhir', 'questionnaire', 'angio/hospitalisation-pci', '--report']);
    expect(r.code).toBe(0);
    const q = JSON.parse(r.out);
    expect(q.resourceType).toBe('Questionnaire');
    expect(q.version).toBe('2.0.0');
    expect(q.derivedFrom).toEqual([`${q.url}|1.0.0`]);
    expect(r.err).toMatch(
      /angio\/hospitalisation-pci@2\.0\.0: \d+ things a FHIR consumer cannot honour exactly/,
    );
    expect(r.err).toMatch(/TX_IDC_PAT_GENER \[computation\] pseudocode\(\)/);
    expect(r.err).toMatch(/PCI \[repeat\] its items say whether another follows/);
  });

  it('questionnaire --base names the canonical; a misspelt type gets a suggestion, exit 2', () => {
    const out = join(dir, 'q.json');
    const r = regforms([
      'fhir',
      'questionnaire',
      'spine/surgery@1.0.0',
      '--base',
      'https://registry.example/fhir',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).url).toBe(
      'https://registry.example/fhir/Questionnaire/spine-surgery',
    );
    const bad = regforms(['fhir', 'questionnaire', 'spine/surgeri']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Did you mean 'surgery'?");
  });

  it('compile writes questionnaire.json beside each form.json', () => {
    const out = join(dir, 'out');
    expect(regforms(['compile', 'definitions', '--out', out]).code).toBe(0);
    const q = JSON.parse(readFileSync(join(out, 'spine', 'surgery', '1.1.0', 'questionnaire.json'), 'utf8'));
    expect(q.id).toBe('spine-surgery-1.1.0');
    expect(existsSync(join(out, 'angio', 'hospitalisation', '1.0.0', 'questionnaire.json'))).toBe(true);
  });

  it('response import then export: the same registrations, pseudonymised on request', () => {
    const store = join(dir, 'store.json');
    // A patient with a national number (the business key of this form).
    const sent = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => sampleData(surgery, seed)).find((d) => d.IDC_PAT)!;
    const open = { TX_AUTHOR: 'Dr. Anne Peeters', CD_PREV_SPINE_SURG: '1' };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: toResponse(surgery, sent, { status: 'sent' }) },
        { resource: toResponse(surgery, open, { status: 'open' }) },
      ],
    };
    const file = join(dir, 'responses.json');
    writeFileSync(file, JSON.stringify(bundle));
    const imported = regforms(['fhir', 'response', 'import', file, '--store', store]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/response 1: stored and sent \(\S+\)/);
    expect(imported.out).toMatch(/response 2: stored as Open/);

    const exported = regforms(['fhir', 'response', 'export', 'spine/surgery', '--store', store]);
    expect(exported.code).toBe(0);
    const back = JSON.parse(exported.out);
    expect(back.entry.map((e: { resource: { status: string } }) => e.resource.status).sort()).toEqual([
      'completed',
      'in-progress',
    ]);
    const completed = back.entry.find(
      (e: { resource: { status: string } }) => e.resource.status === 'completed',
    ).resource;
    expect(completed.identifier.value).toMatch(/\S/);
    expect(JSON.stringify(completed)).toContain(String(sent.IDC_PAT));

    const key = 'a-hospital-secret-of-at-least-thirty-two-characters!';
    const pseudo = regforms(
      ['fhir', 'response', 'export', 'spine/surgery', '--store', store, '--status', 'sent', '--pseudonymise'],
      {
        REGFORMS_PSEUDONYM_KEY: key,
      },
    );
    expect(pseudo.code, pseudo.err).toBe(0);
    const p = JSON.parse(pseudo.out).entry;
    expect(p).toHaveLength(1);
    expect(p[0].resource.subject.identifier.value).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(p)).not.toContain(String(sent.IDC_PAT));
  });

  it('response import refuses what the form refuses, located by linkId, and stores nothing of it', () => {
    const store = join(dir, 'refused.json');
    const qr = toResponse(surgery, { ...sampleData(surgery, 4), IDC_PAT: '12345678901' }, { status: 'sent' });
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(qr));
    const r = regforms(['fhir', 'response', 'import', file, '--store', store, '--lang', 'nl']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/response 1: not stored/);
    expect(r.out).toMatch(/ {2}IDC_PAT: /);
    expect(
      existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')).registrations ?? []) : [],
    ).toHaveLength(0);
    const notFhir = join(dir, 'patient.json');
    writeFileSync(notFhir, JSON.stringify({ resourceType: 'Patient' }));
    const wrong = regforms(['fhir', 'response', 'import', notFhir, '--store', store]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('is a Patient: give a QuestionnaireResponse or a Bundle of them');
  });
});
