import type { BanAlert } from './ban-alerts.ts';
import type { StepOutcome } from './execute.ts';
import type { AppActionOutcome } from './run-action.ts';

// Plain-text renderings for the CLI and notifications: what an action did (or, dry run, would do)
// per site, and a ban alert in one paragraph.

const where = (s: StepOutcome) => `${s.site.url}${s.product ? ` (${s.product})` : ''}`;

function stepLines(step: StepOutcome): string[] {
  const lines: string[] = [];
  const request = step.request ? `${step.request.method} ${step.request.url}` : null;
  switch (step.result) {
    case 'planned':
      lines.push(`  would send ${request} — ${where(step)}`);
      if (step.request?.body)
        lines.push(`    body ${JSON.stringify(step.request.body)} as ${step.request.contentType}`);
      break;
    case 'succeeded':
      lines.push(`  done: ${request} — ${where(step)}`);
      break;
    case 'no_change':
      lines.push(
        `  no change: already ${step.request?.body?.enabled ? 'enabled' : 'disabled'}, nothing sent — ${where(step)}`,
      );
      break;
    case 'not_installed':
      lines.push(`  not installed any more: ${request} answered 404 — ${where(step)}`);
      break;
    case 'failed':
      lines.push(
        `  FAILED: ${request ?? 'nothing sent'} — ${where(step)}: ${step.error?.message ?? 'unknown error'}`,
      );
      break;
    case 'manual_required':
      lines.push(`  manual steps required — ${where(step)}: ${step.manual?.reason ?? ''}`);
      for (const [i, text] of (step.manual?.steps ?? []).entries()) lines.push(`    ${i + 1}. ${text}`);
      if (step.manual) lines.push(`    See ${step.manual.docs}`);
      break;
  }
  return lines;
}

export function formatActionOutcome(outcome: AppActionOutcome): string {
  const target = outcome.appKey ? ` ${outcome.appKey}` : '';
  const head = outcome.dryRun
    ? `Dry run: ${outcome.action}${target} — nothing was sent`
    : `${outcome.action}${target}: ${outcome.result.replace('_', ' ')}`;
  const lines = [`${head} (by ${outcome.actor.name}, ${outcome.at})`];
  if (outcome.ban) lines.push(`  banned: ${outcome.ban.reason}`);
  if (outcome.steps.length === 0 && outcome.action !== 'unban') lines.push('  no installation to act on');
  for (const step of outcome.steps) lines.push(...stepLines(step));
  return lines.join('\n');
}

export function formatBanAlert(alert: BanAlert): string {
  return `[${alert.result}] ${alert.message} (banned by ${alert.ban.by}: ${alert.ban.reason}; detected ${alert.detectedAt})`;
}
