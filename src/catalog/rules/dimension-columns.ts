/**
 * UNKNOWN_MODEL / UNKNOWN_COLUMN / WRONG_TYPE for dimensions: the owner
 * model exists, every column read exists, a plain column is a string and
 * calendar / day_bins read timestamps.
 */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';
import { dimensionRefs } from './dimension-refs';
import { expectType, lookupColumn, lookupModel } from './lookup';

export function checkDimensionColumns(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: dimension, at } of draft.dimensions.values()) {
    const subject = `Dimension "${dimension.name}"`;
    const owner = lookupModel(draft, dimension.model, subject, at(['model']), problems);
    for (const { ref, path, type } of dimensionRefs(dimension)) {
      // The owner was just reported if unknown; only other models are looked up again.
      const model = ref.model === dimension.model ? owner : lookupModel(draft, ref.model, subject, at(path), problems);
      if (!model) continue;
      const hint = dottedHint(dimension.expr.kind, ref.column);
      const column = lookupColumn(model, ref.column, subject, at(path), problems, hint);
      if (column) expectType(model, column, [type], subject, `a ${type} column`, at(path), problems);
    }
  }
}

/** `column: users.country` on an events dimension: say how to write it instead of only "unknown column". */
function dottedHint(kind: string, column: string): string {
  const dot = column.indexOf('.');
  if (kind !== 'column' || dot < 0) return '';
  return ` A column dimension reads its own model: use model: ${column.slice(0, dot)} and column: ${column.slice(dot + 1)}.`;
}
