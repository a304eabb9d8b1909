// Response schemas and validation for the Atlassian connector. See README.md.

export type { SchemaDrift } from './drift-error.ts';
export { SchemaDriftError } from './drift-error.ts';
export type { ReadTypes } from './generated/read-types.ts';
export type * from './generated/response-types.ts';
export type { PageItemOf, ReadOf } from './read-of.ts';
export type { DriftCount, ResponseDrift } from './response-drift.ts';
export type { ResponseOf, TypedEndpointId } from './response-of.ts';
export type {
  ResponseCheck,
  ResponseValidator,
  ResponseValidatorDeps,
  SettledResponse,
} from './validate-response.ts';
export { createResponseValidator, validateResponse } from './validate-response.ts';
