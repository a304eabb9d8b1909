import { type ErrorCode, PalisadeError } from '../errors.ts';
// Typed, coded errors of the rule engine (DESIGN.md convention 6). Evaluation itself never throws
// for data problems (those become `unknown` results); these are for invalid input at the edges:
// an attestation or a settings override an admin submits, a rule whose metadata is invalid.

export type RuleErrorCode = Extract<
  ErrorCode,
  'invalid_rule_meta' | 'invalid_attestation' | 'invalid_settings'
>;

export class RuleEngineError extends PalisadeError {
  readonly code: RuleErrorCode;

  constructor(code: RuleErrorCode, message: string) {
    super(message);
    this.name = 'RuleEngineError';
    this.code = code;
  }
}
