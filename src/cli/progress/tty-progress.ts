import type { SyncProgress } from '../../sync/run-sync.ts';
import type { OutputStream } from '../cli-deps.ts';
import { stripControls } from '../output/strip-controls.ts';
import { type Progress, type ProgressScope, ScopeCounters, waitingText } from './progress.ts';

// Progress on a terminal: one bar per scope (the org and each site), redrawn in place with ANSI
// cursor movement at most every 80 ms. Hand-drawn: a few lines of escape codes do what a bar
// library would, without another dependency.

const BAR_WIDTH = 24;
const REDRAW_MS = 80;
const UP = (n: number) => `\x1b[${n}A`;
const CLEAR_LINE = '\x1b[2K';
const DIM = (s: string) => `\x1b[2m${s}\x1b[22m`;
const YELLOW = (s: string) => `\x1b[33m${s}\x1b[39m`;

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${DIM('░'.repeat(BAR_WIDTH - filled))}`;
}

export function ttyProgress(out: OutputStream, clock: () => number = Date.now): Progress {
  let counters = new ScopeCounters([]);
  let drawn = 0;
  let lastDraw = 0;
  let labelWidth = 0;
  /** The hourly-quota wait, shown under the bars until it is over. */
  let waiting: { text: string; until: number } | undefined;

  const render = (): string[] => [
    ...counters.scopes.map((s) => {
      const done = counters.done.get(s.scope) ?? 0;
      const items = (counters.items.get(s.scope) ?? 0).toLocaleString('en-US');
      const problems = counters.problems.get(s.scope) ?? 0;
      const current = counters.current.get(s.scope);
      const tail = problems > 0 ? YELLOW(` ${problems} incomplete`) : current ? DIM(` ${current}`) : '';
      const count = `${String(done).padStart(3)}/${s.total} datasets`;
      return `  ${s.label.padEnd(labelWidth)}  ${bar(done, s.total)} ${count} ${items.padStart(9)} items${tail}`;
    }),
    ...(waiting ? [`  ${YELLOW(waiting.text)}`] : []),
  ];

  const draw = (force: boolean) => {
    const at = clock();
    if (!force && at - lastDraw < REDRAW_MS) return;
    lastDraw = at;
    const width = out.columns !== undefined && out.columns >= 40 ? out.columns : 120;
    const lines = render();
    let text = drawn > 0 ? UP(drawn) : '';
    // Long lines would wrap and break the cursor arithmetic; escape codes do not take columns,
    // so cut only lines that are clearly too long once printed.
    for (const l of lines) text += `${CLEAR_LINE}${visibleLength(l) > width ? cut(l, width) : l}\n`;
    // A line that went away (the wait is over) is cleared, and the cursor comes back under the bars.
    const gone = drawn - lines.length;
    if (gone > 0) text += `${`${CLEAR_LINE}\n`.repeat(gone)}${UP(gone)}`;
    // The bars' escape codes go out as they are; the labels in them were stripped in plan().
    if (out.writeControl) out.writeControl(text);
    else out.write(text);
    drawn = lines.length;
  };

  return {
    phase(text) {
      out.write(`${text}\n`);
      drawn = 0;
    },
    plan(scopes: readonly ProgressScope[], skipped) {
      // A site's label can come from the tenant: no escape codes of its own among the bars'.
      counters = new ScopeCounters(scopes.map((s) => ({ ...s, label: stripControls(s.label) })));
      labelWidth = Math.max(0, ...scopes.map((s) => s.label.length));
      for (const s of skipped) out.write(`  ${s.label}: skipped (${s.reason})\n`);
      drawn = 0;
      draw(true);
    },
    sync(event: SyncProgress) {
      const text = waitingText(event);
      if (text && event.waitingUntil) waiting = { text, until: Date.parse(event.waitingUntil) };
      else if (waiting && (event.event === 'finished' || clock() >= waiting.until)) waiting = undefined;
      counters.apply(event);
      draw(text !== undefined || event.event === 'dataset' || event.event === 'finished');
    },
    end() {
      if (counters.scopes.length > 0) draw(true);
      drawn = 0;
    },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point.
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

function cut(s: string, width: number): string {
  // Drop the escape codes rather than count around them: a cut line is rare (a narrow terminal).
  return s.replace(ANSI, '').slice(0, Math.max(10, width - 1));
}
