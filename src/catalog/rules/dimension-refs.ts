/** The columns a dimension reads, with the YAML field each came from and the type it needs. */
import type { PathKey } from '../locate';
import type { ColumnRef, ColumnType, Dimension } from '../types';

export interface DimensionRef {
  readonly ref: ColumnRef;
  readonly path: readonly PathKey[];
  readonly type: ColumnType;
}

export function dimensionRefs(dimension: Dimension): DimensionRef[] {
  const expr = dimension.expr;
  switch (expr.kind) {
    case 'column':
      return [{ ref: expr.column, path: ['column'], type: 'string' }];
    case 'calendar':
      return [{ ref: expr.column, path: ['calendar', 'column'], type: 'timestamp' }];
    case 'day_bins':
      return [
        { ref: expr.from, path: ['day_bins', 'from'], type: 'timestamp' },
        { ref: expr.to, path: ['day_bins', 'to'], type: 'timestamp' },
      ];
  }
}
