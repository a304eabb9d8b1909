import type { Report, ReportApp, ReportResult } from '../../report/model.ts';
import { decidedPercent, evaluateGates, type Gates, undecidedBySeverity } from './fail-on.ts';

// The short text a scan, a report and the demo end with on stdout: the posture score, the
// results by status, the worst findings, the riskiest apps, coverage gaps and where the reports
// are. Plain text (no colour), so it reads the same in a terminal and a CI log.

export interface SummaryOptions {
  /** Files written, by format. */
  written: readonly { format: string; path: string }[];
  topFindings?: number;
  topApps?: number;
  /** The CI gates given (`--fail-on`, `--fail-on-unknown`, `--min-coverage`). */
  gates?: Gates;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const MESSAGE_WIDTH = 110;

function findingLine(r: ReportResult, siteName: (url: string | null) => string): string {
  const message = r.message.length > MESSAGE_WIDTH ? `${r.message.slice(0, MESSAGE_WIDTH - 1)}…` : r.message;
  return `  ${r.severity.toUpperCase().padEnd(8)} ${siteName(r.site)}: ${message} [${r.ruleId}]`;
}

function appLine(a: ReportApp): string {
  const score = a.risk.score === null ? '  ?' : String(a.risk.score).padStart(3);
  const top = [...a.risk.factors]
    .sort((x, y) => y.contribution - x.contribution)
    .slice(0, 2)
    .map((f) => f.id)
    .join(', ');
  return `  ${score} ${a.risk.band.padEnd(8)} ${a.name}${a.vendor ? ` (${a.vendor})` : ''}${top ? ` — ${top}` : ''}`;
}

export function renderSummary(report: Report, options: SummaryOptions): string {
  const lines: string[] = [];
  const target = report.org?.name ?? report.sites.map((s) => s.name).join(', ');
  lines.push(
    `Palisade ${report.tool.version}: ${target} — snapshot ${report.snapshotVersion}, ${plural(report.sites.length, 'site')}`,
  );
  const s = report.summary;
  const score = s.postureScore === null ? 'n/a' : `${s.postureScore}/100`;
  const siteNames = new Map(
    report.sites.map((site) => [site.url, `${site.name}${site.sandbox ? ' (sandbox)' : ''}`]),
  );
  const perSite = s.scores.sites
    .map((x) => `${siteNames.get(x.site) ?? safeHost(x.site)} ${x.score ?? 'n/a'}`)
    .join(', ');
  lines.push(`Posture score: ${score}${perSite ? ` (${perSite})` : ''}`);
  const by = s.results.byStatus;
  lines.push(
    `Results: ${by.fail} fail, ${by.pass} pass, ${by.unknown} unknown, ${by.not_applicable} not applicable, ${by.excepted} excepted`,
  );

  // Printed on every run: an undecided check is neither a pass nor a fail, and a gate on failures
  // alone passes when the API did not answer.
  const undecided = undecidedBySeverity(report);
  const decided = decidedPercent(report);
  lines.push(
    `Undecided checks: ${undecided.map((u) => `${u.tally.checks} ${u.severity}`).join(', ')}` +
      ` (${decided === null ? 'no applicable result' : `${decided}% of the applicable results decided`})`,
  );

  const failing = report.results.filter((r) => r.status === 'fail');
  if (failing.length > 0) {
    const top = options.topFindings ?? 5;
    lines.push('', `Top findings (${failing.length} in all):`);
    // Results are sorted most severe first by the report builder.
    const names = new Map(report.sites.map((site) => [site.url, site.name]));
    const siteName = (url: string | null) => (url === null ? 'org' : (names.get(url) ?? safeHost(url)));
    for (const r of failing.slice(0, top)) lines.push(findingLine(r, siteName));
  }
  const scored = report.apps.filter((a) => a.risk.score !== null);
  if (report.apps.length > 0) {
    const top = options.topApps ?? 3;
    const b = s.apps.byBand;
    lines.push(
      '',
      `Apps: ${report.apps.length} installed — ${b.critical} critical, ${b.high} high, ${b.medium} medium, ${b.low} low, ${b.unknown} unknown risk`,
    );
    if (scored.length > 0) {
      lines.push('Riskiest apps:');
      for (const a of scored.slice(0, top)) lines.push(appLine(a));
    }
  }
  const c = s.coverage;
  // Sites the organization lists that this scan never read (coverage `*`): their checks are not
  // in any count above, so they are named rather than folded into the gap count.
  const unread = report.coverage.filter((x) => x.dataset === '*' && x.site !== null);
  if (unread.length > 0) {
    lines.push(
      '',
      `Not scanned: ${unread.map((x) => safeHost(x.site ?? '')).join(', ')} — listed by the organization, never read (org_all_sites_scanned)`,
    );
  }
  lines.push(
    '',
    c.gaps === 0
      ? `Coverage: all ${c.datasets} datasets read completely`
      : `Coverage: ${c.complete} of ${c.datasets} datasets read completely; ${plural(c.gaps, 'gap')} (checks depending on them say unknown — see the report's coverage section)`,
  );
  const warned = report.coverage.filter((entry) => (entry.warnings ?? []).length > 0).length;
  if (warned > 0) {
    lines.push(
      `  ${plural(warned, 'dataset')} read with warnings: Atlassian answered with values or shapes its documentation does not describe (see the report's coverage section)`,
    );
  }
  if (options.written.length > 0) {
    lines.push('', 'Reports:');
    const width = Math.max(...options.written.map((w) => w.format.length));
    for (const w of options.written) lines.push(`  ${w.format.padEnd(width)}  ${w.path}`);
  }
  const gate = evaluateGates(report, options.gates ?? {});
  if (gate.lines.length > 0) lines.push('', ...gate.lines);
  return `${lines.join('\n')}\n`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The banned apps a scan found installed again, one formatted alert each (nothing when none). */
export function renderBanAlerts(alerts: readonly string[]): string {
  if (alerts.length === 0) return '';
  return `\nBanned apps found installed again (${alerts.length}):\n${alerts.map((a) => `  ${a}\n`).join('')}`;
}
