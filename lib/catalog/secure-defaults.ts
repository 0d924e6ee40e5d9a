import { LANDING_ZONE_SERVICES_DEFAULTS } from './defaults/landing-zone-services-rows';
import { LANDING_ZONE_STORAGE_DEFAULTS } from './defaults/landing-zone-storage-rows';
import { MANAGEMENT_ZONE_DEFAULTS } from './defaults/management-zone-rows';
import { DefaultRow, row } from './defaults/types';

export { SECURE_DEFAULTS } from './defaults/settings';
export { assignment, literal } from './defaults/types';
export type { DefaultRow, TerraformDefault } from './defaults/types';

/** The landing zone's last rows: role assignments, diagnostics and what holds for every stack. */
const LANDING_ZONE_ACCESS_DEFAULTS: readonly DefaultRow[] = [
  row(
    'Role assignments',
    'Purview',
    'Reader and Storage Blob Data Reader **on each of the four lakes**',
    'both on the whole landing zone subscription',
    'on the subscription Purview could read every other storage account and resource there too',
  ),
  row(
    'Role assignments',
    'Data Factory',
    'Storage Blob Data Contributor on the raw and enriched `data` containers; Contributor on the integration Databricks workspace (when on); **Key Vault Secrets User on `kvdi`**',
    'the first two',
    "without it the factory's Key Vault linked service reads nothing",
  ),
  row('Role assignments', 'Synapse', 'Storage Blob Data Contributor on the workspace `data` container', 'same', ''),
  row(
    'Role assignments',
    'shape',
    'subscription-scoped role definition id, `principal_type = ServicePrincipal`, never on a subscription or resource group',
    'role GUID',
    'no perpetual diff; no directory lookup while a new identity replicates',
  ),
  row(
    'Diagnostics',
    'targets',
    'each lake (account: `Transaction` metrics; blob service: all logs and `Transaction`), both vaults, both databases (all logs; `Basic`, `InstanceAndAppAdvanced`, `WorkloadManagement`), SQL audit (master), Databricks (all logs; no metrics exist), Data Factory, Synapse, Event Hub, the virtual network, the NSGs (all logs; no metrics exist)',
    'none (policy guidance only)',
    "every log from day one, in the management zone's workspace",
  ),
  row(
    'All',
    'secrets',
    'no password, key, token or connection string in any stack (tested over every stack of both estates and of variants with every optional service on)',
    '`administratorPassword` parameter, SHIR auth key in a VM extension',
    '',
  ),
  row('All', 'deprecated arguments', 'none (tested against the azurerm {{azurerm-version}} schema)', '', ''),
];

/**
 * The README's two "Default settings (the security contract)" tables, by the name of the
 * generated block that shows each (`<!-- generated:defaults-<name> -->`).
 */
export const DEFAULT_TABLES: Readonly<Record<'management-zone' | 'landing-zone', readonly DefaultRow[]>> = {
  'management-zone': MANAGEMENT_ZONE_DEFAULTS,
  'landing-zone': [...LANDING_ZONE_STORAGE_DEFAULTS, ...LANDING_ZONE_SERVICES_DEFAULTS, ...LANDING_ZONE_ACCESS_DEFAULTS],
};

const HEADER = ['resource', 'setting', 'value', 'reference', 'why ours differs'];

/**
 * A table as Markdown. `{{name}}` in a cell is replaced by `facts[name]` (figures only a run
 * knows, such as the provider version); a placeholder without a fact is an error.
 */
export function renderDefaultsTable(rows: readonly DefaultRow[], facts: Readonly<Record<string, string>> = {}): string {
  const line = (cells: readonly string[]) => `|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`;
  const fill = (cell: string) =>
    cell.replace(/\{\{([a-z0-9-]+)\}\}/g, (_all, name: string) => {
      if (!Object.hasOwn(facts, name)) throw new Error(`default settings: no value for {{${name}}}`);
      return facts[name];
    });
  const body = rows.map((r) => line([r.resource, r.setting, r.value, r.reference, r.why].map(fill)));
  return [line(HEADER), '|---|---|---|---|---|', ...body].join('\n');
}
