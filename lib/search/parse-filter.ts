import { SearchSyntaxError, type BoolExpr, type Comparator, type Comparison, type FilterExpr } from './ast';
import { resolveIdentifier, rulesFor, type ResolvedIdentifier } from './parse-filter-identifier';
import { isKeyword, positionOf, tokenize, type Token } from './tokenize';

/**
 * Parses a run-search filter (MLflow's `filter_string`, plus our extensions: `or`, parentheses,
 * IN / NOT IN on params and tags, BETWEEN on numbers) into a FilterExpr. Empty input → null.
 * Every accepted MLflow filter keeps its MLflow meaning; see README.md for the grammar.
 *
 *   filter     := or_expr EOF
 *   or_expr    := and_expr ("or" and_expr)*
 *   and_expr   := primary ("and" primary)*
 *   primary    := "(" or_expr ")" | comparison
 */

const MAX_DEPTH = 64;

export function parseFilter(text: string | null | undefined): FilterExpr | null {
  if (text == null || text.trim() === '') return null;
  return new FilterParser(text).parse();
}

class FilterParser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): FilterExpr {
    const expr = this.orExpr();
    const t = this.peek();
    if (t.kind === 'semicolon') {
      this.fail(`Unexpected ';' at position ${this.pos(t)}: a filter is one expression; join clauses with and`, t);
    }
    if (t.kind === 'rparen') this.fail(`Unmatched ')' at position ${this.pos(t)}`, t);
    if (t.kind !== 'eof') this.fail(`Unexpected ${this.describe(t)} at position ${this.pos(t)}: expected and, or or the end of the filter`, t);
    return expr;
  }

  private orExpr(): FilterExpr {
    const clauses = [this.andExpr()];
    while (isKeyword(this.peek(), 'or')) {
      this.next();
      clauses.push(this.andExpr());
    }
    return combine('or', clauses);
  }

  private andExpr(): FilterExpr {
    const clauses = [this.primary()];
    while (isKeyword(this.peek(), 'and')) {
      this.next();
      clauses.push(this.primary());
    }
    return combine('and', clauses);
  }

  private primary(): FilterExpr {
    const t = this.peek();
    if (t.kind === 'lparen') {
      if (++this.depth > MAX_DEPTH) this.fail(`Parentheses nested deeper than ${MAX_DEPTH} at position ${this.pos(t)}`, t);
      this.next();
      const inner = this.orExpr();
      const close = this.peek();
      if (close.kind !== 'rparen') {
        this.fail(`Expected ')' to close the '(' at position ${this.pos(t)}, found ${this.describe(close)} at position ${this.pos(close)}`, close);
      }
      this.next();
      this.depth--;
      return inner;
    }
    if (isKeyword(t, 'and') || isKeyword(t, 'or')) {
      this.fail(`Unexpected '${t.raw}' at position ${this.pos(t)}: expected a comparison such as metrics.acc > 0.9`, t);
    }
    return this.comparison();
  }

  private comparison(): FilterExpr {
    const identTok = this.next();
    const ident = resolveIdentifier(this.text, identTok, 'filter');
    const rules = rulesFor(ident.id);
    const opTok = this.next();
    const op = this.comparator(opTok, ident);

    if (op === 'BETWEEN') {
      const low = this.value(ident, opTok, 'number') as number;
      const and = this.next();
      if (!isKeyword(and, 'and')) this.fail(`Expected 'and' in BETWEEN for ${ident.display} at position ${this.pos(and)}, found ${this.describe(and)}`, and);
      const high = this.value(ident, opTok, 'number') as number;
      return { type: 'and', clauses: [this.make(ident, '>=', low), this.make(ident, '<=', high)] };
    }
    if (op === 'IS NULL' || op === 'IS NOT NULL') return this.make(ident, op, null);
    if (op === 'IN' || op === 'NOT IN') return this.make(ident, op, this.list(ident, opTok));
    return this.make(ident, op, this.value(ident, opTok, rules.valueKind));
  }

  /** Reads the comparator (one to three tokens) and checks it is allowed for the identifier. */
  private comparator(t: Token, ident: ResolvedIdentifier): Comparator | 'BETWEEN' {
    const rules = rulesFor(ident.id);
    const allowed = [...rules.comparators, ...(rules.between ? ['BETWEEN'] : [])];
    let op: string;
    if (t.kind === 'op') op = t.raw;
    else if (isKeyword(t, 'like') || isKeyword(t, 'ilike') || isKeyword(t, 'in') || isKeyword(t, 'between')) op = t.raw.toUpperCase();
    else if (isKeyword(t, 'not')) {
      const inTok = this.next();
      if (!isKeyword(inTok, 'in')) this.fail(`Expected 'in' after 'not' at position ${this.pos(inTok)} for ${ident.display}, found ${this.describe(inTok)}`, inTok);
      op = 'NOT IN';
    } else if (isKeyword(t, 'is')) {
      let n = this.next();
      let negated = false;
      if (isKeyword(n, 'not')) {
        negated = true;
        n = this.next();
      }
      if (!isKeyword(n, 'null')) {
        this.fail(`Expected NULL after '${negated ? 'is not' : 'is'}' at position ${this.pos(n)} for ${ident.display}, found ${this.describe(n)}: only IS NULL and IS NOT NULL are supported`, n);
      }
      op = negated ? 'IS NOT NULL' : 'IS NULL';
    } else {
      return this.fail(
        `Expected a comparator after ${ident.display} at position ${this.pos(t)}, found ${this.describe(t)}: expected one of ${allowed.join(', ')}`,
        t,
      );
    }
    if (!allowed.includes(op)) {
      const hint = op === 'IS NULL' || op === 'IS NOT NULL'
        ? 'IS NULL / IS NOT NULL is only supported for params and tags'
        : (op === 'IN' || op === 'NOT IN') && ident.id.entity === 'attribute' && rules.valueKind === 'string'
          ? `IN / NOT IN on attributes is only supported for run_id; expected one of ${allowed.join(', ')}`
          : `expected one of ${allowed.join(', ')}`;
      this.fail(`Invalid comparator '${op}' at position ${this.pos(t)} for ${ident.display}: ${hint}`, t, op);
    }
    return op as Comparator | 'BETWEEN';
  }

  private value(ident: ResolvedIdentifier, opTok: Token, kind: 'number' | 'string'): string | number {
    const t = this.next();
    if (kind === 'number') {
      if (t.kind === 'number') return t.value;
      const what = ident.id.entity === 'metric' ? 'metric' : 'numeric attribute';
      return this.fail(`Expected a number for ${what} ${ident.display} at position ${this.pos(t)}, found ${this.describe(t)}`, t);
    }
    if (t.kind === 'string') return t.value;
    const found = this.describe(t);
    const hint = t.kind === 'path' || t.kind === 'number' ? ' (quote string values with single or double quotes, e.g. \'my-value\')' : '';
    if (t.kind === 'lparen') {
      return this.fail(`Expected a quoted string for ${ident.display} after '${opTok.raw}' at position ${this.pos(t)}, found '(': lists need IN or NOT IN`, t);
    }
    return this.fail(`Expected a quoted string for ${ident.display} at position ${this.pos(t)}, found ${found}${hint}`, t);
  }

  private list(ident: ResolvedIdentifier, opTok: Token): string[] {
    const open = this.next();
    if (open.kind !== 'lparen') {
      this.fail(`Expected '(' after '${opTok.raw}' for ${ident.display} at position ${this.pos(open)}, found ${this.describe(open)}: write IN ('a', 'b')`, open);
    }
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'rparen' && values.length === 0) {
        this.fail(`Empty list for ${ident.display} at position ${this.pos(t)}: IN needs at least one quoted string`, t);
      }
      if (t.kind !== 'string') {
        this.fail(`Expected a quoted string in the list for ${ident.display} at position ${this.pos(t)}, found ${this.describe(t)}`, t);
      }
      values.push((t as Extract<Token, { kind: 'string' }>).value);
      const sep = this.next();
      if (sep.kind === 'rparen') return values;
      if (sep.kind !== 'comma') {
        this.fail(`Expected ',' or ')' in the list for ${ident.display} at position ${this.pos(sep)}, found ${this.describe(sep)}`, sep);
      }
    }
  }

  private make(ident: ResolvedIdentifier, op: Comparator, value: Comparison['value']): Comparison {
    return { type: 'comparison', left: ident.id, op, value, position: positionOf(this.text, ident.start) };
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private pos(t: Token): number {
    return positionOf(this.text, t.start);
  }

  private describe(t: Token): string {
    if (t.kind === 'eof') return 'end of input';
    return t.kind === 'string' ? t.raw : `'${t.raw}'`;
  }

  private fail(message: string, t: Token, token: string = t.raw): never {
    throw new SearchSyntaxError(message, this.pos(t), token);
  }
}

/** Joins clauses, flattening nested groups of the same kind so `a and (b and c)` has three clauses. */
function combine(type: BoolExpr['type'], clauses: FilterExpr[]): FilterExpr {
  if (clauses.length === 1) return clauses[0];
  return { type, clauses: clauses.flatMap((c) => (c.type === type ? (c as BoolExpr).clauses : [c])) };
}
