import { fastStableStringify, StableStringify } from '../../lib/synth/fast-stringify';
import { ORIGINAL_STABLE_STRINGIFY } from './original-stable-stringify';

/**
 * What cdktf gets for `require('json-stable-stringify')` under jest (jest.config.js
 * moduleNameMapper): the project's faster writer, as `npm run synth` gives it (main.ts,
 * scripts/run-synth.cjs), where it cannot under jest, whose modules are not in require.cache.
 * The same output (__tests__/fast-stringify.test.ts); json-stable-stringify took 7% of the time of
 * the in-process synths of the stack cache's property test.
 */
const original = require(ORIGINAL_STABLE_STRINGIFY) as StableStringify;
module.exports = fastStableStringify(original);
