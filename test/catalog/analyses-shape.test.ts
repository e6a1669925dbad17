import { problemsWithBase } from './helpers';

describe('analyses: INVALID_SHAPE and DUPLICATE_NAME', () => {
  it('checks the kind, the fields each kind takes and their values', () => {
    expect(
      problemsWithBase(`analyses:
  - { name: a, kind: retension, users_model: users, activity_model: events }
  - { name: b, kind: conversion, users_model: users, activity_model: events }
  - { name: c, kind: lifecycle, users_model: users, activity_model: events, default_periods: 4 }
  - { name: d, kind: retention, users_model: users, activity_model: events, default_periods: 0 }
  - { name: e, kind: funnel, users_model: users, activity_model: events, default_window: 7 }
  - { name: UserList, kind: user_list, users_model: users, activity_model: events, default_inactive_after_days: 1.5 }
`),
    ).toEqual([
      'test.yml:2:22 INVALID_SHAPE: Analysis "a": field "kind" must be one of retention, lifecycle, funnel, conversion, user_list, ' +
        'got "retension". Did you mean "retention"?',
      'test.yml:3:5 INVALID_SHAPE: Analysis "b" is missing required field "default_goal".',
      'test.yml:4:77 INVALID_SHAPE: Analysis "c" of kind "lifecycle" does not take field "default_periods".',
      'test.yml:5:94 INVALID_SHAPE: Analysis "d": field "default_periods" must be a positive whole number of periods, got 0.',
      'test.yml:6:74 INVALID_SHAPE: Analysis "e" has unknown field "default_window". Did you mean "default_window_days"?',
      'test.yml:7:13 INVALID_SHAPE: Analysis "UserList": field "name" must be snake_case (lowercase letters, digits and _, starting with a letter), got "UserList".',
      'test.yml:7:113 INVALID_SHAPE: Analysis "UserList": field "default_inactive_after_days" must be a positive whole number of days, got 1.5.',
    ]);
  });

  it('keeps analysis names unique as Query fields, apart from metrics and dimensions', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: retention, kind: count, model: users }
analyses:
  - { name: retention, kind: retention, users_model: users, activity_model: events }
  - { name: retention, kind: lifecycle, users_model: users, activity_model: events }
  - { name: life_2, kind: lifecycle, users_model: users, activity_model: events }
  - { name: life2, kind: lifecycle, users_model: users, activity_model: events }
  - { name: metrics, kind: lifecycle, users_model: users, activity_model: events }
  - { name: catalog, kind: lifecycle, users_model: users, activity_model: events }
  - { name: platform, kind: lifecycle, users_model: users, activity_model: events }
`),
    ).toEqual([
      'test.yml:5:13 DUPLICATE_NAME: Analysis "retention" is defined twice; the first definition is at test.yml:4:13.',
      'test.yml:7:13 DUPLICATE_NAME: Analysis "life2" and analysis "life_2" (test.yml:6:13) would both be the GraphQL field "life2".',
      'test.yml:8:13 DUPLICATE_NAME: Analysis "metrics" uses a reserved name: it is the Query field that answers metric requests.',
      'test.yml:9:13 DUPLICATE_NAME: Analysis "catalog" uses a reserved name: it is the Query field that describes the catalog.',
    ]);
  });
});
