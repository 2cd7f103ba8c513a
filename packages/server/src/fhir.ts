/*
 * The node's FHIR R4 face (@regforms/fhir): every form version as a Questionnaire
 * (read by id, searched by canonical url and version) and QuestionnaireResponses submitted
 * as registrations through the same path as POST /api/registrations. Errors are
 * OperationOutcomes, each issue located by the FHIRPath of the answer and the question's linkId.
 */
import {
  DEFAULT_BASE,
  formatIssue,
  formOfResponse,
  fromResponse,
  issueOf,
  previousVersion,
  type QuestionnaireResource,
  type QuestionnaireResponseResource,
  questionnaireId,
  questionnaireUrl,
  type ResponseIssue,
  toQuestionnaire,
  toResponse,
} from '@regforms/fhir';
import type { CompiledForm, FormError } from '@regforms/runtime';
import { ApiError } from './errors.ts';
import type { Forms } from './forms.ts';
import type { SubmitBody } from './registrations.ts';

export const FHIR_JSON = 'application/fhir+json';
/** Where the node reads its canonical base (the registry's) from. */
export const FHIR_BASE_VARIABLE = 'REGFORMS_FHIR_BASE';

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: {
    severity: 'error' | 'warning' | 'information';
    code: string;
    diagnostics: string;
    expression?: string[];
  }[];
}

export function outcome(code: string, diagnostics: string, expression?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }],
  };
}

/** A FHIR error answer: its HTTP status and an OperationOutcome (the ApiError carries it). */
export class FhirError extends ApiError {
  constructor(
    statusCode: number,
    readonly outcome: OperationOutcome,
  ) {
    super(statusCode, 'FHIR', outcome.issue.map((i) => i.diagnostics).join('; '));
  }

  override body(): Record<string, unknown> {
    return { ...this.outcome };
  }
}

function issuesOutcome(issues: readonly ResponseIssue[], lang: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error' as const,
      code: 'invalid',
      diagnostics: formatIssue(i, lang),
      ...(i.expression ? { expression: [`QuestionnaireResponse.${i.expression}`] } : {}),
    })),
  };
}

export class FhirForms {
  readonly base: string;
  private readonly cache = new WeakMap<CompiledForm, QuestionnaireResource>();

  constructor(
    readonly forms: Forms,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.base = env[FHIR_BASE_VARIABLE] || DEFAULT_BASE;
  }

  questionnaire(form: CompiledForm): QuestionnaireResource {
    let q = this.cache.get(form);
    if (!q) {
      const previous = previousVersion(form, this.forms.all());
      q = toQuestionnaire(form, {
        base: this.base,
        ...(previous ? { previousVersion: previous } : {}),
      }).questionnaire;
      this.cache.set(form, q);
    }
    return q;
  }

  byId(id: string): QuestionnaireResource {
    const form = this.forms.all().find((f) => questionnaireId(f.meta) === id);
    if (!form)
      throw new FhirError(
        404,
        outcome(
          'not-found',
          `No Questionnaire ${id}: ids are <registry>-<type>-<version>; GET /fhir/Questionnaire lists them.`,
        ),
      );
    return this.questionnaire(form);
  }

  /** A searchset Bundle of the versions matching url (and version). */
  search(url?: string, version?: string) {
    const matching = this.forms
      .all()
      .filter(
        (f) =>
          (!url || questionnaireUrl(this.base, f.meta) === url) && (!version || f.meta.version === version),
      );
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matching.length,
      entry: matching.map((f) => ({
        fullUrl: `${this.base.replace(/\/+$/, '')}/Questionnaire/${questionnaireId(f.meta)}`,
        resource: this.questionnaire(f),
        search: { mode: 'match' },
      })),
    };
  }

  /** A response as the body of POST /api/registrations, or a FhirError saying what is wrong. */
  submission(
    body: unknown,
    lang: (form: CompiledForm) => string,
  ): { form: CompiledForm; submit: SubmitBody } {
    const qr = body as QuestionnaireResponseResource;
    if (!qr || typeof qr !== 'object' || qr.resourceType !== 'QuestionnaireResponse')
      throw new FhirError(
        400,
        outcome(
          'structure',
          'Send one QuestionnaireResponse (resourceType QuestionnaireResponse).',
          'resourceType',
        ),
      );
    const form = formOfResponse(qr, this.forms.all(), this.base);
    if (!form)
      throw new FhirError(
        422,
        outcome(
          'not-found',
          `No form has the Questionnaire ${String(qr.questionnaire ?? '(none given)')}: give its canonical url|version, as GET /fhir/Questionnaire shows.`,
          'QuestionnaireResponse.questionnaire',
        ),
      );
    const language = lang(form);
    const read = fromResponse(form, qr, { lang: language, base: this.base });
    if (read.issues.length) throw new FhirError(422, issuesOutcome(read.issues, language));
    return {
      form,
      submit: {
        registry: form.meta.registry,
        type: form.meta.registrationType,
        version: form.meta.version,
        data: read.data,
        status: read.status,
      },
    };
  }

  /** The validator's errors (an INVALID_DATA ApiError) as an OperationOutcome. */
  invalid(form: CompiledForm, errors: FormError[], lang: string): FhirError {
    return new FhirError(
      422,
      issuesOutcome(
        errors.map((e) => issueOf(form, e)),
        lang,
      ),
    );
  }

  /** The registration as stored, as a QuestionnaireResponse. */
  response(form: CompiledForm, registration: Record<string, unknown>) {
    return toResponse(form, registration.data as Record<string, unknown>, {
      base: this.base,
      status: registration.status === 'sent' ? 'sent' : 'open',
      id: String(registration.id),
      ...(registration.updatedAt ? { authored: String(registration.updatedAt) } : {}),
      ...(registration.registrationCode ? { registrationCode: String(registration.registrationCode) } : {}),
    });
  }
}
