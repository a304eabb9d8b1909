import autocannon from 'autocannon';

// One load run with autocannon: `connections` clients sending one GET for `seconds`, with the
// bench's token. What the bench reports of it: requests per second (mean), p50 and p99 latency,
// and errors — connection errors, timeouts and every answer that is not 2xx (a 404 of a route
// that does not exist is an error, not a fast answer).

export interface LoadFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export async function load(input: {
  url: string;
  token: string;
  connections: number;
  seconds: number;
}): Promise<LoadFigures & { statuses: Record<string, number> }> {
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    // As a browser or any HTTP library asks: a gzipped answer when the server has one. Without it
    // autocannon's own parsing of 100 KB apps pages in this process bounded the figures, not the
    // server (wrk, in C, read the same pages at ten times the rate).
    headers: { authorization: `Bearer ${input.token}`, 'accept-encoding': 'gzip' },
    timeout: 10,
  });
  const statuses: Record<string, number> = {};
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = n.count ?? 0;
  return {
    rps: Number(result.requests.average.toFixed(1)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    statuses,
  };
}
