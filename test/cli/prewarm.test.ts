/**
 * `parse` and `check` start their parse process before the command line is loaded. That
 * early process must do the work when the command runs, and must never keep the command
 * alive when it is not used (a usage error, no files, a memory limit of its own).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/paths.js';

const TXT = path.join(ROOT, 'samples', '000_2790cd25742a97b3.txt');

function run(args: string[], timeout = 60_000) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

describe('the parse process started early', () => {
  it('reads the file (parse and check)', () => {
    const p = run(['parse', TXT, '--format', 'json']);
    expect(p.status, p.stderr).toBe(1); // 北宫镇 has errors
    expect(JSON.parse(p.stdout).meta.agency).toBe('北宫镇');
    const c = run(['check', TXT, '--quiet']);
    expect(c.signal).toBeNull();
    expect(c.stdout).toContain('000_2790cd25742a97b3.txt');
  });

  it('does not keep the command alive when nothing uses it', () => {
    for (const args of [['parse'], ['check'], ['parse', '--no-such-option', TXT], ['parse', '--time-limit', 'x', TXT]]) {
      const r = run(args, 30_000);
      expect(r.signal, args.join(' ')).toBeNull(); // not killed by the timeout
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(/错误/);
    }
  });

  it('a memory limit of its own: the pool starts a process with that heap and the command still ends', () => {
    const r = run(['parse', '--memory-limit', '300', TXT, '--format', 'json']);
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).cells['t3.newReceived.total']).not.toBeUndefined();
  });
});
