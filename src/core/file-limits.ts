/**
 * Per-file limits of reading one report (read + extract + check), enforced by the parse
 * worker pool (src/dataset/pool.ts): a file that runs longer or takes more memory is
 * stopped and fails with `timeout` / `too-complex`; the batch goes on. Documented in the README.
 */
export interface FileLimits {
  /** Wall time for one file, seconds. */
  timeSeconds: number;
  /** Memory of the process reading one file (resident set, heap and buffers), MB. */
  memoryMb: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { timeSeconds: 60, memoryMb: 640 };

/** A positive number from an option or environment value, or undefined when absent; throws a Chinese message when malformed. */
function positive(v: string | undefined, what: string, min: number, max: number): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new RangeError(`${what}“${v}”无效，应为 ${min} 到 ${max} 之间的数字。`);
  return n;
}

/** Limits from options (--time-limit, --memory-limit), else NIANBAO_FILE_TIMEOUT / NIANBAO_FILE_MEMORY, else the defaults. */
export function fileLimits(opts: { timeLimit?: string; memoryLimit?: string }, env: Record<string, string | undefined>): FileLimits {
  return {
    timeSeconds: positive(opts.timeLimit, '--time-limit', 1, 86_400) ?? positive(env.NIANBAO_FILE_TIMEOUT, 'NIANBAO_FILE_TIMEOUT', 1, 86_400) ?? DEFAULT_FILE_LIMITS.timeSeconds,
    memoryMb: positive(opts.memoryLimit, '--memory-limit', 128, 65_536) ?? positive(env.NIANBAO_FILE_MEMORY, 'NIANBAO_FILE_MEMORY', 128, 65_536) ?? DEFAULT_FILE_LIMITS.memoryMb,
  };
}
