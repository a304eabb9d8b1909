import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { type ConnectionHistory, postureSeries, seriesColor } from './posture-series.ts';

const DAY_MS = 86_400_000;

/** Days on the axis; times as well when every scan shown is within two days. */
function tickFormat(rows: readonly Record<string, number | null>[]): (at: unknown) => string {
  const times = rows.map((r) => Number(r.at));
  const span = Math.max(...times) - Math.min(...times);
  return span < 2 * DAY_MS
    ? (at) =>
        new Date(Number(at)).toLocaleString([], {
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        })
    : (at) => new Date(Number(at)).toLocaleDateString();
}

/** The posture score over time, a line per connection; the numbers are also in the table beside it. */
export function PostureChart({ connections }: { connections: readonly ConnectionHistory[] }) {
  const { rows, series } = postureSeries(connections);
  if (rows.length === 0)
    return <Text c="dimmed">No scan has finished yet: the score appears after the first.</Text>;
  return (
    <div role="img" aria-label={`Posture score over time for ${series.map((s) => s.label).join(', ')}`}>
      <LineChart
        h={220}
        data={rows}
        dataKey="at"
        series={series.map((s, i) => ({ ...s, color: seriesColor(i) }))}
        xAxisProps={{ tickFormatter: tickFormat(rows) }}
        yAxisProps={{ domain: [0, 100] }}
        tooltipProps={{ labelFormatter: (at) => new Date(Number(at)).toLocaleString() }}
        withLegend={series.length > 1}
        connectNulls
        curveType="linear"
      />
    </div>
  );
}
