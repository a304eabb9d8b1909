import type { ResultStatus } from '../../rules/result.ts';
import type { StatusCounts } from '../model.ts';
import { html, type SafeHtml } from './html.ts';

// Inline SVG charts: no script, no external asset, and they print as they show.

export const STATUS_LABELS: Readonly<Record<ResultStatus, string>> = {
  fail: 'Failing',
  excepted: 'Excepted',
  unknown: 'Not decided',
  pass: 'Passing',
  not_applicable: 'Not applicable',
};

/** Most telling first: the order of legends and stacked bars. */
export const STATUS_ORDER: readonly ResultStatus[] = [
  'fail',
  'excepted',
  'unknown',
  'pass',
  'not_applicable',
];

export function scoreTone(score: number | null): 'good' | 'fair' | 'poor' | 'none' {
  if (score === null) return 'none';
  if (score >= 80) return 'good';
  if (score >= 50) return 'fair';
  return 'poor';
}

/** A ring filled to the score, the number in its middle. */
export function scoreRing(score: number | null, size = 148): SafeHtml {
  const stroke = 14;
  const r = (size - stroke) / 2;
  const c = 2 * Math.PI * r;
  const filled = score === null ? 0 : (c * Math.max(0, Math.min(100, score))) / 100;
  const mid = size / 2;
  return html`<svg class="ring tone-${scoreTone(score)}" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="Posture score ${score ?? 'not available'}">
<circle class="ring-track" cx="${mid}" cy="${mid}" r="${r.toFixed(1)}" fill="none" stroke-width="${stroke}"/>
<circle class="ring-value" cx="${mid}" cy="${mid}" r="${r.toFixed(1)}" fill="none" stroke-width="${stroke}" stroke-linecap="round" stroke-dasharray="${filled.toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 ${mid} ${mid})"/>
<text x="${mid}" y="${mid + 4}" text-anchor="middle" class="ring-number">${score ?? '–'}</text>
<text x="${mid}" y="${mid + 26}" text-anchor="middle" class="ring-unit">${score === null ? 'no score' : 'of 100'}</text>
</svg>`;
}

/** A horizontal stacked bar of counts by status, with its legend. */
export function statusBar(counts: StatusCounts, width = 520): SafeHtml {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  let x = 0;
  const segments = STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => {
    const w = total === 0 ? 0 : (width * counts[s]) / total;
    const rect = html`<rect class="st-${s}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="18"><title>${STATUS_LABELS[s]}: ${counts[s]}</title></rect>`;
    x += w;
    return rect;
  });
  return html`<svg class="status-bar" width="100%" viewBox="0 0 ${width} 18" preserveAspectRatio="none" role="img" aria-label="Results by status">${segments}</svg>
<ul class="legend">${STATUS_ORDER.map(
    (s) => html`<li><span class="swatch st-${s}"></span>${STATUS_LABELS[s]} <b>${counts[s]}</b></li>`,
  )}</ul>`;
}

/** A small bar for a 0–100 score in a table cell. */
export function scoreBar(score: number | null): SafeHtml {
  const width = score === null ? 0 : Math.max(0, Math.min(100, score));
  return html`<span class="bar"><span class="bar-fill tone-${scoreTone(score)}" style="width:${width}%"></span></span>`;
}
