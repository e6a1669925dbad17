/**
 * The SQL a client sees in `sql`: parameters written in as literals so it can
 * be pasted into psql. Display only; what runs always binds its parameters.
 */
export function displaySql(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)\b/g, (match, index: string) => {
    const i = Number(index) - 1;
    return i < parameters.length ? literal(parameters[i]) : match;
  });
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}
