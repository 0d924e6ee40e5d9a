import { join } from 'path';
import { loadEstateFile, parseEstate, validateEstate } from '../lib/estate/load';
import { EstateProblem, EstateValidationError } from '../lib/util/problems';

/*
 * One test per validation rule of spec section 1. Each builds a broken estate by
 * mutating a fresh valid base (relecloud-like) and asserts the exact path and a
 * distinctive part of the message of the problem it produces.
 */

interface RawIntegration {
  name: string;
  sources: string[];
  engine: string;
  [key: string]: unknown;
}

interface RawProduct {
  name: string;
  template: string;
  engine?: string;
  serving?: string;
  inputs: string[];
  [key: string]: unknown;
}

interface RawZone {
  name: string;
  shortName?: string;
  subscriptionId: string;
  addressSpace?: string;
  sharedServices?: Record<string, unknown>;
  dataIntegrations: RawIntegration[];
  dataProducts: RawProduct[];
  [key: string]: unknown;
}

interface RawEstate {
  estate: string;
  environment: string;
  location: string;
  tags?: Record<string, string>;
  backend: Record<string, unknown>;
  network: { addressPool?: string; topology?: string; [key: string]: unknown };
  managementZone: { subscriptionId: string; addressSpace?: string; [key: string]: unknown };
  landingZones: RawZone[];
  [key: string]: unknown;
}

/** A fresh, valid estate shaped like estates/relecloud.yaml. */
function baseEstate(): RawEstate {
  return {
    estate: 'relecloud',
    environment: 'prod',
    location: 'westeurope',
    tags: { owner: 'data-platform-team', costCenter: '4711' },
    backend: { type: 'local' },
    network: { addressPool: '10.0.0.0/8', topology: 'peering' },
    managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001', addressSpace: '10.0.0.0/16' },
    landingZones: [
      {
        name: 'operations',
        shortName: 'ops',
        subscriptionId: '00000000-0000-0000-0000-000000000002',
        addressSpace: '10.1.0.0/16',
        dataIntegrations: [
          { name: 'telemetry', sources: ['cloud-service-telemetry'], engine: 'databricks' },
          { name: 'cloud-accounts', sources: ['cloud-account-management'], engine: 'data-factory' },
        ],
        dataProducts: [
          { name: 'cloud-service-recommender', template: 'analytics', serving: 'aks', inputs: ['telemetry', 'cloud-accounts'] },
          { name: 'recommender-revenue', template: 'batch', engine: 'synapse', inputs: ['cloud-service-recommender', 'billing/revenue-by-service'] },
        ],
      },
      {
        name: 'billing',
        subscriptionId: '00000000-0000-0000-0000-000000000003',
        addressSpace: '10.2.0.0/16',
        sharedServices: { databricks: false },
        dataIntegrations: [
          { name: 'customers', sources: ['customer-master-data'], engine: 'synapse' },
          { name: 'invoices', sources: ['invoice-history'], engine: 'synapse' },
        ],
        dataProducts: [{ name: 'revenue-by-service', template: 'batch', engine: 'synapse', inputs: ['invoices', 'operations/telemetry'] }],
      },
    ],
  };
}

/** The problems `fn` throws; fails the test when it does not throw an EstateValidationError. */
function problemsOf(fn: () => unknown): readonly EstateProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof EstateValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected an EstateValidationError, but the estate was accepted');
}

function problemsOfEstate(mutate: (e: RawEstate) => void): readonly EstateProblem[] {
  const e = baseEstate();
  mutate(e);
  return problemsOf(() => validateEstate(e));
}

/** Asserts exactly one problem, at `path`, whose message contains every fragment. */
function expectOnly(problems: readonly EstateProblem[], path: string, ...fragments: string[]): void {
  expect(problems).toHaveLength(1);
  expectProblem(problems, path, ...fragments);
}

