import { parseCatalog } from '../../src/catalog';
import { BASE_MODELS, problemsWithBase } from './helpers';

describe('analyses', () => {
  it('normalises every kind, filling in the defaults', () => {
    const catalog = parseCatalog([
      { path: 'base.yml', text: BASE_MODELS },
      {
        path: 'test.yml',
        text: `dimensions:
  - { name: plan, model: plans, column: name }
analyses:
  - { name: retention, kind: retention, users_model: users, activity_model: events }
  - { name: weekly, kind: retention, users_model: users, activity_model: events, default_periods: 12 }
  - { name: funnel, kind: funnel, users_model: users, activity_model: events, step_dimension: platform }
  - { name: goal, kind: conversion, users_model: users, activity_model: events, goal_dimension: platform, default_goal: ios }
  - { name: users, kind: user_list, users_model: users, activity_model: events }
  - { name: by_plan, kind: user_list, users_model: users, activity_model: events, plan_dimension: plan, default_inactive_after_days: 14 }
`,
      },
    ]);
    const models = { usersModel: 'users', activityModel: 'events', description: '' };
    expect(catalog.analyses.get('retention')).toEqual({
      ...models,
      name: 'retention',
      kind: 'retention',
      defaultPeriods: 8,
      location: { file: 'test.yml', line: 4, column: 5 },
    });
    expect(catalog.analyses.get('weekly')).toMatchObject({ defaultPeriods: 12 });
    expect(catalog.analyses.get('funnel')).toMatchObject({ ...models, kind: 'funnel', stepDimension: 'platform', defaultWindowDays: 7 });
    expect(catalog.analyses.get('goal')).toMatchObject({ kind: 'conversion', goalDimension: 'platform', defaultGoal: 'ios' });
    expect(catalog.analyses.get('users')).toMatchObject({ kind: 'user_list', planDimension: null, defaultInactiveAfterDays: 30 });
    expect(catalog.analyses.get('by_plan')).toMatchObject({ planDimension: 'plan', defaultInactiveAfterDays: 14 });
  });

  it('checks the users and activity models, with did-you-mean', () => {
    expect(
      problemsWithBase(`analyses:
  - { name: a, kind: lifecycle, users_model: user, activity_model: event }
  - { name: b, kind: retention, users_model: plans, activity_model: plans }
`),
    ).toEqual([
      'test.yml:2:46 UNKNOWN_MODEL: Analysis "a" (lifecycle) refers to unknown model "user". Did you mean "users"?',
      'test.yml:2:68 UNKNOWN_MODEL: Analysis "a" (lifecycle) refers to unknown model "event". Did you mean "events"?',
      'test.yml:3:46 WRONG_TYPE: Analysis "b" (retention) needs users_model "plans" to declare time; it is missing time.',
      'test.yml:3:69 WRONG_TYPE: Analysis "b" (retention) needs activity_model "plans" to declare user_key and time; ' +
        'it is missing user_key and time.',
    ]);
  });

  it('needs the activity model to join the users model, and says which join to add', () => {
    expect(
      problemsWithBase(`models:
  - { name: visits, table: visits, primary_key: id, user_key: user_id, time: at, columns: { id: string, user_id: string, at: timestamp } }
analyses:
  - { name: a, kind: lifecycle, users_model: users, activity_model: visits }
`),
    ).toEqual([
      'test.yml:4:69 UNREACHABLE_JOIN: Analysis "a" (lifecycle) needs its activity rows to join their user, but users_model "users" ' +
        'is not reachable by joins from activity_model "visits". Add joins: [{ model: users, column: user_id }] to model "visits".',
    ]);
  });

  it('checks the dimensions it names: known (did-you-mean) and reachable from the right model', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: signups, kind: count, model: users }
analyses:
  - name: f
    kind: funnel
    users_model: users
    activity_model: events
    step_dimension: platfrm
  - { name: g, kind: funnel, users_model: users, activity_model: events }
  - { name: c, kind: conversion, users_model: users, activity_model: events, goal_dimension: signups, default_goal: x }
  - { name: u, kind: user_list, users_model: users, activity_model: events, plan_dimension: platform }
  - { name: ok, kind: conversion, users_model: users, activity_model: events, goal_dimension: country, default_goal: SE }
`),
    ).toEqual([
      'test.yml:8:21 UNKNOWN_DIMENSION: Analysis "f" (funnel) step_dimension refers to unknown dimension "platfrm". Did you mean "platform"?',
      'test.yml:9:5 UNKNOWN_DIMENSION: Analysis "g" (funnel) step_dimension (the default) refers to unknown dimension "event_type".',
      'test.yml:10:94 UNKNOWN_DIMENSION: Analysis "c" (conversion) goal_dimension refers to "signups", which is a metric, not a dimension.',
      'test.yml:11:93 UNREACHABLE_JOIN: Analysis "u" (user_list) plan_dimension names dimension "platform", which reads model "events": ' +
        'not reachable by joins from users_model "users".',
    ]);
  });
});
