import { fastStableStringify, StableStringify } from './fast-stringify';

/**
 * json-stable-stringify as the compiled app's bundle gives it to cdktf (scripts/run-synth.cjs
 * aliases the package to this file): the fast version of the same algorithm, with the original
 * for the options it does not handle. `csa-original-json-stable-stringify` exists only in the
 * bundle, aliased to the original package; from the sources, main.ts swaps the module in Node's
 * module cache instead (fast-stringify.ts preloadFastStableStringify).
 */
const original = require('csa-original-json-stable-stringify') as StableStringify;

export = fastStableStringify(original);
