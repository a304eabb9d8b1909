import { readFileSync } from 'node:fs';

// The `palisade …` command lines of a help text's "Example:" section or of a README's ```sh
// blocks, split into words as sh would (quotes, backslash-newline continuations, `# comments`,
// `NAME=value` prefixes as the environment).

export interface Example {
  /** Where it was found, for the failure message. */
  source: string;
  line: string;
  env: Record<string, string>;
  argv: string[];
}

function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '#' && word === undefined) break;
    else if (/\s/.test(ch)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + ch;
  }
  if (word !== undefined) out.push(word);
  return out;
}

function toExample(source: string, line: string, exported: Record<string, string> = {}): Example | undefined {
  const all = words(line);
  const env: Record<string, string> = { ...exported };
  while (all[0] && /^[A-Z_]+=/.test(all[0])) {
    const [name = '', ...value] = (all.shift() ?? '').split('=');
    env[name] = value.join('=');
  }
  if (all[0] === 'npx') all.shift();
  if (all[0] !== 'palisade' && all[0] !== 'bin/palisade') return undefined;
  return { source, line, env, argv: all.slice(1) };
}

/** Lines joined across trailing backslashes. */
function logicalLines(text: string): string[] {
  return text.replace(/\\\n\s*/g, ' ').split('\n');
}

export function helpExamples(command: string, help: string): Example[] {
  const section = help.split(/\nExamples?:\n/)[1] ?? '';
  return logicalLines(section).flatMap((l) => toExample(`palisade ${command} --help`, l.trim()) ?? []);
}

export function readmeExamples(file: string, label: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((b) => {
    // `export NAME=value …` holds for the lines after it in the block.
    const exported: Record<string, string> = {};
    return logicalLines(b).flatMap((l) => {
      const [first, ...rest] = words(l);
      if (first === 'export') {
        for (const w of rest) exported[w.split('=')[0] ?? ''] = w.split('=').slice(1).join('=');
        return [];
      }
      return toExample(label, l.trim(), exported) ?? [];
    });
  });
}
