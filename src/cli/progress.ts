/** Ingest progress: a bar with count, rate and ETA on a terminal; plain lines otherwise. */
import cliProgress from 'cli-progress';
import type { Progress } from '../dataset/ingest.js';

export function makeProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, phase() {}, stop() {} };
  let t0 = Date.now();
  let total = 0;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: '入库 [{bar}] {value}/{total} | {rate} 份/秒 | 剩余约 {eta_formatted} | 新增 {added} 失败 {failed} 跳过 {skipped}',
        stream,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      start(n) {
        total = n;
        t0 = Date.now();
        bar.start(n, 0, { rate: '0.0', added: 0, failed: 0, skipped: 0 });
        started = true;
      },
      update(done, info) {
        const rate = done / Math.max(0.001, (Date.now() - t0) / 1000);
        if (done > total) bar.setTotal((total = done));
        bar.update(done, { rate: rate.toFixed(1), ...info });
      },
      phase(name) {
        if (started) bar.stop();
        started = false;
        stream.write(`${name}……\n`);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    start(n) {
      total = n;
      t0 = Date.now();
      if (n) stream.write(`开始入库：共 ${n} 个文件\n`);
    },
    update(done, info) {
      const now = Date.now();
      if (now - last < 2000 && done !== total) return;
      last = now;
      const secs = (now - t0) / 1000;
      const rate = done / Math.max(0.001, secs);
      const eta = total > done && rate > 0 ? `，预计剩余 ${Math.ceil((total - done) / rate)} 秒` : '';
      stream.write(`进度 ${done}${total ? `/${total}` : ''}（${rate.toFixed(1)} 份/秒${eta}）新增 ${info.added}，失败 ${info.failed}，跳过 ${info.skipped}\n`);
    },
    phase(name) {
      stream.write(`${name}……\n`);
    },
    stop() {},
  };
}
