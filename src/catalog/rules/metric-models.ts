/**
 * UNKNOWN_MODEL / WRONG_TYPE for the models a metric reads: bucketing rows
 * by time needs a `time` column; churn_rate and inactive_users also follow
 * users through the churn / activity model, which needs `user_key` and `time`.
 */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';
import type { PathKey } from '../locate';
import type { Metric } from '../types';
import { expectKeys, lookupModel, type ModelKey } from './lookup';

interface ModelNeed {
  readonly field: 'model' | 'churn_model' | 'activity_model';
  readonly model: string;
  readonly keys: readonly ModelKey[];
}

function needsOf(metric: Metric): ModelNeed[] {
  switch (metric.kind) {
    case 'ratio':
    case 'derived':
      return [];
    case 'churn_rate':
      return [
        { field: 'model', model: metric.model, keys: ['time'] },
        { field: 'churn_model', model: metric.churnModel, keys: ['user_key', 'time'] },
      ];
    case 'inactive_users':
      return [
        { field: 'model', model: metric.model, keys: ['time'] },
        { field: 'activity_model', model: metric.activityModel, keys: ['user_key', 'time'] },
      ];
    default:
      return [{ field: 'model', model: metric.model, keys: ['time'] }];
  }
}

export function checkMetricModels(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: metric, at } of draft.metrics.values()) {
    const subject = `Metric "${metric.name}"`;
    for (const need of needsOf(metric)) {
      const path: PathKey[] = [need.field];
      const model = lookupModel(draft, need.model, subject, at(path), problems);
      if (model) expectKeys(model, need.keys, `${subject} (${metric.kind})`, need.field, at(path), problems);
    }
  }
}
