import { PalisadeError } from '../../errors.ts';
// Atlassian changed a response shape under us so that the body as a whole cannot be used: a field
// Palisade relies on is missing, null or of another type outside any list item (a page without its
// list, a server info without its base URL). Inside a list only the item is left out
// (validate-response.ts); this error is for what no item-by-item reading can save. The error names
// the endpoint, the field (a readable JSON path) and what was expected; it never carries a
// response value (those may be personal data: names, e-mails).

export interface SchemaDrift {
  /** Catalogue id of the endpoint whose response drifted (`jira.users.search`). */
  endpointId: string;
  /** Readable JSON path of the offending field: `values[3].accountId`, `(body)` for the whole body. */
  field: string;
  /** What the contract says, e.g. `required string`, `string or null`, `one of "a", "b"`. */
  expected: string;
  /** What is wrong, phrased to follow the field: `is missing`, `is a number`. */
  problem: string;
}

export class SchemaDriftError extends PalisadeError {
  override readonly name = 'SchemaDriftError';
  readonly code = 'schema_drift' as const;
  readonly endpointId: string;
  readonly field: string;
  readonly expected: string;
  readonly problem: string;

  constructor(drift: SchemaDrift) {
    super(
      `Atlassian's response for ${drift.endpointId} no longer matches: ${drift.field} ${drift.problem} ` +
        `(expected: ${drift.expected})`,
    );
    this.endpointId = drift.endpointId;
    this.field = drift.field;
    this.expected = drift.expected;
    this.problem = drift.problem;
  }

  /** Only the documented fields, for logs and API responses. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      endpointId: this.endpointId,
      field: this.field,
      expected: this.expected,
      problem: this.problem,
    };
  }
}
