import type { HttpAnswer } from './client';
import { HOSTILE_TEXT } from './values';

/**
 * What an error may not show a client (SPEC §9: no SQL text, no stack
 * traces): SQL statements, PostgreSQL's own vocabulary, driver and socket
 * errors, JavaScript internals and paths. SQL keywords are matched in upper
 * case only (the statements Pulse writes), so "from" in "timeRange.from"
 * is not one. Text the client itself sent (the fuzz's hostile strings) is
 * masked first: an echo of one's own input is not a leak.
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bSELECT\b/,
  /\bINSERT\s+INTO\b/,
  /\bDELETE\s+FROM\b/,
  /\bFROM\s+"/,
  /\bGROUP BY\b|\bORDER BY\b|\bUNION ALL\b|\bJOIN\s+"/,
  /\bpg_\w+/,
  /\bSQLSTATE\b|\brelation "|\bcolumn "[^"]*" does not exist|syntax error at or near|violates \w+ constraint|duplicate key value/i,
  /\bECONNREFUSED\b|\bECONNRESET\b|\bETIMEDOUT\b|\bEPIPE\b|\bterminating connection\b/,
  /\n\s+at |\bat [\w.<>]+ \(/,
  /\/work\/|\/home\/|\/usr\/|\/tmp\/|node_modules|\.ts:\d+|\.js:\d+/,
  /\bstack\b|\bstacktrace\b/i,
  /TypeError|ReferenceError|RangeError|SyntaxError: Unexpected token|Cannot read propert|is not a function|undefined is not/,
  /\bkysely\b|\bpglite\b/i,
];

/** Every hostile string in the forms a message may echo it: as sent, JSON-escaped, GraphQL-printed. */
const MASKS: readonly string[] = [...new Set(HOSTILE_TEXT.filter((t) => t.length >= 3).flatMap((t) => [t, JSON.stringify(t).slice(1, -1), JSON.stringify(t)]))].sort(
  (a, b) => b.length - a.length,
);

/** The text without the hostile corpus, nor quoted names the request itself holds (Cannot query field "SELECT"). */
function masked(text: string, sent: string): string {
  let out = text;
  for (const mask of MASKS) out = out.split(mask).join(' ');
  // Only a quoted echo that itself looks like a leak is masked, so `relation "events"` still counts.
  const echo = (inner: string) => sent.includes(inner) && LEAK_PATTERNS.some((p) => p.test(inner));
  return out.replace(/"([^"\\]{1,200})"/g, (quoted, inner: string) => (echo(inner) ? ' ' : quoted));
}

/** The leaks of one answer: each error's message and extensions (code aside), and a body that is not JSON. `sent`: the request's text. */
export function leaksOf(answer: HttpAnswer, sent = ''): string[] {
  const found: string[] = [];
  const look = (where: string, text: string) => {
    const clean = masked(text, sent);
    for (const pattern of LEAK_PATTERNS) {
      const match = pattern.exec(clean);
      if (match) found.push(`${where} matches ${pattern.source}: ${JSON.stringify(clean.slice(Math.max(0, match.index - 60), match.index + 60))}`);
    }
  };
  if (answer.json === undefined && answer.text) look('body', answer.text);
  for (const error of answer.errors) {
    look('message', typeof error.message === 'string' ? error.message : JSON.stringify(error.message));
    const { code: _code, ...rest } = error.extensions ?? {};
    if (Object.keys(rest).length > 0) look('extensions', JSON.stringify(rest));
  }
  return found;
}

/** Whether an answer is JSON whose every error has a string extensions.code, or data without errors. */
export function isCoded(answer: HttpAnswer): boolean {
  if (typeof answer.json !== 'object' || answer.json === null || Array.isArray(answer.json)) return false;
  if (answer.errors.length === 0) return 'data' in answer.json;
  return answer.errors.every((e) => typeof e.extensions?.code === 'string' && e.extensions.code !== '');
}
