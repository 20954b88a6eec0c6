/**
 * The OpenAPI document's operations (GET /api/openapi.json, shown at /api/docs): each route's zod
 * schemas as JSON Schema (fastify-type-provider-zod), plus what the code declares once elsewhere: the
 * roles allowed (`x-roles`, from the route's policy line) and the error shape every failure has
 * (http/errors.ts). Documentation only: the responses are not validated against it.
 */
import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { RoleSpec } from './policy.js';

const fieldError = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'stable error code (e.g. REQUIRED, NOT_FOUND)' },
    field: { type: 'string', description: 'the input field concerned, as a path' },
    params: { type: 'object', additionalProperties: true },
    message: { type: 'string', description: "in the caller's language (Accept-Language; Simplified Chinese by default)" },
  },
};

/** {error: {code, field, params, message, errors}}: the first problem, then every problem. */
export const ERROR_RESPONSE = {
  description: 'Refused: 400 bad input (every field named), 401 no session, 403 not allowed, 404 not found, 409 conflicting state, 413 too large, 429 too many attempts',
  type: 'object',
  required: ['error'],
  properties: {
    error: { ...fieldError, properties: { ...fieldError.properties, errors: { type: 'array', items: fieldError } } },
  },
};

export const documentRoute: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const schema = (out.schema ?? {}) as Record<string, unknown>; // a route without schemas has none
  const roles = (input.route.config as { roles?: RoleSpec } | undefined)?.roles;
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}), default: ERROR_RESPONSE };
  return { url: out.url, schema: { ...schema, response, 'x-roles': typeof roles === 'string' ? [roles] : roles } };
};
