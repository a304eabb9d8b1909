import type { PageState } from './style.ts';

// The resume token is the page state as JSON, tagged with the pagination style so a token
// stored for one list is refused by another instead of silently starting mid-way elsewhere.
// Tokens hold offsets and Atlassian's opaque cursors only: nothing secret, safe to checkpoint.

export function encodeResumeToken(style: string, state: PageState): string {
  return JSON.stringify({ s: style, ...state });
}

/** The page state a token stands for; undefined when it is not a token of this style. */
export function decodeResumeToken(style: string, token: string): PageState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { s, ...state } = parsed as Record<string, unknown>;
  if (s !== style) return undefined;
  const out: PageState = {};
  for (const [k, v] of Object.entries(state)) {
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    out[k] = v;
  }
  return out;
}
