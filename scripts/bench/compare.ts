import type { CanonicalRow } from './questions';

/**
 * Pulse's answer against the hand-written SQL's, as canonical rows: in order
 * when order is part of the answer, as sorted sets otherwise (the order of
 * groups with a dimension depends on the database's collation, not on the
 * question). Values must be equal exactly, floats included.
 */

function key(row: CanonicalRow | undefined): string {
  if (row === undefined) return '(no row)';
  return JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));
}

/** null when equal; otherwise the first differing row of each side. */
export function firstDifference(pulse: readonly CanonicalRow[], sql: readonly CanonicalRow[], ordered: boolean): string | null {
  const [a, b] = ordered ? [pulse.map(key), sql.map(key)] : [pulse.map(key).sort(), sql.map(key).sort()];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `${a.length} rows vs ${b.length}; first difference at ${ordered ? 'row' : 'sorted row'} ${i}:\n    Pulse ${a[i] ?? '(no row)'}\n    SQL   ${b[i] ?? '(no row)'}`;
    }
  }
  return null;
}
