import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { MachineLearningInferenceCluster } from '@cdktf/provider-azurerm/lib/machine-learning-inference-cluster';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { ServingNames } from '../../naming/item-names';
import { format, hostAddress, overlaps, parseCidr } from '../../network/cidr';
import { DataItemContext } from '../data-items/item-context';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { Grant, Grants } from '../shared/grants';
import { ManagementZoneAccess } from '../shared/management-zone-links';

export interface ModelServingClusterProps {
  readonly names: ServingNames;
  readonly context: DataItemContext;
  /** The Azure ML workspace the cluster serves. */
  readonly machineLearningWorkspaceId: string;
  /** The product's registry: the nodes pull model images from it. */
  readonly containerRegistryId: string;
  readonly managementZone: ManagementZoneAccess;
  /** The estate's address pool: the cluster's service range must not overlap any estate network. */
  readonly addressPool: string;
  /** Availability zones of the region (empty where it has none). */
  readonly availabilityZones: readonly string[];
  /**
   * Production: the paid control plane tier (uptime SLA) and Azure ML's `FastProd` purpose
   * (at least 3 nodes and 12 cores); otherwise the free tier and `DevTest`.
   */
  readonly production: boolean;
  /** @default 'Standard_D4ds_v5' (4 cores: three nodes meet FastProd's 12) */
  readonly nodeVmSize?: string;
  /** Node autoscale range. @default { min: 3, max: 5 } */
  readonly nodeCount?: { readonly min: number; readonly max: number };
  /**
   * Turn the cluster's local (certificate) accounts off: the static cluster-admin
   * credential bypasses Entra ID (policy CSA-AKS-002). Known conflict: Azure ML's AKS
   * integration fetches that credential to install its inference router and reports
   * "Getting static credential is not allowed because this cluster is set to disable
   * local accounts" (Azure/AML-Kubernetes#261); see docs/data-products.md.
   * @default true
   */
  readonly localAccountDisabled?: boolean;
}

/** Service ranges tried in order: the first one outside the estate's pool wins. */
const SERVICE_RANGES = ['172.16.0.0/16', '192.168.0.0/16', '100.64.0.0/16'];

/**
 * The analytics template's serving (`serving: aks`; the reference attaches an existing
 * cluster, `aksId`, and creates none): a private AKS cluster in the product subnet (Azure
 * CNI, egress through the hub firewall by the zone's route table, no public IPs), its API
 * server registered in the management zone's `privatelink.<region>.azmk8s.io` zone,
 * Entra ID sign-in with Azure RBAC for Kubernetes, and attached to the product's Azure
 * ML workspace as its inference target.
 */
export class ModelServingCluster extends Construct {
  readonly identity: UserAssignedIdentity;
  readonly kubeletIdentity: UserAssignedIdentity;
  readonly cluster: KubernetesCluster;
  readonly inferenceCluster: MachineLearningInferenceCluster;
  readonly access: Grants;
  readonly dnsAccess: Grants;

