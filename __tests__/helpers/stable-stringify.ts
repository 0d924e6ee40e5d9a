import * as path from 'path';
import { fastStableStringify, StableStringify } from '../../lib/synth/fast-stringify';

/**
 * What cdktf gets for `require('json-stable-stringify')` under jest (jest.config.js
 * moduleNameMapper): the project's faster writer, as `npm run synth` gives it (main.ts,
 * scripts/run-synth.cjs), where it cannot under jest, whose modules are not in require.cache.
 * The same output (__tests__/fast-stringify.test.ts); a tenth of the time of an in-process synth.
 * The original is required by its directory, which the mapping does not match (jest maps
 * `require.resolve('json-stable-stringify')` too).
 */
const ORIGINAL = path.dirname(require.resolve('json-stable-stringify/package.json', { paths: [require.resolve('cdktf')] }));
const original = require(ORIGINAL) as StableStringify;
module.exports = fastStableStringify(original);
