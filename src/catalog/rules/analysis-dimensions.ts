/**
 * UNKNOWN_DIMENSION / UNREACHABLE_JOIN for the dimensions an analysis names:
 * funnel steps and conversion goals match a dimension of the activity rows,
 * a user list's plan is a dimension of the user.
 */
import type { DefinitionProblem } from '../../util/errors';
import { modelsOf, type Draft } from '../draft';
import type { Locator } from '../locate';
import { joinPath } from '../reachability';
import type { Analysis } from '../types';
import { lookupDimension } from './lookup';

interface DimensionNeed {
  readonly field: 'step_dimension' | 'goal_dimension' | 'plan_dimension';
  readonly name: string;
  readonly from: 'activity_model' | 'users_model';
  readonly model: string;
}

function needsOf(analysis: Analysis): DimensionNeed[] {
  switch (analysis.kind) {
    case 'funnel':
      return [{ field: 'step_dimension', name: analysis.stepDimension, from: 'activity_model', model: analysis.activityModel }];
    case 'conversion':
      return [{ field: 'goal_dimension', name: analysis.goalDimension, from: 'activity_model', model: analysis.activityModel }];
    case 'user_list':
      return analysis.planDimension === null
        ? []
        : [{ field: 'plan_dimension', name: analysis.planDimension, from: 'users_model', model: analysis.usersModel }];
    case 'retention':
    case 'lifecycle':
      return [];
  }
}

export function checkAnalysisDimensions(draft: Draft, problems: DefinitionProblem[]): void {
  const models = modelsOf(draft);
  for (const { def: analysis, at } of draft.analyses.values()) {
    for (const need of needsOf(analysis)) {
      const subject = `Analysis "${analysis.name}" (${analysis.kind}) ${need.field}${written(at, need.field) ? '' : ' (the default)'}`;
      const location = at([need.field]);
      const dimension = lookupDimension(draft, need.name, subject, location, problems);
      // Unknown models are reported by analysis-models.ts and the dimension's own rules.
      if (!dimension || !models.has(need.model) || !dimension.models.every((m) => models.has(m))) continue;
      const unreachable = dimension.models.find((m) => joinPath(models, need.model, m) === null);
      if (unreachable === undefined) continue;
      problems.push({
        code: 'UNREACHABLE_JOIN',
        message:
          `${subject} names dimension "${dimension.name}", which reads model "${unreachable}": ` +
          `not reachable by joins from ${need.from} "${need.model}".`,
        location,
      });
    }
  }
}

/** A field left out points at its entry (locate.ts falls back to the parent): then its value is the default. */
function written(at: Locator, field: string): boolean {
  const own = at([field]);
  const entry = at();
  return own.line !== entry.line || own.column !== entry.column;
}
