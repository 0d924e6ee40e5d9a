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
import { RoleAssignment } from '../shared/role-assignment';
import { suppressRule } from '../../policy/suppressions';

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
   * Entra groups (object ids) that administer the cluster: Azure Kubernetes Service RBAC
   * Cluster Admin on it (Azure RBAC for Kubernetes is on; nobody else holds a Kubernetes role).
   * @default - none
   */
  readonly adminGroupIds?: readonly string[];
}

/**
 * Why the serving cluster keeps local accounts (rule CSA-AKS-002 relaxed): Azure ML attaches
 * AKS with its static admin credential (rule CSA-AKS-004).
 */
export const LOCAL_ACCOUNTS_REASON =
  "Azure ML attaches AKS by fetching the cluster's static admin credential to install its inference router, and AKS refuses it when local accounts are disabled (Azure/AML-Kubernetes#261; Azure ML does not support AKS without local accounts). Sign-in stays Entra ID with Azure RBAC for Kubernetes; the admin credential is readable only by those who hold listClusterAdminCredential on the cluster (Owner/Contributor, or Azure Kubernetes Service Cluster Admin Role), and nobody is granted those on it.";

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
  /** Azure Kubernetes Service RBAC Cluster Admin for each admin group, by group id. */
  readonly adminAccess: Readonly<Record<string, RoleAssignment>>;

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
    this.adminAccess = clusterAdmins(this, props, this.cluster.id);
  }

  /** The private cluster in the product subnet, after its identities' grants (they must exist at creation). */
  private createCluster(props: ModelServingClusterProps, dnsZoneId: string): KubernetesCluster {
    const { names, context } = props;
    const { resourceGroupName, location } = context;
    const serviceCidr = serviceRange(props.addressPool);
    const nodes = props.nodeCount ?? { min: 3, max: 5 };
    const cluster = new KubernetesCluster(this, 'cluster', {
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
      // On: Azure ML's attach needs the static credential (CSA-AKS-004); CSA-AKS-002 is suppressed below with the reason.
      localAccountDisabled: false,
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
      // userDefinedRouting: the subnet's route to the hub firewall must exist when the nodes start (AKS checks it at creation).
      dependsOn: [
        ...[...Object.values(this.dnsAccess.assignments), ...Object.values(this.access.assignments)].map((a) => a.assignment),
        ...(context.subnetRouting ? [context.subnetRouting] : []),
      ],
    });
    suppressRule(cluster, 'CSA-AKS-002', LOCAL_ACCOUNTS_REASON);
    return cluster;
  }
}

/** The admin groups' Kubernetes role on the cluster (groups: no `ServicePrincipal` shortcut). */
function clusterAdmins(scope: Construct, props: ModelServingClusterProps, clusterId: string): Record<string, RoleAssignment> {
  const admins = new Construct(scope, 'cluster-admins');
  return Object.fromEntries(
    (props.adminGroupIds ?? []).map((group) => [
      group,
      new RoleAssignment(admins, group, {
        role: 'Azure Kubernetes Service RBAC Cluster Admin',
        principalId: group,
        principalType: 'Group',
        scope: clusterId,
        subscriptionId: props.context.subscriptionId,
      }),
    ]),
  );
}

/** The first candidate range outside the estate's pool (estate networks all lie in the pool). */
function serviceRange(addressPool: string) {
  const pool = parseCidr(addressPool);
  const range = SERVICE_RANGES.map(parseCidr).find((candidate) => !overlaps(candidate, pool));
  if (!range) throw new Error(`internal: no AKS service range outside the address pool ${addressPool}`);
  return range;
}
