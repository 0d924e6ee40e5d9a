'use strict';
/**
 * A jest reporter (jest.config.js, after the default one) that says why tests were skipped:
 * after jest's summary, one line per skipped suite or test,
 *
 *   skipped: <test file> › <suite>: <reason> (<n> tests)
 *
 * The reason is what the skipping code put in the title, which is where the repository's
 * helpers already put it: `describeWhen` (tools/offline-provider/__tests__/prereqs.ts) names a
 * suite `<name> (skipped: <what is missing>)`, and the browser suite of
 * __tests__/estate-diagram.test.ts ends its title with `(no Chromium at ...)`. So a title's
 * `(skipped: <reason>)` is the reason; failing that, the last parenthesis of the outermost
 * title that has one; failing that, "no reason given in its title". Under CI=true those
 * helpers fail instead of skipping, so there is nothing to list for them.
 *
 * Lines go to stderr, like jest's own summary, so `--json` output on stdout stays JSON.
 * The reporter is plain CommonJS because jest loads reporters without transforming them.
 */
const path = require('path');

const NO_REASON = 'no reason given in its title (end it with "(skipped: <reason>)")';

/**
 * `{ name, reason }` when the title ends in a parenthesis (balanced, so reasons may contain
 * parentheses); `explicit` when it starts with "skipped:".
 */
function reasonIn(title) {
  const text = String(title).trimEnd();
  if (!text.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) {
      const inner = text.slice(i + 1, -1).trim();
      const explicit = /^skipped:/i.test(inner);
      const reason = inner.replace(/^skipped:\s*/i, '');
      return reason ? { name: text.slice(0, i).trim(), reason, explicit } : undefined;
    }
  }
  return undefined;
}

/** Where a pending test's reason comes from: its titles, outermost first. */
function explain(titles) {
  const parsed = titles.map(reasonIn);
  let at = parsed.findIndex((p) => p && p.explicit);
  if (at < 0) at = parsed.findIndex((p) => p !== undefined);
  if (at < 0) return { suite: titles.join(' › '), reason: NO_REASON };
  return { suite: [...titles.slice(0, at), parsed[at].name].join(' › '), reason: parsed[at].reason };
}

/**
 * The `skipped: ...` lines for a run's aggregated results, file paths relative to rootDir.
 * With `-t <pattern>` (testNamePattern) jest reports the tests it filtered out as skipped too;
 * those were not skipped by the code, so only tests whose full name matches are listed.
 */
function skipLines(results, rootDir, testNamePattern) {
  const selected = testNamePattern ? new RegExp(testNamePattern, 'i') : undefined;
  const groups = new Map();
  for (const file of (results && results.testResults) || []) {
    const relative = path.relative(rootDir, file.testFilePath).split(path.sep).join('/');
    for (const test of file.testResults || []) {
      if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'disabled') continue;
      const titles = [...(test.ancestorTitles || []), test.title];
      if (selected && !selected.test(test.fullName || titles.join(' '))) continue;
      const { suite, reason } = explain(titles);
      const key = `${relative}\u0000${suite}\u0000${reason}`;
      const group = groups.get(key) || { file: relative, suite, reason, tests: 0 };
      group.tests++;
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => `skipped: ${g.file} › ${g.suite}: ${g.reason} (${g.tests} test${g.tests === 1 ? '' : 's'})`);
}

class SkipReasonsReporter {
  constructor(globalConfig) {
    this.rootDir = (globalConfig && globalConfig.rootDir) || process.cwd();
    this.testNamePattern = (globalConfig && globalConfig.testNamePattern) || undefined;
  }

  /**
   * Jest calls reporters one after the other and adds its summary reporter last, whatever the
   * configuration says; so the lines are printed on the next turn of the event loop, once the
   * summary is out (or at exit, should jest exit first, as with --forceExit).
   */
  onRunComplete(_contexts, results) {
    const lines = skipLines(results, this.rootDir, this.testNamePattern);
    if (!lines.length) return;
    let printed = false;
    const print = () => {
      if (printed) return;
      printed = true;
      process.stderr.write(`\nSkipped, and why:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
    };
    setImmediate(print);
    process.once('exit', print);
  }

  getLastError() {
    return undefined;
  }
}

module.exports = SkipReasonsReporter;
module.exports.skipLines = skipLines;
module.exports.reasonIn = reasonIn;
module.exports.NO_REASON = NO_REASON;
