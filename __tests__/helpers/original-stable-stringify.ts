import * as path from 'path';

/**
 * The directory of json-stable-stringify as cdktf requires it. Required by its directory, the
 * module is the original: jest.config.js maps only the name (in require and require.resolve
 * alike) to the fast writer (./stable-stringify.ts).
 */
export const ORIGINAL_STABLE_STRINGIFY = path.dirname(require.resolve('json-stable-stringify/package.json', { paths: [require.resolve('cdktf')] }));
