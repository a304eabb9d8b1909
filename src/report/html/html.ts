// A tiny HTML templating tag that escapes every interpolated value unless it is already HTML built
// by this tag: the report renders names, messages and reasons that come from an Atlassian tenant,
// and none of them may become markup.

const SAFE = Symbol('safe-html');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function isSafe(part: unknown): part is SafeHtml {
  return typeof part === 'object' && part !== null && SAFE in part;
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (isSafe(part)) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Markup with every interpolation escaped (arrays are joined; null, undefined and false vanish). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { [SAFE]: true, value: out };
}

/** Trusted markup from this module's own constants (the style sheet): never pass tenant data. */
export function trusted(markup: string): SafeHtml {
  return { [SAFE]: true, value: markup };
}

/** An http(s) URL fit for an href, or null (javascript:, data: and anything unparsable are refused). */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
