import { readFileSync } from 'fs';
import * as path from 'path';
import { COMMITTED_SCHEMAS_DIR } from '../tools/offline-provider/plan-runner';
import { all } from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

/**
 * Every argument of every resource, data source and provider block in the synthesized
 * stacks of both shipped estates is checked against the provider schema the stacks pin
 * (azurerm 4.55.0): deprecated arguments and blocks fail (they disappear in the next major
 * version), and so do arguments the schema does not know (typos, 3.x names).
 */

interface SchemaAttribute {
  readonly deprecated?: boolean;
}
interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock & { readonly deprecated?: boolean } }>;
  readonly deprecated?: boolean;
}
interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

/** The committed schema data: trimmed to the types the project synthesizes (npm run schemas:trim), every argument and flag of those kept. */
const SCHEMAS = COMMITTED_SCHEMAS_DIR;
const loadSchema = (file: string, source: string): ProviderSchema => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')).provider_schemas[source];
const PROVIDERS: Record<string, ProviderSchema> = {
  azurerm: loadSchema('azurerm-4.55.0.json', 'registry.terraform.io/hashicorp/azurerm'),
  random: loadSchema('random-3.7.2.json', 'registry.terraform.io/hashicorp/random'),
};

/** Terraform meta-arguments and cdktf's metadata: not provider arguments. */
const META = new Set(['//', 'count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'alias']);

/** Problems of one configuration body against its schema block, as `<address>.<argument path>: <problem>`. */
function schemaProblems(address: string, body: Record<string, unknown>, block: SchemaBlock): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    const where = `${address}.${key}`;
    const attribute = block.attributes?.[key];
    const nested = block.block_types?.[key];
    if (attribute) {
      if (attribute.deprecated) problems.push(`${where}: deprecated argument`);
    } else if (nested) {
      if (nested.block.deprecated) problems.push(`${where}: deprecated block`);
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (item && typeof item === 'object') {
          problems.push(...schemaProblems(Array.isArray(value) ? `${where}[${i}]` : where, item as Record<string, unknown>, nested.block));
        }
      });
    } else {
      problems.push(`${where}: not in the provider schema`);
    }
  }
  return problems;
}

function providerOf(type: string): ProviderSchema | undefined {
  return PROVIDERS[type.split('_')[0]];
}

/** Every problem in one synthesized stack. */
function stackProblems(stackName: string, stack: StackJson): string[] {
  const problems: string[] = [];
  for (const [kind, schemasOf] of [
    ['resource', 'resource_schemas'],
    ['data', 'data_source_schemas'],
  ] as const) {
    for (const [type, byName] of Object.entries(stack[kind] ?? {})) {
      if (type === 'terraform_remote_state') continue; // built into Terraform
      const schema = providerOf(type)?.[schemasOf][type];
      for (const [name, body] of Object.entries(byName)) {
        const address = `${stackName}:${kind === 'data' ? 'data.' : ''}${type}.${name}`;
        if (!schema) problems.push(`${address}: no schema for ${type}`);
        else problems.push(...schemaProblems(address, body, schema.block));
      }
    }
  }
  for (const [provider, configs] of Object.entries(stack.provider ?? {})) {
    const schema = PROVIDERS[provider];
    configs.forEach((config, i) => {
      const address = `${stackName}:provider.${provider}[${i}]`;
      if (!schema) problems.push(`${address}: no schema for provider ${provider}`);
      else problems.push(...schemaProblems(address, config, schema.provider.block));
    });
  }
  return problems;
}

describe.each(['relecloud', 'adatum', 'fabrikam', 'relecloud-avnm'] as const)('estates/%s.yaml against the azurerm 4.55.0 schema', (name) => {
  // relecloud-avnm: relecloud with network.topology avnm (Virtual Network Manager instead of peerings).
  const estate = loadShippedEstate(name === 'relecloud-avnm' ? 'relecloud' : name);
  if (name === 'relecloud-avnm') estate.network = { ...estate.network, topology: 'avnm' };
  // Root collection admins switch on the optional operator output; cover that path too.
  estate.managementZone.purview = { rootCollectionAdmins: ['11111111-1111-1111-1111-111111111111'] };
  const { stacks } = synth(estate);

  it.each(Object.keys(stacks))('stack %s uses no deprecated or unknown argument', (stack) => {
    expect(stackProblems(stack, stacks[stack])).toEqual([]);
  });

  it('checks every resource of every stack (the walk is not vacuous)', () => {
    const count = Object.values(stacks).reduce((n, s) => n + all(s).length, 0);
    expect(count).toBeGreaterThan(150);
  });
});

describe('the schema check', () => {
  const keyVault = PROVIDERS.azurerm.resource_schemas['azurerm_key_vault'].block;
  const diagnostics = PROVIDERS.azurerm.resource_schemas['azurerm_monitor_diagnostic_setting'].block;

  it('fails on a deprecated argument, naming the resource address and the argument', () => {
    expect(schemaProblems('dmlz:azurerm_key_vault.kv', { name: 'kv', enable_rbac_authorization: true }, keyVault)).toEqual([
      'dmlz:azurerm_key_vault.kv.enable_rbac_authorization: deprecated argument',
    ]);
  });

  it('fails on a deprecated block and on deprecated arguments inside nested blocks', () => {
    const body = { metric: [{ category: 'AllMetrics' }], enabled_log: [{ category_group: 'allLogs', retention_policy: { enabled: false } }] };
    expect(schemaProblems('dmlz:azurerm_monitor_diagnostic_setting.d', body, diagnostics)).toEqual([
      'dmlz:azurerm_monitor_diagnostic_setting.d.metric: deprecated block',
      'dmlz:azurerm_monitor_diagnostic_setting.d.enabled_log[0].retention_policy: deprecated block',
    ]);
  });

  it('fails on an argument the schema does not know', () => {
    expect(schemaProblems('dmlz:azurerm_key_vault.kv', { soft_delete_enabled: true }, keyVault)).toEqual([
      'dmlz:azurerm_key_vault.kv.soft_delete_enabled: not in the provider schema',
    ]);
  });

  it('passes current arguments and skips meta-arguments', () => {
    expect(schemaProblems('x', { rbac_authorization_enabled: true, lifecycle: { prevent_destroy: true }, '//': {}, depends_on: [] }, keyVault)).toEqual([]);
  });

  it('fails on a resource type the provider does not have', () => {
    expect(stackProblems('s', { resource: { azurerm_not_a_thing: { a: {} } } })).toEqual(['s:azurerm_not_a_thing.a: no schema for azurerm_not_a_thing']);
  });
});
