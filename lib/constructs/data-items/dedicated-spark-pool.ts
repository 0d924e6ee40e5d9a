import { SynapseSparkPool } from '@cdktf/provider-azurerm/lib/synapse-spark-pool';
import { Construct } from 'constructs';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { ZoneDiagnostics } from '../shared/vocabulary';

/** Spark runtimes azurerm 4.55 accepts (3.1 to 3.3 are retired; 3.5 since 4.53). */
export type SparkVersion = '3.4' | '3.5';
/** Memory-optimized node sizes. */
export type SparkNodeSize = 'Small' | 'Medium' | 'Large' | 'XLarge' | 'XXLarge';

export interface DedicatedSparkPoolProps {
  readonly name: string;
  /** The zone's shared Synapse workspace. */
  readonly synapseWorkspaceId: string;
  /** Cost accounting: which integration or product the pool belongs to (e.g. `dataIntegration: invoices`). */
  readonly costTags: Readonly<Record<string, string>>;
  readonly diagnostics: ZoneDiagnostics;
  /**
   * Spark runtime.
   * @default '3.5' (the reference's 3.1 is retired; 3.4 reaches end of support first)
   */
  readonly sparkVersion?: SparkVersion;
  /** @default 'Small' (as the reference) */
  readonly nodeSize?: SparkNodeSize;
  /** Autoscale range in nodes. @default { min: 3, max: 10 } (as the reference) */
  readonly autoScale?: { readonly min: number; readonly max: number };
  /** Idle minutes before the pool pauses. @default 15 (as the reference) */
  readonly autoPauseMinutes?: number;
}

/**
 * A dedicated Apache Spark pool for one integration or product in the zone's shared
 * Synapse workspace (Relecloud's billing design: "a dedicated compute pool each to
 * facilitate cost accounting and security boundaries"). Tagged with the item for cost
 * reports, pauses when idle, scales nodes and executors, and takes no session-level
 * packages (libraries come from the workspace, where they are reviewed). The pool runs
 * with the workspace's identity: see docs/data-products.md.
 */
export class DedicatedSparkPool extends Construct {
  readonly pool: SynapseSparkPool;

  constructor(scope: Construct, id: string, props: DedicatedSparkPoolProps) {
    super(scope, id);
    const autoScale = props.autoScale ?? { min: 3, max: 10 };
    this.pool = new SynapseSparkPool(this, 'pool', {
      name: props.name,
      synapseWorkspaceId: props.synapseWorkspaceId,
      sparkVersion: props.sparkVersion ?? '3.5',
      nodeSizeFamily: 'MemoryOptimized',
      nodeSize: props.nodeSize ?? 'Small',
      autoScale: { minNodeCount: autoScale.min, maxNodeCount: autoScale.max },
      autoPause: { delayInMinutes: props.autoPauseMinutes ?? 15 },
      // As the reference: executors follow the load, one node stays with the driver.
      dynamicExecutorAllocationEnabled: true,
      minExecutors: 1,
      maxExecutors: autoScale.max - 1,
      // The reference allows session-level packages, which its own policy set denies: packages come from the workspace.
      sessionLevelPackagesEnabled: false,
      computeIsolationEnabled: false,
      tags: { ...props.costTags },
    });
    // Spark pools have logs (ended applications) but no metrics exportable through diagnostic settings.
    new DiagnosticSettings(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.pool.id, metrics: [] });
  }
}
