import { skipTokenStackTraces } from '../../lib/synth/fast-tokens';

// As `npm run synth` does (lib/synth/synth-command.ts): cdktf would capture a full stack trace for
// every token, and under jest each capture is mapped through source maps, a third of the time
// of every in-process synth. CSA_TOKEN_STACK_TRACES=1 brings them back for debugging.
if (process.env.CSA_TOKEN_STACK_TRACES !== '1') skipTokenStackTraces();
