// The posture history of every connection as one chart's rows: one row per evaluation time, one
// column per connection (a line each); a connection not evaluated at that time has no value there
// and its line joins its own points.

export interface ConnectionHistory {
  id: string;
  name: string;
  history: readonly { evaluatedAt: string; score: number | null }[];
}

export interface PostureSeries {
  /** Chart rows: `at` (epoch ms) and one key per connection. */
  rows: Record<string, number | null>[];
  series: { name: string; label: string }[];
}

const COLORS = ['blue.6', 'teal.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.6'];

export function postureSeries(connections: readonly ConnectionHistory[]): PostureSeries {
  const byTime = new Map<number, Record<string, number | null>>();
  const series = connections.map((c, i) => ({ name: `c${i}`, label: c.name }));
  connections.forEach((c, i) => {
    for (const point of c.history) {
      const at = Date.parse(point.evaluatedAt);
      if (Number.isNaN(at) || point.score === null) continue;
      const row = byTime.get(at) ?? { at };
      row[`c${i}`] = point.score;
      byTime.set(at, row);
    }
  });
  const rows = [...byTime.values()].sort((a, b) => Number(a.at) - Number(b.at));
  return { rows, series };
}

export function seriesColor(index: number): string {
  return COLORS[index % COLORS.length] ?? 'blue.6';
}
