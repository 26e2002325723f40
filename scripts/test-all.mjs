// `npm test`: type-check, lint, format check, unit tests (Node, real engines), build, and
// browser tests (headless Chromium). Every step runs even when an earlier one fails, so one
// run reports everything; the exit code is non-zero when any step failed.
import { spawnSync } from 'node:child_process';

const steps = [
  ['Type-check (svelte-check + tsc)', 'npm', ['run', '--silent', 'check']],
  ['Lint (ESLint, zero warnings)', 'npm', ['run', '--silent', 'lint']],
  ['Format (Prettier)', 'npm', ['run', '--silent', 'format:check']],
  ['Unit tests (Vitest, Node)', 'npm', ['run', '--silent', 'test:unit']],
  ['Browser tests (Playwright, Chromium)', 'npm', ['run', '--silent', 'test:e2e']],
];

const failed = [];
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n━━ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) console.log(`✓ ${name} (${secs} s)`);
  else {
    console.log(`✗ ${name} failed (${secs} s)`);
    failed.push(name);
  }
}
console.log(failed.length ? `\nFailed: ${failed.join(', ')}` : '\nAll checks passed.');
process.exit(failed.length ? 1 : 0);
