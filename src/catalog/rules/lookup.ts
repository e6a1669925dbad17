/** Lookups shared by the rules: each reports what it cannot find, with did-you-mean. */
import type { DefinitionProblem, SourceLocation } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import type { Draft } from '../draft';
import type { Column, ColumnType, SemanticModel } from '../types';

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
