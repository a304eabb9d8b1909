import { readdirSync, readFileSync } from 'node:fs';

// Samples what each process holds, from /proc (Linux): its resident memory (VmRSS) and its open
// file descriptors — every socket, file and pipe a handle leak would leave behind. The soak
// compares the averages of its first and last windows.

export interface Sample {
  atMs: number;
  rssMb: number;
  fds: number;
}

export function sampleProcess(pid: number, atMs: number): Sample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    const fds = readdirSync(`/proc/${pid}/fd`).length;
    return Number.isFinite(kb) ? { atMs, rssMb: kb / 1024, fds } : undefined;
  } catch {
    return undefined; // the process has ended
  }
}

/** Averages of the samples in [from, to) ms. */
export function averageOf(
  samples: readonly Sample[],
  from: number,
  to: number,
): { rssMb: number; fds: number } {
  const inside = samples.filter((s) => s.atMs >= from && s.atMs < to);
  if (inside.length === 0) return { rssMb: Number.NaN, fds: Number.NaN };
  const mean = (f: (s: Sample) => number) => inside.reduce((sum, s) => sum + f(s), 0) / inside.length;
  return { rssMb: Number(mean((s) => s.rssMb).toFixed(1)), fds: Number(mean((s) => s.fds).toFixed(1)) };
}
