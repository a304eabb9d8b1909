import type { z } from 'zod';
import type { SchemaDrift } from './drift-error.ts';
import { isA, readablePath, valueAt } from './json-path.ts';

// Turns zod's issues into the one drift worth telling, ranked like the Ajv side: a missing
// required field, then a wrong type, then anything else. zod v4 does not put input values in
// its issues by default; the messages built here carry only paths and types either way.

type Issue = z.core.$ZodIssue;

interface Located {
  issue: Issue;
  path: (string | number)[];
}

/** Unions report their branches' issues nested: flatten them with their full paths. */
function flatten(issues: readonly Issue[], prefix: (string | number)[] = []): Located[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      return [...issue.errors.flatMap((branch) => flatten(branch, path)), { issue, path }];
    }
    return [{ issue, path }];
  });
}

export function driftFromZod(endpointId: string, error: z.ZodError, body: unknown): SchemaDrift {
  const located = flatten(error.issues);
  const missing = (l: Located) => l.issue.code === 'invalid_type' && valueAt(body, l.path) === undefined;
  const rank = (l: Located) =>
    missing(l) ? 0 : l.issue.code === 'invalid_type' ? 1 : l.issue.code === 'invalid_union' ? 9 : 2;
  const best = [...located].sort((a, b) => rank(a) - rank(b))[0];
  if (!best)
    return { endpointId, field: readablePath([]), expected: 'the documented shape', problem: 'differs' };
  const { issue, path } = best;
  if (issue.code === 'invalid_type') {
    if (missing(best)) {
      return {
        endpointId,
        field: readablePath(path),
        expected: `required ${issue.expected}`,
        problem: 'is missing',
      };
    }
    // Every alternative that failed at this spot (`string | null`), named together.
    const types = located
      .filter((l) => l.issue.code === 'invalid_type' && readablePath(l.path) === readablePath(path))
      .map((l) => (l.issue as z.core.$ZodIssueInvalidType).expected);
    return {
      endpointId,
      field: readablePath(path),
      expected: [...new Set(types)].join(' or '),
      problem: isA(valueAt(body, path)),
    };
  }
  return {
    endpointId,
    field: readablePath(path),
    expected: 'the documented shape',
    // zod's own wording for the rule ("Invalid option: expected one of ..."), never the value.
    problem: issue.message,
  };
}
