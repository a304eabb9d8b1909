import { ruleVerdict } from '../../findings/posture-score.ts';
import { AREA_IDS, AREAS, type Area } from '../../rules/areas.ts';
import type { ResultStatus } from '../../rules/result.ts';
import { SEVERITIES, type Severity } from '../../rules/severity.ts';
import type { Report, ReportApp, ReportResult, ReportRule } from '../model.ts';
import { emptyStatusCounts } from '../summary.ts';
import { STATUS_LABELS, STATUS_ORDER, scoreBar, scoreRing, statusBar } from './charts.ts';
import { html, type SafeHtml, safeUrl, trusted } from './html.ts';
import { STYLES } from './styles.ts';

// One self-contained HTML file: inline CSS and SVG, no script, no external asset (a CSP meta tag
// forbids loading any), every value escaped by the `html` tag. Sections: overview (posture score,
// failing results by severity, results by status), scores by site and product, findings by
// severity and area with remediation, checks by area, exceptions, undecided checks, apps with
// their risk factors, coverage gaps.

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const PRODUCT_LABEL: Readonly<Record<string, string>> = {
  org: 'Organization settings',
  jira: 'Jira',
  'jira-service-management': 'Jira Service Management',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
  'jira-data-center': 'Jira Data Center',
  'confluence-data-center': 'Confluence Data Center',
};

function when(iso: string | null): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function where(site: string | null): string {
  return site ?? 'Organization';
}

