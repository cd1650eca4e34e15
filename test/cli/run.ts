/** Runs the real CLI (from the sources, see helpers/paths.ts) the way a user does, without colours. */
import { spawnSync } from 'node:child_process';
import { CLI, ROOT, SEEDS } from '../helpers/paths.js';

export { ROOT, SEEDS };

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function nianbao(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** JSON Lines → objects (throws on a line that is not JSON). */
export function jsonLines(s: string): Record<string, unknown>[] {
  return s
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
