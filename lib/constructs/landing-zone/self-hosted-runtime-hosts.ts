import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { WindowsVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/windows-virtual-machine-scale-set';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { RoleAssignment } from '../shared/role-assignment';
import type { ZoneDiagnostics } from '../shared/vocabulary';
import { installSettings, RUNTIME_NODE_PORT } from './self-hosted-runtime-install';

export interface SelfHostedRuntimeHostsProps {
  /** The scale set's name (its identity's is derived from it). */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly subscriptionId: string;
  /** Where the nodes' network interfaces go (private addresses only). */
  readonly subnetId: string;
  /** The self-hosted integration runtime the nodes register with. */
  readonly runtimeId: string;
  readonly diagnostics: ZoneDiagnostics;
  /**
   * Nodes: two, so the runtime stays up while the platform upgrades one of them.
   * @default 2
   */
  readonly instances?: number;
  /**
   * VM size. The runtime asks for 4 cores and 8 GB.
   * @default 'Standard_D4s_v5'
   */
  readonly sku?: string;
}

/**
 * The machines the zone's self-hosted integration runtime runs on: a Windows scale set in
 * the runtimes resource group on the zone's services subnet, with
 * - no public IP: the nodes reach Data Factory through the runtime factory's private
 *   endpoints and the installer through the hub firewall (DataFactory-ApplicationRules);
 * - Entra ID sign-in (AADLoginForWindows, system-assigned identity): zone admins get Virtual
 *   Machine Administrator Login on the scale set (landing zone governance); the local
 *   administrator's password is random, kept only in the state, never output;
 * - automatic OS image upgrades, rolling one node at a time, gated by a health probe on the
 *   runtime's node port (the Application Health extension);
 * - the runtime installed and registered by a Custom Script Extension, with the
 *   authentication key read by the nodes' user-assigned identity (Data Factory Contributor
 *   on the runtime alone), so the key is not in the configuration;
 * - metrics to the management zone's Log Analytics workspace.
 */
export class SelfHostedRuntimeHosts extends Construct {
  readonly scaleSet: WindowsVirtualMachineScaleSet;
  /** The identity that reads the runtime's key. */
  readonly identity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: SelfHostedRuntimeHostsProps) {
    super(scope, id);
    const { name, resourceGroupName, location } = props;
    this.identity = new UserAssignedIdentity(this, 'identity', { name: `id-${name}`, resourceGroupName, location });
    const keyReader = new RoleAssignment(this, 'runtime-key-reader', {
      role: 'Data Factory Contributor',
      principalId: this.identity.principalId,
      scope: props.runtimeId,
      subscriptionId: props.subscriptionId,
    });
    const stack = TerraformStack.of(this);
    // One random provider per stack, whoever configured it (a user's own may have another id).
    if (!stack.node.children.some((child) => child instanceof RandomProvider)) new RandomProvider(stack, 'random');
    // Required by Azure; nobody signs in with it (Entra ID sign-in). Sensitive in the state, never output.
    const password = new Password(this, 'admin-password', { length: 32, special: true, minLower: 1, minUpper: 1, minNumeric: 1, minSpecial: 1 });
    this.scaleSet = new WindowsVirtualMachineScaleSet(this, 'scale-set', {
      name,
      resourceGroupName,
      location,
      sku: props.sku ?? 'Standard_D4s_v5',
      instances: props.instances ?? 2,
      computerNamePrefix: 'shir',
      adminUsername: 'shiradmin',
      adminPassword: password.result,
      sourceImageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS' },
      secureBootEnabled: true,
      vtpmEnabled: true,
      identity: { type: 'SystemAssigned, UserAssigned', identityIds: [this.identity.id] },
      networkInterface: [{ name: 'nic', primary: true, ipConfiguration: [{ name: 'internal', primary: true, subnetId: props.subnetId }] }],
      bootDiagnostics: {},
      // Patching: the platform replaces the OS disk with each new image, node by node. Windows
      // Update must then be off (Azure forces it off and Terraform would diff otherwise).
      upgradeMode: 'Rolling',
      enableAutomaticUpdates: false,
      automaticOsUpgradePolicy: { enableAutomaticOsUpgrade: true, disableAutomaticRollback: false },
      rollingUpgradePolicy: {
        maxBatchInstancePercent: 50,
        maxUnhealthyInstancePercent: 100,
        maxUnhealthyUpgradedInstancePercent: 50,
        pauseTimeBetweenBatches: 'PT5M',
      },
      extension: extensions(props.runtimeId, this.identity.clientId),
      // The nodes read the key as soon as they start: the grant first.
      dependsOn: [keyReader.assignment],
    });
    new DiagnosticSettings(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.scaleSet.id, logs: [] });
  }
}

/** Entra ID sign-in, the health probe rolling upgrades wait on, and the runtime's installation. */
function extensions(runtimeId: string, identityClientId: string) {
  return [
    {
      name: 'AADLoginForWindows',
      publisher: 'Microsoft.Azure.ActiveDirectory',
      type: 'AADLoginForWindows',
      typeHandlerVersion: '2.0',
      autoUpgradeMinorVersion: true,
    },
    {
      name: 'HealthExtension',
      publisher: 'Microsoft.ManagedServices',
      type: 'ApplicationHealthWindows',
      typeHandlerVersion: '1.0',
      autoUpgradeMinorVersion: true,
      settings: JSON.stringify({ protocol: 'tcp', port: RUNTIME_NODE_PORT }),
    },
    {
      name: 'IntegrationRuntime',
      publisher: 'Microsoft.Compute',
      type: 'CustomScriptExtension',
      typeHandlerVersion: '1.10',
      autoUpgradeMinorVersion: true,
      settings: installSettings(runtimeId, identityClientId),
    },
  ];
}
