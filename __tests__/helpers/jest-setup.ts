import { recordCodeFingerprint } from './synth-cache';

// First, before the test file loads any of the code: the synth cache serves a test file only
// results of the code it runs (./synth-cache.ts).
recordCodeFingerprint();

// As `npm run synth` does (lib/synth/synth-command.ts): cdktf would capture a full stack trace for
// every token, and under jest each capture is mapped through source maps, a third of the time
// of every in-process synth. CSA_TOKEN_STACK_TRACES=1 brings them back for debugging.
const { skipTokenStackTraces } = require('../../lib/synth/fast-tokens') as typeof import('../../lib/synth/fast-tokens');
if (process.env.CSA_TOKEN_STACK_TRACES !== '1') skipTokenStackTraces();
