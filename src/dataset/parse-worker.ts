/** Worker thread: parses file bytes with the pipeline and posts the slim result back. */
import { parentPort } from 'node:worker_threads';
import { parseBytes } from '../pipeline.js';
import { slim } from './parsed.js';

interface Job {
  id: number;
  source: string;
  bytes: Uint8Array;
}

parentPort!.on('message', async (job: Job) => {
  try {
    const outcome = await parseBytes(job.bytes, job.source);
    parentPort!.postMessage({ id: job.id, result: slim(outcome) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
