/* `regforms fhir …`: a form as a FHIR R4 Questionnaire; registrations as QuestionnaireResponses. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_BASE,
  formatIssue,
  formOfResponse,
  fromResponse,
  issueOf,
  type Loss,
  previousVersion,
  type QuestionnaireResponseResource,
  type ResponseIssue,
  toQuestionnaire,
  toResponse,
} from '@regforms/fhir';
import { Registrations } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { pseudonymise, pseudonymKey } from '@regforms/server';
import { type Command, Option } from 'commander';
import { count, definitionsFolder, openStore, output, printJson, say, tell } from '../output.ts';
import { resolveForm } from '../resolve.ts';
import { UsageError } from '../usage.ts';
import { compileFolder } from './definitions.ts';

const ABOUT =
  'HL7 FHIR R4 with the Structured Data Capture extensions: every form as a Questionnaire (what LHC-Forms, Smart Forms and EHRs render and pre-fill), every registration as a QuestionnaireResponse, and responses back into registrations through the form’s own validator. docs/fhir.md has the mapping and what FHIR cannot say.';

interface Common {
  definitions?: string;
  base: string;
}

function common(cmd: Command): Command {
  return cmd
    .option('--definitions <DIR>', 'the definitions folder', 'definitions')
    .option('--base <URL>', 'the canonical base URL of the Questionnaires (the registry’s)', DEFAULT_BASE);
}

/** The report of what a FHIR consumer cannot honour, one line per field and reason. */
export function formatLosses(form: CompiledForm, losses: readonly Loss[]): string {
  const id = `${form.meta.registry}/${form.meta.registrationType}@${form.meta.version}`;
  if (losses.length === 0) return `${id}: a FHIR consumer can honour everything in this form\n`;
  return `${id}: ${count(losses.length, 'thing', 'things')} a FHIR consumer cannot honour exactly\n${losses
    .map((l) => `  ${l.linkId} [${l.feature}] ${l.why}\n`)
    .join('')}`;
}

