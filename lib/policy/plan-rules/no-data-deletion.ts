// The list synth protects (prevent_destroy, the address guard): one list, so a type added
// there is also a type whose deletion fails the plan.
import { DATA_BEARING_TYPES } from '../../contract/data-bearing';
import { PlanRule, ResourceChange } from './plan-rule';

/** Terraform's `action_reason` in words. */
const REASONS: Readonly<Record<string, string>> = {
  delete_because_no_resource_config: 'its block is no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'its block changed between count, for_each and neither',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'a moved block points at an address that does not exist',
  replace_because_cannot_update: 'an argument that forces a new resource changed',
  replace_because_tainted: 'it is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by fired',
};

/**
 * What the plan does to a data-bearing resource, when that loses its data: `destroyed` or
 * `replaced (...)`. A `forget` (a `removed` block with `destroy = false`) deletes nothing:
 * the resource stays in Azure and only leaves the state, so it is not reported, although
 * Terraform gives it the action_reason `delete_because_no_resource_config` too.
 */
export function dataLoss(rc: ResourceChange): string | undefined {
  if (rc.mode === 'data' || !DATA_BEARING_TYPES.has(rc.type) || !rc.change.actions.includes('delete')) return undefined;
  const what = rc.change.actions.includes('create') ? 'replaced (destroyed and created again)' : 'destroyed';
  const why = rc.action_reason ? (REASONS[rc.action_reason] ?? rc.action_reason) : undefined;
  const deposed = rc.deposed ? `deposed object ${rc.deposed} ` : '';
  return `${deposed}${what}${why ? `: ${why}` : ''}`;
}

export const noDataDeletion: PlanRule = {
  id: 'CSA-PLAN-002',
  severity: 'error',
  title: 'The plan deletes or replaces no data-bearing resource (lakes, containers, vaults, databases, workspaces, registries, catalogs)',
  rationale:
    'A renamed construct id, a changed ForceNew argument or a removed zone turns into a destroy: the lake, the vault or the metastore and their contents are gone. Such a plan must be a deliberate, reviewed decision, never a side effect.',
  fix: 'keep construct ids stable (declare a move with moved blocks / resource.moveTo), revert the ForceNew change, or remove the resource from state (terraform state rm) if it must survive outside the estate',
  check: (plan) =>
    (plan.resource_changes ?? []).flatMap((rc) => {
      const detail = dataLoss(rc);
      return detail ? [{ address: rc.address, detail }] : [];
    }),
};
