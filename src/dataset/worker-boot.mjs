// Child-process entry when running from TypeScript sources: registers tsx, then loads the worker
// named by the first argument (parse, the default, or history).
// (A compiled build forks parse-worker.js / history-worker.js directly; see workerEntry in pool.ts.)
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2] === 'history' ? './history-worker.ts' : './parse-worker.ts');
