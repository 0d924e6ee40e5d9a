import * as path from 'path';
import { fromTerraformLiteral } from '../estate/terraform-literal';
import type { SuppressedFinding } from '../policy/findings';
import { Manifest, readWrittenStacks, StackJson } from '../lock/written-stacks';
import { StackDigest, stackDigest } from '../lock/stack-digest';

export type { Manifest } from '../lock/written-stacks';

/**
 * What `npm run synth` prints when it is done: one line per stack (resources, data sources,
 * outputs, dependencies, file), where the diagram is, and the commands to run next.
 * `summarizeStacks` and `formatSynthSummary` are pure; `readSynthOutput` reads them from disk.
 */

/** The parts of a synthesized stack (cdk.tf.json) the summary reads. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly provider?: Readonly<Record<string, unknown>>;
}

export interface StackFacts {
  readonly name: string;
  readonly resources: number;
  readonly dataSources: number;
  readonly outputs: number;
  /**
   * Provider configurations by provider (`azurerm`, `random`): `terraform plan` starts one
   * provider process for each, all at once (hashicorp/terraform#32744).
   */
  readonly providers: Readonly<Record<string, number>>;
  readonly dependencies: readonly string[];
  /** Relative to the output directory, with forward slashes. */
  readonly file: string;
  readonly workingDirectory: string;
}

export interface SummaryContext {
  /** The output directory as the user should type it (e.g. `cdktf.out`). */
  readonly outdir: string;
  readonly estate: string;
  readonly estatePath: string;
  readonly seconds: number;
  /** The estate file `npm run synth` uses without ESTATE; other files get `ESTATE=...` in the commands. */
  readonly defaultEstatePath?: string;
  /** The output directory without CDKTF_OUTDIR; others get `--out` in `npm run plan`. */
  readonly defaultOutdir?: string;
  /** Diagram files relative to the output directory, and the synth time they cost (main thread). */
  readonly diagram?: { readonly html: string; readonly svg: string; readonly seconds: number };
  /** The deploy workflow relative to the output directory; undefined when none was written. */
  readonly workflow?: string;
  /** Why no workflow was written (lib/synth/deploy-workflow.ts). */
  readonly workflowSkipped?: string;
  /** Resource addresses added and removed per stack since the previous synth. */
  readonly changes?: readonly {
    readonly stack: string;
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly moved?: readonly unknown[];
    readonly replaced?: readonly unknown[];
  }[];
  /**
   * Every finding a suppression accepted (synthesizeEstate's `policy.suppressed`), by the
   * estate file's `suppressions` or by `suppressRule` in code: each is listed, so what the
   * rule pack let through is never silent.
   */
  readonly suppressed?: readonly SuppressedFinding[];
  /**
   * Connectivity mode existing-hub: the enterprise hub, and the hub side of every zone's
   * peering with it: created by the stacks (`createHubPeerings`), or the commands the
   * connectivity team runs.
   */
  readonly enterpriseHub?: {
    readonly hubVirtualNetworkId: string;
    readonly createdByStacks: boolean;
    readonly hubSidePeerings: readonly { readonly stack: string; readonly command: string }[];
  };
}

/** Beyond this many stacks, commands say `'*'` and "..." instead of naming every stack. */
export const LISTED_STACKS = 6;

/** Counts per stack, in deployment order (dependencies first; ties keep `preferredOrder`, then name). */
export function summarizeStacks(manifest: Manifest, stacks: Readonly<Record<string, TerraformJson>>, preferredOrder: readonly string[] = []): StackFacts[] {
  return summarizeDigests(manifest, Object.fromEntries(Object.entries(stacks).map(([name, json]) => [name, stackDigest(json as StackJson)])), preferredOrder);
}

/** summarizeStacks, from the stacks' digests (what synthesizeEstate's result carries). */
export function summarizeDigests(manifest: Manifest, digests: Readonly<Record<string, StackDigest>>, preferredOrder: readonly string[] = []): StackFacts[] {
  return deploymentOrder(manifest, preferredOrder).map((name) => {
    const entry = manifest.stacks[name];
    const digest = digests[name];
    return {
      name,
      resources: digest?.resources ?? 0,
      dataSources: digest?.dataSources ?? 0,
      outputs: digest?.outputs ?? 0,
      providers: { ...digest?.providers },
      dependencies: [...(entry.dependencies ?? [])],
      file: entry.synthesizedStackPath.split(path.sep).join('/'),
      workingDirectory: (entry.workingDirectory ?? path.posix.dirname(entry.synthesizedStackPath)).split(path.sep).join('/'),
    };
  });
}

