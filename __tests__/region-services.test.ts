import { join } from 'path';
import { AZURE_REGIONS } from '../lib/catalog/regions';
import { REGION_SERVICES, serviceAvailableIn } from '../lib/catalog/region-services';
import { loadEstateFile, parseEstate } from '../lib/estate/load';
import { regionServiceProblems } from '../lib/estate/region-checks';
import { EstateProblem, EstateValidationError } from '../lib/util/problems';

/*
 * Which services exist in which region (lib/catalog/region-services.ts) and the validation
 * that refuses a zone whose region lacks a service it deploys (lib/estate/region-checks.ts).
 * Small estates, as text through parseEstate, shaped like estates/adatum.yaml.
 */

type Raw = Record<string, any>;

/** A management zone in northeurope (Purview, Synapse, Firewall Premium there) and one landing zone. */
function estate(zone: Raw, top: Raw = {}): Raw {
  return {
    estate: 'contoso',
    environment: 'dev',
    location: 'northeurope',
    managementZone: { subscriptionId: '10000000-0000-0000-0000-000000000001', firewall: { tier: 'Premium' } },
    landingZones: [{ name: 'sales', subscriptionId: '10000000-0000-0000-0000-000000000002', ...zone }],
    ...top,
  };
}

function problemsOf(raw: Raw): readonly EstateProblem[] {
  try {
    parseEstate(JSON.stringify(raw), 'contoso.json');
  } catch (e) {
    if (e instanceof EstateValidationError) return e.problems;
    throw e;
  }
  return [];
}

const INGEST = { name: 'crm', sources: ['crm'], engine: 'data-factory' };

describe('a landing zone in a region without a service it deploys', () => {
  // switzerlandwest has Databricks, Data Factory and Synapse, but not Azure Machine Learning.
  const analytics = { location: 'switzerlandwest', dataIntegrations: [INGEST], dataProducts: [{ name: 'forecast', template: 'analytics', inputs: ['crm'] }] };

  it('fails with one problem naming the zone, the service, the region and the fix', () => {
    const problems = problemsOf(estate(analytics));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('landingZones[0].location');
    for (const part of ['landing zone "sales"', 'Azure Machine Learning', 'switzerlandwest', 'dataProducts forecast', 'another template for'])
      expect(problems[0].message).toContain(part);
    expect(problems[0].message).toContain('lib/catalog/region-services.ts');
  });

  it('passes with the service off (the product on a template without Azure ML)', () => {
    const batch = { ...analytics, dataProducts: [{ name: 'forecast', template: 'batch', inputs: ['crm'] }] };
    expect(parseEstate(JSON.stringify(estate(batch))).landingZones[0].location).toBe('switzerlandwest');
  });

  // westindia has Databricks, but neither Synapse nor Data Factory (shared, and the products' default engine).
  const westIndia = {
    location: 'westindia',
    dataIntegrations: [INGEST],
    dataProducts: [
      { name: 'revenue', template: 'batch', inputs: ['crm'] },
      { name: 'margin', template: 'batch', inputs: ['crm'] },
    ],
  };

  it('reports each service once for the zone, listing the shared service and every item that needs it', () => {
    const problems = problemsOf(estate(westIndia));
    expect(problems.map((p) => p.path)).toEqual(['landingZones[0].location', 'landingZones[0].location']);
    const [factory, synapse] = problems.map((p) => p.message);
    expect(factory).toContain('Azure Data Factory (sharedServices.dataFactory; dataIntegrations crm; dataProducts revenue, margin) in westindia');
    expect(factory).toContain('sharedServices.dataFactory: false; another engine for dataIntegrations crm and dataProducts revenue, margin');
    expect(synapse).toContain('Azure Synapse Analytics (sharedServices.synapse) in westindia');
  });

  it('passes once the zone uses only what the region has', () => {
    const databricksOnly = {
      ...westIndia,
      sharedServices: { dataFactory: false, synapse: false },
      dataIntegrations: [{ ...INGEST, engine: 'databricks' }],
      dataProducts: westIndia.dataProducts.map((p) => ({ ...p, engine: 'databricks' })),
    };
    expect(problemsOf(estate(databricksOnly))).toEqual([]);
  });

  it('points at the estate location when the zone has no region of its own', () => {
    const resolved = parseEstate(JSON.stringify(estate({ location: 'switzerlandwest' })));
    const zone = { ...resolved.landingZones[0], location: 'germanynorth' };
    const moved = { ...resolved, location: 'germanynorth', landingZones: [zone] };
    const zoneProblems = regionServiceProblems(moved, ['sales']).filter((p) => p.message.startsWith('landing zone'));
    expect(zoneProblems.map((p) => p.path)).toEqual(['location', 'location', 'location']);
    expect(zoneProblems[0].message).toContain('give the zone a region of its own (landingZones[0].location) or move the estate (location)');
  });
});

describe('the management zone region', () => {
  it('needs Microsoft Purview and the Synapse private link hub', () => {
    // germanynorth (restricted) has neither; the landing zone lives elsewhere.
    const problems = problemsOf(estate({ location: 'northeurope' }, { location: 'germanynorth' }));
    expect(problems.map((p) => p.path)).toEqual(['location', 'location']);
    expect(problems[0].message).toContain('the management zone deploys Microsoft Purview');
    expect(problems[0].message).toContain('germanynorth');
    expect(problems[1].message).toContain('Synapse private link hub');
  });

  it('accepts the shipped estates', () => {
    for (const file of ['relecloud.yaml', 'adatum.yaml']) expect(() => loadEstateFile(join(__dirname, '..', 'estates', file))).not.toThrow();
  });
});

describe('the availability data', () => {
  it('has one row per service', () => {
    const services = REGION_SERVICES.map((row) => row.service);
    expect(new Set(services).size).toBe(services.length);
  });

  it.each(REGION_SERVICES.map((row) => [row.service, row] as const))('%s: names only Azure regions, once each', (_service, row) => {
    const listed = [...(row.regions ?? []), ...(row.unavailableIn ?? [])];
    expect(listed.filter((region) => !AZURE_REGIONS.includes(region))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
    expect(Boolean(row.regions) !== Boolean(row.unavailableIn)).toBe(true);
  });

  it.each(REGION_SERVICES.map((row) => [row.service, row] as const))('%s: cites an https source and the date it was checked', (_service, row) => {
    expect(new URL(row.source).protocol).toBe('https:');
    expect(row.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.basis).not.toBe('');
  });

  it('refuses the restricted and partner regions the sources leave out', () => {
    for (const region of ['francesouth', 'germanynorth', 'norwaywest', 'southafricawest', 'uaecentral', 'brazilsoutheast', 'jioindiacentral']) {
      expect(serviceAvailableIn('databricks', region)).toBe(false);
      expect(serviceAvailableIn('synapse', region)).toBe(false);
      expect(serviceAvailableIn('machine-learning', region)).toBe(false);
      expect(serviceAvailableIn('purview', region)).toBe(false);
    }
    expect(serviceAvailableIn('databricks', 'westindia')).toBe(true);
    expect(serviceAvailableIn('azure-firewall-premium', 'westeurope')).toBe(true);
    expect(serviceAvailableIn('azure-firewall-premium', 'not-a-region')).toBe(false);
  });
});
