import { App, Aspects, TerraformStack } from 'cdktf';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { EstateSuppression } from './suppressions';
import { PolicyFinding, PolicyReport, SuppressedFinding } from './findings';
import { PolicyAspect } from './policy-aspect';
import { StackConfig } from './stack-resources';

/**
 * Runs every stack's PolicyAspect on what `app.synth()` wrote, and applies the estate
 * file's suppressions: call it after `app.synth()` and before the output is used. Estate
 * suppressions that accepted no finding come back as warnings.
 *
 * `written` is the stacks' synthesized JSON by stack name, when the caller has already parsed
 * it (synth shares one parse with the data-loss guard and the summary); a stack not in it is
 * read from the output directory.
 */
export function checkSynthesizedApp(
  app: App,
  estateSuppressions: readonly EstateSuppression[] = [],
  written: Readonly<Record<string, StackConfig>> = {},
): PolicyReport {
  const findings: PolicyFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const used = new Set<string>();
  for (const stack of app.node.children.filter(TerraformStack.isStack)) {
    const aspect = Aspects.of(stack).all.find((a): a is PolicyAspect => a instanceof PolicyAspect);
    if (!aspect) continue;
    const config = Object.hasOwn(written, stack.node.id) ? written[stack.node.id] : aspect.readsStackJson() ? readStackConfig(app, stack) : {};
    const result = aspect.evaluate(config, estateSuppressions);
    findings.push(...result.findings, ...result.unusedConstructSuppressions);
    suppressed.push(...result.suppressed);
    for (const p of result.usedEstateSuppressions) used.add(p);
  }
  for (const s of estateSuppressions) {
    if (used.has(s.path)) continue;
    findings.push({
      ruleId: s.rule,
      severity: 'warning',
      stack: s.stack,
      address: s.address,
      title: `unused suppression (${s.path}): no ${s.rule} finding in ${s.stack} matches this address`,
      fix: `remove ${s.path} from the estate file, or correct its stack and address`,
    });
  }
  return {
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
    suppressed,
  };
}

/** The stack's `cdk.tf.json` as `app.synth()` wrote it. */
function readStackConfig(app: App, stack: TerraformStack): StackConfig {
  const file = path.join(app.outdir, app.manifest.stacks[stack.node.id].synthesizedStackPath);
  return JSON.parse(readFileSync(file, 'utf8')) as StackConfig;
}
