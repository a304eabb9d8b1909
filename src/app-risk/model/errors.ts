import { type ErrorCode, PalisadeError } from '../../errors.ts';

// Typed, coded errors of app governance (DESIGN.md convention 6). Evaluation never throws for
// data problems (those become `unknown` factors and results); these are for invalid input at the
// edges: a classification decision, a score override or a policy a person submits.

export type AppRiskErrorCode = Extract<ErrorCode, 'invalid_decision' | 'invalid_override' | 'invalid_policy'>;

export class AppRiskError extends PalisadeError {
  readonly code: AppRiskErrorCode;

  constructor(code: AppRiskErrorCode, message: string) {
    super(message);
    this.name = 'AppRiskError';
    this.code = code;
  }
}
