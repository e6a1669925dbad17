import { parseCatalog } from '../../src/catalog';
import { BASE_MODELS, problemsWithBase } from './helpers';

const CHURN_MODEL = `models:
  - { name: churn, table: churn, primary_key: user_id, user_key: user_id, time: churned_at, columns: { user_id: string, churned_at: timestamp } }
`;

describe('churn marts', () => {
  it('normalise with the default zone and week start', () => {
    const catalog = parseCatalog([
      { path: 'base.yml', text: BASE_MODELS },
      { path: 'test.yml', text: `${CHURN_MODEL}marts:\n  - { name: weekly_churn, kind: churn, model: users, churn_model: churn, grain: week, dimensions: [country] }\n` },
    ]);
    expect(catalog.marts.get('weekly_churn')).toMatchObject({
      kind: 'churn', table: 'mart_weekly_churn', model: 'users', churnModel: 'churn', grain: 'week', timezones: ['UTC'], weekStarts: ['MONDAY'], dimensions: ['country'],
    });
  });

  it('need a users model with a time, churn records with user_key and time, and user dimensions', () => {
    expect(
      problemsWithBase(`${CHURN_MODEL}marts:
  - { name: a, kind: churn, model: plans, churn_model: chrn, grain: day, dimensions: [] }
  - { name: b, kind: churn, model: users, churn_model: plans, grain: month, dimensions: [platform, country, country], timezones: [Mars/Olympus] }
  - { name: c, kind: churn, model: users, churn_model: churn, grain: day, week_starts: [SUNDAY], dimensions: [] }
`),
    ).toEqual([
      'test.yml:4:36 WRONG_TYPE: Mart "a" (churn) needs model "plans" to declare time; it is missing time.',
      'test.yml:4:56 UNKNOWN_MODEL: Mart "a" (churn) refers to unknown model "chrn". Did you mean "churn"?',
      'test.yml:5:56 WRONG_TYPE: Mart "b" (churn) needs churn_model "plans" to declare user_key and time; it is missing user_key and time.',
      'test.yml:5:90 UNREACHABLE_JOIN: Mart "b" (churn) cannot keep dimension "platform": it does not have one value per user (it is not reachable from users).',
      'test.yml:5:109 INVALID_SHAPE: Mart "b" (churn) lists dimension "country" twice.',
      'test.yml:5:131 UNKNOWN_TIMEZONE: Mart "b" (churn) lists "Mars/Olympus", which is not an IANA timezone.',
      'test.yml:6:75 INVALID_SHAPE: Mart "c" (churn) has week_starts, which only grain week uses (its grain is day).',
    ]);
  });
});
