/*
 * The JSON Schemas of every route: Fastify refuses a request that does not follow them before
 * any handler runs, and @fastify/swagger publishes them as the OpenAPI document. Names and
 * filters are bounded so a hostile value costs nothing.
 */
const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
const id = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: 'The registration id (a UUID)',
} as const;
const security = [{ token: [] }];

const error = {
  type: 'object',
  description: 'An error: a stable code, a sentence saying what to do, and for invalid data every error',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Technical name of the field' },
          path: { type: 'string', description: 'Where in data, e.g. PCI[1].DT_PCI' },
          code: { type: 'string', description: 'The rule: required, format, minimum, check, …' },
          message: { type: 'string', description: "The form's message, in Accept-Language" },
        },
        additionalProperties: true,
      },
    },
  },
  additionalProperties: true,
} as const;

const registration = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    registry: { type: 'string' },
    type: { type: 'string' },
    version: { type: 'string' },
    status: { type: 'string', enum: ['open', 'sent', 'deleted'] },
    registrationCode: { type: ['string', 'null'], description: 'Set when Sent' },
    businessKey: { type: ['string', 'null'] },
    revision: {
      type: 'integer',
      description: 'Also the ETag: send it as If-Match to change the registration',
    },
    data: { type: 'object', additionalProperties: true, description: 'Keyed by technical names' },
    dropped: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    sentAt: { type: ['string', 'null'] },
    deletedAt: { type: ['string', 'null'] },
  },
  additionalProperties: true,
} as const;

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, error]));
const anyObject = { type: 'object', additionalProperties: true } as const;

const idempotencyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      description:
        'A key made once per request: a retry with it returns the first answer, never a second change',
    },
    'accept-language': { type: 'string', description: "Language of the form's messages (fr, nl, en, de)" },
  },
} as const;

export const health = {
  tags: ['node'],
  summary: 'The node answers (and which database it runs on)',
  response: {
    200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
  },
};

export const catalog = {
  tags: ['forms'],
  summary: 'Programme → registry → registration type → versions, the most recent marked (latest)',
  response: { 200: anyObject },
};

export const form = (withVersion: boolean) => ({
  tags: ['forms'],
  summary: withVersion
    ? 'A version of a registration type, compiled'
    : 'The most recent version of a registration type, compiled',
  params: {
    type: 'object',
    required: withVersion ? ['registry', 'type', 'version'] : ['registry', 'type'],
    properties: { registry: name, type: name, ...(withVersion ? { version: name } : {}) },
  },
  response: { 200: anyObject, 404: error },
});

export const submit = {
  tags: ['registrations'],
  summary: 'Submit a registration: Open (checked by the rules to save) or Sent (by the rules to send)',
  description:
    "An Open registration of your organisation with the same business key is replaced (it becomes Deleted; the answer names it in replaces); a Sent one is a conflict (409, naming it): a Sent registration is corrected through the registry's helpdesk.",
  security,
  headers: idempotencyHeader,
  body: {
    type: 'object',
    required: ['registry', 'type', 'data', 'status'],
    additionalProperties: false,
    properties: {
      registry: name,
      type: name,
      version: { ...name, description: 'Default: the most recent version' },
      id: { type: 'string', format: 'uuid', description: 'Your id for it (default: one is made)' },
      status: { type: 'string', enum: ['open', 'sent'] },
      data: { type: 'object', description: 'Keyed by technical names, e.g. {"IDC_PAT": "93051822361"}' },
    },
  },
  response: { 200: registration, 201: registration, ...errors(400, 401, 404, 409, 413, 415, 422, 429) },
};

export const list = {
  tags: ['registrations'],
  summary: "Your organisation's registrations, in the order they changed (cursor paging)",
  security,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      registry: name,
      type: name,
      status: { type: 'string', enum: ['open', 'sent', 'deleted'] },
      updatedSince: { type: 'string', format: 'date-time', description: 'Changed at or after (ISO 8601)' },
      cursor: { type: 'string', maxLength: 500, description: '`next` of the previous page' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        registrations: { type: 'array', items: registration },
        next: { type: ['string', 'null'], description: 'Pass as cursor for the next page; null on the last' },
      },
    },
    ...errors(400, 401, 429),
  },
};

const idParams = { type: 'object', required: ['id'], properties: { id } } as const;

export const one = {
  tags: ['registrations'],
  summary: 'One registration (ETag: its revision)',
  security,
  params: idParams,
  response: { 200: registration, ...errors(401, 404) },
};

