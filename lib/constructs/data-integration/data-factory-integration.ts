import { Construct } from 'constructs';
import { DataIntegrationNames } from '../../naming/item-names';
import { DedicatedDataFactory } from '../data-items/dedicated-data-factory';
import { DataItemContext, ItemIdentity, itemEndpoint } from '../data-items/item-context';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { Grant } from '../shared/grants';
import { PrivateKeyVault } from '../shared/key-vault';

export interface DataFactoryIntegrationProps {
  readonly names: Extract<DataIntegrationNames, { readonly engine: 'data-factory' }>;
  readonly context: DataItemContext;
  readonly identity: ItemIdentity;
}

/**
 * Engine `data-factory`: the data product batch template as the integration's dedicated
 * deployment (reference section C, as Relecloud's cloud accounts): a private Data
 * Factory whose managed virtual network reaches the raw and enriched lakes, the
 * integration's Key Vault (source system credentials) and Purview, and the vault itself.
 */
export class DataFactoryIntegration extends Construct {
  readonly keyVault: PrivateKeyVault;
  readonly dataFactory: DedicatedDataFactory;
  readonly grants: Readonly<Record<string, Grant>>;

  constructor(scope: Construct, id: string, props: DataFactoryIntegrationProps) {
    super(scope, id);
    const { names, context } = props;
    this.keyVault = new PrivateKeyVault(this, 'key-vault', {
      name: names.keyVault.name,
      resourceGroupName: context.resourceGroupName,
      location: context.location,
      tenantId: context.tenantId,
      privateEndpoint: itemEndpoint(context, names.keyVault.privateEndpoint, 'privatelink.vaultcore.azure.net'),
    });
    new DiagnosticSettings(this, 'key-vault-diagnostics', { ...context.diagnostics, targetResourceId: this.keyVault.vault.id });

    this.dataFactory = new DedicatedDataFactory(this, 'data-factory', {
      names: names.dataFactory,
      context,
      identity: props.identity,
      targets: {
        raw_dfs: { id: context.lakeIds.raw, subresource: 'dfs' },
        enriched_dfs: { id: context.lakeIds.enriched, subresource: 'dfs' },
        vault: { id: this.keyVault.vault.id, subresource: 'vault' },
      },
    });
    // Pipelines read source credentials as the integration (Key Vault linked service through the credential).
    this.grants = { 'vault-secrets': { role: 'Key Vault Secrets User', principalId: props.identity.principalId, scope: this.keyVault.vault.id } };
  }
}
