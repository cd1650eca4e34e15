/** Ingest progress: no ETA before the rate means something, then a sane one. */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { duration, estimate } from '../../src/cli/progress.js';

describe('progress estimate', () => {
  it('no ETA after the first file or the first second', () => {
    expect(estimate(1, 300, 0.2).eta).toBeNull();
    expect(estimate(2, 300, 5).eta).toBeNull();
    expect(estimate(10, 300, 1).eta).toBeNull();
  });
  it('then the remaining files at the rate so far', () => {
    const e = estimate(30, 300, 10);
    expect(e.rate).toBe(3);
    expect(e.eta).toBe(90);
    expect(duration(90)).toBe('1分30秒');
    expect(duration(3725)).toBe('1小时02分');
  });
});

describe('progress bar on a terminal', () => {
  it('shows its own remaining time (估算中, then minutes and seconds), not the bar library’s seconds', async () => {
    const { makeProgress } = await import('../../src/cli/progress.js');
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (d: Buffer) => (text += d.toString('utf8')));
    const p = makeProgress(stream);
    p.start(3000);
    p.update(1, { added: 1, failed: 0, skipped: 0 });
    await new Promise((r) => setTimeout(r, 2100));
    p.update(300, { added: 300, failed: 0, skipped: 0 });
    p.stop();
    const plain = text.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
    expect(plain).toContain('剩余 估算中');
    // 2,700 left at ~140/s: about twenty seconds, written the way duration() writes it
    expect(plain).toMatch(/剩余 \d+秒/);
  });
});
