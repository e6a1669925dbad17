/**
 * UNREACHABLE_JOIN for dimensions: every model a dimension reads must be
 * reachable by joins from its own model (tenure on events reads
 * users.signup_at: fine, events joins users).
 */
import type { DefinitionProblem } from '../../util/errors';
import { modelsOf, type Draft } from '../draft';
import { joinPath } from '../reachability';
import { dimensionRefs } from './dimension-refs';

export function checkDimensionReachability(draft: Draft, problems: DefinitionProblem[]): void {
  const models = modelsOf(draft);
  for (const { def: dimension, at } of draft.dimensions.values()) {
    for (const { ref, path } of dimensionRefs(dimension)) {
      // Unknown models are reported by dimension-columns.ts.
      if (!models.has(dimension.model) || !models.has(ref.model)) continue;
      if (joinPath(models, dimension.model, ref.model) !== null) continue;
      problems.push({
        code: 'UNREACHABLE_JOIN',
        message:
          `Dimension "${dimension.name}" on model "${dimension.model}" reads "${ref.model}.${ref.column}", ` +
          `but model "${ref.model}" is not reachable by joins from "${dimension.model}".`,
        location: at(path),
      });
    }
  }
}
