/** Every failure becomes {error: {code, field, params, message, errors}} in the caller's language: never a stack trace. */
import { randomBytes } from 'node:crypto';
import {
  errorMessage, type FieldError, ID_INVALID, isKepingError, type Locale, negotiateLocale, TEXT_INVALID_CHARACTER,
} from '@keping/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  input?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  values?: unknown[];
}

function fromZodIssue(issue: ZodIssueLike, prefix: string): FieldError {
  const field = (issue.path ?? []).map(String).join('.') || prefix;
  // The shared schemas (core api/input.ts) name their failure by its code.
  if (issue.message === ID_INVALID || issue.message === TEXT_INVALID_CHARACTER) return { code: issue.message, field };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { code: 'REQUIRED', field };
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return { code: 'TOO_LONG', field, params: { max: issue.maximum } };
  if (issue.code === 'invalid_value' || issue.code === 'invalid_enum_value') {
    return { code: 'VALUE_UNKNOWN', field, params: { value: String(issue.input ?? '') } };
  }
  return { code: 'VALIDATION', field, params: { detail: `${field}: ${issue.message ?? issue.code ?? ''}` } };
}

export function send(reply: FastifyReply, locale: Locale, status: number, errors: FieldError[]): FastifyReply {
  const withMessages = errors.map((e) => ({ ...e, params: e.params ?? {}, message: errorMessage(locale, e) }));
  const first = withMessages[0] ?? { code: 'INTERNAL', params: {}, message: '' };
  return reply.status(status).send({ error: { ...first, errors: withMessages } });
}

export function localeOf(request: FastifyRequest): Locale {
  return request.ctx?.locale ?? negotiateLocale(request.headers['accept-language']);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = localeOf(request);
  if (isKepingError(error)) return send(reply, locale, error.status, error.errors);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = error.validationContext ?? 'body';
    const issues = error.validation.map((v) => fromZodIssue({
      ...(v.params as ZodIssueLike), code: v.keyword, message: v.message,
      path: v.instancePath.split('/').filter(Boolean),
    }, prefix));
    // An id in the path that no row can have (not a number, or beyond an integer column) names nothing there is.
    if (prefix === 'params' && issues.some((i) => i.code === ID_INVALID)) return send(reply, locale, 404, [{ code: 'NOT_FOUND' }]);
    return send(reply, locale, 400, issues);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // A JSON (or other non-file) body over the route's limit: no file is involved.
    const limit = Number(request.routeOptions.bodyLimit ?? 0);
    return send(reply, locale, 413, [{ code: 'BODY_TOO_LARGE', field: 'body', params: { limitKb: Math.round(limit / 1024) } }]);
  }
  if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
    const limit = Number(request.routeOptions.config.uploadLimitBytes ?? request.routeOptions.bodyLimit ?? 0);
    return send(reply, locale, 413, [{ code: 'FILE_TOO_LARGE', field: 'file', params: { limitMb: Math.round(limit / 1048576) } }]);
  }
  if (error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return send(reply, locale, 415, [{ code: 'FILE_MISSING', field: 'file' }]);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(reply, locale, error.statusCode, [{ code: 'VALIDATION', field: 'body', params: { detail: error.message } }]);
  }
  const ref = randomBytes(4).toString('hex');
  request.log.error({ err: error, ref }, 'unhandled error');
  return send(reply, locale, 500, [{ code: 'INTERNAL', params: { ref } }]);
}
