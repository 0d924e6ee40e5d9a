/**
 * The hub firewall's allow rules, as data: the reference's two rule collection groups
 * (DMZ:infra/modules/services/firewallPolicyRules.bicep, inventory section A4) with their
 * collection and rule names, so operators can match them with the reference. Everything
 * else leaving the estate is denied by the firewall.
 *
 * To allow more, append a rule to a collection or a collection to a group (priorities
 * step by 100 inside a group). Source addresses are not part of the data: the rendering
 * construct restricts every rule to the estate's address space.
 *
 * Deliberate differences from the reference:
 * - Leading wildcards without a dot (`*microsoft.com`, `*pytorch.org`, `*snapcraft.io`)
 *   also match look-alike domains such as `evilmicrosoft.com`; here they are the apex plus
 *   `*.` subdomains.
 * - The Databricks secure cluster connectivity (SCC) relay is the estate region's relay,
 *   not the reference's 21 relays of every region (see `databricksSccRelays`).
 */

export type NetworkRuleProtocol = 'TCP' | 'UDP' | 'ICMP' | 'Any';
export type ApplicationRuleProtocol = { readonly type: 'Http' | 'Https'; readonly port: 80 | 443 };

export interface NetworkRule {
  readonly name: string;
  readonly description: string;
  readonly protocols: readonly NetworkRuleProtocol[];
  /** IP addresses, CIDR ranges or service tags. */
  readonly destinationAddresses: readonly string[];
  readonly destinationPorts: readonly string[];
}

export interface ApplicationRule {
  readonly name: string;
  readonly description: string;
  readonly protocols: readonly ApplicationRuleProtocol[];
  /**
   * FQDNs; a leading `*.` matches any subdomain.
   * @default none (a rule names FQDNs, FQDN tags or both)
   */
  readonly destinationFqdns?: readonly string[];
  /**
   * Azure-maintained FQDN sets such as `WindowsUpdate`.
   * @default none
   */
  readonly destinationFqdnTags?: readonly string[];
}

/** A collection of allow rules; collections are evaluated by ascending priority. */
export interface RuleCollection<R> {
  readonly name: string;
  readonly priority: number;
  readonly rules: readonly R[];
}

export interface FirewallRules {
  /** Network rules are evaluated before application rules. */
  readonly network: { readonly priority: number; readonly collections: readonly RuleCollection<NetworkRule>[] };
  readonly application: { readonly priority: number; readonly collections: readonly RuleCollection<ApplicationRule>[] };
}

const HTTP: ApplicationRuleProtocol = { type: 'Http', port: 80 };
const HTTPS: ApplicationRuleProtocol = { type: 'Https', port: 443 };

/** The apex domain and every subdomain: what the reference's dotless `*domain` meant. */
const domainAndSubdomains = (domain: string): string[] => [domain, `*.${domain}`];

/**
 * Regions whose SCC relay is not (only) `tunnel.<region>.azuredatabricks.net`, from the
 * relays the reference lists and Databricks' "IP addresses and domains" table. North Europe
 * moved from West Europe's control plane to its own: workspaces of either era need both.
 */
const SCC_RELAY_OVERRIDES: Readonly<Record<string, readonly string[]>> = {
  westeurope: ['tunnel.westeurope.azuredatabricks.net', 'tunnel.westeuropec2.azuredatabricks.net'],
  northeurope: ['tunnel.westeurope.azuredatabricks.net', 'tunnel.northeuropec2.azuredatabricks.net'],
  eastus2: ['tunnel.eastus2.azuredatabricks.net', 'tunnel.eastus2c2.azuredatabricks.net'],
  eastus: ['tunnel.eastusc3.azuredatabricks.net'],
  centralus: ['tunnel.centralusc2.azuredatabricks.net'],
  northcentralus: ['tunnel.northcentralusc2.azuredatabricks.net'],
  canadaeast: ['tunnel.canadacentral.azuredatabricks.net'],
};

/**
 * The Databricks SCC relay FQDNs for workspaces in `region`. Workspaces live in the
 * estate's region, so allowing every region's relay (as the reference does, 21 of them
 * hard-coded) only widens egress and goes stale as regions are added. The
 * `AzureDatabricks` service tag (Databricks-NetworkRule-002) already covers the relay's
 * addresses; this FQDN rule keeps the reference's application-level allow for it.
 */
export function databricksSccRelays(region: string): readonly string[] {
  return SCC_RELAY_OVERRIDES[region] ?? [`tunnel.${region}.azuredatabricks.net`];
}

