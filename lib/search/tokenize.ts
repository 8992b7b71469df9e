import { SearchSyntaxError } from './ast';

/**
 * Lexer for the run-search filter language. Pure; positions are UTF-16 offsets into the input
 * (`start`/`end`), turned into 1-based code-point positions only when a message is written
 * (`positionOf`), so that `metrics.精度 ~ 1` reports the column a person counts.
 *
 * An identifier such as `metrics."legit name"` or `tags.mlflow.runName` is one `path` token:
 * segments joined by dots with no whitespace between them. A segment is a bare name, a
 * `backticked` name or (after the first dot) a "double-quoted" name. Keywords (and, or, in, not,
 * like, ilike, is, null, between, asc, desc) are single-segment paths recognised by the parser.
 */

export interface Segment {
  text: string;
  quote: '`' | '"' | null;
  start: number;
}

export type Token =
  | { kind: 'path'; segments: Segment[]; trailingDot: boolean; start: number; end: number; raw: string }
  | { kind: 'number'; value: number; start: number; end: number; raw: string }
  | { kind: 'string'; value: string; quote: "'" | '"'; start: number; end: number; raw: string }
  | { kind: 'op' | 'lparen' | 'rparen' | 'comma' | 'semicolon' | 'eof'; start: number; end: number; raw: string }
  /** Only produced in lenient mode: the unlexable rest of the input (e.g. an unterminated quote). */
  | { kind: 'error'; start: number; end: number; raw: string };

const NAME_START = /[\p{L}\p{N}\p{M}_]/uy;
const NAME = /[\p{L}\p{N}\p{M}_$#]+/uy;
const NUMBER = /-?(?:\d+(?:\.\d+)?[eE][-+]?\d+|\d+\.\d*|\.\d+|\d+)/y;
const OPERATOR = /[<>=!~]+/y;
const WHITESPACE = /\s+/y;

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

/** 1-based position counted in code points, for messages. */
export function positionOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    n++;
  }
  return n;
}

/** Reads a quoted run starting at `at`; the quote character doubled, or preceded by a backslash, stands for itself. */
function readQuoted(text: string, at: number): { value: string; end: number } | null {
  const q = text[at];
  let value = '';
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === q) {
      value += q;
      i += 2;
    } else if (c === q && text[i + 1] === q) {
      value += q;
      i += 2;
    } else if (c === q) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i++;
    }
  }
  return null;
}

function isNameStart(text: string, at: number): boolean {
  return matchAt(NAME_START, text, at) !== null;
}

export function tokenize(text: string, options: { lenient?: boolean } = {}): Token[] {
  const tokens: Token[] = [];
  let i = 0;

  const fail = (message: string, at: number, token: string): never => {
    throw new SearchSyntaxError(message, positionOf(text, at), token);
  };

  const readSegment = (at: number, allowDoubleQuote: boolean): { seg: Segment; end: number } | null => {
    const c = text[at];
    if (c === '`' || (allowDoubleQuote && c === '"')) {
      const q = readQuoted(text, at);
      if (!q) {
        return fail(
          `Unterminated quoted name at position ${positionOf(text, at)}: missing closing ${c}`,
          at,
          text.slice(at),
        );
      }
      return { seg: { text: q.value, quote: c, start: at }, end: q.end };
    }
    const name = matchAt(NAME, text, at);
    if (name && isNameStart(text, at)) return { seg: { text: name, quote: null, start: at }, end: at + name.length };
    return null;
  };

  try {
    while (i < text.length) {
      const ws = matchAt(WHITESPACE, text, i);
      if (ws) {
        i += ws.length;
        continue;
      }
      const start = i;
      const c = text[i];

      const num = matchAt(NUMBER, text, i);
      if (num && !isNameStart(text, i + num.length) && text[i + num.length] !== '`') {
        tokens.push({ kind: 'number', value: Number(num), start, end: i + num.length, raw: num });
        i += num.length;
        continue;
      }

      if (c === "'" || c === '"') {
        const q = readQuoted(text, i);
        if (!q) {
          fail(`Unterminated string at position ${positionOf(text, i)}: missing closing ${c}`, i, text.slice(i));
        } else if (c === '"' && text[q.end] === '.') {
          // "quoted".key — only meaningful as an identifier; the parser rejects a quoted entity.
        } else {
          tokens.push({ kind: 'string', value: q.value, quote: c as "'" | '"', start, end: q.end, raw: text.slice(start, q.end) });
          i = q.end;
          continue;
        }
      }

      const first = readSegment(i, c === '"');
      if (first) {
        const segments = [first.seg];
        let end = first.end;
        let trailingDot = false;
        while (text[end] === '.') {
          const next = readSegment(end + 1, true);
          if (!next) {
            trailingDot = true;
            end += 1;
            break;
          }
          segments.push(next.seg);
          end = next.end;
        }
        tokens.push({ kind: 'path', segments, trailingDot, start, end, raw: text.slice(start, end) });
        i = end;
        continue;
      }

      const op = matchAt(OPERATOR, text, i);
      if (op) {
        tokens.push({ kind: 'op', start, end: i + op.length, raw: op });
        i += op.length;
        continue;
      }
      const single = { '(': 'lparen', ')': 'rparen', ',': 'comma', ';': 'semicolon' } as const;
      if (c in single) {
        tokens.push({ kind: single[c as keyof typeof single], start, end: i + 1, raw: c });
        i += 1;
        continue;
      }
      const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
      fail(`Unexpected character '${ch}' at position ${positionOf(text, i)}`, i, ch);
    }
  } catch (err) {
    if (!options.lenient || !(err instanceof SearchSyntaxError)) throw err;
    tokens.push({ kind: 'error', start: i, end: text.length, raw: text.slice(i) });
    return tokens;
  }
  tokens.push({ kind: 'eof', start: text.length, end: text.length, raw: '' });
  return tokens;
}

export function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'path' && token.segments.length === 1 && token.segments[0].quote === null
    && !token.trailingDot && token.segments[0].text.toLowerCase() === word;
}
