/** Turn a GraphQL answer into tables: every list of objects in `data` becomes one table. */
export type Format = 'table' | 'csv' | 'json';

export interface Table {
  readonly title: string;
  readonly columns: string[];
  readonly rows: unknown[][];
}

export function tablesOf(data: unknown, path = ''): Table[] {
  if (Array.isArray(data)) {
    const objects = data.filter((d): d is Record<string, unknown> => d !== null && typeof d === 'object' && !Array.isArray(d));
    if (objects.length === 0) return [];
    const flat = objects.flatMap((o) => expand(o));
    const columns = [...new Set(flat.flatMap((o) => Object.keys(o)))];
    return [{ title: path, columns, rows: flat.map((o) => columns.map((c) => o[c])) }];
  }
  if (data !== null && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) => tablesOf(value, path ? `${path}.${key}` : key));
  }
  return [];
}

/**
 * One object as flat rows: nested objects become dotted columns, and a nested
 * list of objects gives one row per item (a retention cohort × each of its
 * periods: `cohort, size, periods.offset, periods.rate`); an empty list keeps
 * the parent row. Lists of plain values are one cell, as JSON.
 */
function expand(object: Record<string, unknown>, prefix = ''): Array<Record<string, unknown>> {
  let rows: Array<Record<string, unknown>> = [{}];
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
      const children = value.flatMap((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? expand(v as Record<string, unknown>, name) : []));
      if (children.length > 0) rows = rows.flatMap((row) => children.map((child) => ({ ...row, ...child })));
    } else if (Array.isArray(value)) {
      for (const row of rows) row[name] = JSON.stringify(value);
    } else if (value !== null && typeof value === 'object') {
      const [nested] = expand(value as Record<string, unknown>, name);
      for (const row of rows) Object.assign(row, nested);
    } else {
      for (const row of rows) row[name] = value;
    }
  }
  return rows;
}

export function renderTable(table: Table): string {
  const cells = table.rows.map((r) => r.map(cellText));
  const widths = table.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = table.columns.map((_, i) => table.rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
  const line = (values: string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [table.title, line(table.columns), rule, ...cells.map(line), `(${table.rows.length} rows)`].join('\n');
}

export function renderCsv(table: Table): string {
  const escape = (v: unknown): string => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.columns.map(escape).join(','), ...table.rows.map((r) => r.map(escape).join(','))].join('\n');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  return String(value);
}
