#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) in its own process, two at a time, and ends with the
// line CI reads: "N passed, N failed". A file that crashes before uvu's summary counts as one failure.
// Usage: node scripts/test.js [substring-filter …]
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';

const root = 'dist/test';
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const files = walk(root).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const text = strip(out);
      const total = /Total:\s+(\d+)/.exec(text);
      const passed = /Passed:\s+(\d+)/.exec(text);
      const skipped = /Skipped:\s+(\d+)/.exec(text);
      let p = 0;
      let f = 0;
      if (total && passed) {
        p = Number(passed[1]);
        f = Number(total[1]) - p - (skipped ? Number(skipped[1]) : 0);
        if (code !== 0 && f === 0) f = 1; // crashed after the summary, or exited non-zero on its own
      } else {
        f = 1;
      }
      resolve({ file, code, text, passed: p, failed: f, ms: Date.now() - started });
    });
  });
}

const queue = [...files];
const results = [];
const workers = Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, async () => {
  while (queue.length > 0) {
    const file = queue.shift();
    const r = await runFile(file);
    results.push(r);
    const status = r.failed > 0 ? 'FAIL' : 'ok  ';
    process.stdout.write(`${status} ${relative(root, file)}  (${r.passed} passed, ${r.failed} failed, ${(r.ms / 1000).toFixed(1)}s)\n`);
    if (r.failed > 0) process.stdout.write(r.text.split('\n').map((l) => `     ${l}`).join('\n') + '\n');
  }
});
await Promise.all(workers);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
if (files.length === 0) console.log('no test files found under dist/test');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
