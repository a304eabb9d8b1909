// The report's one style sheet, inlined: system fonts, no web font or image to fetch. Colours keep
// WCAG AA contrast for text; `print-color-adjust` keeps badges and bars when printed.

export const STYLES = `
:root {
  --ink: #1f2937; --muted: #5b6472; --line: #e3e6eb; --bg: #f6f7f9; --card: #ffffff; --accent: #1d4ed8;
  --critical: #9f1c1c; --critical-bg: #fde8e7; --high: #9a3412; --high-bg: #ffedd5;
  --medium: #854d0e; --medium-bg: #fef3c7; --low: #1e4e8c; --low-bg: #e0ecfb;
  --pass: #16803c; --fail: #c92a2a; --unknown: #7c6f9b; --excepted: #64748b; --na: #c7ccd4;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 0 24px 48px; }
h1, h2, h3, h4, h5 { line-height: 1.25; margin: 0; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 10px; }
h4 { font-size: 15px; }
h5 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 4px; }
p { margin: 6px 0; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.top { background: #0f1b2d; color: #fff; padding: 28px 0 24px; }
.top .inner { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
.brand { font-size: 12px; letter-spacing: .16em; text-transform: uppercase; color: #9fb3d1; }
.top h1 { font-size: 26px; margin: 4px 0 6px; }
.top .meta { color: #c9d4e5; margin: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; }
.overview { display: grid; grid-template-columns: 220px 1fr; gap: 16px; margin-top: 20px; }
.score-card { text-align: center; }
.score-card .label { font-weight: 600; margin-top: 4px; }
.score-card .sub { color: var(--muted); font-size: 12px; }
.ring-track { stroke: #e5e7eb; }
.ring-value { stroke: var(--na); }
.ring.tone-good .ring-value { stroke: var(--pass); }
.ring.tone-fair .ring-value { stroke: #d97706; }
.ring.tone-poor .ring-value { stroke: var(--fail); }
.ring-number { font-size: 38px; font-weight: 700; fill: var(--ink); }
.ring-unit { font-size: 12px; fill: var(--muted); }
.sev-grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin-bottom: 14px; }
.sev { border-radius: 8px; padding: 10px 12px; }
.sev .n { font-size: 26px; font-weight: 700; display: block; }
.sev .t { font-size: 12px; }
.sev.critical { background: var(--critical-bg); color: var(--critical); }
.sev.high { background: var(--high-bg); color: var(--high); }
.sev.medium { background: var(--medium-bg); color: var(--medium); }
.sev.low { background: var(--low-bg); color: var(--low); }
.status-bar { display: block; height: 18px; border-radius: 4px; overflow: hidden; background: #eef0f3; }
.st-pass { fill: var(--pass); background: var(--pass); }
.st-fail { fill: var(--fail); background: var(--fail); }
.st-unknown { fill: var(--unknown); background: var(--unknown); }
.st-excepted { fill: var(--excepted); background: var(--excepted); }
.st-not_applicable { fill: var(--na); background: var(--na); }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.facts { margin-top: 12px; font-size: 13px; color: var(--muted); }
table { width: 100%; border-collapse: collapse; background: var(--card); font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { background: #f0f2f5; font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
tr { break-inside: avoid; }
.score-cell { white-space: nowrap; }
tr.group th { background: #fff; color: var(--ink); font-size: 11px; text-transform: uppercase; letter-spacing: .05em; padding-top: 12px; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; width: 120px; height: 8px; background: #e5e7eb; border-radius: 4px; vertical-align: middle; margin-right: 8px; overflow: hidden; }
.bar-fill { display: block; height: 100%; background: var(--na); }
.bar-fill.tone-good { background: var(--pass); }
.bar-fill.tone-fair { background: #d97706; }
.bar-fill.tone-poor { background: var(--fail); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 11px; font-weight: 600; white-space: nowrap; }
.badge.critical { background: var(--critical-bg); color: var(--critical); }
.badge.high { background: var(--high-bg); color: var(--high); }
.badge.medium { background: var(--medium-bg); color: var(--medium); }
.badge.low { background: var(--low-bg); color: var(--low); }
.badge.unknown { background: #eceaf3; color: #4c4470; }
.badge.ok { background: #e3f4e8; color: #14632f; }
.badge.partial, .badge.not_collected { background: #fef3c7; color: #854d0e; }
.badge.forbidden, .badge.failed { background: var(--critical-bg); color: var(--critical); }
.finding { margin: 0 0 14px; padding: 14px 16px 10px; border-left: 4px solid var(--na); }
.finding.critical { border-left-color: var(--critical); }
.finding.high { border-left-color: #ea580c; }
.finding.medium { border-left-color: #d97706; }
.finding.low { border-left-color: #3b82f6; }
.finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
.finding header code { color: var(--muted); }
.finding .count { margin-left: auto; color: var(--muted); font-size: 12px; }
.finding .risk { color: var(--muted); }
.finding table { margin: 8px 0; }
.fix { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 20px; }
.fix ol { margin: 0; padding-left: 20px; }
.fix .api li { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.refs { font-size: 12px; color: var(--muted); }
.area-title { color: var(--muted); font-weight: 600; font-size: 13px; margin: 14px 0 8px; }
.chips { display: flex; flex-wrap: wrap; gap: 3px; }
.chip { background: #eef1f5; border-radius: 4px; padding: 0 5px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; white-space: nowrap; }
.factors { margin: 0; padding-left: 16px; font-size: 12px; }
.small { font-size: 12px; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
nav.toc { margin: 18px 0 0; font-size: 13px; }
nav.toc a { margin-right: 14px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media screen and (max-width: 760px) {
  .overview, .fix { grid-template-columns: 1fr; }
  .sev-grid { grid-template-columns: repeat(2, 1fr); }
}
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 11px; }
  main { max-width: none; padding: 0; }
  .top { padding: 14px 0; }
  .top .inner { padding: 0; }
  nav.toc { display: none; }
  .card { border-color: #d5d9df; }
  .sev, .score-card, .finding header, .finding .risk, .fix > div { break-inside: avoid; }
  h2, h3, h4, h5, .area-title { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
