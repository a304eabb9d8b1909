import type { z } from 'zod';
import type { ResponseTypes } from './generated/response-types.ts';
import type { ZodResponseSchemas } from './zod-schemas.ts';

/** Endpoint ids with a known response type. */
export type TypedEndpointId = keyof ResponseTypes | keyof ZodResponseSchemas;

/**
 * The parsed JSON body of an endpoint: generated from the official spec where there is one,
 * inferred from the hand-written zod schema otherwise. `ResponseOf<'jira.users.search'>` is `JiraUser[]`.
 * (The types list documented fields only; at run time extra fields are there and accepted.)
 */
export type ResponseOf<Id extends TypedEndpointId> = Id extends keyof ResponseTypes
  ? ResponseTypes[Id]
  : Id extends keyof ZodResponseSchemas
    ? z.output<ZodResponseSchemas[Id]>
    : never;
