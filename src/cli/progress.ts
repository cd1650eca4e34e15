/**
 * Progress of every long phase of ingest (reading files, history checks): a bar with count,
 * rate and ETA on a terminal; plain lines every few seconds otherwise. The ETA is shown only
 * once enough has been done for the rate to mean something.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../dataset/ingest.js';

/** Seconds → 1分05秒 / 42秒. */
export function duration(secs: number): string {
  const s = Math.max(0, Math.round(secs));
  if (s >= 3600) return `${Math.floor(s / 3600)}小时${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}分`;
  if (s >= 60) return `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;
  return `${s}秒`;
}

/** Rate and remaining time, or null while too little is done to estimate (first files, first seconds). */
export function estimate(done: number, total: number, elapsedSecs: number): { rate: number; eta: number | null } {
  const rate = elapsedSecs > 0 ? done / elapsedSecs : 0;
  const enough = done >= Math.max(3, Math.ceil(total * 0.02)) && elapsedSecs >= 2;
  return { rate, eta: enough && rate > 0 && total > done ? (total - done) / rate : null };
}

export function makeProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, phase() {}, stop() {} };
  let t0 = Date.now();
  let total = 0;
  let label = '入库';
  let counts = '';
  const countsOf = (info?: { added: number; failed: number; skipped: number }) => (info ? `新增 ${info.added}，失败 ${info.failed}，跳过 ${info.skipped}` : '');
  const etaText = (done: number) => {
    const { rate, eta } = estimate(done, total, (Date.now() - t0) / 1000);
    return { rate: rate.toFixed(rate < 10 ? 1 : 0), eta: eta === null ? '估算中' : duration(eta) };
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      // {left}, not {eta}: cli-progress fills {eta} and {eta_formatted} itself (whole seconds from its own buffer, 0 between bursts).
      { format: '{label} [{bar}] {value}/{total} | {rate} 份/秒 | 剩余 {left} | {counts}', stream, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const begin = (n: number) => {
      total = n;
      t0 = Date.now();
      bar.start(Math.max(1, n), 0, { label, rate: '—', left: '估算中', counts });
      started = true;
    };
    return {
      start(n) {
        label = '入库';
        begin(n);
      },
      update(done, info) {
        if (!started) return;
        if (info) counts = countsOf(info);
        if (done > total) bar.setTotal((total = done));
        const { rate, eta } = etaText(done);
        bar.update(done, { label, counts, rate, left: eta });
      },
      phase(name, n) {
        if (started) bar.stop();
        started = false;
        label = name;
        counts = '';
        if (n !== undefined && n > 0) begin(n);
        else stream.write(`${name}……\n`);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = 0;
  return {
    start(n) {
      total = n;
      t0 = Date.now();
      label = '入库';
      if (n) stream.write(`开始入库：共 ${n} 个文件\n`);
    },
    update(done, info) {
      const now = Date.now();
      if (now - last < 2000 && done !== total) return;
      last = now;
      const { rate, eta } = etaText(done);
      stream.write(`${label}进度 ${done}${total ? `/${total}` : ''}（${rate} 份/秒，剩余 ${eta}）${info ? countsOf(info) : ''}\n`);
    },
    phase(name, n) {
      label = name;
      total = n ?? 0;
      t0 = Date.now();
      last = 0;
      stream.write(n ? `${name}：共 ${n} 份报告……\n` : `${name}……\n`);
    },
    stop() {},
  };
}
