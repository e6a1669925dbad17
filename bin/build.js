#!/usr/bin/env node
'use strict';
// Builds what changed: the server (tsc) and the dashboard (Vite), each skipped when the
// files it is built from hash the same as at its last build, so `npm start` starts at once.
// `--force` rebuilds both.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamps.json');

const targets = {
  server: {
    inputs: ['src', 'migrations', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    skip: (file) => file.startsWith(path.join('src', 'web') + path.sep),
    output: 'dist/src/cli/main.js',
    run: () => execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  },
  web: {
    // GraphiQL's examples are README's queries.
    inputs: ['src/web', 'README.md', 'package-lock.json'],
    // README's screenshots of the dashboard are not built from.
    skip: (file) => file.startsWith(path.join('src', 'web', 'screenshots') + path.sep),
    output: 'dist/web/index.html',
        // NODE_ENV=production whatever the caller's (jest sets test): otherwise Vite bundles React's development build.
    run: () =>
      execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src/web/vite.config.mts'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      }),
  },
};

function files(entry, skip) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs.readdirSync(full).flatMap((name) => files(path.join(entry, name), skip)).filter((f) => !skip(f));
}

function fingerprint({ inputs, skip }) {
  const hash = crypto.createHash('sha256');
  for (const file of inputs.flatMap((i) => files(i, skip)).sort()) hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
let stamps = {};
try {
  stamps = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
} catch {
  stamps = {};
}
for (const [name, target] of Object.entries(targets)) {
  const print = fingerprint(target);
  if (!force && stamps[name] === print && fs.existsSync(path.join(root, target.output))) continue;
  target.run();
  stamps[name] = print;
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
}
