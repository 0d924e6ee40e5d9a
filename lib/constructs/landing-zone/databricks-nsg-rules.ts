/**
 * The rules Azure Databricks requires on the NSG of VNet-injected workspaces (the
 * reference's `<name>-databricks-nsg`). Databricks adds rules of the same names itself;
 * declaring them keeps Terraform and the service agreeing instead of drifting.
 */
export interface NsgRule {
  readonly name: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly priority: number;
  readonly protocol: 'Tcp' | 'Udp' | '*';
  readonly source: string;
  readonly destination: string;
  readonly destinationPort: string;
  readonly description: string;
}

const PREFIX = 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker';

export const DATABRICKS_NSG_RULES: readonly NsgRule[] = [
  {
    name: `${PREFIX}-to-worker-inbound`,
    direction: 'Inbound',
    priority: 100,
    protocol: '*',
    source: 'VirtualNetwork',
    destination: 'VirtualNetwork',
    destinationPort: '*',
    description: 'Cluster nodes talk to each other.',
  },
  {
    name: `${PREFIX}-to-databricks-webapp`,
    direction: 'Outbound',
    priority: 100,
    protocol: 'Tcp',
    source: 'VirtualNetwork',
    destination: 'AzureDatabricks',
    destinationPort: '443',
    description: 'Workers reach the Databricks control plane.',
  },
  {
    name: `${PREFIX}-to-worker-outbound`,
    direction: 'Outbound',
    priority: 101,
    protocol: '*',
    source: 'VirtualNetwork',
    destination: 'VirtualNetwork',
    destinationPort: '*',
    description: 'Cluster nodes talk to each other.',
  },
  {
    name: `${PREFIX}-to-sql`,
    direction: 'Outbound',
    priority: 102,
    protocol: 'Tcp',
    source: 'VirtualNetwork',
    destination: 'Sql',
    destinationPort: '3306',
    description: 'Workers reach the Databricks metastore.',
  },
  {
    name: `${PREFIX}-to-storage`,
    direction: 'Outbound',
    priority: 103,
    protocol: 'Tcp',
    source: 'VirtualNetwork',
    destination: 'Storage',
    destinationPort: '443',
    description: 'Workers reach workspace storage.',
  },
  {
    name: `${PREFIX}-to-eventhub`,
    direction: 'Outbound',
    priority: 104,
    protocol: 'Tcp',
    source: 'VirtualNetwork',
    destination: 'EventHub',
    destinationPort: '9093',
    description: "Workers send logs to Databricks' Event Hub.",
  },
];