const MACHINE_LEARNING_NETWORK_RULES: RuleCollection<NetworkRule> = {
  name: 'MachineLearning-NetworkRules',
  priority: 10100,
  rules: [
    {
      name: 'MachineLearning-NetworkRule-001',
      description: 'Allow outbound access to required services',
      protocols: ['TCP'],
      destinationAddresses: [
        'AzureActiveDirectory',
        'AzureMachineLearning',
        'AzureResourceManager',
        'Storage',
        'AzureKeyVault',
        'AzureContainerRegistry',
        'MicrosoftContainerRegistry',
        'AzureFrontDoor.FirstParty',
      ],
      destinationPorts: ['*'],
    },
  ],
};

const HDINSIGHT_NETWORK_RULES: RuleCollection<NetworkRule> = {
  name: 'HDInsight-NetworkRules',
  priority: 10200,
  rules: [
    {
      name: 'HDInsight-NetworkRule-001',
      description: 'Allow default SQL servers provided by HDInsight',
      protocols: ['TCP'],
      destinationAddresses: ['Sql'],
      destinationPorts: ['1433'],
    },
    {
      name: 'HDInsight-NetworkRule-002',
      description: 'Allows scale feature of HDInsight',
      protocols: ['TCP'],
      destinationAddresses: ['AzureMonitor'],
      destinationPorts: ['*'],
    },
  ],
};

const DATABRICKS_NETWORK_RULES: RuleCollection<NetworkRule> = {
  name: 'Databricks-NetworkRules',
  priority: 10300,
  rules: [
    {
      name: 'Databricks-NetworkRule-001',
      description: 'OAuth flow to the workspace private endpoint; mount points, credential passthrough',
      protocols: ['TCP'],
      destinationAddresses: ['AzureActiveDirectory', 'AzureFrontDoor.Frontend'],
      destinationPorts: ['443'],
    },
    {
      name: 'Databricks-NetworkRule-002',
      description: 'Workers to Azure Storage and the Databricks control plane (includes the SCC relay)',
      protocols: ['TCP'],
      destinationAddresses: ['AzureDatabricks', 'Storage'],
      destinationPorts: ['443'],
    },
    {
      name: 'Databricks-NetworkRule-003',
      description: 'Workers to the Databricks metastore',
      protocols: ['TCP'],
      destinationAddresses: ['Sql'],
      destinationPorts: ['3306'],
    },
    {
      name: 'Databricks-NetworkRule-004',
      description: "Workers to Databricks' Event Hub",
      protocols: ['TCP'],
      destinationAddresses: ['EventHub'],
      destinationPorts: ['9093'],
    },
  ],
};

const AZURE_NETWORK_RULES: RuleCollection<NetworkRule> = {
  name: 'Azure-NetworkRules',
  priority: 10400,
  rules: [
    // IPs, not kms.core.windows.net: as the reference, so the rule does not depend on the DNS proxy.
    {
      name: 'Azure-NetworkRule-001',
      description: 'Windows activation through Azure KMS',
      protocols: ['TCP'],
      destinationAddresses: ['23.102.135.246', '51.4.143.248', '23.97.0.13', '42.159.7.249'],
      destinationPorts: ['1688'],
    },
  ],
};

const AZURE_DEVOPS_NETWORK_RULES: RuleCollection<NetworkRule> = {
  name: 'AzureDevOps-NetworkRules',
  priority: 10500,
  rules: [
    {
      name: 'AzureDevOps-NetworkRule-001',
      description: 'Self-hosted Azure DevOps agents poll for jobs',
      protocols: ['TCP'],
      destinationAddresses: ['13.107.6.0/24', '13.107.9.0/24', '13.107.42.0/24', '13.107.43.0/24'],
      destinationPorts: ['443'],
    },
  ],
};

const MACHINE_LEARNING_APPLICATION_RULES: RuleCollection<ApplicationRule> = {
  name: 'MachineLearning-ApplicationRules',
  priority: 20100,
  rules: [
    {
      name: 'MachineLearning-ApplicationRule-001',
      description: 'Package repositories and services Azure Machine Learning uses',
      protocols: [HTTP, HTTPS],
      destinationFqdns: [
        'anaconda.com',
        '*.anaconda.com',
        '*.anaconda.org',
        'pypi.org',
        'cloud.r-project.org',
        ...domainAndSubdomains('pytorch.org'),
        '*.tensorflow.org',
        'update.code.visualstudio.com',
        '*.vo.msecnd.net',
        '*.instances.azureml.net',
        '*.instances.azureml.ms',
      ],
    },
  ],
};

