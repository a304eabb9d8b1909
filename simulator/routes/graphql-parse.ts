// A reader for GraphQL documents (https://spec.graphql.org/October2021/#sec-Language), enough
// to find the one operation the simulator answers, its arguments and the fields the client
// selected. It parses; it does not validate against a schema or execute anything.

/** A request the gateway rejects before running it, with graphql-java's error classification. */
export class GraphQLRequestError extends Error {
  readonly classification: 'InvalidSyntax' | 'ValidationError';
  readonly location: { line: number; column: number } | undefined;
  constructor(
    message: string,
    classification: GraphQLRequestError['classification'],
    location?: { line: number; column: number },
  ) {
    super(message);
    this.classification = classification;
    this.location = location;
  }
}

const syntaxError = (message: string, line: number, column: number) =>
  new GraphQLRequestError(message, 'InvalidSyntax', { line, column });

export type Value =
  | { kind: 'variable'; name: string }
  | { kind: 'scalar'; value: string | number | boolean | null }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; values: Value[] }
  | { kind: 'object'; fields: Record<string, Value> };

export interface Field {
  kind: 'field';
  alias: string | undefined;
  name: string;
  args: Record<string, Value>;
  selections: Selection[];
}

export type Selection =
  | Field
  | { kind: 'spread'; name: string }
  | { kind: 'inline'; selections: Selection[] };

export interface Operation {
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
  /** Variable name → default value, when the definition has one. */
  defaults: Record<string, Value | undefined>;
  selections: Selection[];
}

export interface GraphQLDocument {
  operations: Operation[];
  fragments: Map<string, Selection[]>;
}

interface Token {
  kind: 'punct' | 'name' | 'number' | 'string' | 'eof';
  value: string;
  line: number;
  column: number;
}

const punctuators = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);

