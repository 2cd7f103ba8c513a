/*
 * The hospital node's HTTP API (Fastify): every route has JSON Schemas, so a malformed request
 * is refused before a handler runs, and the same schemas make the OpenAPI document at
 * /openapi.json and the docs page at /docs. The handlers are thin: the lifecycle is in
 * registrations.ts, the forms in forms.ts, CSV in @regforms/csv.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { validatorsModule } from '@regforms/compiler';
import { exportCsv, importCsv, templateCsv } from '@regforms/csv';
import { checkData, LifecycleError } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { OpenDatabase } from './database.ts';
import { ApiError } from './errors.ts';
import { exportRegistrations, pseudonymKey } from './export.ts';
import { FHIR_JSON, FhirError, FhirForms } from './fhir.ts';
import type { Forms } from './forms.ts';
import { fingerprint, idempotent, idempotentLong, KEY } from './idempotency.ts';
import {
  type Answer,
  checkSubmission,
  getOne,
  history,
  type LangOf,
  type ListQuery,
  list,
  organisationStore,
  remove,
  type SubmitBody,
  send,
  submit,
  update,
} from './registrations.ts';
import * as s from './schemas.ts';
import { type Caller, callerOf, hashToken } from './tokens.ts';

export interface ServerOptions {
  forms: Forms;
  database: OpenDatabase;
  /** Largest JSON body, bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Largest CSV upload, bytes (default 20 MiB). */
  csvLimit?: number;
  /** Requests per minute per token (default 6,000). */
  rateLimit?: number;
  /** The `<regforms-form>` bundle to serve at /regforms-form.js (a file). */
  element?: string;
  /** Fastify's logger: false in tests; the CLI logs JSON lines (no header, body or token). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_CSV_LIMIT = 20 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = 6000;

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** The request's language among the form's (Accept-Language), else the form's own. */
function langOf(request: FastifyRequest): LangOf {
  const negotiator = new Negotiator({ headers: { 'accept-language': request.headers['accept-language'] } });
  return (form: CompiledForm) =>
    request.headers['accept-language']
      ? (negotiator.languages(form.meta.languages)[0] ?? form.meta.defaultLanguage)
      : form.meta.defaultLanguage;
}

/** `"3"`, `W/"3"` or `3` → 3; anything else is a client's mistake. */
function revisionOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw new ApiError(
      400,
      'BAD_IF_MATCH',
      'If-Match must be the ETag of the registration as you read it, e.g. If-Match: "3".',
    );
  return Number(m[1]);
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key))
    throw new ApiError(
      400,
      'BAD_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID made once per request.',
    );
  return key;
}

function reply(res: FastifyReply, answer: Answer & { replayed?: true }) {
  const revision = answer.body.revision;
  if (typeof revision === 'number') res.header('etag', `"${revision}"`);
  if (answer.replayed) res.header('idempotent-replayed', 'true');
  return res.code(answer.statusCode).send(answer.body);
}

/** A CSV file to download, named after its form: `angio-hospitalisation-1.1.0<suffix>.csv`. */
function csvFile(res: FastifyReply, form: CompiledForm, suffix: string, text: string) {
  const { registry, registrationType, version } = form.meta;
  return res
    .header('content-type', 'text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="${registry}-${registrationType}-${version}${suffix}.csv"`,
    )
    .send(text);
}