const HDINSIGHT_APPLICATION_RULES: RuleCollection<ApplicationRule> = {
  name: 'HDInsight-ApplicationRules',
  priority: 20200,
  rules: [
    {
      name: 'HDInsight-ApplicationRule-001',
      description: 'HDInsight and Windows Update FQDN tags',
      protocols: [HTTP, HTTPS],
      destinationFqdnTags: ['HDInsight', 'WindowsUpdate'],
    },
    {
      name: 'HDInsight-ApplicationRule-002',
      description: 'Windows login activity',
      protocols: [HTTPS],
      destinationFqdns: ['login.microsoftonline.com', 'login.windows.net'],
    },
  ],
};

const DATA_FACTORY_APPLICATION_RULES: RuleCollection<ApplicationRule> = {
  name: 'DataFactory-ApplicationRules',
  priority: 20300,
  rules: [
    {
      name: 'DataFactory-ApplicationRule-001',
      description: 'Self-hosted integration runtime installer and updates',
      protocols: [HTTP, HTTPS],
      destinationFqdns: ['go.microsoft.com', 'download.microsoft.com', 'browser.events.data.msn.com', '*.clouddatahub.net'],
    },
    {
      name: 'DataFactory-ApplicationRule-002',
      description: 'Interactive authoring with the self-hosted integration runtime',
      protocols: [HTTPS],
      destinationFqdns: ['*.servicebus.windows.net'],
    },
    {
      name: 'DataFactory-ApplicationRule-003',
      description: 'Self-hosted integration runtime install script from GitHub',
      protocols: [HTTP, HTTPS],
      destinationFqdns: ['*.githubusercontent.com'],
    },
  ],
};

/** The only collection that depends on the region: the SCC relay of every region the estate uses. */
function databricksApplicationRules(regions: readonly string[]): RuleCollection<ApplicationRule> {
  return {
    name: 'Databricks-ApplicationRules',
    priority: 20400,
    rules: [
      {
        name: 'Databricks-ApplicationRule-001',
        description:
          regions.length === 1 ? 'Secure cluster connectivity relay of the estate region' : "Secure cluster connectivity relays of the estate's regions",
        protocols: [HTTP, HTTPS],
        destinationFqdns: [...new Set(regions.flatMap((region) => databricksSccRelays(region)))],
      },
      {
        name: 'Databricks-ApplicationRule-002',
        description: 'Databricks setup notebooks',
        protocols: [HTTP, HTTPS],
        destinationFqdns: ['archive.ubuntu.com', 'github.com', '*.maven.apache.org', 'conjars.org'],
      },
    ],
  };
}

const AZURE_APPLICATION_RULES: RuleCollection<ApplicationRule> = {
  name: 'Azure-ApplicationRules',
  priority: 20500,
  rules: [
    {
      name: 'Azure-ApplicationRule-001',
      description: 'Azure and Microsoft services for logging, metrics and more',
      protocols: [HTTP, HTTPS],
      destinationFqdns: ['microsoft.com', 'azure.com', 'windows.com', 'windows.net', 'azure-automation.net', 'digicert.com'].flatMap(domainAndSubdomains),
    },
  ],
};

const AZURE_DEVOPS_APPLICATION_RULES: RuleCollection<ApplicationRule> = {
  name: 'AzureDevOps-ApplicationRules',
  priority: 20600,
  rules: [
    {
      name: 'AzureDevOps-ApplicationRule-001',
      description: 'Azure DevOps agent extension packages',
      protocols: [HTTPS],
      destinationFqdns: [...domainAndSubdomains('snapcraft.io'), 'vstsagentpackage.azureedge.net'],
    },
  ],
};

/** The network rule collections, by ascending priority (the same in every region). */
export const NETWORK_RULE_COLLECTIONS: readonly RuleCollection<NetworkRule>[] = [
  MACHINE_LEARNING_NETWORK_RULES,
  HDINSIGHT_NETWORK_RULES,
  DATABRICKS_NETWORK_RULES,
  AZURE_NETWORK_RULES,
  AZURE_DEVOPS_NETWORK_RULES,
];

/** The application rule collections for an estate using `regions` (its own first), by ascending priority. */
export function applicationRuleCollections(regions: readonly string[]): readonly RuleCollection<ApplicationRule>[] {
  return [
    MACHINE_LEARNING_APPLICATION_RULES,
    HDINSIGHT_APPLICATION_RULES,
    DATA_FACTORY_APPLICATION_RULES,
    databricksApplicationRules(regions),
    AZURE_APPLICATION_RULES,
    AZURE_DEVOPS_APPLICATION_RULES,
  ];
}

/** The rule collection groups for an estate using `regions` (its own first). */
export function firewallRules(regions: readonly string[]): FirewallRules {
  return {
    network: { priority: 10000, collections: NETWORK_RULE_COLLECTIONS },
    application: { priority: 20000, collections: applicationRuleCollections(regions) },
  };
}
