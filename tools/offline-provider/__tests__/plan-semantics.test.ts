import { decodeMsgpack, encodeMsgpack } from '../cty-msgpack';
import { conformanceError, CtyObject, CtyValue, isWhollyKnown, newObject, Unknown, UNKNOWN } from '../cty-value';
import { applyResourceChange, importedObject, planResourceChange, readWithPlaceholders } from '../plan-semantics';
import { validateConfig } from '../validate-config';
import { blockType, JsonSchema } from '../schema';

// A cut-down azurerm_virtual_network-like schema exercising every flag and nesting mode.
const VNET: JsonSchema = {
  version: 0,
  block: {
    attributes: {
      id: { type: 'string', optional: true, computed: true },
      name: { type: 'string', required: true },
      location: { type: 'string', required: true },
      resource_group_name: { type: 'string', required: true },
      address_space: { type: ['set', 'string'], optional: true },
      dns_servers: { type: ['list', 'string'], optional: true, computed: true },
      guid: { type: 'string', computed: true },
      flow_timeout_in_minutes: { type: 'number', optional: true },
      bgp_community: { type: 'string', optional: true, deprecated: true },
      secret_wo: { type: 'string', optional: true, write_only: true },
      tags: { type: ['map', 'string'], optional: true },
      principal_id: { type: 'string', computed: true },
      subnet: {
        type: ['set', ['object', { name: 'string', id: 'string' }]],
        optional: true,
        computed: true,
      },
      settings: {
        nested_type: {
          nesting_mode: 'list',
          attributes: {
            key: { type: 'string', required: true },
            resolved: { type: 'bool', computed: true },
          },
        },
        optional: true,
      },
    },
    block_types: {
      ddos_protection_plan: {
        nesting_mode: 'list',
        max_items: 1,
        block: {
          attributes: {
            id: { type: 'string', required: true },
            enable: { type: 'bool', required: true },
            effective: { type: 'bool', computed: true },
          },
        },
      },
      encryption: {
        nesting_mode: 'list',
        min_items: 1,
        max_items: 1,
        block: { attributes: { enforcement: { type: 'string', required: true }, key_version: { type: 'number', computed: true } } },
      },
      ip_pool: {
        nesting_mode: 'set',
        block: { attributes: { prefix: { type: 'string', required: true }, allocated: { type: ['list', 'string'], computed: true } } },
      },
      timeouts: {
        nesting_mode: 'single',
        block: { attributes: { create: { type: 'string', optional: true } } },
      },
    },
  },
};
const T = blockType(VNET.block);

/** A config object with every attribute present (null unless given), as Terraform sends it. */
function config(values: Record<string, CtyValue>): CtyObject {
  const out = newObject();
  for (const name of Object.keys((T as ['object', Record<string, unknown>])[1])) out[name] = null;
  out.encryption = [];
  out.ddos_protection_plan = [];
  out.ip_pool = [];
  return Object.assign(out, values);
}

const minimal = () =>
  config({
    name: 'vnet1',
    location: 'westeurope',
    resource_group_name: 'rg1',
    address_space: ['10.0.0.0/16'],
    encryption: [Object.assign(newObject(), { enforcement: 'AllowUnencrypted', key_version: null })],
  });

