import { funnel, lifecycle, retention } from './analyses';
import { churnRateByPlan, dauByCountry, dauByDay, mauByDay, weeklyActiveByPlan } from './metrics';
import { rangesFor } from './ranges';
import type { Question, QuestionContext } from './types';
import { usersPage } from './users';

export type { CanonicalRow, Question, QuestionContext } from './types';

/** The questions of the "Speed at scale" issue, in its order, with ranges relative to the data's last day. */
export function questions(ctx: QuestionContext): Question[] {
  const ranges = rangesFor(ctx.endDate);
  return [dauByDay, dauByCountry, weeklyActiveByPlan, mauByDay, retention, lifecycle, churnRateByPlan, funnel, usersPage].map((q) => q(ctx, ranges));
}
