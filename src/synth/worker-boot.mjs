// Entry of a synth worker thread. Workers start without the TypeScript loader that the main
// thread has (from `tsx` on the command line or bin/satprep.mjs), so it is registered here.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