describe('validateConfig', () => {
  it('accepts a complete config', () => {
    expect(validateConfig(VNET, minimal())).toEqual([]);
  });

  it('reports required attributes whose value is null, with their path', () => {
    const diags = validateConfig(VNET, config({ ...minimal(), location: null }));
    expect(diags).toEqual([expect.objectContaining({ severity: 'ERROR', summary: 'Missing required argument', attribute: [{ attribute_name: 'location' }] })]);
  });

  it('does not treat unknown values as missing', () => {
    expect(validateConfig(VNET, config({ ...minimal(), location: UNKNOWN }))).toEqual([]);
  });

  it('reports block count violations and required attributes inside blocks', () => {
    const ddos = (enable: CtyValue) => Object.assign(newObject(), { id: 'p', enable, effective: null });
    const diags = validateConfig(VNET, config({ ...minimal(), encryption: [], ddos_protection_plan: [ddos(true), ddos(null)] }));
    expect(diags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'ERROR', summary: 'Insufficient encryption blocks', attribute: [{ attribute_name: 'encryption' }] }),
        expect.objectContaining({ severity: 'ERROR', summary: 'Too many ddos_protection_plan blocks' }),
        expect.objectContaining({
          severity: 'ERROR',
          summary: 'Missing required argument',
          attribute: [{ attribute_name: 'ddos_protection_plan' }, { element_key_int: 1 }, { attribute_name: 'enable' }],
        }),
      ]),
    );
    expect(diags).toHaveLength(3);
  });

  it('checks nested attribute objects', () => {
    const diags = validateConfig(VNET, config({ ...minimal(), settings: [Object.assign(newObject(), { key: null, resolved: null })] }));
    expect(diags).toEqual([expect.objectContaining({ attribute: [{ attribute_name: 'settings' }, { element_key_int: 0 }, { attribute_name: 'key' }] })]);
  });

  it('skips count checks for unknown block collections', () => {
    expect(validateConfig(VNET, config({ ...minimal(), encryption: UNKNOWN }))).toEqual([]);
  });

  it('warns about deprecated arguments that are set, and deprecated types', () => {
    const diags = validateConfig({ ...VNET, block: { ...VNET.block, deprecated: true } }, config({ ...minimal(), bgp_community: 'x' }), {
      what: 'resource type old_vnet',
    });
    expect(diags.map((d) => [d.severity, d.summary])).toEqual([
      ['WARNING', 'Deprecated'],
      ['WARNING', 'Argument is deprecated'],
    ]);
    expect(diags[0]!.detail).toContain('resource type old_vnet');
  });
});

describe('planResourceChange', () => {
  it('create: null computed attributes become unknown, recursively; config values stay', () => {
    const cfg = config({
      ...minimal(),
      dns_servers: ['1.1.1.1'],
      secret_wo: 'shh',
      ddos_protection_plan: [Object.assign(newObject(), { id: 'p', enable: true, effective: null })],
      ip_pool: [Object.assign(newObject(), { prefix: '10.1.0.0/24', allocated: null })],
    });
    const planned = planResourceChange(VNET, null, cfg, cfg) as CtyObject;
    expect(planned.id).toBeInstanceOf(Unknown);
    expect(planned.guid).toBeInstanceOf(Unknown);
    expect(planned.subnet).toBeInstanceOf(Unknown);
    expect(planned.dns_servers).toEqual(['1.1.1.1']); // optional+computed, set in config
    expect(planned.name).toBe('vnet1');
    expect(planned.flow_timeout_in_minutes).toBeNull(); // optional, not computed
    expect(planned.secret_wo).toBeNull(); // write-only never planned
    expect((planned.ddos_protection_plan as CtyObject[])[0]!.effective).toBeInstanceOf(Unknown);
    expect((planned.encryption as CtyObject[])[0]!.key_version).toBeInstanceOf(Unknown);
    expect((planned.ip_pool as CtyObject[])[0]!.allocated).toBeInstanceOf(Unknown);
    expect(planned.timeouts).toBeNull(); // absent single block stays absent
    expect(conformanceError(planned, T)).toBeUndefined();
    // and it survives the wire
    expect(decodeMsgpack(encodeMsgpack(planned, T), T)).toEqual(planned);
  });

  it('update: computed attributes not in config keep their prior value', () => {
    const cfg = minimal();
    const prior = applyResourceChange(VNET, planResourceChange(VNET, null, cfg, cfg), { typeName: 'azurerm_virtual_network' }) as CtyObject;
    const cfg2 = config({ ...cfg, tags: Object.assign(newObject(), { env: 'dev' }) });
    // Even when the proposed state lacks them (Terraform's normally carries them), the
    // prior computed values are kept rather than becoming unknown again.
    const planned = planResourceChange(VNET, prior, cfg2, cfg2) as CtyObject;
    expect(planned.id).toBe(prior.id);
    expect(planned.guid).toBe(prior.guid);
    expect(planned.tags).toEqual({ env: 'dev' });
    expect(isWhollyKnown(planned)).toBe(true);
  });

  it('delete: planned state is null', () => {
    expect(planResourceChange(VNET, minimal(), null, null)).toBeNull();
  });
});

