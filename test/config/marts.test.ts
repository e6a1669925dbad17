import { loadConfig } from '../../src/config/config';

test('PULSE_MARTS is on by default, off when set so, and refused otherwise', () => {
  expect(loadConfig({}).marts).toBe(true);
  expect(loadConfig({ PULSE_MARTS: 'on' }).marts).toBe(true);
  expect(loadConfig({ PULSE_MARTS: 'off' }).marts).toBe(false);
  expect(() => loadConfig({ PULSE_MARTS: 'no' })).toThrow(/PULSE_MARTS/);
});
