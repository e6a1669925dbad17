/**
 * DUPLICATE_NAME / UNKNOWN_MODEL / UNKNOWN_COLUMN / WRONG_TYPE for data tests:
 * names (defaults included) are unique among data tests; a generic test names
 * a model and one of its columns; accepted_values needs a string or number
 * column; relationships name a model `to` and a column of it.
 */
import { formatLocation, type DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';
import { dataTestName } from '../normalise-data-test';
import { expectType, lookupColumn, lookupModel } from './lookup';

export function checkDataTests(draft: Draft, problems: DefinitionProblem[]): void {
  const seen = new Map<string, string>();
  for (const { spec, at } of draft.dataTests) {
    const name = dataTestName(spec);
    const subject = `Data test "${name}"`;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, formatLocation(at(['name'])));
    else {
      const hint = spec.name === undefined ? ' Give one of them a `name`.' : '';
      problems.push({ code: 'DUPLICATE_NAME', message: `${subject} is defined twice; the first definition is at ${first}.${hint}`, location: at(['name']) });
    }
    if ('sql' in spec) continue;
    const model = lookupModel(draft, spec.model, subject, at(['model']), problems);
    const column = model && lookupColumn(model, spec.column, subject, at(['column']), problems);
    if (model && column && spec.test === 'accepted_values') {
      expectType(model, column, ['string', 'number'], subject, 'a string or number column', at(['column']), problems);
    }
    if (spec.test !== 'relationships') continue;
    const to = lookupModel(draft, spec.to, subject, at(['to']), problems);
    if (to) lookupColumn(to, spec.field ?? to.primaryKey, subject, at([spec.field === undefined ? 'to' : 'field']), problems);
  }
}