describe('applyResourceChange', () => {
  it('fills unknowns with typed placeholders and keeps known values', () => {
    const cfg = config({ ...minimal(), settings: [Object.assign(newObject(), { key: 'k', resolved: null })] });
    const planned = planResourceChange(VNET, null, cfg, cfg);
    const state = applyResourceChange(VNET, planned, {
      typeName: 'azurerm_virtual_network',
      subscriptionId: '11111111-2222-3333-4444-555555555555',
    }) as CtyObject;
    expect(isWhollyKnown(state)).toBe(true);
    expect(state.id).toBe('/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg1/providers/offline/azurerm_virtual_network/vnet1');
    expect(state.guid).toBe('00000000-0000-0000-0000-000000000000'); // GUID-shaped attribute
    expect(state.principal_id).toBe('00000000-0000-0000-0000-000000000000');
    // computed collections get one placeholder element, so `subnet[0].id`-style references work
    expect(state.subnet).toEqual([{ name: 'offline-name', id: 'offline-id' }]);
    expect((state.encryption as CtyObject[])[0]).toEqual({ enforcement: 'AllowUnencrypted', key_version: 0 });
    expect((state.settings as CtyObject[])[0]).toEqual({ key: 'k', resolved: false });
    expect(state.name).toBe('vnet1');
    expect(conformanceError(state, T)).toBeUndefined();
  });

  it('names strings after their attribute and gives resource groups their Azure id', () => {
    const rg: JsonSchema = {
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          name: { type: 'string', required: true },
          fqdn: { type: 'string', computed: true },
          private_ip_address: { type: 'string', computed: true },
        },
      },
    };
    const planned = Object.assign(newObject(), { id: UNKNOWN, name: 'rg1', fqdn: UNKNOWN, private_ip_address: UNKNOWN });
    const state = applyResourceChange(rg, planned, { typeName: 'azurerm_resource_group' }) as CtyObject;
    expect(state).toEqual({
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1',
      name: 'rg1',
      fqdn: 'offline-fqdn',
      private_ip_address: '192.0.2.1',
    });
  });

  it('destroy stays null', () => {
    expect(applyResourceChange(VNET, null, { typeName: 'azurerm_virtual_network' })).toBeNull();
  });
});

describe('readWithPlaceholders (data sources)', () => {
  it('fills computed attributes that are null or unknown, keeps arguments', () => {
    const ds: JsonSchema = {
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          name: { type: 'string', required: true },
          tenant_id: { type: 'string', computed: true },
          location: { type: 'string', optional: true, computed: true },
          sizes: { type: ['list', 'number'], computed: true },
        },
      },
    };
    const state = readWithPlaceholders(ds, Object.assign(newObject(), { id: null, name: 'kv', tenant_id: UNKNOWN, location: 'here', sizes: null }), {
      typeName: 'azurerm_key_vault',
    });
    expect(state).toEqual({ id: '/offline/azurerm_key_vault/kv', name: 'kv', tenant_id: '00000000-0000-0000-0000-000000000000', location: 'here', sizes: [0] });
  });
});

describe('importedObject (ImportResourceState)', () => {
  it('knows the id only: every other attribute null, nested blocks empty, and it encodes against the schema', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v';
    const imported = importedObject(VNET.block, id) as CtyObject;
    expect(imported.id).toBe(id);
    expect(Object.entries(imported).filter(([name, v]) => name !== 'id' && v !== null && !(Array.isArray(v) && v.length === 0))).toEqual([]);
    const type = blockType(VNET.block);
    expect(conformanceError(imported, type)).toBeUndefined();
    expect(decodeMsgpack(encodeMsgpack(imported, type), type)).toEqual(imported);
    // Planned against a configuration, it is an update of what the import read, never a create.
    const config = { ...imported, id: null, name: 'v', location: 'westeurope', resource_group_name: 'rg' } as CtyObject;
    const planned = planResourceChange(VNET, imported, { ...config, id }, config) as CtyObject;
    expect(planned.id).toBe(id);
  });
});
