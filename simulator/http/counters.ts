/** What the simulator has served: read through the control API by tests and benchmarks. */
export interface WriteRecord {
  endpointId: string;
  method: string;
  url: string;
  at: string;
  status: number;
}

export class Counters {
  readonly callsByEndpoint = new Map<string, number>();
  readonly statusByEndpoint = new Map<string, Map<number, number>>();
  /** Calls per listener (`site:<cloudId>`, `api`, `marketplace`, `auth`): what a per-host rate limit sees. */
  readonly callsByHost = new Map<string, number>();
  served429 = 0;
  served5xx = 0;
  malformed = 0;
  hung = 0;
  readonly writes: WriteRecord[] = [];

  record(endpointId: string, status: number, host: string): void {
    this.callsByHost.set(host, (this.callsByHost.get(host) ?? 0) + 1);
    this.callsByEndpoint.set(endpointId, (this.callsByEndpoint.get(endpointId) ?? 0) + 1);
    let statuses = this.statusByEndpoint.get(endpointId);
    if (!statuses) {
      statuses = new Map();
      this.statusByEndpoint.set(endpointId, statuses);
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 429) this.served429++;
    else if (status >= 500) this.served5xx++;
  }

  reset(): void {
    this.callsByEndpoint.clear();
    this.statusByEndpoint.clear();
    this.callsByHost.clear();
    this.served429 = 0;
    this.served5xx = 0;
    this.malformed = 0;
    this.hung = 0;
    this.writes.length = 0;
  }

  snapshot() {
    const calls: Record<string, number> = {};
    let total = 0;
    for (const [id, n] of [...this.callsByEndpoint].sort(([a], [b]) => a.localeCompare(b))) {
      calls[id] = n;
      total += n;
    }
    const statuses: Record<string, Record<string, number>> = {};
    for (const [id, m] of this.statusByEndpoint) statuses[id] = Object.fromEntries(m);
    return {
      totalCalls: total,
      calls,
      callsByHost: Object.fromEntries([...this.callsByHost].sort(([a], [b]) => a.localeCompare(b))),
      statuses,
      served429: this.served429,
      served5xx: this.served5xx,
      malformed: this.malformed,
      hung: this.hung,
      writes: [...this.writes],
    };
  }
}
