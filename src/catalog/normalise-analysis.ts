/** Analysis specs -> Analysis (types.ts): camelCase fields, defaults filled in from ANALYSIS_DEFAULTS. */
import { assertNever } from '../util/errors';
import type { Locator } from './locate';
import { ANALYSIS_DEFAULTS as D, type AnalysisSpec } from './schema/analysis';
import type { Analysis, AnalysisKind } from './types';

export function normaliseAnalysis(spec: AnalysisSpec[AnalysisKind], at: Locator): Analysis {
  const base = {
    name: spec.name,
    description: spec.description ?? '',
    usersModel: spec.users_model,
    activityModel: spec.activity_model,
    location: at(),
  };
  switch (spec.kind) {
    case 'retention':
      return { ...base, kind: spec.kind, defaultPeriods: spec.default_periods ?? D.default_periods };
    case 'lifecycle':
      return { ...base, kind: spec.kind };
    case 'funnel':
      return {
        ...base,
        kind: spec.kind,
        stepDimension: spec.step_dimension ?? D.step_dimension,
        defaultWindowDays: spec.default_window_days ?? D.default_window_days,
      };
    case 'conversion':
      return { ...base, kind: spec.kind, goalDimension: spec.goal_dimension ?? D.goal_dimension, defaultGoal: spec.default_goal };
    case 'user_list':
      return {
        ...base,
        kind: spec.kind,
        planDimension: spec.plan_dimension ?? null,
        defaultInactiveAfterDays: spec.default_inactive_after_days ?? D.default_inactive_after_days,
      };
    default:
      return assertNever(spec, 'analysis kind');
  }
}
