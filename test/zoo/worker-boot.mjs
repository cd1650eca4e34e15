// Worker-thread entry of the zoo runner: registers tsx (TypeScript without a build) and loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
