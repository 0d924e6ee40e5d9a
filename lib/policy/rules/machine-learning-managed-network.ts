import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/**
 * `AllowOnlyApprovedOutbound`: an Azure-managed network whose egress is limited to private
 * endpoints and listed FQDNs. `Disabled`: no managed network; compute is placed in the
 * estate's own subnets (the estate does this), where routes send egress through the hub
 * firewall. Only `AllowInternetOutbound` opens egress to anywhere.
 */
const CONTROLLED_EGRESS = ['AllowOnlyApprovedOutbound', 'Disabled'];

export const machineLearningManagedNetwork: ResourceRule = {
  id: 'CSA-ML-002',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  title: 'Azure Machine Learning workspaces state an isolation mode that does not give managed compute open internet egress',
  rationale:
    'In "AllowInternetOutbound" mode, compute in the Azure-managed network can send data anywhere on the internet, past the hub firewall; "AllowOnlyApprovedOutbound" limits it to private endpoints and listed FQDNs, and "Disabled" keeps compute in the estate\'s own subnets behind the firewall.',
  fix: 'set managed_network.isolation_mode = "AllowOnlyApprovedOutbound", or "Disabled" with compute clusters and serverless compute in the landing zone\'s subnets',
  check: (r) => verdict(CONTROLLED_EGRESS.includes(String(block(r.attributes, 'managed_network')?.isolation_mode))),
};