/** Asserts some problem at `path` whose message contains every fragment. */
function expectProblem(problems: readonly EstateProblem[], path: string, ...fragments: string[]): void {
  const atPath = problems.filter((p) => p.path === path);
  expect(atPath.map((p) => p.path)).toContain(path);
  const match = atPath.find((p) => fragments.every((f) => p.message.includes(f)));
  if (!match) {
    throw new Error(`no problem at ${path} contains ${JSON.stringify(fragments)}; got:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

const AZURERM_BACKEND = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' };

describe('valid estates', () => {
  it('accepts the base estate', () => {
    const estate = validateEstate(baseEstate());
    expect(estate.landingZones.map((z) => z.name)).toEqual(['operations', 'billing']);
  });

  it('accepts the same estate as JSON text', () => {
    expect(parseEstate(JSON.stringify(baseEstate()), 'relecloud.json').landingZones).toHaveLength(2);
  });

  it.each(['relecloud.yaml', 'adatum.yaml'])('accepts the shipped estate %s', (file) => {
    expect(() => loadEstateFile(join(__dirname, '..', 'estates', file))).not.toThrow();
  });

  it('accepts an azurerm backend without credentials', () => {
    const e = baseEstate();
    e.backend = { ...AZURERM_BACKEND };
    // The estate's own folder in the container (state isolation, docs/state.md).
    expect(validateEstate(e).backend).toEqual({ ...AZURERM_BACKEND, keyPrefix: `${e.estate}/${e.environment}` });
  });
});

describe('schema rules', () => {
  it('fails when a required field is missing (top level)', () => {
    expectOnly(
      problemsOfEstate((e) => delete (e as Partial<RawEstate>).estate),
      'estate',
      'is required',
    );
  });

  it('fails when a required field is missing (nested)', () => {
    expectOnly(
      problemsOfEstate((e) => delete (e.landingZones[0] as Partial<RawZone>).subscriptionId),
      'landingZones[0].subscriptionId',
      'is required',
    );
  });

  it('fails when environment is missing, saying it is required and listing the allowed values', () => {
    expectOnly(
      problemsOfEstate((e) => delete (e as Partial<RawEstate>).environment),
      'environment',
      'is required; use one of "dev", "test", "prod"',
    );
  });

  it('fails when backend.type is missing, saying it is required', () => {
    expectProblem(
      problemsOfEstate((e) => (e.backend = { resourceGroupName: 'x' })),
      'backend.type',
      'is required; use one of "local", "azurerm"',
    );
  });

  it('fails when managementZone is missing', () => {
    expectOnly(
      problemsOfEstate((e) => delete (e as Partial<RawEstate>).managementZone),
      'managementZone',
      'is required',
    );
  });

  it('fails when a field has the wrong type (string for a list)', () => {
    expectOnly(
      problemsOfEstate((e) => {
        (e.landingZones[0].dataIntegrations[0] as Record<string, unknown>).sources = 'cloud-service-telemetry';
      }),
      'landingZones[0].dataIntegrations[0].sources',
      'must be a list, got "cloud-service-telemetry"',
    );
  });

  it('fails when a field has the wrong type (string for a boolean)', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].sharedServices = { databricks: false, synapse: 'yes' };
      }),
      'landingZones[1].sharedServices.synapse',
      'must be a boolean, got "yes"',
    );
  });

  it('fails when a list holds something other than a mapping', () => {
    expectProblem(
      problemsOfEstate((e) => {
        (e.landingZones as unknown[])[1] = null;
      }),
      'landingZones[1]',
      'must be a mapping, got null',
    );
  });

  it('fails when there is an unknown key at the top level, with a did-you-mean hint', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.enviroment = 'prod';
      }),
      'enviroment',
      'unknown key',
      '(did you mean "environment"?)',
      'allowed here: estate, environment, location',
    );
  });

  it('fails when there is an unknown nested key (sharedServices.databrics), with a did-you-mean hint', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].sharedServices = { databrics: false };
      }),
      'landingZones[1].sharedServices.databrics',
      'unknown key',
      '(did you mean "databricks"?)',
      'allowed here: databricks, dataFactory, synapse, eventHub, selfHostedIntegrationRuntime',
    );
  });

  it('fails when a data product has an unknown key (input for inputs)', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[0].input = ['telemetry'];
      }),
      'landingZones[0].dataProducts[0].input',
      '(did you mean "inputs"?)',
    );
  });

  it.each([
    ['Relecloud', 'uppercase'],
    ['relecloudcorp', 'longer than 10'],
    ['1cloud', 'starting with a digit'],
    ['r', 'one character'],
    ['rele-cloud', 'a hyphen'],
  ])('fails when the estate name is bad: %s (%s)', (name) => {
    expectOnly(
      problemsOfEstate((e) => {
        e.estate = name;
      }),
      'estate',
      `"${name}"`,
      'must be 2-10 characters of a-z and 0-9, starting with a letter',
    );
  });

  it('fails when the environment is not allowed, listing the allowed values', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.environment = 'production';
      }),
      'environment',
      '"production" is not allowed',
      'use one of "dev", "test", "prod"',
    );
  });

  it('fails when the region is unknown, suggesting the closest region', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.location = 'westeurop';
      }),
      'location',
      '"westeurop"',
      'is not an Azure region name',
      '(did you mean "westeurope"?)',
    );
  });

  it('fails when a subscription id is not a GUID', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.managementZone.subscriptionId = '00000000-0000-0000-0000-00000000000g';
      }),
      'managementZone.subscriptionId',
      'must be a GUID like 00000000-0000-0000-0000-000000000000',
    );
  });

  it('fails when an Entra object id in rootCollectionAdmins is not a GUID', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.managementZone.purview = { rootCollectionAdmins: ['alice@contoso.com'] };
      }),
      'managementZone.purview.rootCollectionAdmins[0]',
      'must be a GUID',
    );
  });

  it('fails when a CIDR has bad syntax', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].addressSpace = '10.1.0/16';
      }),
      'landingZones[0].addressSpace',
      '"10.1.0/16"',
      'is not an IPv4 CIDR block like 10.1.0.0/16',
    );
  });

  it('fails when a CIDR has an octet above 255', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].addressSpace = '10.300.0.0/16';
      }),
      'landingZones[0].addressSpace',
      'has an octet above 255',
    );
  });

  it('fails when a CIDR has host bits set, naming the network address', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].addressSpace = '10.1.2.0/16';
      }),
      'landingZones[0].addressSpace',
      '"10.1.2.0/16"',
      'has host bits set; the network address is 10.1.0.0/16',
    );
  });

  it('fails when the address pool is not a CIDR', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.network.addressPool = '10.0.0.0/33';
      }),
      'network.addressPool',
      'has a prefix length above 32',
    );
  });

  it('fails when a tag key contains "/", saying which characters tag names may not contain', () => {
    expectOnly(
      problemsOfEstate((e) => (e.tags = { 'a/b': 'x' })),
      'tags.a/b',
      'key "a/b"',
      'without < > % & \\ ? /',
    );
  });

  it('fails when the pool is invalid and two zones overlap, reporting both at once', () => {
    const problems = problemsOfEstate((e) => {
      e.network.addressPool = '10.0.0.0/33';
      e.landingZones[1].addressSpace = '10.1.0.0/16';
    });
    expectProblem(problems, 'network.addressPool', 'has a prefix length above 32');
    expectProblem(problems, 'landingZones[1].addressSpace', '10.1.0.0/16 overlaps landingZones[0].addressSpace 10.1.0.0/16');
  });

  it('fails when a shortName is not lowercase alphanumerics', () => {
    expectProblem(
      problemsOfEstate((e) => {
        e.landingZones[0].shortName = 'Ops';
      }),
      'landingZones[0].shortName',
      '"Ops"',
      'must be 1-12 characters of a-z and 0-9',
    );
  });

  it('fails when an integration names no source system', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataIntegrations[0].sources = [];
      }),
      'landingZones[0].dataIntegrations[0].sources',
      'at least one source system',
    );
  });

  it('fails when an integration engine is unknown, listing the engines', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataIntegrations[1].engine = 'datafactory';
      }),
      'landingZones[0].dataIntegrations[1].engine',
      '"datafactory" is not allowed; use one of "databricks", "data-factory", "synapse"',
      '(did you mean "data-factory"?)',
    );
  });
});

describe('zone and item names', () => {
  it('fails when two landing zones have the same name', () => {
    expectProblem(
      problemsOfEstate((e) => {
        e.landingZones.push({
          name: 'billing',
          shortName: 'bill2',
          subscriptionId: '00000000-0000-0000-0000-000000000004',
          dataIntegrations: [],
          dataProducts: [],
        });
      }),
      'landingZones[2].name',
      '"billing" is already the name of landingZones[1]; landing zone names must be unique',
    );
  });

  it("fails when two landing zones have the same name, without reporting the first zone's valid inputs as unknown", () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones.push({ name: 'billing', subscriptionId: '00000000-0000-0000-0000-000000000004', dataIntegrations: [], dataProducts: [] });
    });
    expectOnly(problems, 'landingZones[2].name', '"billing" is already the name of landingZones[1]');
  });

  it('fails when two data integrations in a zone have the same name', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataIntegrations.push({ name: 'telemetry', sources: ['other-telemetry'], engine: 'data-factory' });
      }),
      'landingZones[0].dataIntegrations[2].name',
      '"telemetry" is already used by landingZones[0].dataIntegrations[0]',
      'must be unique within a landing zone',
    );
  });

  it('fails when a data product has the name of an integration in its zone', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].dataProducts.push({ name: 'customers', template: 'batch', engine: 'synapse', inputs: ['invoices'] });
      }),
      'landingZones[1].dataProducts[1].name',
      '"customers" is already used by landingZones[1].dataIntegrations[0]',
    );
  });

  it('fails when two data products in a zone have the same name', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].dataProducts.push({ name: 'revenue-by-service', template: 'batch', engine: 'synapse', inputs: ['customers'] });
      }),
      'landingZones[1].dataProducts[1].name',
      '"revenue-by-service" is already used by landingZones[1].dataProducts[0]',
    );
  });

  it('accepts the same item name in two different zones', () => {
    const e = baseEstate();
    e.landingZones[1].dataIntegrations[0].name = 'telemetry';
    expect(() => validateEstate(e)).not.toThrow();
  });

  it('fails when a landing zone is named "dmlz" (reserved for the management zone)', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones.push({ name: 'dmlz', subscriptionId: '00000000-0000-0000-0000-000000000004', dataIntegrations: [], dataProducts: [] });
      }),
      'landingZones[2].name',
      '"dmlz"',
      'is reserved for the data management zone',
    );
  });

  it.each(['sales--eu', 'sales-'])('fails when a zone name contains "--" or ends with "-": %s', (name) => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones.push({ name, subscriptionId: '00000000-0000-0000-0000-000000000004', dataIntegrations: [], dataProducts: [] });
      }),
      'landingZones[2].name',
      `"${name}"`,
      'must not end with "-" or contain "--"',
    );
  });

  it.each(['Sales', 's', 'sales-europe-1', '1sales'])('fails when a zone name breaks the charset or length: %s', (name) => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones.push({ name, shortName: 'sales', subscriptionId: '00000000-0000-0000-0000-000000000004', dataIntegrations: [], dataProducts: [] });
      }),
      'landingZones[2].name',
      'must be 2-12 characters of a-z, 0-9 and "-", starting with a letter',
    );
  });

  it('fails when an item name ends with "-"', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[0].dataIntegrations.push({ name: 'crm-', sources: ['crm'], engine: 'data-factory' });
    });
    expectOnly(problems, 'landingZones[0].dataIntegrations[2].name', 'must not end with "-" or contain "--"');
  });
});

describe('inputs', () => {
  it('fails when an input names an unknown item of another zone, with a did-you-mean hint', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[1].inputs[1] = 'billing/revenue-by-servce';
      }),
      'landingZones[0].dataProducts[1].inputs[1]',
      'unknown data integration or data product "billing/revenue-by-servce"',
      '(did you mean "billing/revenue-by-service"?)',
    );
  });

  it('fails when an input names an unknown item of its own zone, with a did-you-mean hint', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[0].inputs[0] = 'telemetri';
      }),
      'landingZones[0].dataProducts[0].inputs[0]',
      'unknown data integration or data product "telemetri" (did you mean "telemetry"?)',
    );
  });

  it('fails when an input is a truncated name (billing/revenu), at the right path', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[1].inputs[1] = 'billing/revenu';
      }),
      'landingZones[0].dataProducts[1].inputs[1]',
      'unknown data integration or data product "billing/revenu"',
    );
  });

  it('fails when an input is "billing/revenu", suggesting "billing/revenue-by-service"', () => {
    expectOnly(
      problemsOfEstate((e) => (e.landingZones[0].dataProducts[1].inputs[1] = 'billing/revenu')),
      'landingZones[0].dataProducts[1].inputs[1]',
      'unknown data integration or data product "billing/revenu" (did you mean "billing/revenue-by-service"?)',
    );
  });

  it('names what the zone has when no name is close (a removed product still read), and the way out', () => {
    const problems = problemsOfEstate((e) => {
      // The product recommender-revenue reads is gone: the input names what the zone no longer has.
      e.landingZones[0].dataProducts[1].inputs[1] = 'billing/churn-forecast';
    });
    expectOnly(
      problems,
      'landingZones[0].dataProducts[1].inputs[1]',
      'unknown data integration or data product "billing/churn-forecast"; name one of "billing/customers", "billing/invoices", "billing/revenue-by-service", or remove this input',
    );
    expect(problems[0]!.message).not.toContain('did you mean');
    // In its own zone: every name but the product's own, which it cannot read.
    expectOnly(
      problemsOfEstate((e) => (e.landingZones[0].dataProducts[1].inputs[0] = 'churn-forecast')),
      'landingZones[0].dataProducts[1].inputs[0]',
      '"churn-forecast"; name one of "telemetry", "cloud-accounts", "cloud-service-recommender", or remove this input',
    );
  });

  it('says a zone has nothing to read, and lists at most 8 names of a large zone', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].dataIntegrations = [];
        e.landingZones[1].dataProducts = [];
        e.landingZones[0].dataProducts[1].inputs[1] = 'billing/revenue-by-service';
      }),
      'landingZones[0].dataProducts[1].inputs[1]',
      'unknown data integration or data product "billing/revenue-by-service"; landing zone "billing" has no data integration or data product: remove this input',
    );
    const problems = problemsOfEstate((e) => {
      for (let n = 0; n < 9; n++) e.landingZones[1].dataIntegrations.push({ name: `feed-${n}`, sources: [`feed-${n}`], engine: 'synapse' });
      e.landingZones[0].dataProducts[1].inputs[1] = 'billing/zzzzzzzz';
    });
    expectOnly(
      problems,
      'landingZones[0].dataProducts[1].inputs[1]',
      '"billing/customers", "billing/invoices", "billing/feed-0"',
      '"billing/feed-5" (and 4 more), or remove this input',
    );
  });

  it('fails when an input has more than one "/"', () => {
    expectOnly(
      problemsOfEstate((e) => (e.landingZones[0].dataProducts[1].inputs[1] = 'billing/revenue-by-service/extra')),
      'landingZones[0].dataProducts[1].inputs[1]',
      'must be "<name>" or "<zone>/<name>"',
    );
  });

  it('fails when an input names an unknown zone, suggesting the closest zone', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[1].inputs[1] = 'biling/revenue-by-service';
      }),
      'landingZones[0].dataProducts[1].inputs[1]',
      '"biling/revenue-by-service" names no landing zone "biling"',
      '(did you mean "billing/revenue-by-service"?)',
    );
  });

  it('fails when an input names a zone that does not exist at all', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[1].inputs[1] = 'finance/revenue-by-service';
      }),
      'landingZones[0].dataProducts[1].inputs[1]',
      'names no landing zone "finance"',
    );
  });

  it('fails when a product reads itself', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[1].inputs.push('recommender-revenue');
      }),
      'landingZones[0].dataProducts[1].inputs[2]',
      '"recommender-revenue" is the product itself',
    );
  });

  it('fails when a product reads itself through its zone-qualified name', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].dataProducts[0].inputs.push('billing/revenue-by-service');
      }),
      'landingZones[1].dataProducts[0].inputs[2]',
      'is the product itself',
    );
  });

  it('fails when inputs form a cycle (a -> b -> a), reported once', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[0].dataProducts[0].inputs.push('recommender-revenue');
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^inputs form a cycle: /);
    expect(problems[0].message).toContain('operations/cloud-service-recommender');
    expect(problems[0].message).toContain('operations/recommender-revenue');
    expect(['landingZones[0].dataProducts[0].inputs[2]', 'landingZones[0].dataProducts[1].inputs[0]']).toContain(problems[0].path);
  });

  it('fails when inputs form a cycle across zones, reported once', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[1].dataProducts[0].inputs.push('operations/recommender-revenue');
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('inputs form a cycle');
    expect(problems[0].message).toContain('operations/recommender-revenue');
    expect(problems[0].message).toContain('billing/revenue-by-service');
  });

  it('fails when three products form a cycle, reported once', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[1].dataProducts.push(
        { name: 'p1', template: 'batch', engine: 'synapse', inputs: ['p2'] },
        { name: 'p2', template: 'batch', engine: 'synapse', inputs: ['p3'] },
        { name: 'p3', template: 'batch', engine: 'synapse', inputs: ['p1'] },
      );
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/inputs form a cycle: billing\/p(\d) -> billing\/p\d -> billing\/p\d -> billing\/p\1;/);
  });

  it('accepts a diamond (two paths to the same input) as no cycle', () => {
    const e = baseEstate();
    e.landingZones[0].dataProducts.push({ name: 'diamond', template: 'batch', inputs: ['cloud-service-recommender', 'recommender-revenue', 'telemetry'] });
    expect(() => validateEstate(e)).not.toThrow();
  });
});

describe('templates and engines', () => {
  it('fails when serving is set on a non-analytics template', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].dataProducts[1].serving = 'aks';
      }),
      'landingZones[0].dataProducts[1].serving',
      'serving applies to the analytics template only, not "batch"',
    );
  });

  it('fails when an integration uses engine synapse while sharedServices.synapse is false', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[1].sharedServices = { databricks: false, synapse: false };
    });
    expectProblem(
      problems,
      'landingZones[1].dataIntegrations[0].engine',
      '"synapse" runs in the zone\'s shared synapse workspace',
      'landingZones[1].sharedServices.synapse is false',
    );
    expectProblem(problems, 'landingZones[1].dataProducts[0].engine', 'landingZones[1].sharedServices.synapse is false');
    expect(problems).toHaveLength(3);
  });

  it('fails when an integration uses engine databricks while sharedServices.databricks is false', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].dataIntegrations[0].engine = 'databricks';
      }),
      'landingZones[1].dataIntegrations[0].engine',
      '"databricks" runs in the zone\'s shared databricks workspace, but landingZones[1].sharedServices.databricks is false',
    );
  });

  it('fails when a streaming product relies on the default engine synapse while sharedServices.synapse is false', () => {
    const problems = problemsOfEstate((e) => {
      const billing = e.landingZones[1];
      billing.sharedServices = { databricks: false, synapse: false };
      for (const i of billing.dataIntegrations) i.engine = 'data-factory';
      billing.dataProducts = [{ name: 'revenue-by-service', template: 'streaming', inputs: ['invoices'] }];
    });
    expectOnly(
      problems,
      'landingZones[1].dataProducts[0].template',
      'the streaming template runs on "synapse" by default',
      'landingZones[1].sharedServices.synapse is false',
    );
  });
});

describe('address spaces', () => {
  it("fails when two zones' address spaces overlap, naming both paths and CIDRs", () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].addressSpace = '10.1.0.0/16';
      }),
      'landingZones[1].addressSpace',
      '10.1.0.0/16 overlaps landingZones[0].addressSpace 10.1.0.0/16',
    );
  });

  it("fails when a smaller space lies inside another zone's space", () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].addressSpace = '10.0.128.0/17';
      }),
      'landingZones[1].addressSpace',
      '10.0.128.0/17 overlaps managementZone.addressSpace 10.0.0.0/16',
    );
  });

  it('fails when an explicit space overlaps an earlier zone that was allocated from the pool', () => {
    expectOnly(
      problemsOfEstate((e) => {
        delete e.managementZone.addressSpace;
        e.landingZones[0].addressSpace = '10.0.0.0/16';
        e.landingZones[1].addressSpace = '10.5.0.0/16';
      }),
      'landingZones[0].addressSpace',
      '10.0.0.0/16 overlaps managementZone.addressSpace 10.0.0.0/16 (allocated from the pool',
    );
  });

  it('fails when an explicit address space lies outside an explicit pool', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[1].addressSpace = '192.168.0.0/16';
      }),
      'landingZones[1].addressSpace',
      '192.168.0.0/16 lies outside network.addressPool 10.0.0.0/8',
    );
  });

  it('fails when an explicit space lies outside the default pool, because the firewall only passes the pool', () => {
    const problems = problemsOfEstate((e) => {
      delete (e as Partial<RawEstate>).network;
      e.landingZones[1].addressSpace = '192.168.0.0/16';
    });
    expectOnly(problems, 'landingZones[1].addressSpace', '192.168.0.0/16 lies outside network.addressPool 10.0.0.0/8 (the default)', 'set network.addressPool');
  });

  it('accepts spaces outside 10.0.0.0/8 when the pool holds them', () => {
    const e = baseEstate();
    e.network.addressPool = '172.16.0.0/12';
    e.managementZone.addressSpace = '172.16.0.0/22';
    e.landingZones[0].addressSpace = '172.17.0.0/16';
    delete e.landingZones[1].addressSpace;
    expect(validateEstate(e).landingZones.map((z) => z.addressSpace)).toEqual(['172.17.0.0/16', '172.18.0.0/16']);
  });

  it('fails when the pool is exhausted', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.network.addressPool = '10.0.0.0/15';
        delete e.managementZone.addressSpace;
        for (const zone of e.landingZones) delete zone.addressSpace;
      }),
      'landingZones[1].addressSpace',
      'not set, and network.addressPool 10.0.0.0/15 has no free /16 left',
    );
  });

  it('fails when the pool is smaller than the /16 an unset zone is given', () => {
    const problems = problemsOfEstate((e) => {
      e.network.addressPool = '10.0.0.0/17';
      e.managementZone.addressSpace = '10.0.0.0/22';
      delete e.landingZones[0].addressSpace;
      e.landingZones[1].addressSpace = '10.0.16.0/20';
    });
    expectOnly(problems, 'landingZones[0].addressSpace', 'network.addressPool 10.0.0.0/17 is smaller than the /16 a zone is given');
  });

  it('fails when a landing zone is too small for its subnets, saying how many it needs', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.landingZones[0].addressSpace = '10.1.0.0/22';
      }),
      'landingZones[0].addressSpace',
      '10.1.0.0/22 holds 4 /24 subnets (1024 addresses) but the zone needs 12',
      'a /20',
    );
  });

  it('fails when the management zone is too small for its subnets', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.managementZone.addressSpace = '10.0.0.0/23';
      }),
      'managementZone.addressSpace',
      'holds 2 /24 subnets (512 addresses) but the zone needs 4',
    );
  });

  it('accepts a landing zone that is exactly as large as its subnets need', () => {
    const e = baseEstate();
    // 8 fixed slots + 2 integrations + 2 products = 12 /24s; a /20 holds 16.
    e.landingZones[0].addressSpace = '10.1.0.0/20';
    e.landingZones[0].dataIntegrations.push({ name: 'a1', sources: ['a'], engine: 'data-factory' }, { name: 'a2', sources: ['a'], engine: 'data-factory' });
    e.landingZones[0].dataProducts.push({ name: 'b1', template: 'batch', inputs: [] }, { name: 'b2', template: 'batch', inputs: [] });
    expect(() => validateEstate(e)).not.toThrow();
    e.landingZones[0].dataProducts.push({ name: 'b3', template: 'batch', inputs: [] });
    expectOnly(
      problemsOf(() => validateEstate(e)),
      'landingZones[0].addressSpace',
      'but the zone needs 17',
    );
  });
});

describe('derived names', () => {
  it('fails when a derived storage account name is too long, suggesting a shortName length', () => {
    const problems = problemsOfEstate((e) => {
      delete e.landingZones[0].shortName;
    });
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(['landingZones[0].name']));
    const work = problems.find((p) => p.message.includes('"relecloudoperationswork'));
    expect(work).toBeDefined();
    expect(work!.message).toMatch(/^derived storageAccount name "relecloudoperationswork[0-9a-z]{4}" is 27 characters; storageAccount names must be 3-24; /);
    expect(work!.message).toContain('set landingZones[0].shortName to at most 7 characters');
  });

  it('fails when a shortName is still too long, blaming the shortName', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[0].shortName = 'operatio';
    });
    expectProblem(problems, 'landingZones[0].shortName', 'derived storageAccount name "relecloudoperatiowork', 'is 25 characters', 'at most 7 characters');
  });

  it('accepts the zone once shortName is as short as the tightest suggestion', () => {
    const problems = problemsOfEstate((e) => {
      delete e.landingZones[0].shortName;
    });
    const limits = problems.map((p) => Number(/at most (\d+) characters/.exec(p.message)?.[1]));
    const limit = Math.min(...limits);
    expect(limit).toBe(7);
    const e = baseEstate();
    e.landingZones[0].shortName = 'operations'.slice(0, limit);
    expect(() => validateEstate(e)).not.toThrow();
    e.landingZones[0].shortName = 'ops';
    const storage = validateEstate(e).landingZones[0].names.storageAccounts;
    expect(storage.raw).toMatch(/^relecloudopsraw[0-9a-z]{4}$/);
  });

  it('fails when derived names are too long with suggestions that each fix every name of the zone', () => {
    const problems = problemsOfEstate((e) => {
      delete e.landingZones[0].shortName;
    });
    const limits = new Set(problems.map((p) => Number(/shortName to at most (\d+) characters/.exec(p.message)?.[1])));
    expect(limits.size).toBeGreaterThan(0);
    for (const limit of limits) {
      const e = baseEstate();
      e.landingZones[0].shortName = 'operations'.slice(0, limit);
      expect(() => validateEstate(e)).not.toThrow();
    }
  });

  it("fails when two zones' shortNames make the same globally unique names", () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones[1].shortName = 'ops';
    });
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.path).toBe('landingZones[1].shortName');
      expect(p.message).toMatch(/^derived storageAccount name "relecloudops(raw|enr|work|ext)[0-9a-z]{4}" is also derived for landingZones\[0\]/);
      expect(p.message).toContain('give one of the zones another shortName');
    }
  });

  it('fails when two zone names differ only by hyphens (same zone code)', () => {
    const problems = problemsOfEstate((e) => {
      e.landingZones.push(
        { name: 'sales-eu', subscriptionId: '00000000-0000-0000-0000-000000000004', dataIntegrations: [], dataProducts: [] },
        { name: 'saleseu', subscriptionId: '00000000-0000-0000-0000-000000000004', dataIntegrations: [], dataProducts: [] },
      );
    });
    expectProblem(problems, 'landingZones[3].shortName', 'derived storageAccount name "relecloudsaleseuraw', 'is also derived for landingZones[2]');
  });
});

describe('tags and backend', () => {
  it.each(['estate', 'environment', 'zone', 'managed-by'])('fails when a reserved tag key is set: %s', (key) => {
    expectOnly(
      problemsOfEstate((e) => {
        e.tags = { [key]: 'mine' };
      }),
      `tags.${key}`,
      'synthesizer',
      'choose another tag name',
    );
  });

  it.each(['accessKey', 'sasToken', 'clientSecret'])('fails when an azurerm backend carries a credential: %s', (key) => {
    expectOnly(
      problemsOfEstate((e) => {
        e.backend = { ...AZURERM_BACKEND, [key]: 'c2VjcmV0' };
      }),
      `backend.${key}`,
      'credentials are not accepted',
      'Entra ID',
    );
  });

  it('fails when an azurerm backend has no containerName', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate' };
      }),
      'backend.containerName',
      'is required',
    );
  });

  it('fails when an azurerm backend names an invalid storage account', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.backend = { ...AZURERM_BACKEND, storageAccountName: 'st-tf-state' };
      }),
      'backend.storageAccountName',
      'must be 3-24 lowercase letters and digits',
    );
  });

  it('fails when the backend type is unknown, listing the types', () => {
    expectOnly(
      problemsOfEstate((e) => {
        e.backend = { type: 's3', bucket: 'state' };
      }),
      'backend.type',
      '"s3" is not allowed; use one of "local", "azurerm"',
    );
  });
});

describe('file text', () => {
  it('fails on a YAML syntax error, naming the line', () => {
    const problems = problemsOf(() => parseEstate('estate: relecloud\nenvironment: [prod\nlocation: westeurope\n', 'bad.yaml'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].path).toBe('');
    expect(problems[0].message).toMatch(/line \d+, column \d+/);
  });

  it('fails on duplicate keys in YAML', () => {
    const text = 'estate: relecloud\nenvironment: prod\nestate: adatum\n';
    const problems = problemsOf(() => parseEstate(text, 'dup.yaml'));
    expectOnly(problems, '', 'Map keys must be unique', 'line 3');
  });

  it('fails on duplicate keys in JSON text', () => {
    const text = JSON.stringify(baseEstate()).replace('"environment":"prod"', '"environment":"prod","environment":"dev"');
    expect(text).toContain('"environment":"dev"');
    expectOnly(
      problemsOf(() => parseEstate(text, 'dup.json')),
      '',
      'Map keys must be unique',
    );
  });

  it.each(['!!js/function "function () { return 1 }"', '!foo relecloud'])('fails on a custom YAML tag: %s', (tagged) => {
    const text = `estate: ${tagged}\nenvironment: prod\n`;
    expectOnly(
      problemsOf(() => parseEstate(text, 'tag.yaml')),
      '',
      'custom YAML tags are not supported',
    );
  });

  it('fails on a YAML alias bomb quickly instead of expanding it', () => {
    const names = 'abcdefghij'.split('');
    let text = `${names[0]}: &${names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < names.length; i++) {
      text += `${names[i]}: &${names[i]} [${Array(10)
        .fill(`*${names[i - 1]}`)
        .join(',')}]\n`;
    }
    // No wall-clock bound (shared machines): a bomb that expanded would exhaust memory or the test timeout.
    const problems = problemsOf(() => parseEstate(text, 'bomb.yaml'));
    expectOnly(problems, '', 'cannot be read as YAML');
    expect(problems[0].message).toMatch(/alias/i);
  });

  it('accepts a few ordinary aliases', () => {
    const text = [
      'estate: adatum',
      'environment: prod',
      'location: northeurope',
      'managementZone:',
      '  subscriptionId: &sub 10000000-0000-0000-0000-000000000001',
      'landingZones:',
      '  - name: sales',
      '    subscriptionId: *sub',
      '',
    ].join('\n');
    expect(parseEstate(text, 'alias.yaml').landingZones[0].subscriptionId).toBe('10000000-0000-0000-0000-000000000001');
  });

  it.each([
    ['a list', '- estate: relecloud\n', 'must be a mapping, got a list of 1'],
    ['a scalar', 'relecloud\n', 'must be a mapping, got "relecloud"'],
    ['an empty file', '', 'is empty; an estate needs at least'],
    ['a comment only', '# nothing here\n', 'is empty; an estate needs at least'],
  ])('fails when the document is not a mapping: %s', (_label, text, fragment) => {
    expectOnly(
      problemsOf(() => parseEstate(text, 'x.yaml')),
      '',
      fragment,
    );
  });

  it('fails when a non-mapping value is validated directly', () => {
    expectOnly(
      problemsOf(() => validateEstate(42)),
      '',
      'must be a mapping, got 42',
    );
  });
});

