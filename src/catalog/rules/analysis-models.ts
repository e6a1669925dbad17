/**
 * UNKNOWN_MODEL / WRONG_TYPE / UNREACHABLE_JOIN for an analysis's models:
 * users_model places users in time (its primary key is the user, its time
 * the signup), activity_model holds their activity (user_key and time), and
 * activity rows must join to their user, as events -> users does.
 */
import type { DefinitionProblem } from '../../util/errors';
import { modelsOf, type Draft } from '../draft';
import { joinPath } from '../reachability';
import { expectKeys, lookupModel } from './lookup';

export function checkAnalysisModels(draft: Draft, problems: DefinitionProblem[]): void {
  const models = modelsOf(draft);
  for (const { def: analysis, at } of draft.analyses.values()) {
    const subject = `Analysis "${analysis.name}" (${analysis.kind})`;
    const users = lookupModel(draft, analysis.usersModel, subject, at(['users_model']), problems);
    if (users) expectKeys(users, ['time'], subject, 'users_model', at(['users_model']), problems);
    const activity = lookupModel(draft, analysis.activityModel, subject, at(['activity_model']), problems);
    if (activity) expectKeys(activity, ['user_key', 'time'], subject, 'activity_model', at(['activity_model']), problems);
    if (!users || !activity || joinPath(models, activity.name, users.name) !== null) continue;
    const hint = activity.userKey === null ? '' : ` Add joins: [{ model: ${users.name}, column: ${activity.userKey} }] to model "${activity.name}".`;
    problems.push({
      code: 'UNREACHABLE_JOIN',
      message:
        `${subject} needs its activity rows to join their user, but users_model "${users.name}" ` +
        `is not reachable by joins from activity_model "${activity.name}".${hint}`,
      location: at(['activity_model']),
    });
  }
}
