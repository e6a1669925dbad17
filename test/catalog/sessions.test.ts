import { parseCatalog } from '../../src/catalog';
import { problems, problemsWithBase } from './helpers';

/** events with sessions, users without: the models of SPEC §3 in miniature. */
const SESSION_MODELS = `models:
  - name: events
    table: events
    primary_key: event_id
    user_key: user_id
    time: occurred_at
    columns: { event_id: string, user_id: string, occurred_at: timestamp, platform: string }
    joins: [{ model: users, column: user_id }]
    sessions: { gap_minutes: 45 }
  - name: users
    table: users
    primary_key: user_id
    time: signup_at
    columns: { user_id: string, signup_at: timestamp }
dimensions:
  - { name: platform, model: events, column: platform }
`;

describe('sessions', () => {
  it('normalises the sessions config of a model and session metrics with filters', () => {
    const catalog = parseCatalog([
      { path: 'models.yml', text: SESSION_MODELS },
      {
        path: 'test.yml',
        text: `metrics:
  - { name: ios_sessions, kind: session_count, model: events, filter: { platform: { eq: ios } } }
  - { name: session_seconds, kind: session_duration, model: events }
`,
      },
    ]);
    expect(catalog.models.get('events')?.sessions).toEqual({ gapMinutes: 45 });
    expect(catalog.models.get('users')?.sessions).toBeNull();
    const ios = catalog.metrics.get('ios_sessions');
    if (ios?.kind !== 'session_count' || !ios.filter) throw new Error('expected a session_count metric with a filter');
    expect([...ios.filter.dimensions]).toEqual([['platform', { eq: 'ios' }]]);
    expect(catalog.metrics.get('session_seconds')).toMatchObject({ kind: 'session_duration', model: 'events', filter: null });
  });

  it('rejects a session metric on a model without a sessions config, naming the models that have one', () => {
    expect(
      problems({
        'models.yml': SESSION_MODELS,
        'test.yml': `metrics:
  - { name: a, kind: session_count, model: users }
  - name: b
    kind: session_duration
    model: event
`,
      }),
    ).toEqual([
      'test.yml:2:44 WRONG_TYPE: Metric "a" (session_count) reads sessions, but model "users" has no sessions config; ' +
        'add sessions: { gap_minutes: 30 } to it. Models with sessions: "events".',
      'test.yml:5:12 UNKNOWN_MODEL: Metric "b" refers to unknown model "event". Did you mean "events"?',
    ]);
    expect(problemsWithBase('metrics:\n  - { name: s, kind: session_count, model: events }\n')).toEqual([
      'test.yml:2:44 WRONG_TYPE: Metric "s" (session_count) reads sessions, but model "events" has no sessions config; ' +
        'add sessions: { gap_minutes: 30 } to it.',
    ]);
  });

  it('allows sessions only on a model with user_key and time', () => {
    expect(
      problemsWithBase(`models:
  - name: visits
    table: visits
    primary_key: visit_id
    columns: { visit_id: string, at: timestamp }
    sessions: { gap_minutes: 30 }
`),
    ).toEqual([
      'test.yml:6:5 WRONG_TYPE: Model "visits" declares sessions, which group a user\'s rows in time ' +
        'and so need user_key and time; it is missing user_key and time.',
    ]);
  });

  it('checks the shape of the sessions config and of session metrics', () => {
    expect(
      problemsWithBase(`models:
  - name: visits
    table: visits
    primary_key: id
    user_key: user_id
    time: at
    columns: { id: string, user_id: string, at: timestamp }
    sessions: { gap_minutes: 0, gap_minute: 30 }
  - { name: logins, table: logins, primary_key: id, columns: { id: string }, sessions: {} }
metrics:
  - { name: s, kind: session_count, model: visits, column: id }
`),
    ).toEqual([
      'test.yml:8:30 INVALID_SHAPE: Model "visits": field "sessions.gap_minutes" must be a positive number of minutes, got 0.',
      'test.yml:8:33 INVALID_SHAPE: Model "visits" has unknown field "sessions.gap_minute". Did you mean "gap_minutes"?',
      'test.yml:9:88 INVALID_SHAPE: Model "logins" is missing required field "sessions.gap_minutes".',
      'test.yml:11:52 INVALID_SHAPE: Metric "s" of kind "session_count" does not take field "column".',
    ]);
  });
});
