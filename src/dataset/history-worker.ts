/**
 * History process (child of HistoryPool): computes the history findings of groups of reports by
 * reading the store; the parent writes them. Reading and comparing is most of a history check,
 * and one process does it on one core: with two, a large ingest's checks take half the time.
 */
import { openStore, type Store } from '../store/db.js';
import { computeGroup, ViewCache } from './history.js';

interface Job {
  id: number;
  target: string;
  group: { id: number; firstTime: boolean }[];
}

if (!process.send) throw new Error('history-worker runs only as a child process of the history pool');
const send = (m: unknown) => process.send!(m);

let store: Promise<Store> | null = null;
const cache = new ViewCache();

process.on('message', async (job: Job) => {
  try {
    store ??= openStore(job.target, { migrate: false, create: false });
    send({ id: job.id, results: await computeGroup(await store, job.group, cache) });
  } catch (e) {
    send({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
// The parent is gone: nothing left to do.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