export const put = {
  tags: ['registrations'],
  summary: 'New data for an Open registration (If-Match: the revision read; 412 when it changed since)',
  security,
  params: idParams,
  headers: {
    type: 'object',
    properties: { 'if-match': { type: 'string', description: 'The ETag read, e.g. "3"' } },
  },
  body: {
    type: 'object',
    required: ['data'],
    additionalProperties: false,
    properties: {
      data: { type: 'object' },
      version: {
        ...name,
        description: 'Move the draft to this newer version (with what did not fit in migration)',
      },
      migration: {
        type: 'object',
        description: 'What migrateRegistration reports: from where, and what was not kept',
      },
    },
  },
  response: { 200: registration, ...errors(400, 401, 404, 409, 412, 422, 428) },
};

export const remove = {
  tags: ['registrations'],
  summary: 'Delete an Open registration (it becomes Deleted and is kept)',
  security,
  params: idParams,
  response: { 200: registration, ...errors(401, 404, 409, 412) },
};

export const send = {
  tags: ['registrations'],
  summary: 'Send an Open registration: checked by the rules to send, then Sent with a registration code',
  security,
  params: idParams,
  headers: idempotencyHeader,
  response: { 200: registration, ...errors(401, 404, 409, 412, 422) },
};

export const history = {
  tags: ['registrations'],
  summary: 'What happened to a registration: who, when, which status, which revision (append-only)',
  security,
  params: idParams,
  response: {
    200: {
      type: 'object',
      properties: {
        events: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              at: { type: 'string' },
              actor: { type: 'string' },
              action: { type: 'string' },
              status: { type: 'string' },
              revision: { type: 'integer' },
            },
          },
        },
      },
    },
    ...errors(401, 404),
  },
};

const csvParams = {
  type: 'object',
  required: ['registry', 'spec'],
  properties: {
    registry: name,
    spec: { type: 'string', minLength: 1, maxLength: 150, description: '<type> or <type>@<version>' },
  },
} as const;

export const csvUpload = {
  tags: ['csv'],
  summary: 'Import a CSV file (body, Content-Type: text/csv) through the same import as the CLI; the report',
  description:
    'HD4DP v2 conventions: technical names as header, `;`, UTF-8, dd/mm/yyyy. At most 20 MiB by default (regforms serve --csv-limit).',
  security,
  params: csvParams,
  headers: idempotencyHeader,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      lang: { type: 'string', enum: ['fr', 'nl', 'en', 'de'] },
      dryRun: { type: 'boolean', description: 'Validate only: nothing is stored' },
      fileName: { type: 'string', maxLength: 200 },
    },
  },
  response: { 200: anyObject, ...errors(400, 401, 404, 413, 415, 429) },
};

export const csvGet = {
  tags: ['csv'],
  security,
  params: csvParams,
  response: { ...errors(401, 404) },
};

export const exportQuery = {
  tags: ['export'],
  summary: 'Registrations for the registry, every patient identifier replaced by a keyed pseudonym',
  security,
  querystring: {
    type: 'object',
    required: ['registry'],
    additionalProperties: false,
    properties: { registry: name, type: name, status: { type: 'string', enum: ['open', 'sent'] } },
  },
  response: { 200: anyObject, ...errors(400, 401, 404, 409, 503) },
};

const fhirResource = {
  type: 'object',
  description: 'A FHIR R4 resource (application/fhir+json)',
  additionalProperties: true,
} as const;

export const fhirRead = {
  tags: ['fhir'],
  summary: 'A form version as a FHIR R4 Questionnaire (SDC)',
  description:
    'Ids are <registry>-<type>-<version>. Canonical URLs are under the node’s REGFORMS_FHIR_BASE; docs/fhir.md gives the mapping.',
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9\\-.]+$' } },
  },
  response: { 200: fhirResource, 404: fhirResource },
};

export const fhirSearch = {
  tags: ['fhir'],
  summary: 'Questionnaires by canonical url and version (a searchset Bundle)',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      url: { type: 'string', maxLength: 500, description: 'The canonical URL of a registration type' },
      version: { ...name, description: 'One version (default: every version)' },
    },
  },
  response: { 200: fhirResource },
};

export const fhirSubmit = {
  tags: ['fhir'],
  summary: 'A QuestionnaireResponse as a registration: completed → Sent, in-progress → Open',
  description:
    'The response names its form by questionnaire (canonical url|version). It goes through the form’s own rules, as POST /api/registrations; every problem comes back as an OperationOutcome issue with the FHIRPath of the answer and the linkId, in Accept-Language. The answer is the registration as a QuestionnaireResponse (Location: the registration in the API).',
  security,
  headers: idempotencyHeader,
  body: fhirResource,
  response: {
    200: fhirResource,
    201: fhirResource,
    400: fhirResource,
    401: error,
    409: error,
    422: fhirResource,
  },
};
