// The app actions' public API: disable, enable, uninstall, ban, unban, block user-installed apps
// (runAppAction), the post-sync ban enforcement (enforceBans), and the logs they write.
export { type ActionLogEntry, listActionLog } from './action-log.ts';
export { type Actor, APPS_REVOKE, BAN_ENFORCER } from './actor.ts';
export { type BanAlert, listBanAlerts } from './ban-alerts.ts';
export { type BanRecord, getBan, listBans } from './bans.ts';
export { type BanEnforcement, type EnforceBansDeps, enforceBans } from './enforce-bans.ts';
export * from './errors.ts';
export type { StepOutcome, StepResult } from './execute.ts';
export { formatActionOutcome, formatBanAlert } from './format.ts';
export type { ManualSteps } from './manual-steps.ts';
export type { ActionStep, PlannedRequest } from './plan.ts';
export {
  type AppActionDeps,
  type AppActionOutcome,
  type AppActionRequest,
  runAppAction,
} from './run-action.ts';
export type { ActionConnection } from './write-consent.ts';
