// What a response that passed (tolerantly) still showed: items left out because a field Palisade
// relies on was missing, fields that differ from the documentation, errors Atlassian sent beside
// the data. Fields are generalised paths (`values[].accountId`: any item), never values.

export interface DriftCount {
  /** Where, with list indexes generalised: `values[].accountId`, `(body)`. */
  field: string;
  /** `is missing`, `is null`, `has an undocumented value`. */
  problem: string;
  /** What the contract says: `required string`, `one of "a", "b"`. */
  expected: string;
  /** How many items (skipped) or occurrences (warnings). */
  count: number;
}

export interface ResponseDrift {
  /** Catalogue id of the endpoint. */
  endpointId: string;
  /** Items left out: each lacked (or had null or of another type) a field Palisade relies on. */
  skipped: DriftCount[];
  /** Fields Palisade does not rely on that differ from the documentation: read as they were. */
  warnings: DriftCount[];
  /** Errors Atlassian answered beside the data (GraphQL field errors): the data is incomplete. */
  errors: string[];
}

/** `values[3].accountId` → `values[].accountId`. Quoted keys (`["10001"]`) are left alone. */
export function generalPath(readable: string): string {
  return readable.replace(/\[\d+\]/g, '[]');
}

/** Adds one occurrence to a list of counts keyed by field, problem and expectation. */
export function addCount(list: DriftCount[], entry: Omit<DriftCount, 'count'>, count = 1): void {
  const found = list.find(
    (c) => c.field === entry.field && c.problem === entry.problem && c.expected === entry.expected,
  );
  if (found) found.count += count;
  else list.push({ ...entry, count });
}

export function isEmptyDrift(drift: ResponseDrift): boolean {
  return drift.skipped.length === 0 && drift.warnings.length === 0 && drift.errors.length === 0;
}
