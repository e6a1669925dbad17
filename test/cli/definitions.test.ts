import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A bad metrics/ folder: the CLI refuses to start and reports every problem with its location.
test('pulse reports every problem in bad YAML with file:line:column', () => {
  if (!fs.existsSync('dist/src/cli/main.js')) execFileSync('npm', ['run', '-s', 'build'], { stdio: 'pipe' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bad-'));
  fs.cpSync('metrics', dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'bad.yml'),
    ['metrics:', '  - name: weekly_logins', '    kind: count', '    model: event', '  - name: dau', '    kind: count_distinct', '    model: events', '    colum: user_id', ''].join('\n'),
  );
  let stderr = '';
  try {
    execFileSync('node', ['bin/pulse.js', 'schema', '--check'], { env: { ...process.env, PULSE_METRICS_DIR: dir }, stdio: 'pipe' });
  } catch (error) {
    stderr = String((error as { stderr: Buffer }).stderr);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'bad.yml');
  expect(stderr).toContain('4 problem(s) in metric definitions');
  expect(stderr).toContain(`${file}:4:12 UNKNOWN_MODEL: Metric "weekly_logins" refers to unknown model "event". Did you mean "events"?`);
  expect(stderr).toContain(`${file}:5:5 INVALID_SHAPE: Metric "dau" is missing required field "column".`);
  expect(stderr).toContain(`${file}:8:5 INVALID_SHAPE: Metric "dau" has unknown field "colum". Did you mean "column"?`);
  expect(stderr).toContain(`${path.join(dir, 'engagement.yml')}:14:11 DUPLICATE_NAME: Metric "dau" is defined twice; the first definition is at ${file}:5:11.`);
});
