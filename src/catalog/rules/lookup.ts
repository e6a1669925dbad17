/** Lookups shared by the rules: each reports what it cannot find, with did-you-mean. */
import type { DefinitionProblem, SourceLocation } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import type { Draft } from '../draft';
import type { Column, ColumnType, Dimension, SemanticModel } from '../types';

/**
 * The model, or null after reporting UNKNOWN_MODEL. A model whose own
 * definition was broken is already reported, so it is not reported again.
 */
export function lookupModel(
  draft: Draft,
  name: string,
  subject: string,
  location: SourceLocation,
  problems: DefinitionProblem[],
): SemanticModel | null {
  const found = draft.models.get(name);
  if (found) return found.def;
  if (!draft.brokenModels.has(name)) {
    const message = `${subject} refers to unknown model "${name}".${didYouMean(name, draft.models.keys())}`;
    problems.push({ code: 'UNKNOWN_MODEL', message, location });
  }
  return null;
}

/**
 * The dimension, or null after reporting UNKNOWN_DIMENSION (with did-you-mean,
 * or saying it is a metric). A broken dimension is already reported.
 */
export function lookupDimension(
  draft: Draft,
  name: string,
  subject: string,
  location: SourceLocation,
  problems: DefinitionProblem[],
): Dimension | null {
  const found = draft.dimensions.get(name);
  if (found) return found.def;
  if (draft.brokenFields.has(name)) return null;
  const message = draft.metrics.has(name)
    ? `${subject} refers to "${name}", which is a metric, not a dimension.`
    : `${subject} refers to unknown dimension "${name}".${didYouMean(name, draft.dimensions.keys())}`;
  problems.push({ code: 'UNKNOWN_DIMENSION', message, location });
  return null;
}

export type ModelKey = 'time' | 'user_key';

/** Reports WRONG_TYPE unless the model declares every key; `field` is the YAML field that named it. */
export function expectKeys(
  model: SemanticModel,
  keys: readonly ModelKey[],
  subject: string,
  field: string,
  location: SourceLocation,
  problems: DefinitionProblem[],
): void {
  const has: Record<ModelKey, boolean> = { time: model.timeColumn !== null, user_key: model.userKey !== null };
  const missing = keys.filter((key) => !has[key]);
  if (missing.length === 0) return;
  problems.push({
    code: 'WRONG_TYPE',
    message: `${subject} needs ${field} "${model.name}" to declare ${keys.join(' and ')}; it is missing ${missing.join(' and ')}.`,
    location,
  });
}

export function lookupColumn(
  model: SemanticModel,
  name: string,
  subject: string,
  location: SourceLocation,
  problems: DefinitionProblem[],
  hint = '',
): Column | null {
  const found = model.columns.get(name);
  if (found) return found;
  const message = `${subject} refers to unknown column "${name}" of model "${model.name}".${hint}${didYouMean(name, model.columns.keys())}`;
  problems.push({ code: 'UNKNOWN_COLUMN', message, location });
  return null;
}

/** Reports WRONG_TYPE unless the column's type is one of `allowed`; `need` says what was expected. */
export function expectType(
  model: SemanticModel,
  column: Column,
  allowed: readonly ColumnType[],
  subject: string,
  need: string,
  location: SourceLocation,
  problems: DefinitionProblem[],
): void {
  if (allowed.includes(column.type)) return;
  const message = `${subject} needs ${need}, but "${model.name}.${column.name}" is a ${column.type} column.`;
  problems.push({ code: 'WRONG_TYPE', message, location });
}

export const NOT_JSON: readonly ColumnType[] = ['string', 'number', 'timestamp'];