function unescapeString(raw: string, at: () => never): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])|\\/g, (m, esc: string | undefined) => {
    if (!esc) return at();
    if (esc.startsWith('u')) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    return { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[esc] ?? m;
  });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (message: string): never => {
    throw syntaxError(message, line, i - lineStart + 1);
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const token = { line, column: i - lineStart + 1 };
    if (source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', ...token });
      i += 3;
    } else if (punctuators.has(c)) {
      tokens.push({ kind: 'punct', value: c, ...token });
      i++;
    } else if (/[_A-Za-z]/.test(c)) {
      const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'name', value: name, ...token });
      i += name.length;
    } else if (/[-0-9]/.test(c)) {
      const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i))?.[0];
      if (!num) fail(`Invalid number at '${source.slice(i, i + 10)}'`);
      tokens.push({ kind: 'number', value: num as string, ...token });
      i += (num as string).length;
    } else if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      if (end < 0) fail('Unterminated block string');
      const body = source.slice(i + 3, end);
      tokens.push({ kind: 'string', value: body.replaceAll('\\"""', '"""'), ...token });
      for (const ch of body) if (ch === '\n') line++;
      i = end + 3;
    } else if (c === '"') {
      const m = /^"((?:[^"\\\n]|\\.)*)"/.exec(source.slice(i));
      if (!m) fail('Unterminated string');
      tokens.push({
        kind: 'string',
        value: unescapeString(m?.[1] ?? '', () => fail('Invalid escape')),
        ...token,
      });
      i += (m?.[0] ?? '').length;
    } else {
      fail(`Unexpected character '${c}'`);
    }
  }
  tokens.push({ kind: 'eof', value: '<EOF>', line, column: i - lineStart + 1 });
  return tokens;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private fail(t: Token, expected: string): never {
    throw syntaxError(`Invalid syntax: expected ${expected} but found '${t.value}'`, t.line, t.column);
  }

  private is(value: string): boolean {
    const t = this.peek();
    return (t.kind === 'punct' || t.kind === 'name') && t.value === value;
  }

  private expect(value: string): void {
    const t = this.next();
    if (t.value !== value || (t.kind !== 'punct' && t.kind !== 'name')) this.fail(t, `'${value}'`);
  }

  private name(): string {
    const t = this.next();
    if (t.kind !== 'name') this.fail(t, 'a name');
    return t.value;
  }

  document(): GraphQLDocument {
    const doc: GraphQLDocument = { operations: [], fragments: new Map() };
    while (this.peek().kind !== 'eof') {
      if (this.is('{')) {
        doc.operations.push({
          type: 'query',
          name: undefined,
          defaults: {},
          selections: this.selectionSet(),
        });
      } else if (this.is('fragment')) {
        this.next();
        const name = this.name();
        this.expect('on');
        this.name();
        this.directives();
        doc.fragments.set(name, this.selectionSet());
      } else if (this.is('query') || this.is('mutation') || this.is('subscription')) {
        const type = this.next().value as Operation['type'];
        const name = this.peek().kind === 'name' ? this.name() : undefined;
        const defaults = this.is('(') ? this.variableDefinitions() : {};
        this.directives();
        doc.operations.push({ type, name, defaults, selections: this.selectionSet() });
      } else {
        this.fail(this.peek(), 'an operation or fragment definition');
      }
    }
    if (doc.operations.length === 0) this.fail(this.peek(), 'an operation');
    return doc;
  }

  private variableDefinitions(): Record<string, Value | undefined> {
    const defaults: Record<string, Value | undefined> = {};
    this.expect('(');
    while (!this.is(')')) {
      this.expect('$');
      const name = this.name();
      this.expect(':');
      this.type();
      defaults[name] = undefined;
      if (this.is('=')) {
        this.next();
        defaults[name] = this.value();
      }
      this.directives();
    }
    this.expect(')');
    return defaults;
  }

  private type(): void {
    if (this.is('[')) {
      this.next();
      this.type();
      this.expect(']');
    } else {
      this.name();
    }
    if (this.is('!')) this.next();
  }

  private directives(): void {
    while (this.is('@')) {
      this.next();
      this.name();
      if (this.is('(')) this.arguments();
    }
  }

  private selectionSet(): Selection[] {
    this.expect('{');
    const selections: Selection[] = [];
    while (!this.is('}')) selections.push(this.selection());
    this.expect('}');
    if (selections.length === 0) this.fail(this.peek(), 'a selection');
    return selections;
  }

  private selection(): Selection {
    if (this.is('...')) {
      this.next();
      if (this.is('on')) {
        this.next();
        this.name();
      } else if (!this.is('{') && !this.is('@')) {
        const name = this.name();
        this.directives();
        return { kind: 'spread', name };
      }
      this.directives();
      return { kind: 'inline', selections: this.selectionSet() };
    }
    let name = this.name();
    let alias: string | undefined;
    if (this.is(':')) {
      this.next();
      alias = name;
      name = this.name();
    }
    const args = this.is('(') ? this.arguments() : {};
    this.directives();
    const selections = this.is('{') ? this.selectionSet() : [];
    return { kind: 'field', alias, name, args, selections };
  }

  private arguments(): Record<string, Value> {
    const args: Record<string, Value> = {};
    this.expect('(');
    while (!this.is(')')) {
      const name = this.name();
      this.expect(':');
      args[name] = this.value();
    }
    this.expect(')');
    return args;
  }

  private value(): Value {
    const t = this.next();
    if (t.kind === 'punct' && t.value === '$') return { kind: 'variable', name: this.name() };
    if (t.kind === 'number') return { kind: 'scalar', value: Number(t.value) };
    if (t.kind === 'string') return { kind: 'scalar', value: t.value };
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'false') return { kind: 'scalar', value: t.value === 'true' };
      if (t.value === 'null') return { kind: 'scalar', value: null };
      return { kind: 'enum', value: t.value };
    }
    if (t.kind === 'punct' && t.value === '[') {
      const values: Value[] = [];
      while (!this.is(']')) values.push(this.value());
      this.next();
      return { kind: 'list', values };
    }
    if (t.kind === 'punct' && t.value === '{') {
      const fields: Record<string, Value> = {};
      while (!this.is('}')) {
        const name = this.name();
        this.expect(':');
        fields[name] = this.value();
      }
      this.next();
      return { kind: 'object', fields };
    }
    return this.fail(t, 'a value');
  }
}

export function parseDocument(source: string): GraphQLDocument {
  return new Parser(source).document();
}

/** A literal or variable as plain JSON; an unset variable is `undefined`. */
export function resolveValue(value: Value | undefined, variables: Record<string, unknown>): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case 'variable':
      return variables[value.name];
    case 'scalar':
      return value.value;
    case 'enum':
      return value.value;
    case 'list':
      return value.values.map((v) => resolveValue(v, variables));
    case 'object':
      return Object.fromEntries(
        Object.entries(value.fields).map(([k, v]) => [k, resolveValue(v, variables)]),
      );
  }
}

/** The fields of a selection set with fragment spreads and inline fragments merged in. */
export function fieldsOf(
  selections: Selection[],
  fragments: Map<string, Selection[]>,
  seen = new Set<string>(),
): Field[] {
  return selections.flatMap((s): Field[] => {
    if (s.kind === 'field') return [s];
    if (s.kind === 'inline') return fieldsOf(s.selections, fragments, seen);
    const fragment = fragments.get(s.name);
    if (!fragment)
      throw new GraphQLRequestError(`Validation error: undefined fragment '${s.name}'`, 'ValidationError');
    if (seen.has(s.name))
      throw new GraphQLRequestError(
        `Validation error: fragment '${s.name}' spreads itself`,
        'ValidationError',
      );
    return fieldsOf(fragment, fragments, new Set([...seen, s.name]));
  });
}