describe('reporting', () => {
  /** Five independent mistakes: typo'd key, overlap, bad GUID, unknown input, too-long derived name. */
  function fiveMistakes(e: RawEstate): void {
    e.landingZones[1].sharedServices = { databrics: false };
    e.landingZones[1].addressSpace = '10.1.0.0/16';
    e.landingZones[0].subscriptionId = 'not-a-guid';
    e.landingZones[0].dataProducts[1].inputs[1] = 'billing/revenu';
    delete e.landingZones[0].shortName;
  }

  it('reports every problem at once', () => {
    const problems = problemsOfEstate(fiveMistakes);
    expectProblem(problems, 'landingZones[1].sharedServices.databrics', '(did you mean "databricks"?)');
    expectProblem(problems, 'landingZones[1].addressSpace', 'overlaps landingZones[0].addressSpace 10.1.0.0/16');
    expectProblem(problems, 'landingZones[0].subscriptionId', '"not-a-guid"', 'must be a GUID');
    expectProblem(problems, 'landingZones[0].dataProducts[1].inputs[1]', 'unknown data integration or data product "billing/revenu"');
    expectProblem(problems, 'landingZones[0].name', 'derived storageAccount name "relecloudoperations');
    // Nothing else: no follow-on noise from the five mistakes.
    expect(new Set(problems.map((p) => p.path)).size).toBe(5);
  });

  it('lists each problem on its own line with its path in the error message', () => {
    const e = baseEstate();
    fiveMistakes(e);
    let error: unknown;
    try {
      validateEstate(e, 'estates/broken.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EstateValidationError);
    const { message, problems } = error as EstateValidationError;
    const lines = message.split('\n');
    expect(lines[0]).toBe(`estates/broken.yaml: ${problems.length} problems`);
    expect(lines).toHaveLength(problems.length + 1);
    problems.forEach((p, i) => expect(lines[i + 1]).toBe(`  ${p.path}: ${p.message}`));
    expect(lines).toContain(
      '  landingZones[0].dataProducts[1].inputs[1]: unknown data integration or data product "billing/revenu" (did you mean "billing/revenue-by-service"?)',
    );
  });

  it('labels file-level problems in the message', () => {
    let message = '';
    try {
      parseEstate('- 1\n', 'list.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('list.yaml: 1 problem\n  (file): must be a mapping, got a list of 1');
  });
});