/** The azurerm configurations a stack's plan needs at most (issue of scale: docs/topology.md). */
export const AZURERM_CONFIGURATIONS_PER_STACK = 3;

const configurationCount = (providers: Readonly<Record<string, number>>) => Object.values(providers).reduce((sum, n) => sum + n, 0);

/** The stack needing the most provider configurations (processes at plan time), and how many; undefined without stacks. */
export function mostProviderConfigurations(facts: readonly StackFacts[]): { stack: string; count: number; azurerm: number } | undefined {
  let most: StackFacts | undefined;
  for (const s of facts) if (!most || configurationCount(s.providers) > configurationCount(most.providers)) most = s;
  return most && { stack: most.name, count: configurationCount(most.providers), azurerm: most.providers.azurerm ?? 0 };
}

/** Stacks whose plan starts more azurerm processes than AZURERM_CONFIGURATIONS_PER_STACK, most first. */
export function stacksOverProviderBudget(facts: readonly StackFacts[]): { stack: string; azurerm: number }[] {
  return facts
    .map((s) => ({ stack: s.name, azurerm: s.providers.azurerm ?? 0 }))
    .filter((s) => s.azurerm > AZURERM_CONFIGURATIONS_PER_STACK)
    .sort((a, b) => b.azurerm - a.azurerm || (a.stack < b.stack ? -1 : 1));
}

/**
 * The warning for stacks over the budget: a plan of each starts that many azurerm processes at
 * once. The cause is named: a peering move still pending (its providers go with --peerings-moved),
 * or connectivity subscriptions on top of the zone's and the management zone's.
 */
export function formatProviderBudgetWarning(over: readonly { stack: string; azurerm: number }[], pendingMove: readonly string[]): string {
  if (!over.length) return '';
  const shown = over.slice(0, LISTED_STACKS).map((s) => `${s.stack} (${s.azurerm})`);
  const more = over.length > shown.length ? `, and ${over.length - shown.length} more` : '';
  const fix = pendingMove.length
    ? `${pendingMove.length} landing zone stacks keep one provider per earlier zone while their peerings move into peering stacks: once every stack is applied, run npm run synth -- --peerings-moved and commit the lock (docs/topology.md).`
    : 'Each extra configuration is another subscription the stack acts in (connectivity.createHubPeerings with a firewall policy outside the hub subscription): put the policy in the hub subscription, or let the connectivity team create the hub side (docs/topology.md).';
  return `warning: ${over.length} stack${over.length === 1 ? ' needs' : 's need'} more than ${AZURERM_CONFIGURATIONS_PER_STACK} azurerm provider configurations, and terraform plan starts a provider process for each, all at once: ${shown.join(', ')}${more}.\n  ${fix}\n`;
}

/** Stacks with every dependency before its dependents; among ready stacks, `preferredOrder` first. */
export function deploymentOrder(manifest: Manifest, preferredOrder: readonly string[] = []): string[] {
  const names = Object.keys(manifest.stacks);
  const rank = (name: string) => {
    const i = preferredOrder.indexOf(name);
    return i < 0 ? preferredOrder.length : i;
  };
  const byPreference = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  const remaining = new Map(names.map((n) => [n, new Set((manifest.stacks[n].dependencies ?? []).filter((d) => d in manifest.stacks))]));
  const order: string[] = [];
  while (remaining.size) {
    const ready = [...remaining]
      .filter(([, deps]) => deps.size === 0)
      .map(([n]) => n)
      .sort(byPreference);
    if (!ready.length) throw new Error(`stack dependency cycle among ${[...remaining.keys()].join(', ')}`);
    const next = ready[0];
    order.push(next);
    remaining.delete(next);
    for (const deps of remaining.values()) deps.delete(next);
  }
  return order;
}

