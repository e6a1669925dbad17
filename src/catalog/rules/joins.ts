/**
 * UNKNOWN_MODEL / UNKNOWN_COLUMN / WRONG_TYPE for joins: `model.joins[i]`
 * says this.column = target.primary_key, so the target and the column must
 * exist and the two columns must have the same type.
 */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';
import { lookupColumn, lookupModel } from './lookup';

export function checkJoins(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: model, at } of draft.models.values()) {
    model.joins.forEach((join, i) => {
      const subject = `Model "${model.name}" (joins)`;
      const target = lookupModel(draft, join.model, subject, at(['joins', i, 'model']), problems);
      const column = lookupColumn(model, join.column, subject, at(['joins', i, 'column']), problems);
      const key = target?.columns.get(target.primaryKey);
      if (!column || !key || column.type === key.type) return;
      problems.push({
        code: 'WRONG_TYPE',
        message:
          `Model "${model.name}" joins "${join.model}" on "${model.name}.${column.name}", a ${column.type} column, ` +
          `but the primary key "${join.model}.${key.name}" is a ${key.type} column.`,
        location: at(['joins', i, 'column']),
      });
    });
  }
}
