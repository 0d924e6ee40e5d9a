import { PRODUCT_TAG, SET, tf, UNSET } from './types';

/**
 * The values the constructs apply and the README's default-settings tables state, keyed by
 * resource and setting: `SECURE_DEFAULTS.storage.sharedAccessKeyEnabled.value === false`.
 * Change a value here and the stacks, the README (`npm run docs:readme`) and the check
 * against a synth (__tests__/secure-defaults.test.ts) follow.
 */
export const SECURE_DEFAULTS = {
  /**
   * Every storage account: the lakes and the data products' Azure ML storage (DataLake); the
   * ML storage differs in shared keys only (`machineLearning`).
   */
  storage: {
    accountKind: tf('azurerm_storage_account', 'account_kind', 'StorageV2'),
    accountTier: tf('azurerm_storage_account', 'account_tier', 'Standard'),
    accessTier: tf('azurerm_storage_account', 'access_tier', 'Hot'),
    /** The zones' accounts (the lakes); a data product's Azure ML storage keeps keys (`machineLearning.storageSharedAccessKeyEnabled`). */
    sharedAccessKeyEnabled: tf('azurerm_storage_account', 'shared_access_key_enabled', false, { [PRODUCT_TAG]: UNSET }),
    defaultToOauthAuthentication: tf('azurerm_storage_account', 'default_to_oauth_authentication', true),
    localUserAndSftpEnabled: tf('azurerm_storage_account', ['local_user_enabled', 'sftp_enabled'], false),
    /** From selected networks only (default Deny, no IP or subnet rules): resource-instance rules need it (DataLake `storageNetworkAccess`). */
    publicNetworkAccessEnabled: tf('azurerm_storage_account', 'public_network_access_enabled', true),
    allowNestedItemsToBePublic: tf('azurerm_storage_account', 'allow_nested_items_to_be_public', false),
    minTlsVersion: tf('azurerm_storage_account', 'min_tls_version', 'TLS1_2'),
    httpsTrafficOnlyEnabled: tf('azurerm_storage_account', 'https_traffic_only_enabled', true),
    networkDefaultAction: tf('azurerm_storage_account', 'network_rules.default_action', 'Deny'),
    networkBypass: tf('azurerm_storage_account', 'network_rules.bypass', ['Metrics']),
    networkIpAndSubnetRules: tf('azurerm_storage_account', ['network_rules.ip_rules', 'network_rules.virtual_network_subnet_ids'], []),
    allowedCopyScope: tf('azurerm_storage_account', 'allowed_copy_scope', 'AAD'),
    crossTenantReplicationEnabled: tf('azurerm_storage_account', 'cross_tenant_replication_enabled', false),
    infrastructureEncryptionEnabled: tf('azurerm_storage_account', 'infrastructure_encryption_enabled', true),
    identity: tf('azurerm_storage_account', 'identity.type', 'SystemAssigned'),
    /** Days deleted containers, and deleted blobs, can be restored. */
    softDeleteDays: tf(
      'azurerm_storage_account',
      ['blob_properties.container_delete_retention_policy.days', 'blob_properties.delete_retention_policy.days'],
      7,
    ),
    /** Days after which block blobs (since modification), snapshots and versions (since creation) move to cool. */
    coolAfterDays: tf(
      'azurerm_storage_management_policy',
      [
        'rule.actions.base_blob.tier_to_cool_after_days_since_modification_greater_than',
        'rule.actions.snapshot.change_tier_to_cool_after_days_since_creation',
        'rule.actions.version.change_tier_to_cool_after_days_since_creation',
      ],
      90,
    ),
    containerAccessType: tf('azurerm_storage_container', 'container_access_type', 'private'),
    preventDestroy: tf('azurerm_storage_account', 'lifecycle.prevent_destroy', true),
  },
  /** Every Key Vault (PrivateKeyVault), in every zone. */
  keyVault: {
    rbacAuthorizationEnabled: tf('azurerm_key_vault', 'rbac_authorization_enabled', true),
    purgeProtectionEnabled: tf('azurerm_key_vault', 'purge_protection_enabled', true),
    /** Days a deleted vault (and its secrets) can be recovered; with purge protection the name stays taken that long. */
    softDeleteRetentionDays: tf('azurerm_key_vault', 'soft_delete_retention_days', 90),
    publicNetworkAccessEnabled: tf('azurerm_key_vault', 'public_network_access_enabled', false),
    networkDefaultAction: tf('azurerm_key_vault', 'network_acls.default_action', 'Deny'),
    networkBypass: tf('azurerm_key_vault', 'network_acls.bypass', 'AzureServices'),
    networkIpAndSubnetRules: tf('azurerm_key_vault', ['network_acls.ip_rules', 'network_acls.virtual_network_subnet_ids'], []),
    enabledForDeploymentDiskEncryptionTemplates: tf(
      'azurerm_key_vault',
      ['enabled_for_deployment', 'enabled_for_disk_encryption', 'enabled_for_template_deployment'],
      false,
    ),
    preventDestroy: tf('azurerm_key_vault', 'lifecycle.prevent_destroy', true),
  },
  /**
   * The management zone's container registry, and the data products' Azure ML registries
   * (ManagementContainerRegistry) but for quarantine (`machineLearning`).
   */
  containerRegistry: {
    sku: tf('azurerm_container_registry', 'sku', 'Premium'),
    adminEnabled: tf('azurerm_container_registry', 'admin_enabled', false),
    anonymousPullEnabled: tf('azurerm_container_registry', 'anonymous_pull_enabled', false),
    publicNetworkAccessEnabled: tf('azurerm_container_registry', 'public_network_access_enabled', false),
    networkDefaultAction: tf('azurerm_container_registry', 'network_rule_set.default_action', 'Deny'),
    networkRuleBypassOption: tf('azurerm_container_registry', 'network_rule_bypass_option', 'None'),
    exportPolicyEnabled: tf('azurerm_container_registry', 'export_policy_enabled', false),
    /** The management zone's registry; a data product's Azure ML registry has it off (`machineLearning.registryQuarantinePolicyEnabled`). */
    quarantinePolicyEnabled: tf('azurerm_container_registry', 'quarantine_policy_enabled', true, { [PRODUCT_TAG]: UNSET }),
    /** Days untagged manifests are kept before they are purged. */
    untaggedRetentionDays: tf('azurerm_container_registry', 'retention_policy_in_days', 7),
    trustPolicyEnabled: tf('azurerm_container_registry', 'trust_policy_enabled', false),
    identity: tf('azurerm_container_registry', 'identity.type', 'SystemAssigned'),
    preventDestroy: tf('azurerm_container_registry', 'lifecycle.prevent_destroy', true),
  },
  /**
   * Where a data product's Azure ML workspace (the analytics template) needs its storage
   * account and container registry to differ from the zones' (the only storage account and
   * registry a data product has; docs/data-products.md).
   */
  machineLearning: {
    /**
     * Shared keys on: the workspace's default datastores use the account key unless its
     * `systemDatastoresAuthMode` is `identity`, which azurerm cannot set
     * (hashicorp/terraform-provider-azurerm#22150). Rule CSA-ST-002 is suppressed on this account.
     */
    storageSharedAccessKeyEnabled: tf('azurerm_storage_account', 'shared_access_key_enabled', true, { [PRODUCT_TAG]: SET }),
    /** Quarantine off: Azure ML pulls the images it builds at once and no scanner of the estate releases them (rule CSA-CR-005). */
    registryQuarantinePolicyEnabled: tf('azurerm_container_registry', 'quarantine_policy_enabled', false, { [PRODUCT_TAG]: SET }),
  },
  purview: {
    publicNetworkEnabled: tf('azurerm_purview_account', 'public_network_enabled', false),
    identity: tf('azurerm_purview_account', 'identity.type', 'SystemAssigned'),
    managedEventHubEnabled: tf('azurerm_purview_account', 'managed_event_hub_enabled', true),
    preventDestroy: tf('azurerm_purview_account', 'lifecycle.prevent_destroy', true),
  },
  /** The management zone's central workspace. */
  logAnalytics: {
    sku: tf('azurerm_log_analytics_workspace', 'sku', 'PerGB2018'),
    retentionInDays: tf('azurerm_log_analytics_workspace', 'retention_in_days', 120),
    localAuthenticationEnabled: tf('azurerm_log_analytics_workspace', 'local_authentication_enabled', false),
    internetIngestionEnabled: tf('azurerm_log_analytics_workspace', 'internet_ingestion_enabled', false),
    internetQueryEnabled: tf('azurerm_log_analytics_workspace', 'internet_query_enabled', true),
  },
  /** The hub firewall and its policy. */
  firewall: {
    /** The estate's `firewall.tier` when the estate file does not set it. */
    tier: tf('azurerm_firewall', 'sku_tier', 'Premium'),
    threatIntelligenceMode: tf('azurerm_firewall_policy', 'threat_intelligence_mode', 'Deny'),
    dnsProxyEnabled: tf('azurerm_firewall_policy', 'dns.proxy_enabled', true),
    /** IDPS, on the Premium tier only. */
    intrusionDetectionMode: tf('azurerm_firewall_policy', 'intrusion_detection.mode', 'Deny', { sku: 'Premium' }),
  },
  /** Every SQL server (the landing zone's metadata server and every product's). */
  sqlServer: {
    azureadAuthenticationOnly: tf('azurerm_mssql_server', 'azuread_administrator.azuread_authentication_only', true),
    publicNetworkAccessEnabled: tf('azurerm_mssql_server', 'public_network_access_enabled', false),
    outboundNetworkRestrictionEnabled: tf('azurerm_mssql_server', 'outbound_network_restriction_enabled', true),
    minimumTlsVersion: tf('azurerm_mssql_server', 'minimum_tls_version', '1.2'),
    identity: tf('azurerm_mssql_server', 'identity.type', 'SystemAssigned'),
    auditToLogAnalytics: tf('azurerm_mssql_server_extended_auditing_policy', ['enabled', 'log_monitoring_enabled'], true),
    preventDestroy: tf('azurerm_mssql_server', 'lifecycle.prevent_destroy', true),
  },
  /** Every SQL database; the SKUs are the landing zone metastores'. */
  sqlDatabase: {
    collation: tf('azurerm_mssql_database', 'collation', 'SQL_Latin1_General_CP1_CI_AS'),
    /** Geo-redundant backups. */
    backupStorage: tf('azurerm_mssql_database', 'storage_account_type', 'Geo'),
    adfMetastoreSku: tf('azurerm_mssql_database', 'sku_name', 'Basic', { name: 'AdfMetastoreDb' }),
    hiveMetastoreSku: tf('azurerm_mssql_database', 'sku_name', 'S1', { name: 'HiveMetastoreDb' }),
    preventDestroy: tf('azurerm_mssql_database', 'lifecycle.prevent_destroy', true),
  },
  /** Every Event Hub namespace (the shared integration one and streaming products'). */
  eventHub: {
    sku: tf('azurerm_eventhub_namespace', 'sku', 'Standard'),
    /** Throughput units. */
    capacity: tf('azurerm_eventhub_namespace', 'capacity', 1),
    autoInflateEnabled: tf('azurerm_eventhub_namespace', 'auto_inflate_enabled', false),
    localAuthenticationEnabled: tf('azurerm_eventhub_namespace', 'local_authentication_enabled', false),
    publicNetworkAccessEnabled: tf('azurerm_eventhub_namespace', ['public_network_access_enabled', 'network_rulesets.public_network_access_enabled'], false),
    networkDefaultAction: tf('azurerm_eventhub_namespace', 'network_rulesets.default_action', 'Deny'),
    trustedServiceAccessEnabled: tf('azurerm_eventhub_namespace', 'network_rulesets.trusted_service_access_enabled', false),
    minimumTlsVersion: tf('azurerm_eventhub_namespace', 'minimum_tls_version', '1.2'),
    preventDestroy: tf('azurerm_eventhub_namespace', 'lifecycle.prevent_destroy', true),
  },
  /** The landing zone's shared Databricks workspaces. */
  databricks: {
    sku: tf('azurerm_databricks_workspace', 'sku', 'premium'),
    noPublicIp: tf('azurerm_databricks_workspace', 'custom_parameters.no_public_ip', true),
    networkSecurityGroupRulesRequired: tf('azurerm_databricks_workspace', 'network_security_group_rules_required', 'NoAzureDatabricksRules'),
    /** Private front end: the management zone's web-auth workspace holds the region's `browser_authentication` endpoint. */
    publicNetworkAccessEnabled: tf('azurerm_databricks_workspace', 'public_network_access_enabled', false),
    infrastructureEncryptionEnabled: tf('azurerm_databricks_workspace', 'infrastructure_encryption_enabled', true),
    customerManagedKeyEnabled: tf('azurerm_databricks_workspace', 'customer_managed_key_enabled', true),
  },
  /** Every Data Factory (the integration and runtime factories and the items' own). */
  dataFactory: {
    publicNetworkEnabled: tf('azurerm_data_factory', 'public_network_enabled', false),
    managedVirtualNetworkEnabled: tf('azurerm_data_factory', 'managed_virtual_network_enabled', true),
    managedRuntimeInVirtualNetwork: tf('azurerm_data_factory_integration_runtime_azure', 'virtual_network_enabled', true),
  },
  /** The landing zone's shared Synapse workspace. */
  synapse: {
    managedVirtualNetworkEnabled: tf('azurerm_synapse_workspace', 'managed_virtual_network_enabled', true),
    dataExfiltrationProtectionEnabled: tf('azurerm_synapse_workspace', 'data_exfiltration_protection_enabled', true),
    publicNetworkAccessEnabled: tf('azurerm_synapse_workspace', 'public_network_access_enabled', false),
    azureadAuthenticationOnly: tf('azurerm_synapse_workspace', 'azuread_authentication_only', true),
    sqlIdentityControlEnabled: tf('azurerm_synapse_workspace', 'sql_identity_control_enabled', true),
  },
  /** Every private endpoint. */
  privateEndpoint: {
    autoApproved: tf('azurerm_private_endpoint', 'private_service_connection.is_manual_connection', false),
    dnsZoneGroupName: tf('azurerm_private_endpoint', 'private_dns_zone_group.name', 'default'),
  },
} as const;
