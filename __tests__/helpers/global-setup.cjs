/**
 * jest's globalSetup: builds the compiled app (scripts/run-synth.cjs) before any test file
 * starts, both the bundle `npm run synth` runs and the one with the dependencies outside it
 * (CSA_SYNTH_EXTERNAL_PACKAGES=1, for the tests that patch them with a preload). In a fresh clone
 * or after a code change, the jest workers would otherwise each build the same bundles at the
 * same time. A build that fails here fails again, with its message, in the tests that run it.
 */
'use strict';

module.exports = () => {
  const { compiledMain } = require('../../scripts/run-synth.cjs');
  const external = process.env.CSA_SYNTH_EXTERNAL_PACKAGES;
  try {
    for (const value of ['0', '1']) {
      process.env.CSA_SYNTH_EXTERNAL_PACKAGES = value;
      try {
        compiledMain();
      } catch (e) {
        process.stderr.write(`jest global setup: building the compiled app failed: ${e.message}\n`);
      }
    }
  } finally {
    if (external === undefined) delete process.env.CSA_SYNTH_EXTERNAL_PACKAGES;
    else process.env.CSA_SYNTH_EXTERNAL_PACKAGES = external;
  }
};