function badge(severity: Severity): SafeHtml {
  return html`<span class="badge ${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

function link(title: string, url: string): SafeHtml {
  const href = safeUrl(url);
  return href ? html`<a href="${href}" rel="noreferrer">${title}</a>` : html`${title}`;
}

function resourceCell(r: ReportResult): SafeHtml {
  const name = r.resource.name ?? r.resource.id;
  return html`${name}<br><span class="small">${r.resource.type}${r.resource.name ? html` · <span class="mono">${r.resource.id}</span>` : ''}</span>`;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Cloud sites only: "Atlassian Cloud"; with a Bitbucket workspace or a Data Center instance beside them, "Atlassian". */
const CLOUD_PRODUCTS = new Set(['jira', 'jira-service-management', 'confluence']);
function postureOf(report: Report): string {
  const cloudOnly = report.sites.every((s) => s.products.every((p) => CLOUD_PRODUCTS.has(p)));
  return cloudOnly ? 'Atlassian Cloud security posture' : 'Atlassian security posture';
}

function header(report: Report): SafeHtml {
  const who = report.org ? report.org.name : report.sites.map((s) => s.name).join(', ') || 'No site';
  return html`<header class="top"><div class="inner">
<div class="brand">Palisade</div>
<h1>${postureOf(report)}: ${who}</h1>
<p class="meta">Generated ${when(report.generatedAt)} · ${report.tool.name} ${report.tool.version} · snapshot ${report.snapshotVersion} · ${report.sites.length} site${report.sites.length === 1 ? '' : 's'}${report.org ? '' : ' · no organization credential: org-level checks could not run'}</p>
</div></header>`;
}

function overview(report: Report): SafeHtml {
  const { summary } = report;
  const overall = summary.scores.overall;
  const failingRules = (severity: Severity) =>
    new Set(report.results.filter((r) => r.status === 'fail' && r.severity === severity).map((r) => r.ruleId))
      .size;
  return html`<section class="overview" aria-label="Overview">
<div class="card score-card">${scoreRing(summary.postureScore)}
<div class="label">Posture score</div>
<div class="sub">${overall.rules.pass} of ${overall.rules.pass + overall.rules.fail + overall.rules.unknown} counted checks met, weighted by severity</div></div>
<div class="card">
<div class="sev-grid">${SEVERITIES.map(
    (s) =>
      html`<div class="sev ${s}"><span class="n">${summary.results.bySeverity[s].fail}</span><span class="t">${SEVERITY_LABEL[s]}: failing results in ${failingRules(s)} check${failingRules(s) === 1 ? '' : 's'}</span></div>`,
  )}</div>
<h5>All ${summary.results.total} results by status</h5>
${statusBar(summary.results.byStatus)}
<p class="facts">${summary.apps.total} installed app${summary.apps.total === 1 ? '' : 's'} (${summary.apps.byBand.critical} critical, ${summary.apps.byBand.high} high risk) · ${summary.coverage.complete} of ${summary.coverage.datasets} datasets read completely${summary.coverage.gaps > 0 ? html` · <a href="#coverage">${summary.coverage.gaps} coverage gap${summary.coverage.gaps === 1 ? '' : 's'}</a>` : ''}</p>
</div></section>`;
}

/**
 * A score, or "no data" and why when no check in the scope was decided (met or failing): its
 * score would be 0 — every undecided check counts against it — which reads as the worst posture
 * rather than as unknown.
 */
function scoreCell(s: Report['summary']['scores']['overall']): SafeHtml {
  if (s.rules.pass + s.rules.fail > 0) return html`${scoreBar(s.score)}<b>${s.score ?? '–'}</b>`;
  const why =
    s.rules.unknown > 0
      ? `${s.rules.unknown} check${s.rules.unknown === 1 ? '' : 's'} could not be decided (data not read)`
      : 'no check applies';
  return html`${scoreBar(null)}<b>no data</b> <span class="small">${why}</span>`;
}

function scoresTable(report: Report): SafeHtml {
  const { scores } = report.summary;
  const row = (label: SafeHtml | string, s: (typeof scores)['overall']) =>
    html`<tr><td>${label}</td><td class="score-cell">${scoreCell(s)}</td><td class="num">${s.rules.pass}</td><td class="num">${s.rules.fail}</td><td class="num">${s.rules.unknown}</td><td class="num">${s.rules.excepted}</td><td class="num">${s.rules.not_applicable}</td></tr>`;
  const sites = new Map(report.sites.map((s) => [s.url, s]));
  return html`<h2 id="scores">Scores</h2>
<table><thead><tr><th>Scope</th><th>Score</th><th class="num">Checks met</th><th class="num">Failing</th><th class="num">Not decided</th><th class="num">Excepted</th><th class="num">Not applicable</th></tr></thead><tbody>
${row(html`<b>Overall</b>`, scores.overall)}
<tr class="group"><th colspan="7">By product</th></tr>
${scores.products.map((p) => row(PRODUCT_LABEL[p.product] ?? p.product, p))}
<tr class="group"><th colspan="7">By site</th></tr>
${scores.sites.map((s) => {
  const site = sites.get(s.site);
  const plans = site
    ? Object.entries(site.plan)
        .map(([product, plan]) => `${PRODUCT_LABEL[product] ?? product}: ${plan ?? 'plan unknown'}`)
        .join(' · ')
    : '';
  return row(
    html`${site?.name ?? s.site}${site?.sandbox ? html` <span class="chip">sandbox</span>` : ''} <span class="small">${s.site}</span><br><span class="small">${plans}</span>`,
    s,
  );
})}
</tbody></table>`;
}

function ruleCard(rule: ReportRule | undefined, results: readonly ReportResult[]): SafeHtml {
  const first = results[0]!;
  const severity = first.severity;
  const remediation = first.remediation;
  return html`<article class="card finding ${severity}">
<header>${badge(severity)}<h4>${first.title}</h4><code>${first.ruleId}</code><span class="count">${results.length} failing resource${results.length === 1 ? '' : 's'}</span></header>
${rule ? html`<p class="risk">${rule.risk}</p>` : ''}
<table><thead><tr><th style="width:22%">Where</th><th style="width:26%">Resource</th><th>Finding</th></tr></thead><tbody>
${results.map((r) => html`<tr><td>${where(r.site)}</td><td>${resourceCell(r)}</td><td>${r.message}</td></tr>`)}
</tbody></table>
<div class="fix"><div><h5>Fix in the admin UI</h5><ol>${remediation.ui.map((s) => html`<li>${s}</li>`)}</ol></div>
<div><h5>Fix through the API</h5>${remediation.api ? html`<ol class="api">${remediation.api.map((s) => html`<li>${s}</li>`)}</ol>` : html`<p class="empty">No public API changes this setting.</p>`}</div></div>
${rule && rule.references.length > 0 ? html`<p class="refs">References: ${rule.references.map((r, i) => html`${i > 0 ? ' · ' : ''}${link(r.title, r.url)}`)}</p>` : ''}
</article>`;
}

function findings(report: Report): SafeHtml {
  const failing = report.results.filter((r) => r.status === 'fail');
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  if (failing.length === 0) {
    return html`<h2 id="findings">Findings</h2><p class="empty">No check failed.</p>`;
  }
  const bySeverity = groupBy(failing, (r) => r.severity);
  return html`<h2 id="findings">Findings</h2>
${SEVERITIES.filter((s) => bySeverity.has(s)).map((severity) => {
  const list = bySeverity.get(severity)!;
  const byArea = groupBy(list, (r) => r.area);
  return html`<h3>${SEVERITY_LABEL[severity]} <span class="small">${list.length} failing result${list.length === 1 ? '' : 's'}</span></h3>
${AREA_IDS.filter((a) => byArea.has(a)).map((area) => {
  const byRule = groupBy(byArea.get(area)!, (r) => r.ruleId);
  return html`<div class="area-title">${AREAS[area].title}</div>
${[...byRule.entries()].map(([ruleId, results]) => ruleCard(rules.get(ruleId), results))}`;
})}`;
})}`;
}

function areasTable(report: Report): SafeHtml {
  const verdicts = new Map<Area, Record<ResultStatus, number>>();
  for (const results of groupBy(report.results, (r) => r.ruleId).values()) {
    const area = results[0]!.area;
    const counts = verdicts.get(area) ?? emptyStatusCounts();
    counts[ruleVerdict(results.map((r) => r.status))] += 1;
    verdicts.set(area, counts);
  }
  return html`<h2 id="areas">Checks by area</h2>
<table><thead><tr><th>Area</th>${STATUS_ORDER.map((s) => html`<th class="num">${STATUS_LABELS[s]}</th>`)}</tr></thead><tbody>
${AREA_IDS.filter((a) => verdicts.has(a)).map((area) => {
  const counts = verdicts.get(area)!;
  return html`<tr><td>${AREAS[area].title}</td>${STATUS_ORDER.map((s) => html`<td class="num">${counts[s] || ''}</td>`)}</tr>`;
})}
</tbody></table>
<p class="small">A check counts once per area: failing anywhere makes it failing; otherwise any undecided result makes it undecided.</p>`;
}

function exceptions(report: Report): SafeHtml {
  const excepted = report.results.filter((r) => r.status === 'excepted');
  if (excepted.length === 0) return html``;
  return html`<h2 id="exceptions">Accepted exceptions</h2>
<table><thead><tr><th>Check</th><th>Where</th><th>Resource</th><th>Justification</th><th>Owner</th><th>Until</th></tr></thead><tbody>
${excepted.map(
  (r) =>
    html`<tr><td>${badge(r.severity)} ${r.title}</td><td>${where(r.site)}</td><td>${resourceCell(r)}</td><td>${r.exception?.justification ?? ''}</td><td>${r.exception?.owner ?? ''}</td><td>${when(r.exception?.expiresAt ?? null)}</td></tr>`,
)}
</tbody></table>`;
}

function undecided(report: Report): SafeHtml {
  const unknown = report.results.filter((r) => r.status === 'unknown');
  if (unknown.length === 0) return html``;
  return html`<h2 id="undecided">Checks that could not be decided</h2>
<p>Missing data is never a pass: these checks need a credential, a permission, an attestation or a plan Palisade could not read.</p>
<table><thead><tr><th style="width:34%">Check</th><th style="width:20%">Where</th><th>Why</th></tr></thead><tbody>
${unknown.map((r) => html`<tr><td>${badge(r.severity)} ${r.title}<br><code class="small">${r.ruleId}</code></td><td>${where(r.site)}</td><td>${r.message}</td></tr>`)}
</tbody></table>`;
}

function riskCell(app: ReportApp): SafeHtml {
  const cls = app.risk.band === 'unknown' ? 'unknown' : app.risk.band;
  return html`<span class="badge ${cls}">${app.risk.band === 'unknown' ? 'Unscored' : `${app.risk.band[0]!.toUpperCase()}${app.risk.band.slice(1)}`}</span> <b>${app.risk.score ?? ''}</b>`;
}

function day(iso: string | null): string {
  return iso && !Number.isNaN(Date.parse(iso)) ? new Date(Date.parse(iso)).toISOString().slice(0, 10) : '';
}

function apps(report: Report): SafeHtml {
  if (report.apps.length === 0) {
    return html`<h2 id="apps">Installed apps</h2><p class="empty">No third-party app is installed, or the app inventory could not be read (see coverage).</p>`;
  }
  const siteName = new Map(report.sites.map((s) => [s.url, s.name]));
  return html`<h2 id="apps">Installed apps</h2>
<table class="apps"><thead><tr><th style="width:19%">App</th><th style="width:10%">Vendor</th><th style="width:7%">Type</th><th style="width:9%">Sites</th><th style="width:8%">Risk</th><th style="width:21%">Risk factors</th><th style="width:10%">Installed</th><th>Scopes</th></tr></thead><tbody>
${report.apps.map(
  (
    a,
  ) => html`<tr><td><b>${a.name}</b><br><span class="small mono">${a.key}</span></td><td>${a.vendor ?? html`<span class="empty">unknown</span>`}</td><td>${a.framework}</td>
<td>${a.sites.map((s, i) => html`${i > 0 ? html`<br>` : ''}${siteName.get(s) ?? s}`)}</td><td>${riskCell(a)}</td>
<td>${a.risk.factors.length > 0 ? html`<ul class="factors">${a.risk.factors.map((f) => html`<li><b>${f.contribution >= 0 ? '+' : ''}${f.contribution}</b> ${f.id}${f.evidence ? html`<br><span class="evidence">${f.evidence}</span>` : ''}</li>`)}</ul>` : html`<span class="empty">none</span>`}</td>
<td>${a.installedBy ?? html`<span class="empty">unknown</span>`}<br><span class="small">${day(a.installedAt)}</span></td>
<td>${a.scopes.length > 0 ? html`<div class="chips">${a.scopes.map((s) => html`<span class="chip">${s}</span>`)}</div>` : html`<span class="empty">none</span>`}</td></tr>`,
)}
</tbody></table>`;
}

function coverage(report: Report): SafeHtml {
  const gaps = report.coverage.filter((c) => c.status !== 'ok');
  const warned = report.coverage.filter((c) => c.warnings && c.warnings.length > 0);
  return html`<h2 id="coverage">Coverage gaps</h2>
${
  gaps.length === 0
    ? html`<p class="empty">Every one of the ${report.coverage.length} datasets was read completely.</p>`
    : html`<p>${gaps.length} of ${report.coverage.length} datasets were not read completely; checks that need them are undecided.</p>
<table><thead><tr><th>Where</th><th>Dataset</th><th>Status</th><th>Reason</th></tr></thead><tbody>
${gaps.map((c) => html`<tr><td>${where(c.site)}</td><td class="mono">${c.dataset === '*' ? 'every dataset' : c.dataset}</td><td><span class="badge ${c.status}">${c.status.replace('_', ' ')}</span></td><td>${c.reason ?? ''}</td></tr>`)}
</tbody></table>`
}${
  warned.length === 0
    ? ''
    : html`
<h3>Read, but not as documented</h3>
<p>Atlassian answered these datasets with values or shapes its documentation does not describe. They were read as they came; checks are not affected, but a rule may not know a new value.</p>
<table><thead><tr><th>Where</th><th>Dataset</th><th>Warnings</th></tr></thead><tbody>
${warned.map((c) => html`<tr><td>${where(c.site)}</td><td class="mono">${c.dataset}</td><td>${(c.warnings ?? []).map((w) => html`<div>${w}</div>`)}</td></tr>`)}
</tbody></table>`
}`;
}

export function renderHtml(report: Report): string {
  const title = `Palisade report: ${report.org?.name ?? report.sites.map((s) => s.name).join(', ')}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${report.tool.name} ${report.tool.version}">
<title>${title}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
${header(report)}
<main>
${overview(report)}
<nav class="toc"><a href="#scores">Scores</a><a href="#findings">Findings</a><a href="#areas">Checks by area</a>${report.results.some((r) => r.status === 'excepted') ? html`<a href="#exceptions">Exceptions</a>` : ''}${report.results.some((r) => r.status === 'unknown') ? html`<a href="#undecided">Undecided</a>` : ''}<a href="#apps">Apps</a><a href="#coverage">Coverage</a></nav>
${scoresTable(report)}
${findings(report)}
${areasTable(report)}
${exceptions(report)}
${undecided(report)}
${apps(report)}
${coverage(report)}
<footer>${report.tool.name} ${report.tool.version} · report schema ${report.schemaVersion} · generated ${when(report.generatedAt)}. Scores are the severity-weighted share of checks met; undecided checks count as not met.</footer>
</main>
</body>
</html>
`;
  return page.value;
}