/** `hospitalisation-pci` or `hospitalisation-pci@1.0.0` in a CSV route. */
function typeSpec(spec: string): { type: string; version?: string } {
  const at = spec.indexOf('@');
  return at < 0 ? { type: spec } : { type: spec.slice(0, at), version: spec.slice(at + 1) };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { forms, database } = options;
  const validatorsCode = new WeakMap<CompiledForm, string>();
  const { db } = database;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const csvLimit = options.csvLimit ?? DEFAULT_CSV_LIMIT;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    ajv: {
      // Refuse what a schema does not allow instead of quietly dropping it; every error at once.
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' },
    },
  });
  app.decorateRequest('caller', null);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'regforms hospital node',
        version: '0.1.0',
        description:
          'Registrations of the registries of healthdata.be, system to system. JSON keys of `data` are the technical names of the form (as in CSV). Every route but /api/catalog and /api/forms needs `Authorization: Bearer <token>` (`regforms serve token create`).',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Compressed where the client accepts it (a compiled form of 800 KB travels as ~110 KB): the
  // forms, their validators, the element's chunks and the API's answers.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(cors, {
    // Tokens travel in a header, never in cookies: any portal may call the API with its own.
    origin: '*',
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'accept-language'],
    exposedHeaders: ['etag', 'idempotent-replayed', 'retry-after', 'server-timing'],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
  });
  await app.register(rateLimit, {
    max: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    timeWindow: '1 minute',
    // Per token (its hash, never the token itself), else per address.
    keyGenerator: (req) => {
      const auth = req.headers.authorization;
      return auth ? `t:${hashToken(auth).slice(0, 32)}` : `a:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) =>
      new ApiError(
        429,
        'RATE_LIMITED',
        `More than ${ctx.max} requests in ${ctx.after === '1 minute' ? 'a minute' : ctx.after}: wait ${ctx.ttl > 1000 ? `${Math.ceil(ctx.ttl / 1000)} s` : 'a second'} (Retry-After), or send a batch as one CSV upload.`,
      ),
  });

  // FHIR clients send application/fhir+json: JSON, parsed as the API's JSON is.
  app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addContentTypeParser(
    ['text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: csvLimit },
    (_req, body, done) => done(null, body),
  );

  app.setErrorHandler((error: Error & Record<string, unknown>, request, res) => {
    if (error instanceof ApiError) {
      if (error instanceof FhirError) res.type(FHIR_JSON);
      if (error.statusCode === 429) res.header('retry-after', res.getHeader('retry-after') ?? '60');
      return res.code(error.statusCode).send(error.body());
    }
    if (Array.isArray(error.validation)) {
      const where = String(error.validationContext ?? 'body');
      const errors = (error.validation as { instancePath: string; message?: string; params?: unknown }[]).map(
        (v) => ({
          path: `${where}${v.instancePath.replace(/\//g, '.')}`,
          message: v.message ?? 'is not valid',
        }),
      );
      return res.code(400).send({
        statusCode: 400,
        code: 'BAD_REQUEST',
        message: `The request does not follow the API (see /docs): ${errors
          .slice(0, 5)
          .map((e) => `${e.path} ${e.message}`)
          .join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}.`,
        errors,
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return res.code(415).send({
          statusCode: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: request.url.startsWith('/api/csv/')
            ? 'Send the CSV file as the body with Content-Type: text/csv.'
            : 'Send JSON with Content-Type: application/json.',
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return res.code(413).send({
          statusCode: 413,
          code: 'BODY_TOO_LARGE',
          message: request.url.startsWith('/api/csv/')
            ? `A CSV upload is at most ${csvLimit.toLocaleString('en')} bytes: split the file.`
            : `A request body is at most ${bodyLimit.toLocaleString('en')} bytes.`,
        });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return res.code(400).send({
          statusCode: 400,
          code: 'BAD_JSON',
          message: `The body is not valid JSON: ${String(error.message).slice(0, 200)}`,
        });
    }
    if (error instanceof SyntaxError || error.statusCode === 400)
      return res.code(400).send({
        statusCode: 400,
        code: 'BAD_JSON',
        message: `The body is not valid JSON: ${String(error.message).slice(0, 200)}`,
      });
    if (error instanceof LifecycleError)
      return res.code(error.code === 'NOT_FOUND' ? 404 : 409).send({
        statusCode: 409,
        code: error.code,
        message: error.message,
      });
    if (typeof error.statusCode === 'number' && error.statusCode < 500)
      return res.code(error.statusCode).send({
        statusCode: error.statusCode,
        code: String(error.code ?? 'BAD_REQUEST'),
        message: error.message,
      });
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'fault');
    return res.code(500).send({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'The node failed on this request; nothing was changed. The fault is logged on the node.',
    });
  });

  app.setNotFoundHandler((request, res) =>
    res.code(404).send({
      statusCode: 404,
      code: 'NO_ROUTE',
      message: `No route ${request.method} ${request.url.split('?')[0]!.slice(0, 100)}: the API is described at /docs.`,
    }),
  );

  /** Every route but the catalog and the forms: a token of an organisation. */
  const authenticate = async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token)
      throw new ApiError(
        401,
        'NO_TOKEN',
        "This route needs Authorization: Bearer <token>; a token is made with 'regforms serve token create --org <NIHDI> --name <who>'.",
      );
    const caller = token.length <= 200 ? await callerOf(db, token) : undefined;
    if (!caller) throw new ApiError(401, 'BAD_TOKEN', 'This token is unknown or revoked: ask for a new one.');
    request.caller = caller;
  };
  const secured = { onRequest: authenticate };
  const caller = (request: FastifyRequest) => request.caller!;

  app.get('/health', { schema: s.health }, async () => ({ status: 'ok', database: database.kind }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // ---- forms -------------------------------------------------------------------------
  app.get('/api/catalog', { schema: s.catalog }, async () => forms.catalog);
  const formRoute = async (
    request: FastifyRequest<{ Params: { registry: string; type: string; version?: string } }>,
    res: FastifyReply,
  ) => {
    const { registry, type, version } = request.params;
    const form = forms.find(registry, type, version);
    const etag = `"${form.meta.hash}"`;
    res.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return res.code(304).send();
    return form;
  };
  app.get('/api/forms/:registry/:type', { schema: s.form(false) }, formRoute);
  app.get('/api/forms/:registry/:type/:version', { schema: s.form(true) }, formRoute);
  // The compiled forms as `regforms compile` lays them out, for <regforms-form catalog="…">.
  app.get('/forms/catalog.json', { schema: { hide: true } }, async () => forms.catalog);
  app.get('/forms/:registry/:type/:version/form.json', { schema: { hide: true } }, formRoute);
  // Each form's validators module (compiled once, on first request): the element validates with
  // it, so a portal under a Content Security Policy without 'unsafe-eval' can use the node.
  app.get<{ Params: { registry: string; type: string; version: string } }>(
    '/forms/:registry/:type/:version/validators.js',
    { schema: { hide: true } },
    async (request, res) => {
      const { registry, type, version } = request.params;
      const form = forms.find(registry, type, version);
      const etag = `"${form.meta.hash}"`;
      res
        .header('etag', etag)
        .header('cache-control', 'no-cache')
        .header('content-type', 'text/javascript; charset=utf-8');
      if (request.headers['if-none-match'] === etag) return res.code(304).send();
      let code = validatorsCode.get(form);
      if (code === undefined) {
        code = validatorsModule(form);
        validatorsCode.set(form, code);
      }
      return res.send(code);
    },
  );
  // The <regforms-form> bundle: its script, and the chunks it loads beside it (regforms-form-….js
  // in the same folder), one route per file found at start: nothing else of that folder is served.
  const sendElement = (path: string, res: FastifyReply) =>
    res
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(readFileSync(path));
  app.get('/regforms-form.js', { schema: { hide: true } }, async (_request, res) => {
    if (!options.element)
      throw new ApiError(
        404,
        'NO_ELEMENT',
        'This node serves no <regforms-form> bundle: build it (pnpm build:packages) or pass --element FILE to regforms serve.',
      );
    return sendElement(options.element, res);
  });
  if (options.element)
    for (const file of readdirSync(dirname(options.element)))
      if (/^regforms-form-[\w-]+\.js$/.test(file)) {
        const path = join(dirname(options.element), file);
        app.get(`/${file}`, { schema: { hide: true } }, async (_request, res) => sendElement(path, res));
      }

  // ---- registrations -----------------------------------------------------------------
  app.post<{ Body: SubmitBody }>(
    '/api/registrations',
    { ...secured, schema: s.submit },
    async (request, res) => {
      const who = caller(request);
      // Server-Timing says where a submission's time went: validation, waiting for a
      // connection (the embedded database has one), the transaction.
      const t0 = performance.now();
      const submission = checkSubmission(forms, request.body, langOf(request));
      const t1 = performance.now();
      let t2 = t1;
      const answer = await idempotent(
        db,
        who,
        idempotencyKey(request),
        fingerprint('POST', request.url, request.body),
        (trx) => {
          t2 = performance.now();
          return submit(trx, who, submission);
        },
      );
      const ms = (n: number) => n.toFixed(2);
      res.header(
        'server-timing',
        `check;dur=${ms(t1 - t0)}, wait;dur=${ms(t2 - t1)}, db;dur=${ms(performance.now() - t2)}`,
      );
      if (answer.statusCode === 201) res.header('location', `/api/registrations/${answer.body.id}`);
      return reply(res, answer);
    },
  );
  // ---- FHIR R4 ----------------------------------------------------------------------------
  const fhir = new FhirForms(forms, options.env);
  const fhirJson = (res: FastifyReply, body: unknown) => res.type(FHIR_JSON).send(body);
  app.get<{ Params: { id: string } }>(
    '/fhir/Questionnaire/:id',
    { schema: s.fhirRead },
    async (request, res) => fhirJson(res, fhir.byId(request.params.id)),
  );
  app.get<{ Querystring: { url?: string; version?: string } }>(
    '/fhir/Questionnaire',
    { schema: s.fhirSearch },
    async (request, res) => fhirJson(res, fhir.search(request.query.url, request.query.version)),
  );
  app.post('/fhir/QuestionnaireResponse', { ...secured, schema: s.fhirSubmit }, async (request, res) => {
    const who = caller(request);
    const lang = langOf(request);
    const { form, submit: body } = fhir.submission(request.body, lang);
    const language = lang(form);
    const checked = checkData(form, body.data, body.status === 'sent' ? 'send' : 'save', language);
    if (checked.errors.length > 0) throw fhir.invalid(form, checked.errors, language);
    const answer = await idempotent(
      db,
      who,
      idempotencyKey(request),
      fingerprint('POST', request.url, request.body),
      (trx) => submit(trx, who, { body, form, checked, language }),
    );
    if (answer.statusCode === 201) res.header('location', `/api/registrations/${answer.body.id}`);
    return fhirJson(res.code(answer.statusCode as 200 | 201), fhir.response(form, answer.body));
  });

  app.get<{ Querystring: ListQuery }>('/api/registrations', { ...secured, schema: s.list }, async (request) =>
    list(db, caller(request), request.query),
  );
  app.get<{ Params: { id: string } }>(
    '/api/registrations/:id',
    { ...secured, schema: s.one },
    async (request, res) => {
      const registration = await getOne(db, caller(request), request.params.id);
      return res.header('etag', `"${registration.revision}"`).send(registration);
    },
  );
  app.put<{
    Params: { id: string };
    Body: { data: Record<string, unknown>; version?: string; migration?: unknown };
  }>('/api/registrations/:id', { ...secured, schema: s.put }, async (request, res) => {
    const ifMatch = revisionOf(request.headers['if-match']);
    if (ifMatch === undefined)
      throw new ApiError(
        428,
        'IF_MATCH_REQUIRED',
        "PUT needs If-Match: the ETag of the registration as you read it (GET), so that no one's change is overwritten unseen.",
      );
    const who = caller(request);
    return reply(
      res,
      await idempotent(db, who, undefined, '', (trx) =>
        update(trx, forms, who, request.params.id, request.body, ifMatch, langOf(request)),
      ),
    );
  });
  app.delete<{ Params: { id: string } }>(
    '/api/registrations/:id',
    { ...secured, schema: s.remove },
    async (request, res) => {
      const who = caller(request);
      const ifMatch = revisionOf(request.headers['if-match']);
      return reply(
        res,
        await idempotent(db, who, undefined, '', (trx) => remove(trx, who, request.params.id, ifMatch)),
      );
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/registrations/:id/send',
    { ...secured, schema: s.send },
    async (request, res) => {
      const who = caller(request);
      const ifMatch = revisionOf(request.headers['if-match']);
      return reply(
        res,
        await idempotent(db, who, idempotencyKey(request), fingerprint('POST', request.url, ''), (trx) =>
          send(trx, forms, who, request.params.id, ifMatch, langOf(request)),
        ),
      );
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/registrations/:id/history',
    { ...secured, schema: s.history },
    async (request) => ({ events: await history(db, caller(request), request.params.id) }),
  );

  // ---- CSV ---------------------------------------------------------------------------
  type CsvRoute = { Params: { registry: string; spec: string }; Querystring: { lang?: string } };
  const csvForm = (request: FastifyRequest<CsvRoute>) => {
    const { type, version } = typeSpec(request.params.spec);
    return forms.find(request.params.registry, type, version);
  };
  app.post<CsvRoute & { Querystring: { dryRun?: boolean; fileName?: string }; Body: Buffer }>(
    '/api/csv/:registry/:spec',
    { ...secured, bodyLimit: csvLimit, schema: s.csvUpload },
    async (request, res) => {
      const form = csvForm(request);
      const who = caller(request);
      if (!Buffer.isBuffer(request.body))
        throw new ApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the CSV file as the body with Content-Type: text/csv.',
        );
      const body = request.body;
      const answer = await idempotentLong(
        db,
        who,
        idempotencyKey(request),
        fingerprint('POST', request.url, body),
        async () => {
          const report = await importCsv(form, body, {
            store: organisationStore(db, who),
            lang: request.query.lang ?? langOf(request)(form),
            dryRun: request.query.dryRun === true,
            author: who.actor,
            ...(request.query.fileName ? { fileName: request.query.fileName } : {}),
          });
          return { statusCode: 200, body: report as unknown as Record<string, unknown> };
        },
      );
      return reply(res, answer);
    },
  );
  app.get<CsvRoute>(
    '/api/csv/:registry/:spec/template',
    { ...secured, schema: s.csvGet },
    async (request, res) => {
      const form = csvForm(request);
      return csvFile(res, form, '-template', templateCsv(form));
    },
  );
  app.get<CsvRoute>(
    '/api/csv/:registry/:spec/export',
    { ...secured, schema: s.csvGet },
    async (request, res) => {
      const form = csvForm(request);
      const store = organisationStore(db, caller(request));
      const registrations = await store.list({
        registry: form.meta.registry,
        registrationType: form.meta.registrationType,
      });
      return csvFile(res, form, '', exportCsv(form, registrations));
    },
  );

  // ---- the pseudonymised export ------------------------------------------------------
  app.get<{ Querystring: { registry: string; type?: string; status?: 'open' | 'sent' } }>(
    '/api/export',
    { ...secured, schema: s.exportQuery },
    async (request) => {
      const key = pseudonymKey(options.env ?? process.env);
      if (request.query.type) forms.find(request.query.registry, request.query.type);
      else forms.registry(request.query.registry);
      return exportRegistrations(
        db,
        forms,
        { ...request.query, organisation: caller(request).organisation },
        key,
      );
    },
  );

  return app;
}
