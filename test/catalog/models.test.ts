import { problemsWithBase } from './helpers';

describe('model keys and joins', () => {
  it('checks primary_key, user_key and time against the columns', () => {
    expect(
      problemsWithBase(`models:
  - name: orders
    table: orders
    primary_key: order_idd
    user_key: usr
    time: placed
    columns: { order_id: string, user_id: string, placed: string }
`),
    ).toEqual([
      'test.yml:4:18 UNKNOWN_COLUMN: Model "orders" (primary_key) refers to unknown column "order_idd" of model "orders". Did you mean "order_id" or "user_id"?',
      'test.yml:5:15 UNKNOWN_COLUMN: Model "orders" (user_key) refers to unknown column "usr" of model "orders".',
      'test.yml:6:11 WRONG_TYPE: Model "orders" (time) needs a timestamp column, but "orders.placed" is a string column.',
    ]);
  });

  it('checks the join target, the join column and their types', () => {
    expect(
      problemsWithBase(`models:
  - name: orders
    table: orders
    primary_key: order_id
    columns: { order_id: string, user_id: number }
    joins:
      - { model: user, column: user_id }
      - { model: users, column: user_idd }
      - { model: users, column: user_id }
`),
    ).toEqual([
      'test.yml:7:18 UNKNOWN_MODEL: Model "orders" (joins) refers to unknown model "user". Did you mean "users"?',
      'test.yml:8:33 UNKNOWN_COLUMN: Model "orders" (joins) refers to unknown column "user_idd" of model "orders". Did you mean "user_id" or "order_id"?',
      'test.yml:9:33 WRONG_TYPE: Model "orders" joins "users" on "orders.user_id", a number column, ' +
        'but the primary key "users.user_id" is a string column.',
    ]);
  });
});
