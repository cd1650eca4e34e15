/**
 * In CI, property tests run with a fixed seed so that a run is reproducible (a failure
 * there can be replayed exactly); on a developer's machine every run explores new cases.
 * FAST_CHECK_SEED overrides either way.
 */
import fc from 'fast-check';

const seed = process.env.FAST_CHECK_SEED ?? (process.env.CI ? '20261122' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