  constructor(scope: Construct, id: string, props: ModelServingClusterProps) {
    super(scope, id);
    const { names, context } = props;
    const { resourceGroupName, location } = context;

    // The control plane identity must exist, with its grants, before the cluster: AKS
    // writes the API server's record into the management zone's DNS zone at creation.
    this.identity = new UserAssignedIdentity(this, 'identity', { name: names.identity, resourceGroupName, location });
    const dnsZoneId = context.links.privateDnsZoneId(`privatelink.${location}.azmk8s.io`);
    this.dnsAccess = new Grants(this, 'management-zone-access', {
      subscriptionId: props.managementZone.subscriptionId,
      provider: props.managementZone.provider,
      grants: { 'api-server-dns': { role: 'Private DNS Zone Contributor', principalId: this.identity.principalId, scope: dnsZoneId } },
    });
    // The nodes' identity is ours too (not one AKS makes in the node group), so its grants
    // exist before the first node starts and its principal is known at plan time.
    this.kubeletIdentity = new UserAssignedIdentity(this, 'kubelet-identity', { name: names.kubeletIdentity, resourceGroupName, location });
    const clusterGrants: Record<string, Grant> = {
      // Nodes join the product subnet (Azure CNI); nothing else of the zone's network.
      'product-subnet': { role: 'Network Contributor', principalId: this.identity.principalId, scope: context.subnetId },
      // The control plane assigns the kubelet identity to the nodes.
      'kubelet-identity': { role: 'Managed Identity Operator', principalId: this.identity.principalId, scope: this.kubeletIdentity.id },
      // The nodes pull model images from the product's registry.
      'kubelet-registry': { role: 'AcrPull', principalId: this.kubeletIdentity.principalId, scope: props.containerRegistryId },
    };
    this.access = new Grants(this, 'access', { subscriptionId: context.subscriptionId, grants: clusterGrants });

    this.cluster = this.createCluster(props, dnsZoneId);
    // The control plane's audit of writes and its components; kube-audit (every read too) would multiply the volume.
    new DiagnosticSettings(this, 'diagnostics', {
      ...context.diagnostics,
      targetResourceId: this.cluster.id,
      logs: ['kube-apiserver', 'kube-audit-admin', 'kube-controller-manager', 'kube-scheduler', 'cluster-autoscaler', 'guard'].map((category) => ({
        category,
      })),
    });

    this.inferenceCluster = new MachineLearningInferenceCluster(this, 'inference-cluster', {
      name: names.inferenceCluster,
      location,
      machineLearningWorkspaceId: props.machineLearningWorkspaceId,
      kubernetesClusterId: this.cluster.id,
      clusterPurpose: props.production ? 'FastProd' : 'DevTest',
      description: "The product's model serving cluster (private AKS in the product subnet)",
    });
  }

  /** The private cluster in the product subnet, after its identities' grants (they must exist at creation). */
  private createCluster(props: ModelServingClusterProps, dnsZoneId: string): KubernetesCluster {
    const { names, context } = props;
    const { resourceGroupName, location } = context;
    const serviceCidr = serviceRange(props.addressPool);
    const nodes = props.nodeCount ?? { min: 3, max: 5 };
    return new KubernetesCluster(this, 'cluster', {
      name: names.cluster,
      resourceGroupName,
      location,
      dnsPrefix: names.dnsPrefix,
      nodeResourceGroup: names.nodeResourceGroup,
      skuTier: props.production ? 'Standard' : 'Free',
      privateClusterEnabled: true,
      privateClusterPublicFqdnEnabled: false,
      privateDnsZoneId: dnsZoneId,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      kubeletIdentity: {
        clientId: this.kubeletIdentity.clientId,
        objectId: this.kubeletIdentity.principalId,
        userAssignedIdentityId: this.kubeletIdentity.id,
      },
      localAccountDisabled: props.localAccountDisabled ?? true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: context.tenantId },
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      defaultNodePool: {
        name: 'system',
        vmSize: props.nodeVmSize ?? 'Standard_D4ds_v5',
        autoScalingEnabled: true,
        minCount: nodes.min,
        maxCount: nodes.max,
        maxPods: 30,
        vnetSubnetId: context.subnetId,
        nodePublicIpEnabled: false,
        ...(props.availabilityZones.length ? { zones: [...props.availabilityZones] } : {}),
        upgradeSettings: { maxSurge: '10%' },
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPolicy: 'azure',
        // The subnet's route table sends everything to the hub firewall: no public load balancer egress.
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
        serviceCidr: format(serviceCidr),
        dnsServiceIp: hostAddress(serviceCidr, 10),
      },
      dependsOn: [...Object.values(this.dnsAccess.assignments), ...Object.values(this.access.assignments)].map((a) => a.assignment),
    });
  }
}

/** The first candidate range outside the estate's pool (estate networks all lie in the pool). */
function serviceRange(addressPool: string) {
  const pool = parseCidr(addressPool);
  const range = SERVICE_RANGES.map(parseCidr).find((candidate) => !overlaps(candidate, pool));
  if (!range) throw new Error(`internal: no AKS service range outside the address pool ${addressPool}`);
  return range;
}
