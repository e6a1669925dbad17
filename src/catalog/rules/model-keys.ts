/** UNKNOWN_COLUMN / WRONG_TYPE: a model's primary_key, user_key and time name its own columns; time is a timestamp. */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';
import { expectType, lookupColumn } from './lookup';

export function checkModelKeys(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: model, at } of draft.models.values()) {
    const subject = `Model "${model.name}"`;
    lookupColumn(model, model.primaryKey, `${subject} (primary_key)`, at(['primary_key']), problems);
    if (model.userKey !== null) lookupColumn(model, model.userKey, `${subject} (user_key)`, at(['user_key']), problems);
    if (model.timeColumn !== null) {
      const time = lookupColumn(model, model.timeColumn, `${subject} (time)`, at(['time']), problems);
      if (time) expectType(model, time, ['timestamp'], `${subject} (time)`, 'a timestamp column', at(['time']), problems);
    }
  }
}
