import { z } from 'zod';
import { type RuleResult, resourceKey } from '../rules/result.ts';

// Exceptions: a documented decision to accept a failing result for a while (a break-glass user
// outside SSO, an intentionally public space). One applies to a rule, optionally only to some of
// its resources, with a justification, an owner and an expiry. A covered `fail` shows as
// `excepted`; an expired exception covers nothing and is reported, so the risk comes back into
// view instead of being accepted forever. `unknown` is never excepted: missing data is fixed by
// reading it or attesting it, not by accepting it.

const isoTime = z.iso.datetime({ offset: true });

export const exceptionSchema = z.strictObject({
  id: z.string().min(1),
  ruleId: z.string().min(1),
  /** Resource keys (`resourceKey`: `<scope>:<type>:<id>`); absent = every resource of the rule. */
  resources: z.array(z.string().min(1)).min(1).optional(),
  justification: z.string().trim().min(10),
  /** Who answers for it (a person or team), reminded before it expires. */
  owner: z.string().min(1),
  createdAt: isoTime,
  expiresAt: isoTime,
});

export type RuleException = z.output<typeof exceptionSchema>;

export interface ExpiredException {
  exception: RuleException;
  /** The failing results it would cover if it were current: they show as `fail` again. */
  reverted: RuleResult[];
}

export interface ExceptionsApplied {
  results: RuleResult[];
  expired: ExpiredException[];
}

function covers(exception: RuleException, result: RuleResult): boolean {
  if (exception.ruleId !== result.ruleId) return false;
  return exception.resources === undefined || exception.resources.includes(resourceKey(result.resource));
}

function isCurrent(exception: RuleException, now: Date): boolean {
  return Date.parse(exception.createdAt) <= now.getTime() && now.getTime() < Date.parse(exception.expiresAt);
}

export function applyExceptions(
  results: readonly RuleResult[],
  exceptions: readonly RuleException[],
  now: Date,
): ExceptionsApplied {
  const current = exceptions.filter((e) => isCurrent(e, now));
  const lapsed = exceptions.filter((e) => Date.parse(e.expiresAt) <= now.getTime());
  const out = results.map((result): RuleResult => {
    if (result.status !== 'fail') return result;
    // Of several current exceptions, the one lasting longest is the one the result depends on.
    const match = current
      .filter((e) => covers(e, result))
      .sort((a, b) => Date.parse(b.expiresAt) - Date.parse(a.expiresAt))[0];
    if (!match) return result;
    return {
      ...result,
      status: 'excepted',
      exception: {
        id: match.id,
        owner: match.owner,
        justification: match.justification,
        expiresAt: match.expiresAt,
      },
    };
  });
  const expired = lapsed.map((exception) => ({
    exception,
    reverted: out.filter((r) => r.status === 'fail' && covers(exception, r)),
  }));
  return { results: out, expired };
}
