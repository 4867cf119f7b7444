// A small expander for VS Code snippet syntax, enough to check the snippet pack without an editor:
// tab stops ($1, ${1}, ${1:default}), choices (${1|a,b|}), mirrors, variables ($CURRENT_YEAR,
// ${VAR:default}) and variable transforms (${VAR/regex/format/flags} with $1, ${1:+if}, ${1:-else},
// ${1:?if:else}). Escapes: \$, \}, \\ (and \, \| inside choices).

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children: Node[] | null; choices: string[] | null }
  | { kind: 'variable'; name: string; children: Node[] | null; transform: Transform | null };

interface Transform {
  regex: string;
  format: string;
  flags: string;
}

export interface TabStop {
  index: number;
  /** Default text as expanded (a choice's first option). */
  defaultText: string;
  choices: string[] | null;
}

export interface ExpandOptions {
  /** Value of a tab stop; undefined keeps its default. Called once per tab-stop number. */
  fill?: (stop: TabStop) => string | undefined;
  variables?: Record<string, string>;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node[] {
    const nodes = this.sequence(null);
    if (this.i < this.s.length) throw new Error(`unexpected '${this.s[this.i]}' at ${this.i}`);
    return nodes;
  }

  /** Reads nodes up to an unescaped `}` when nested. */
  private sequence(stop: '}' | null): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && /[$}\\]/.test(this.s[this.i + 1] ?? '')) {
        text += this.s[this.i + 1];
        this.i += 2;
      } else if (c === '}' && stop === '}') {
        break;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.i++;
        }
      } else {
        text += c;
        this.i++;
      }
    }
    flush();
    return nodes;
  }

  private dollar(): Node | null {
    const rest = this.s.slice(this.i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { kind: 'tabstop', index: +m[1], children: null, choices: null };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { kind: 'variable', name: m[1], children: null, transform: null };
    }
    m = /^\$\{(\d+)/.exec(rest) ?? /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (!m) return null;
    const isTab = /^\d/.test(m[1]);
    this.i += m[0].length;
    const next = this.s[this.i];
    if (next === '}') {
      this.i++;
      return isTab
        ? { kind: 'tabstop', index: +m[1], children: null, choices: null }
        : { kind: 'variable', name: m[1], children: null, transform: null };
    }
    if (next === ':') {
      this.i++;
      const children = this.sequence('}');
      this.expect('}');
      return isTab
        ? { kind: 'tabstop', index: +m[1], children, choices: null }
        : { kind: 'variable', name: m[1], children, transform: null };
    }
    if (next === '|' && isTab) {
      this.i++;
      const choices: string[] = [];
      let cur = '';
      while (this.i < this.s.length && !(this.s[this.i] === '|' && this.s[this.i + 1] === '}')) {
        const c = this.s[this.i];
        if (c === '\\' && /[,|\\$}]/.test(this.s[this.i + 1] ?? '')) {
          cur += this.s[this.i + 1];
          this.i += 2;
        } else if (c === ',') {
          choices.push(cur);
          cur = '';
          this.i++;
        } else {
          cur += c;
          this.i++;
        }
      }
      choices.push(cur);
      this.expect('|');
      this.expect('}');
      return { kind: 'tabstop', index: +m[1], children: null, choices };
    }
    if (next === '/' && !isTab) {
      this.i++;
      const regex = this.until('/');
      const format = this.untilFormatEnd();
      const flags = this.until('}');
      return { kind: 'variable', name: m[1], children: null, transform: { regex, format, flags } };
    }
    throw new Error(`bad snippet syntax at ${this.i}: ${this.s.slice(this.i, this.i + 20)}`);
  }

  private until(end: string): string {
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== end) {
      if (this.s[this.i] === '\\' && this.s[this.i + 1] === end) {
        out += end;
        this.i += 2;
      } else out += this.s[this.i++];
    }
    this.expect(end);
    return out;
  }

  /** The format part ends at the first `/` that is not inside `${…}`. */
  private untilFormatEnd(): string {
    let out = '';
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\') {
        out += c + (this.s[this.i + 1] ?? '');
        this.i += 2;
        continue;
      }
      if (c === '$' && this.s[this.i + 1] === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === '/' && depth === 0) break;
      out += c;
      this.i++;
    }
    this.expect('/');
    return out;
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) throw new Error(`expected '${c}' at ${this.i} in ${this.s}`);
    this.i++;
  }
}

function applyFormat(format: string, groups: (string | undefined)[]): string {
  return format.replace(
    /\$(\d+)|\$\{(\d+)(?::([+?-])?([^}:]*)(?::([^}]*))?)?\}|\\(.)/g,
    (all, d1: string, d2: string, op: string, a: string, b: string, esc: string) => {
      if (esc !== undefined) return esc;
      const g = groups[+(d1 ?? d2)];
      if (d1 !== undefined || (op === undefined && a === undefined)) return g ?? '';
      if (op === '+') return g ? a : '';
      if (op === '-' || op === undefined) return g || a;
      if (op === '?') return g ? a : (b ?? '');
      return all;
    },
  );
}

export function parseSnippet(body: string): Node[] {
  return new Parser(body).parse();
}

/** Every tab stop of a snippet, once per number, in number order ($0 last). */
export function tabStops(body: string): TabStop[] {
  const found = new Map<number, TabStop>();
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'tabstop') {
        const prev = found.get(n.index);
        const stop: TabStop = {
          index: n.index,
          defaultText: n.choices ? n.choices[0] : n.children ? render(n.children, {}, new Map()) : '',
          choices: n.choices,
        };
        // The first occurrence with a default wins, as in VS Code.
        if (!prev || (!prev.defaultText && stop.defaultText)) found.set(n.index, stop);
        if (n.children) visit(n.children);
      } else if (n.kind === 'variable' && n.children) visit(n.children);
    }
  };
  visit(parseSnippet(body));
  return [...found.values()].sort((a, b) => (a.index || 1e9) - (b.index || 1e9));
}

function render(nodes: Node[], opts: ExpandOptions, values: Map<number, string>): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'tabstop') {
      if (values.has(n.index)) out += values.get(n.index);
      else out += n.choices ? n.choices[0] : n.children ? render(n.children, opts, values) : '';
    } else {
      const value = opts.variables?.[n.name];
      if (value === undefined) out += n.children ? render(n.children, opts, values) : n.name;
      else if (n.transform) {
        const re = new RegExp(n.transform.regex, n.transform.flags.replace(/[^gimsuy]/g, ''));
        out += value.replace(re, (...args) => {
          const groups = args.slice(0, -2).filter((x) => typeof x === 'string' || x === undefined);
          return applyFormat(n.transform!.format, groups as (string | undefined)[]);
        });
      } else out += value;
    }
  }
  return out;
}

/** Expands a snippet body as VS Code would insert it, with tab stops filled by `fill`. */
export function expandSnippet(body: string, opts: ExpandOptions = {}): string {
  const values = new Map<number, string>();
  if (opts.fill) {
    for (const stop of tabStops(body)) {
      const v = opts.fill(stop);
      if (v !== undefined) values.set(stop.index, v);
    }
  }
  return render(parseSnippet(body), opts, values);
}

export function dateVariables(iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { CURRENT_YEAR: y, CURRENT_MONTH: m, CURRENT_DATE: d, CURRENT_YEAR_SHORT: y.slice(2) };
}
