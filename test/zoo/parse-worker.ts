/** Worker thread of the zoo runner: parses corpus files through the CLI's pipeline and scores them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { parseBytes } from '../../src/pipeline.js';
import type { CorpusEntry } from './generate.js';
import { scoreDoc } from './score.js';

parentPort!.on('message', async (m: { dir: string; entries: CorpusEntry[] }) => {
  for (const e of m.entries) {
    const file = path.join(m.dir, e.file);
    const o = await parseBytes(readFileSync(file), file);
    const s = scoreDoc(e, o);
    const findings = o.ok ? o.findings.map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, message: f.message, unreadable: f.unreadable })) : [];
    parentPort!.postMessage({ score: s, findings, bytes: e.file });
  }
  parentPort!.postMessage({ done: true });
});
parentPort!.postMessage({ ready: true });
