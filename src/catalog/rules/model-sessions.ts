/**
 * WRONG_TYPE for `sessions:` on a model: sessions are a user's consecutive
 * rows in time (SPEC §3), so the model must declare user_key and time.
 */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';

export function checkModelSessions(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: model, at } of draft.models.values()) {
    if (model.sessions === null) continue;
    const missing = [model.userKey === null && 'user_key', model.timeColumn === null && 'time'].filter((key) => key !== false);
    if (missing.length === 0) continue;
    problems.push({
      code: 'WRONG_TYPE',
      message:
        `Model "${model.name}" declares sessions, which group a user's rows in time and so need user_key and time; ` +
        `it is missing ${missing.join(' and ')}.`,
      location: at(['sessions'], { key: true }),
    });
  }
}
