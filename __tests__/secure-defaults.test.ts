import { readFileSync } from 'fs';
import { AttributeCondition, SET, UNSET } from '../lib/catalog/defaults/types';
import { DEFAULT_TABLES, DefaultRow, renderDefaultsTable, SECURE_DEFAULTS, TerraformDefault } from '../lib/catalog/secure-defaults';
import { README } from '../scripts/readme';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

/**
 * The README's "Default settings (the security contract)" tables are rendered from
 * lib/catalog/secure-defaults.ts, which the constructs read the values they apply from.
 * This test holds the data to what the stacks really carry: for every row that names a
 * Terraform argument, every resource of that type in every stack of the shipped estate (and
 * of it with every optional shared service on, for the Event Hub and the self-hosted
 * runtime) has that value. A construct that drops or changes a default fails here, and so
 * does a row that claims what nothing synthesizes.
 */

type Resource = Record<string, unknown>;

/** The values at a dotted argument path; lists (blocks written as lists) are looked into, element by element. */
function argumentValues(resource: unknown, path: readonly string[]): unknown[] {
  if (!path.length) return [resource];
  if (Array.isArray(resource)) return resource.length ? resource.flatMap((item) => argumentValues(item, path)) : [undefined];
  if (resource === null || typeof resource !== 'object') return [undefined];
  return argumentValues((resource as Resource)[path[0]], path.slice(1));
}

/** The attribute at a dotted path (`tags.dataProduct`), through objects only; undefined when it is not there. */
function attributeAt(resource: unknown, path: readonly string[]): unknown {
  if (!path.length) return resource;
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) return undefined;
  return attributeAt((resource as Resource)[path[0]], path.slice(1));
}

/** Whether a resource meets one condition of a default's `where`: the value, or only whether it is set. */
function meets(body: Resource, attribute: string, condition: AttributeCondition): boolean {
  const actual = attributeAt(body, attribute.split('.'));
  return typeof condition === 'string' ? actual === condition : (actual !== undefined) === condition.set;
}

/** Every resource a default applies to, as `stack: type.name`. */
function resourcesOf(stacks: Readonly<Record<string, StackJson>>, setting: TerraformDefault): [string, Resource][] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries(json.resource?.[setting.resourceType] ?? {})
      .filter(([, body]) => Object.entries(setting.where ?? {}).every(([attribute, condition]) => meets(body, attribute, condition)))
      .map(([name, body]): [string, Resource] => [`${stack}: ${setting.resourceType}.${name}`, body]),
  );
}

/** What a synth contradicts in one default: one line per resource and argument, or that it applies to nothing. */
function contradictions(stacks: Readonly<Record<string, StackJson>>, setting: TerraformDefault): string[] {
  const found = resourcesOf(stacks, setting);
  if (!found.length) return [`no ${setting.resourceType}${setting.where ? ` with ${JSON.stringify(setting.where)}` : ''} in any stack`];
  const expected = JSON.stringify(setting.value);
  return found.flatMap(([address, body]) =>
    setting.arguments.flatMap((argument) =>
      argumentValues(body, argument.split('.'))
        .filter((actual) => JSON.stringify(actual) !== expected)
        .map((actual) => `${address} ${argument} = ${JSON.stringify(actual)}, the README says ${expected}`),
    ),
  );
}

const rows: readonly DefaultRow[] = Object.values(DEFAULT_TABLES).flat();

/** relecloud with every optional shared service of every landing zone on. */
function everySharedServiceOn(): Record<string, any> {
  const estate = loadShippedEstate('relecloud');
  for (const zone of estate.landingZones) {
    zone.sharedServices = { databricks: true, dataFactory: true, synapse: true, eventHub: true, selfHostedIntegrationRuntime: true };
  }
  return estate;
}

describe('the secure defaults (README "Default settings")', () => {
  const shipped = synth(loadShippedEstate('relecloud')).stacks;
  const allOn = synth(everySharedServiceOn()).stacks;
  const stacks: Record<string, StackJson> = {
    ...shipped,
    ...Object.fromEntries(Object.entries(allOn).map(([name, json]) => [`${name} (every shared service on)`, json])),
  };

  it.each(rows.filter((r) => r.terraform.length).map((r) => [`${r.resource} | ${r.setting}`, r] as const))('%s: every stack carries it', (_name, r) => {
    expect(r.terraform.flatMap((setting) => contradictions(stacks, setting))).toEqual([]);
  });

  it('documents every default the constructs read: each one is stated by a row', () => {
    const stated = new Set(rows.flatMap((r) => r.terraform));
    const unstated = Object.entries(SECURE_DEFAULTS).flatMap(([resource, settings]) =>
      Object.entries(settings as Record<string, TerraformDefault>)
        .filter(([, setting]) => !stated.has(setting))
        .map(([key]) => `${resource}.${key}`),
    );
    expect(unstated).toEqual([]);
  });

  it('is what README.md shows (npm run docs:readme renders the tables from it)', () => {
    const version = shipped.dmlz.terraform as { required_providers: Record<string, { version: string }> };
    const readme = readFileSync(README, 'utf8');
    for (const [name, table] of Object.entries(DEFAULT_TABLES)) {
      const rendered = renderDefaultsTable(table, { 'azurerm-version': version.required_providers.azurerm.version });
      expect(readme).toContain(`<!-- generated:defaults-${name} -->\n${rendered}\n<!-- /generated:defaults-${name} -->`);
    }
  });
});

describe('checking a default against a synth', () => {
  const stacks: Record<string, StackJson> = {
    a: {
      resource: {
        azurerm_x: { one: { flag: false, rules: [{ mode: 'Deny' }], sku: 'P' }, two: { flag: true, rules: [], sku: 'S', tags: { dataProduct: 'p' } } },
      },
    },
  };

  it('names each resource whose argument differs, looks into list blocks, and filters by where', () => {
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['flag'], value: false })).toEqual([
      'a: azurerm_x.two flag = true, the README says false',
    ]);
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['rules.mode'], value: 'Deny', where: { sku: 'P' } })).toEqual([]);
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['rules.mode'], value: 'Deny' })).toEqual([
      'a: azurerm_x.two rules.mode = undefined, the README says "Deny"',
    ]);
  });

  it('filters by a nested attribute (dotted), by its value or by whether it is set', () => {
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['flag'], value: false, where: { 'tags.dataProduct': UNSET } })).toEqual([]);
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['flag'], value: true, where: { 'tags.dataProduct': SET } })).toEqual([]);
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['flag'], value: false, where: { 'tags.dataProduct': 'p' } })).toEqual([
      'a: azurerm_x.two flag = true, the README says false',
    ]);
    expect(contradictions(stacks, { resourceType: 'azurerm_x', arguments: ['flag'], value: true, where: { 'tags.dataProduct': SET, sku: 'P' } })).toEqual([
      'no azurerm_x with {"tags.dataProduct":{"set":true},"sku":"P"} in any stack',
    ]);
  });

  it('refuses a default that applies to no resource', () => {
    expect(contradictions(stacks, { resourceType: 'azurerm_y', arguments: ['flag'], value: false })).toEqual(['no azurerm_y in any stack']);
  });
});
