#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the dashboard with the example config.
'use strict';
const { execSync, spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const builds = [
  ['build:dashboard', 'dist/apps/dashboard/main.js'],
  ['build:web', 'dist/apps/web/browser/index.html'],
];
for (const [script, output] of builds) {
  if (!existsSync(join(root, output))) execSync(`npm run --silent ${script}`, { cwd: root, stdio: 'inherit' });
}

const config = process.env.SSS_CONFIG || join(root, 'config/dashboard.example.yaml');
const dashboard = spawn(process.execPath, [join(root, 'dist/apps/dashboard/main.js'), '--config', config], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dashboard.kill(signal));
dashboard.on('exit', (code) => process.exit(code ?? 0));
