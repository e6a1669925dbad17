/**
 * The `expr` of a derived metric: numbers, metric names, + - * /, unary minus
 * and parentheses. A tiny recursive-descent parser; definitions are data, so
 * nothing here is ever evaluated as code.
 */
import type { DerivedExpr } from './types';

export type Token =
  | { readonly kind: 'number'; readonly value: number; readonly offset: number; readonly text: string }
  | { readonly kind: 'name'; readonly offset: number; readonly text: string }
  | { readonly kind: 'op'; readonly offset: number; readonly text: '+' | '-' | '*' | '/' | '(' | ')' };

export type ParseResult =
  | { readonly ok: true; readonly expr: DerivedExpr }
  | { readonly ok: false; readonly message: string; readonly offset: number };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;

export function tokenize(text: string): { tokens: Token[]; errorOffset: number | null } {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(start).trim() === '') break;
      return { tokens, errorOffset: start + (text.slice(start).length - text.slice(start).trimStart().length) };
    }
    const offset = match.index + match[0].length - (match[1] ?? match[2] ?? match[3] ?? '').length;
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]), offset, text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', offset, text: match[2] });
    else tokens.push({ kind: 'op', offset, text: match[3] as '+' | '-' | '*' | '/' | '(' | ')' });
  }
  return { tokens, errorOffset: null };
}

class ParseFailure {
  constructor(readonly message: string, readonly offset: number) {}
}

export function parseDerivedExpr(text: string): ParseResult {
  const { tokens, errorOffset } = tokenize(text);
  if (errorOffset !== null) {
    return { ok: false, message: `unexpected character "${text[errorOffset] ?? ''}"`, offset: errorOffset };
  }
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const fail = (expected: string): never => {
    const token = peek();
    throw token
      ? new ParseFailure(`expected ${expected} but found "${token.text}"`, token.offset)
      : new ParseFailure(`expected ${expected} but the expression ended`, text.trimEnd().length);
  };
  const takeOp = (...ops: string[]): '+' | '-' | '*' | '/' | null => {
    const token = peek();
    if (token?.kind !== 'op' || !ops.includes(token.text)) return null;
    position++;
    return token.text as '+' | '-' | '*' | '/';
  };

  // expr := term (('+' | '-') term)*
  const expression = (): DerivedExpr => {
    let left = term();
    for (let op = takeOp('+', '-'); op; op = takeOp('+', '-')) left = { kind: 'binary', op, left, right: term() };
    return left;
  };
  // term := unary (('*' | '/') unary)*
  const term = (): DerivedExpr => {
    let left = unary();
    for (let op = takeOp('*', '/'); op; op = takeOp('*', '/')) left = { kind: 'binary', op, left, right: unary() };
    return left;
  };
  // unary := '-' unary | primary
  const unary = (): DerivedExpr => (takeOp('-') ? { kind: 'negate', operand: unary() } : primary());
  // primary := number | name | '(' expr ')'
  const primary = (): DerivedExpr => {
    const token = peek();
    if (token?.kind === 'number') {
      position++;
      return { kind: 'number', value: token.value };
    }
    if (token?.kind === 'name') {
      position++;
      return { kind: 'metric', name: token.text };
    }
    if (takeOp('(')) {
      const inner = expression();
      if (!takeOp(')')) fail('")"');
      return inner;
    }
    return fail('a number, a metric name or "("');
  };

  try {
    const expr = expression();
    if (peek()) fail('an operator');
    return { ok: true, expr };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** Metric names the expression mentions, with their offsets (for UNKNOWN_METRIC locations). */
export function metricNamesIn(text: string): Array<{ name: string; offset: number }> {
  return tokenize(text).tokens.flatMap((t) => (t.kind === 'name' ? [{ name: t.text, offset: t.offset }] : []));
}
