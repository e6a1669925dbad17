import type { ReactNode } from 'react';
import { toCsv } from './csv';
import { download } from './download';
import { formatValue, type Unit } from './format';

export interface Column<R> {
  readonly key: string;
  readonly label: string;
  readonly unit?: Unit;
  /** Custom cell; default: the value formatted by unit. */
  readonly render?: (row: R) => ReactNode;
}

/** A table of rows with numbers right-aligned and formatted, and the rows as CSV on request. */
export function DataTable<R extends Record<string, unknown>>({ id, columns, rows, csvName }: { id: string; columns: ReadonlyArray<Column<R>>; rows: readonly R[]; csvName?: string }) {
  return (
    <div className="table-wrap">
      {csvName ? (
        <button type="button" className="link" onClick={() => download(`${csvName}.csv`, toCsv(columns.map((c) => c.key), rows))}>
          Download CSV
        </button>
      ) : null}
      <table data-table={id}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.unit ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const value = row[c.key];
                return (
                  <td key={c.key} className={c.unit ? 'num' : undefined} data-value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}>
                    {c.render ? c.render(row) : c.unit ? formatValue(value as number | null, c.unit) : value === null || value === undefined ? '(none)' : String(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