/** The responses in a file: one QuestionnaireResponse, or a Bundle of them. */
function readResponses(file: string): QuestionnaireResponseResource[] {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`No file ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const r = json as { resourceType?: string; entry?: { resource?: unknown }[] };
  if (r?.resourceType === 'QuestionnaireResponse') return [json as QuestionnaireResponseResource];
  if (r?.resourceType === 'Bundle')
    return (r.entry ?? []).map((e, i) => {
      const res = e.resource as { resourceType?: string } | undefined;
      if (res?.resourceType !== 'QuestionnaireResponse')
        throw new UsageError(
          `${file}: entry[${i}] is a ${res?.resourceType ?? 'nothing'}, not a QuestionnaireResponse`,
        );
      return res as QuestionnaireResponseResource;
    });
  throw new UsageError(
    `${file} is a ${r?.resourceType ?? 'JSON value'}: give a QuestionnaireResponse or a Bundle of them`,
  );
}

export function fhirCommands(program: Command, done: (code: number) => void): void {
  const fhir = program
    .command('fhir')
    .summary('FHIR R4: Questionnaire of a form, QuestionnaireResponses in and out (fhir --help)')
    .description(ABOUT)
    .usage('<command> [options]');

  common(fhir.command('questionnaire'))
    .summary('the FHIR Questionnaire of a form')
    .description(
      'The FHIR R4 (SDC) Questionnaire of a version, built from its compiled form; with --report, what a FHIR consumer cannot honour exactly, per field, on standard error.',
    )
    .argument('<form>', '<registry>/<type>[@version]; the most recent version when none is named')
    .option('--out <FILE>', 'write to FILE instead of standard output')
    .option('--report', 'list what a FHIR consumer cannot honour exactly (on standard error)')
    .action((spec: string, options: Common & { out?: string; report?: boolean }) => {
      const dir = definitionsFolder(options.definitions, 'pass --definitions DIR');
      const { form, forms } = resolveForm(dir, spec);
      const previous = previousVersion(form, forms);
      const { questionnaire, report } = toQuestionnaire(form, {
        base: options.base,
        ...(previous ? { previousVersion: previous } : {}),
      });
      output(`${JSON.stringify(questionnaire, null, 2)}\n`, options.out);
      if (options.report) tell(formatLosses(form, report));
      done(0);
    });

  const response = fhir
    .command('response')
    .summary('registrations as QuestionnaireResponses, and back (response --help)')
    .usage('<command> [options]');

  common(response.command('export'))
    .summary('the registrations of a version as a Bundle of QuestionnaireResponses')
    .description(
      'Every registration of that version in the store as a QuestionnaireResponse (Sent → completed, Open → in-progress), in a FHIR Bundle of type collection. With --pseudonymise, every field that identifies the patient is replaced by its keyed pseudonym (the key in REGFORMS_PSEUDONYM_KEY, as the node’s export) and the patient is given as that pseudonymous identifier.',
    )
    .argument('<form>', '<registry>/<type>[@version]; the most recent version when none is named')
    .requiredOption('--store <STORE.json>', 'the registrations file')
    .addOption(new Option('--status <S>', 'only Open or only Sent registrations').choices(['open', 'sent']))
    .option('--pseudonymise', 'replace what identifies the patient by keyed pseudonyms')
    .option('--out <FILE>', 'write to FILE instead of standard output')
    .action(
      async (
        spec: string,
        options: Common & { store: string; status?: 'open' | 'sent'; pseudonymise?: boolean; out?: string },
      ) => {
        const dir = definitionsFolder(options.definitions, 'pass --definitions DIR');
        const { form } = resolveForm(dir, spec);
        const key = options.pseudonymise ? keyOrUsage() : undefined;
        const registrations = (
          await openStore(options.store).list({
            registry: form.meta.registry,
            registrationType: form.meta.registrationType,
          })
        ).filter(
          (r) =>
            r.version === form.meta.version &&
            (r.status === 'open' || r.status === 'sent') &&
            (!options.status || r.status === options.status),
        );
        const entry = registrations.map((r) => {
          const data = key ? pseudonymise(form, r.data, key) : r.data;
          const patient = key ? patientOf(form, data) : undefined;
          return {
            resource: toResponse(form, data, {
              base: options.base,
              status: r.status === 'sent' ? 'sent' : 'open',
              id: r.id,
              authored: r.updatedAt,
              ...(r.registrationCode ? { registrationCode: r.registrationCode } : {}),
              ...(patient ? { patientPseudonym: patient } : {}),
            }),
          };
        });
        output(
          `${JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }, null, 2)}\n`,
          options.out,
        );
        done(0);
      },
    );

  common(response.command('import'))
    .summary('QuestionnaireResponses into registrations, through the form’s own validator')
    .description(
      'Each response (a QuestionnaireResponse, or a Bundle of them) becomes a registration of the form version its `questionnaire` names (url|version): completed ones are sent, in-progress ones saved as Open. A response with an answer the form cannot take, or (completed) that the form refuses, is not stored; every problem is given by linkId and repeat entry, in --lang.',
    )
    .argument('<FILE>', 'a QuestionnaireResponse or a Bundle of them (JSON)')
    .requiredOption('--store <STORE.json>', 'the registrations file')
    .option('--lang <L>', 'language of the messages (default: each form’s first language)')
    .option('--json', 'the outcome as JSON: [{ response, stored, id, status, registrationCode, issues }]')
    .action(async (file: string, options: Common & { store: string; lang?: string; json?: boolean }) => {
      const dir = definitionsFolder(options.definitions, 'pass --definitions DIR');
      const responses = readResponses(file);
      const forms = compileFolder(dir).result.forms;
      const store = openStore(options.store);
      const service = new Registrations(store);
      const outcomes: {
        response: number;
        stored: boolean;
        id?: string;
        status?: string;
        registrationCode?: string;
        issues: ResponseIssue[];
        lang?: string;
      }[] = [];
      for (const [i, qr] of responses.entries()) {
        const form = formOfResponse(qr, forms, options.base);
        if (!form) {
          outcomes.push({
            response: i + 1,
            stored: false,
            issues: [
              {
                linkId: '',
                expression: 'questionnaire',
                message: `No form has the Questionnaire ${qr.questionnaire ?? '(none given)'}: give its url|version as the questionnaire (see regforms fhir questionnaire)`,
              },
            ],
          });
          continue;
        }
        const lang =
          options.lang && form.meta.languages.includes(options.lang)
            ? options.lang
            : form.meta.defaultLanguage;
        const read = fromResponse(form, qr, { lang, base: options.base });
        if (read.issues.length) {
          outcomes.push({ response: i + 1, stored: false, issues: read.issues, lang });
          continue;
        }
        const result = await service.submit(form, read.data, { send: read.status === 'sent', lang });
        outcomes.push({
          response: i + 1,
          lang,
          stored: result.stored,
          ...(result.stored
            ? {
                id: result.registration.id,
                status: result.registration.status,
                ...(result.registration.registrationCode
                  ? { registrationCode: result.registration.registrationCode }
                  : {}),
              }
            : {}),
          issues: result.errors.map((e) => issueOf(form, e)),
        });
      }
      store.flush();
      if (options.json) printJson(outcomes);
      else
        for (const o of outcomes) {
          say(
            o.stored
              ? `response ${o.response}: stored ${o.status === 'sent' ? `and sent (${o.registrationCode})` : 'as Open'}, ${o.id}${o.issues.length ? `, ${count(o.issues.length, 'field')} still to complete` : ''}\n`
              : `response ${o.response}: not stored\n`,
          );
          for (const issue of o.issues) say(`  ${formatIssue(issue, o.lang ?? options.lang)}\n`);
        }
      done(outcomes.every((o) => o.stored) ? 0 : 1);
    });
}

function keyOrUsage(): string {
  try {
    return pseudonymKey();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * The patient's pseudonym: the business key's identifying field, else a national number, else
 * the computed pseudonymous code (for a patient without one); never a name.
 */
function patientOf(form: CompiledForm, data: Record<string, unknown>): string | undefined {
  const top = form.logic.fields.filter((f) => f.identifier && !f.repeat);
  const keyed = new Set(form.meta.businessKey.flat());
  const candidates = [
    ...top.filter((f) => keyed.has(f.name)),
    ...top.filter((f) => f.type === 'niss'),
    ...top.filter((f) => f.compute),
  ];
  for (const f of candidates) {
    const v = data[f.name];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}