export function formatSynthSummary(facts: readonly StackFacts[], context: SummaryContext): string {
  const out = context.outdir.replace(/\/+$/, '');
  const file = (relative: string) => `${out}/${relative}`;
  const total = facts.reduce((sum, s) => sum + s.resources, 0);
  const lines: string[] = [];
  lines.push(
    `Synthesized estate "${context.estate}" (${context.estatePath}) into ${out} in ${context.seconds.toFixed(1)} s: ` +
      `${facts.length} stack${facts.length === 1 ? '' : 's'}, ${total} resource${total === 1 ? '' : 's'}`,
  );
  lines.push('');
  const deps = (s: StackFacts) => (s.dependencies.length ? listed(s.dependencies, 3) : '-');
  const rows = [
    ['stack', 'resources', 'data', 'outputs', 'providers', 'depends on', 'file'],
    ...facts.map((s) => [
      s.name,
      String(s.resources),
      String(s.dataSources),
      String(s.outputs),
      String(configurationCount(s.providers)),
      deps(s),
      file(s.file),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const numeric = [false, true, true, true, true, false, false];
  for (const r of rows)
    lines.push(`  ${r.map((cell, c) => (c === r.length - 1 ? cell : numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')}`.trimEnd());
  lines.push('', ...providerLines(facts));
  if (context.diagram) {
    lines.push(
      `Diagram: ${file(context.diagram.html)} (open it in a browser; also ${file(context.diagram.svg)}), ${context.diagram.seconds.toFixed(2)} s of synth time`,
    );
    lines.push('');
  }
  const changed = (context.changes ?? []).filter((c) => c.added.length || c.removed.length || c.moved?.length || c.replaced?.length);
  if (changed.length) {
    lines.push('Changes since the previous synth (resource addresses; moved: carried to a new address by `moved` blocks, see docs/renames.md):');
    for (const c of changed) {
      lines.push(
        `  ${c.stack}: +${c.added.length} -${c.removed.length}${c.moved?.length ? ` moved ${c.moved.length}` : ''}${c.replaced?.length ? ` replaced ${c.replaced.length}` : ''}`,
      );
      for (const a of c.removed.slice(0, 10)) lines.push(`    - ${a}`);
      if (c.removed.length > 10) lines.push(`    ... and ${c.removed.length - 10} more removed`);
    }
    lines.push('');
  }
  lines.push(...suppressedLines(context.suppressed ?? []));
  lines.push(...enterpriseHubLines(context.enterpriseHub));
  if (context.workflow) {
    lines.push(`Deploy workflow: ${file(context.workflow)} (GitHub Actions: plan and gated apply per stack, OIDC; copy it to .github/workflows/)`);
    lines.push('');
  } else if (context.workflowSkipped) {
    lines.push(`No deploy workflow: ${context.workflowSkipped}`);
    lines.push('');
  }
  lines.push(...nextSteps(facts, context, out, file));
  return `${lines.join('\n')}\n`;
}

/** The stack needing the most provider configurations: what a plan of it starts at once (docs/topology.md). */
function providerLines(facts: readonly StackFacts[]): string[] {
  const most = mostProviderConfigurations(facts);
  if (!most) return [];
  return [
    `Provider configurations: at most ${most.count} in one stack (${most.stack}, ${most.azurerm} azurerm); terraform plan starts one provider process per configuration.`,
    '',
  ];
}

/** Most hub-side peering commands printed; each stack's `hub_side_peering_command` output has its own. */
const LISTED_HUB_PEERINGS = 20;

/** What the connectivity team does for an enterprise hub: the hub side of every zone's peering. */
function enterpriseHubLines(hub: SummaryContext['enterpriseHub']): string[] {
  if (!hub) return [];
  const count = hub.hubSidePeerings.length;
  if (hub.createdByStacks)
    return [`Enterprise hub ${hub.hubVirtualNetworkId}: the stacks create both sides of the ${count} zone peerings (connectivity.createHubPeerings).`, ''];
  const shown = hub.hubSidePeerings.slice(0, LISTED_HUB_PEERINGS);
  return [
    `Enterprise hub ${hub.hubVirtualNetworkId}: the stacks create the zone side of ${count} peerings; the connectivity team creates the hub side`,
    '(traffic flows once both sides exist; each stack also has it as output hub_side_peering_command):',
    ...shown.map((p) => `  ${p.stack}: ${p.command}`),
    ...(count > shown.length ? [`  ... and ${count - shown.length} more: terraform output hub_side_peering_command in each stack`] : []),
    '',
  ];
}

/** The closing "Next:" block: plan, deploy, and the plain Terraform order. */
function nextSteps(facts: readonly StackFacts[], context: SummaryContext, out: string, file: (relative: string) => string): string[] {
  const lines: string[] = [];
  const estateEnv = context.defaultEstatePath !== undefined && context.estatePath !== context.defaultEstatePath ? `ESTATE=${context.estatePath} ` : '';
  const otherOut = context.defaultOutdir !== undefined && out !== context.defaultOutdir;
  const planOut = otherOut ? ` -- --out ${out}` : '';
  // cdktf synthesizes again before it deploys, into its --output directory (cdktf.out unless told).
  const deployOut = otherOut ? ` --output ${out}` : '';
  const names = facts.map((s) => s.name);
  const deployTarget = names.length <= LISTED_STACKS ? names.join(' ') : `'*'`;
  const order = names.length <= LISTED_STACKS ? names.join(', ') : `${names.slice(0, 3).join(', ')}, ... ${names[names.length - 1]}`;
  const commands: [string, string][] = [
    [`npm run plan${planOut}`, 'offline terraform init, validate and plan of every stack (terraform on PATH; no Azure access needed)'],
    [`${estateEnv}npx cdktf deploy${deployOut} ${deployTarget}`, `deploy with Azure credentials, in dependency order (${order})`],
  ];
  const width = Math.max(...commands.map(([c]) => c.length));
  lines.push('Next:');
  for (const [command, what] of commands) lines.push(`  ${command.padEnd(width)}   ${what}`);
  lines.push('  or with plain Terraform, one stack after the other in this order:');
  const shown = facts.length <= LISTED_STACKS ? facts : facts.slice(0, 3);
  for (const s of shown) lines.push(`    (cd ${file(s.workingDirectory)} && terraform init && terraform apply)`);
  if (shown.length < facts.length) {
    lines.push(`    ... and the same for the other ${facts.length - shown.length} stacks, in the order above (last: ${names[names.length - 1]})`);
  }
  return lines;
}

/** `suppressions[<n>]`: where SuppressedFinding.suppressedBy names the estate file; anything else is a construct path. */
const ESTATE_SUPPRESSION = /^suppressions\[\d+\]$/;

/**
 * One entry per suppressed finding: rule, stack/address, where the suppression is declared
 * and its reason. Estate reasons are Terraform literals in the model (terraform-literal.ts)
 * and are shown as written; reasons from code are shown as they are.
 */
function suppressedLines(suppressed: readonly SuppressedFinding[]): string[] {
  if (!suppressed.length) return [];
  const fromEstate = suppressed.filter((f) => ESTATE_SUPPRESSION.test(f.suppressedBy)).length;
  const lines = [
    `Suppressed policy findings: ${suppressed.length} (${fromEstate} by the estate file, ${suppressed.length - fromEstate} in code), accepted for the reasons given (rules: docs/policy-rules.md):`,
  ];
  for (const f of suppressed) {
    const estate = ESTATE_SUPPRESSION.test(f.suppressedBy);
    const reason = estate ? fromTerraformLiteral(f.reason) : f.reason;
    lines.push(`  ${f.ruleId} ${f.stack}/${f.address}`);
    lines.push(`    ${estate ? `estate file ${f.suppressedBy}` : `code: suppressRule on ${f.suppressedBy}`}`);
    lines.push(`    reason: ${reason.trim().replace(/\r\n?|\n/g, '\n      ')}`);
  }
  lines.push('');
  return lines;
}

/** "a, b, c +2 more" */
function listed(values: readonly string[], max: number): string {
  return values.length > max ? `${values.slice(0, max).join(', ')} +${values.length - max} more` : values.join(', ');
}

/**
 * Reads manifest.json and every stack's cdk.tf.json from a synthesized output directory, for
 * callers that have only the directory; synthesizeEstate's result already carries them (`written`).
 */
export function readSynthOutput(outdir: string): { manifest: Manifest; stacks: Record<string, TerraformJson> } {
  return readWrittenStacks(outdir);
}
