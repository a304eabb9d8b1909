import type { FaultConfigInput } from '../../simulator/http/faults.ts';

type RuleInput = NonNullable<FaultConfigInput['rules']>[number];

// The faults the benchmarks put on the simulator: Atlassian's burst limit and a network latency
// always (a bench against an instant, unlimited Atlassian would measure nothing real), plus the
// soak's errors, hangs and malformed bodies when asked.

/** `r` or `r:b`: r calls per second per credential and host, a bucket of b (default 2r). */
export function parseRateLimit(text: string): { perSecond: number; burst: number } {
  const [perSecond, burst] = text.split(':').map(Number);
  if (!perSecond || !Number.isFinite(perSecond) || perSecond <= 0) {
    throw new Error(`--rate-limit "${text}" must be r or r:b, r calls per second (e.g. 50:100)`);
  }
  return { perSecond, burst: Math.ceil(burst && burst > 0 ? burst : perSecond * 2) };
}

export function benchFaults(
  rateLimit: string,
  latencyMs: number,
  extra: RuleInput[] = [],
  seed = 1,
): FaultConfigInput {
  return {
    seed,
    rateLimit: parseRateLimit(rateLimit),
    rules: [...(latencyMs > 0 ? [{ latencyMs }] : []), ...extra],
  };
}

/** The soak's faults: some 503s, malformed bodies and hangs (the client's timeout ends them). */
export const SOAK_FAULTS: RuleInput[] = [
  { errorRate: 0.03, errorStatus: 503 },
  { malformedRate: 0.01 },
  { hangRate: 0.002 },
];
