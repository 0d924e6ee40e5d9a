import { PolicyResource, StackRule } from '../rule';

/** `${azurerm_container_registry.acr.id}` → `azurerm_container_registry.acr`. */
const REGISTRY = /^\$\{(azurerm_container_registry\.[A-Za-z0-9_-]+)\.id\}$/;

/**
 * With quarantine on, a pushed image cannot be pulled until a security scanner marks it
 * released. Azure ML pushes the environment images it builds into its workspace's registry
 * and pulls them at once on its compute and inference targets, and no scanner of the estate
 * releases them, so every job and deployment fails on the pull. The reference analytics
 * template leaves quarantine off on the workspace's registry.
 */
export const containerRegistryMachineLearningQuarantine: StackRule = {
  id: 'CSA-CR-005',
  severity: 'error',
  scope: 'stack',
  resourceTypes: ['azurerm_container_registry'],
  title: 'A container registry an Azure ML workspace of its stack uses has quarantine off',
  rationale: 'Quarantined images cannot be pulled until a scanner releases them: the images Azure ML builds for its jobs and deployments would never run.',
  fix: 'set quarantine_policy_enabled = false on the workspace registry (ManagementContainerRegistry quarantine: false), or give the workspace a registry of its own',
  prepare: (stack: readonly PolicyResource[]) => {
    const used = new Set<string>();
    for (const resource of stack) {
      if (resource.type !== 'azurerm_machine_learning_workspace') continue;
      const match = REGISTRY.exec(String(resource.attributes.container_registry_id ?? ''));
      if (match) used.add(match[1]);
    }
    return (resource) => {
      if (!used.has(resource.address)) return 'not-applicable';
      return resource.attributes.quarantine_policy_enabled === false ? 'compliant' : 'noncompliant';
    };
  },
};
