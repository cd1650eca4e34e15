/** Parse process (child of WorkerPool): parses file bytes with the pipeline and sends the result back. */
import { parseBytes } from '../pipeline.js';
import { onOcrPage } from '../read/ocr/scan.js';
import { slim, type CellFormat } from '../store/parsed.js';

interface Job {
  id: number;
  source: string;
  bytes: Uint8Array;
  full: boolean;
  /** How the slim result's cells are handed over (the store's backend decides). */
  cells?: CellFormat;
}

if (!process.send) throw new Error('parse-worker runs only as a child process of the pool');
const send = (m: unknown) => process.send!(m);

// The command's files include PDFs: load pdf.js while the parent is still starting up.
if (process.env.NIANBAO_PRELOAD === 'pdf') void import('../read/pdf.js').then((m) => m.preloadPdfJs());

let current = 0;
// A scanned page read (OCR is slow): the pool counts the time limit from here again.
onOcrPage(() => send({ id: current, ocrPage: true }));

// The pool sends files ahead; they are read one at a time, in order (the limits are per file).
const jobs: Job[] = [];
let reading = false;
async function drain(): Promise<void> {
  if (reading) return;
  reading = true;
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    current = job.id;
    try {
      const outcome = await parseBytes(job.bytes, job.source);
      send({ id: job.id, result: job.full ? outcome : slim(outcome, job.cells) });
    } catch (e) {
      send({ id: job.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  reading = false;
}
process.on('message', (job: Job) => {
  jobs.push(job);
  void drain();
});
// The pool is gone (parent killed): nothing left to do.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
