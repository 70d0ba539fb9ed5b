import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { DomainError, ValidationFailed } from '../../domain/errors.ts';
import { FHIR_MEDIA_TYPE, type FhirIssue } from '../../domain/fhir.ts';
import type { Services } from '../../services.ts';
import type { ApiCaller } from '../../services/api-token.service.ts';
import { paths } from '../../web/paths.ts';
import { capabilityStatement } from './capability-statement.ts';
import { FhirRefused, readServiceRequest } from './service-request.parse.ts';

/** The largest body read: a referral Bundle is a few kilobytes. */
export const FHIR_BODY_LIMIT = 256 * 1024;
/** Requests a minute per token (or per address without one). */
export const FHIR_RATE_LIMIT = 60;

const ISSUE_CODE: Record<number, string> = {
  400: 'structure',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'invariant',
  429: 'throttled',
};

/** FHIR answers errors as an OperationOutcome (decision 051): the house error's words go in `diagnostics`. */
export const operationOutcome = (severity: 'error' | 'information', code: string, issues: FhirIssue[]) => ({
  resourceType: 'OperationOutcome',
  issue: issues.map((i) => ({ severity, code, diagnostics: i.message, ...(i.expression ? { expression: [i.expression] } : {}) })),
});

const FRAMEWORK_MESSAGES: Record<number, string> = {
  400: 'The body could not be read as JSON',
  401: 'Send an API token issued to your organisation: Authorization: Bearer wm_…',
  413: 'The body is too large',
  415: `Send the resource as ${FHIR_MEDIA_TYPE}`,
};

function errorAnswer(error: unknown): { status: number; issues: FhirIssue[] } {
  if (error instanceof FhirRefused) return { status: error.status, issues: error.issues };
  if (error instanceof ValidationFailed) return { status: 422, issues: error.errors.map((e) => ({ expression: e.field, message: e.message })) };
  if (error instanceof DomainError) return { status: error.status, issues: [{ expression: '', message: error.message }] };
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (status === 429) return { status, issues: [{ expression: '', message: 'Too many requests: wait a minute and try again' }] };
  if (status && status >= 400 && status < 500)
    return { status, issues: [{ expression: '', message: FRAMEWORK_MESSAGES[status] ?? 'The request could not be read' }] };
  return { status: 500, issues: [{ expression: '', message: 'Internal server error' }] };
}

const callers = new WeakMap<FastifyRequest, ApiCaller>();

/**
 * FHIR R4 for systems that send referrals (issue 13, decision 051), with a token an administrator
 * issued to their organisation (`Authorization: Bearer wm_…`). POST a ServiceRequest (or a Bundle
 * holding one) to make a draft referral for a link worker to check; GET one you sent to follow it.
 * No session is read; every answer is FHIR JSON, errors as OperationOutcome.
 */
export async function registerFhirRoutes(app: FastifyInstance, services: Services, config: Config) {
  const baseUrl = config.publicUrl.replace(/\/+$/, '');
  const fhir = services.referral.fhir;
  const rateLimit = {
    max: FHIR_RATE_LIMIT,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => {
      const auth = request.headers.authorization;
      return auth ? `fhir:${createHash('sha256').update(auth).digest('base64url')}` : `fhir-ip:${request.ip}`;
    },
  };

  await app.register(async (api) => {
    // Only FHIR JSON is read here: forms and files are refused with 415.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser([FHIR_MEDIA_TYPE, 'application/json'], { parseAs: 'string', bodyLimit: FHIR_BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new FhirRefused(400, [{ expression: '', message: 'The body is not valid JSON' }]), undefined);
      }
    });

    api.setErrorHandler((error: FastifyError | Error, request, reply) => {
      const { status, issues } = errorAnswer(error);
      if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'unhandled error');
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      return reply
        .status(status)
        .type(`${FHIR_MEDIA_TYPE}; charset=utf-8`)
        .send(operationOutcome('error', ISSUE_CODE[status] ?? 'exception', issues));
    });

    // Personal data: no browser or proxy keeps a copy (unlike the open-data API under /api).
    api.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    // After the route's rate limit (onRequest), before the body is read. The CapabilityStatement is public.
    api.addHook('preParsing', async (request, _reply, payload) => {
      if (request.routeOptions.url === paths.fhirApi.metadata) return payload;
      const [scheme, token] = (request.headers.authorization ?? '').split(' ');
      const caller = scheme?.toLowerCase() === 'bearer' && token ? await services.apiTokens.authenticate(token) : undefined;
      if (!caller) throw Object.assign(new Error('No valid API token'), { statusCode: 401 });
      callers.set(request, caller);
      return payload;
    });

    const send = (reply: FastifyReply, status: number, body: unknown) =>
      reply.status(status).type(`${FHIR_MEDIA_TYPE}; charset=utf-8`).send(JSON.stringify(body));

    const metadata = capabilityStatement(baseUrl, { bodyBytes: FHIR_BODY_LIMIT, perMinute: FHIR_RATE_LIMIT });
    api.get(paths.fhirApi.metadata, { config: { rateLimit } }, async (_request, reply) => send(reply, 200, metadata));

    api.post(paths.fhirApi.serviceRequests, { config: { rateLimit } }, async (request, reply) => {
      const input = readServiceRequest(request.body, baseUrl);
      const { id, created } = await fhir.receive(callers.get(request)!, input);
      reply.header('location', `${baseUrl}${paths.fhirApi.serviceRequest(id)}`);
      const words = created ? 'Received: a draft referral waits for a link worker to check it' : 'Already received: nothing new was created';
      return send(reply, created ? 201 : 200, operationOutcome('information', 'informational', [{ expression: '', message: words }]));
    });

    api.get<{ Params: { id: string } }>(paths.fhirApi.serviceRequest(':id'), { config: { rateLimit } }, async (request, reply) =>
      send(reply, 200, await fhir.readReceived(callers.get(request)!, request.params.id)),
    );
  });
}
