import fc from 'fast-check';
import { anyCodePoint } from './helpers/arbitraries';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseEstate, validateEstate } from '../lib/estate/load';
import { Estate } from '../lib/estate/model';
import { EstateValidationError, formatProblem } from '../lib/util/problems';
import { contains, overlaps, parseCidr } from '../lib/network/cidr';
import { filesUnder, runSynthCommand, runSynthInProcess } from './helpers/command';
import { loadShippedEstate, REPO } from './helpers/synth';

/**
 * Hostile and broken estate files, generated: whatever comes in, validation either
 * returns a valid resolved estate or throws EstateValidationError with at least one
 * problem, each with a label (a path, or the file) and a message. Never another
 * exception, never a hang, never a crash of the process. Bounded: about 150 runs per
 * property and a handful of `main.ts` runs, under 20 s in all.
 */

const RUNS = 150;
// Random seeds locally (to keep finding new inputs); a fixed one in CI so a run is reproducible.
// FC_SEED=<n> replays a reported counterexample.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261122 : undefined;
if (SEED !== undefined) fc.configureGlobal({ seed: SEED });
const SHIPPED = { relecloud: loadShippedEstate('relecloud'), adatum: loadShippedEstate('adatum') };
const SHIPPED_TEXT = {
  relecloud: readFileSync(path.join(REPO, 'estates', 'relecloud.yaml'), 'utf8'),
  adatum: readFileSync(path.join(REPO, 'estates', 'adatum.yaml'), 'utf8'),
};

/** A problem line a person can act on: a label, a message, bounded length, no JavaScript leaking through. */
function expectUsableProblems(error: EstateValidationError): void {
  if (!(error.problems.length >= 1)) expect(error.problems.length).toBeGreaterThanOrEqual(1);
  for (const problem of error.problems) {
    // The same checks as the expectations below, first without jest's expect (an expect() call
    // costs more than the check, and hostile estates have hundreds of problems): those run, with
    // their messages, for a problem that fails any of them.
    if (usableProblem(problem)) continue;
    expect(typeof problem.path).toBe('string');
    expect(typeof problem.message).toBe('string');
    expect(problem.message.trim()).not.toBe('');
    const line = formatProblem(problem);
    expect(line).toMatch(/^ {2}\S.*?: \S/s); // "  <path or (file)>: <message>"
    expect(line.length).toBeLessThan(2000);
    expect(line).not.toContain('[object Object]');
  }
}

function usableProblem(problem: EstateValidationError['problems'][number]): boolean {
  if (typeof problem.path !== 'string' || typeof problem.message !== 'string' || problem.message.trim() === '') return false;
  const line = formatProblem(problem);
  return /^ {2}\S.*?: \S/s.test(line) && line.length < 2000 && !line.includes('[object Object]');
}

/** What a valid estate promises the constructs (model.ts): checked on every estate that passes. */
function expectValidEstate(estate: Estate): void {
  const zones = [estate.managementZone, ...estate.landingZones];
  const pool = parseCidr(estate.network.addressPool);
  // Checked first without jest's expect (an expect() call costs more than the check, and every
  // pair of subnets is one); the expectation runs, as it did, for what fails.
  zones.forEach((zone, i) => {
    const space = parseCidr(zone.addressSpace);
    if (!contains(pool, space)) expect(contains(pool, space)).toBe(true);
    for (const other of zones.slice(i + 1))
      if (overlaps(space, parseCidr(other.addressSpace))) expect(overlaps(space, parseCidr(other.addressSpace))).toBe(false);
    const subnets = zone.subnets.map((s) => parseCidr(s.cidr));
    subnets.forEach((subnet, j) => {
      if (!contains(space, subnet)) expect(contains(space, subnet)).toBe(true);
      for (const other of subnets.slice(j + 1)) if (overlaps(subnet, other)) expect(overlaps(subnet, other)).toBe(false);
    });
  });
  expect(new Set(estate.landingZones.map((z) => z.stackName)).size).toBe(estate.landingZones.length);
  // Every name, current or earlier, belongs to one item of its zone: Azure names and addresses never collide.
  for (const zone of estate.landingZones) {
    const names = [...zone.dataIntegrations, ...zone.dataProducts].flatMap((item) => [item.name, ...item.previousNames]);
    expect(new Set(names).size).toBe(names.length);
  }
  // Every input names an existing integration or product, and products never (indirectly) read themselves.
  const reads = new Map<string, string[]>();
  for (const zone of estate.landingZones) {
    for (const product of zone.dataProducts) {
      reads.set(
        `${zone.name}/${product.name}`,
        product.inputs.map((input) => `${input.zone}/${input.name}`),
      );
      for (const input of product.inputs) {
        const source = estate.landingZones.find((z) => z.name === input.zone);
        const items = input.kind === 'integration' ? source?.dataIntegrations : source?.dataProducts;
        expect(items?.some((item) => item.name === input.name)).toBe(true);
      }
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string): void => {
    if (done.has(node)) return;
    expect(visiting.has(node)).toBe(false);
    visiting.add(node);
    for (const next of reads.get(node) ?? []) visit(next);
    visiting.delete(node);
    done.add(node);
  };
  [...reads.keys()].forEach(visit);
}

/** Runs validation; anything but success or EstateValidationError fails the property (fast-check shrinks it). */
function judge(run: () => Estate): 'valid' | 'invalid' {
  let estate: Estate;
  try {
    estate = run();
  } catch (e) {
    if (!(e instanceof EstateValidationError)) throw e;
    expectUsableProblems(e);
    return 'invalid';
  }
  expectValidEstate(estate);
  return 'valid';
}

// ---- generators ----

const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  '\ud800',
  '𝔡𝔪𝔩𝔷',
  'Ä',
  'dmlz',
  'dlz-',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '10.0.0.0/8',
  '0.0.0.0/0',
  '10.0.0.0/33',
  '10.0.0.1/16',
  '10.1.0.0/16',
  '255.255.255.255/32',
  'billing/revenue-by-service',
  'a/b/c',
  'CSA-ST-001',
  '00000000-0000-0000-0000-000000000001',
  'westeurope',
  'prod',
  'true',
  '1e400',
  '-0',
  '${var.x}',
  '%{ for x in y }',
];

/** Values of every JSON/YAML type, odd strings included. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 5, stringUnit: 'grapheme' }),
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ unit: anyCodePoint, maxLength: 30 }),
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
  // Deep nesting: lists or mappings inside each other.
  fc.tuple(fc.integer({ min: 1, max: 300 }), fc.boolean()).map(([depth, asList]) => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = asList ? [value] : { a: value };
    return value;
  }),
);

/** Every path into a value (keys and list indices), the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

type Mutation = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'add-key'; key: string; value: unknown } | { kind: 'repeat'; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: hostileValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      key: fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ unit: 'grapheme', maxLength: 12 })),
      value: hostileValue,
    }),
  },
  // Huge lists: the value at the path repeated past every list limit (500 zones, 200 items).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 600 }) }) },
);

/** A deep copy of `root` with `m` applied at `at`. */
function mutate(root: unknown, at: (string | number)[], m: Mutation): unknown {
  const copy = structuredClone(root);
  const apply = (value: unknown): unknown => {
    switch (m.kind) {
      case 'replace':
        return m.value;
      case 'add-key':
        return value && typeof value === 'object' && !Array.isArray(value)
          ? Object.defineProperty({ ...value }, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
          : { [m.key]: m.value };
      case 'repeat':
        return Array.from({ length: m.times }, () => structuredClone(value));
      case 'delete':
        return undefined;
    }
  };
  if (at.length === 0) return apply(copy);
  let parent = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  const next = apply(parent[last]);
  if (next === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = next;
  return copy;
}

const mutatedEstate = fc
  .record({ which: fc.constantFrom('relecloud' as const, 'adatum' as const), pick: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
  .map(({ which, pick, mutations }) => {
    let estate: unknown = SHIPPED[which];
    for (const [i, m] of mutations.entries()) {
      const paths = pathsOf(estate);
      estate = mutate(estate, paths[(pick + i * 7919) % paths.length], m);
    }
    return estate;
  });

/**
 * Whether the YAML text `stringify` writes for `value` (block style, indent 2, no aliases) has
 * at least `limit` characters: it holds each key and each string, escaped or not, at least as
 * long as the key or string is, and each key of a mapping nested in a mapping on a line of its
 * own, indented 2 more than its parent's keys (a chain of 300 such mappings is 90 kB of spaces).
 */
function yamlLengthAtLeast(value: unknown, limit: number): boolean {
  let length = 0;
  const isMap = (v: unknown): v is object => !!v && typeof v === 'object' && !Array.isArray(v);
  const visit = (v: unknown, indent: number): boolean => {
    if (typeof v === 'string') length += v.length;
    else if (Array.isArray(v)) return v.some((item) => visit(item, indent));
    else if (isMap(v)) return Object.entries(v).some(([key, item]) => ((length += key.length + indent), visit(item, isMap(item) ? indent + 2 : indent)));
    return length >= limit;
  };
  return visit(value, 0) || length >= limit;
}

// ---- properties over values ----

describe('validateEstate and parseEstate on generated input', () => {
  it('any value at all: a valid estate or EstateValidationError', () => {
    fc.assert(
      fc.property(hostileValue, (value) => void judge(() => validateEstate(value))),
      { numRuns: RUNS },
    );
  });

  it('a shipped estate with random values replaced, keys added or removed, lists blown up: the same, as an object, as JSON and as YAML', () => {
    fc.assert(
      fc.property(mutatedEstate, (estate) => {
        judge(() => validateEstate(estate));
        const json = JSON.stringify(estate);
        // The text forms too (kept under 100 kB: parsing is linear, large texts only cost time here).
        if (json !== undefined && json.length < 100_000) judge(() => parseEstate(json, 'estate.json'));
        // A YAML text that could not be under 100 kB is not written at all (lists blown up 600 times).
        if (yamlLengthAtLeast(estate, 100_000)) return;
        let yaml: string | undefined;
        try {
          yaml = stringify(estate, { aliasDuplicateObjects: false });
        } catch {
          return; // values YAML cannot write; the object form was judged above
        }
        if (yaml !== undefined && yaml.length < 100_000) judge(() => parseEstate(yaml, 'estate.yaml'));
      }),
      { numRuns: RUNS },
    );
  });

  it('random zones, address spaces, inputs and renames (overlapping networks, input cycles, unknown zones, reused earlier names): valid estates keep every promise', () => {
    const name = fc.constantFrom('ops', 'billing', 'sales', 'hr', 'x-y');
    const item = fc.constantFrom('ab', 'cd', 'p1', 'p2', 'p3');
    // Earlier names from the same small pool: renames that collide with other items' names and histories.
    const renamedFrom = fc.oneof(fc.constantFrom('old', 'ab', 'p1'), fc.array(fc.constantFrom('old', 'older', 'ab', 'cd'), { maxLength: 3 }));
    const zone = fc.record(
      {
        name,
        subscriptionId: fc.constantFrom('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003'),
        addressSpace: fc.constantFrom(
          '10.0.0.0/16',
          '10.1.0.0/16',
          '10.1.0.0/17',
          '10.1.0.0/21',
          '10.1.8.0/21',
          '10.2.0.0/24',
          '192.168.0.0/16',
          '10.255.0.0/16',
        ),
        sharedServices: fc.record({ databricks: fc.boolean(), synapse: fc.boolean() }),
        dataIntegrations: fc.array(
          fc.record(
            { name: item, sources: fc.constant(['erp']), engine: fc.constantFrom('databricks', 'synapse', 'data-factory'), renamedFrom },
            { requiredKeys: ['name', 'sources', 'engine'] },
          ),
          { maxLength: 3 },
        ),
        dataProducts: fc.array(
          fc.record(
            {
              name: item,
              template: fc.constantFrom('batch', 'analytics', 'streaming'),
              inputs: fc.array(
                fc.oneof(
                  item,
                  fc.tuple(name, item).map(([z, i]) => `${z}/${i}`),
                ),
                { maxLength: 3 },
              ),
              renamedFrom,
            },
            { requiredKeys: ['name', 'template', 'inputs'] },
          ),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: ['name', 'subscriptionId', 'dataIntegrations', 'dataProducts'] },
    );
    const estate = fc.record({
      pool: fc.option(fc.constantFrom('10.0.0.0/8', '10.0.0.0/14', '10.0.0.0/16', '10.0.0.0/12'), { nil: undefined }),
      hub: fc.option(fc.constantFrom('10.0.0.0/16', '10.0.0.0/22', '10.0.0.0/24', '10.0.4.0/22'), { nil: undefined }),
      zones: fc.array(zone, { maxLength: 4 }),
    });
    let valid = 0;
    fc.assert(
      fc.property(estate, ({ pool, hub, zones }) => {
        const raw = {
          estate: 'relecloud',
          environment: 'prod',
          location: 'westeurope',
          ...(pool ? { network: { addressPool: pool } } : {}),
          managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001', ...(hub ? { addressSpace: hub } : {}) },
          landingZones: zones,
        };
        if (judge(() => validateEstate(raw)) === 'valid') valid++;
      }),
      { numRuns: RUNS },
    );
    expect(valid).toBeGreaterThan(0); // the generator reaches valid estates too, so the invariants were exercised
  });

  /*
   * The property above reaches few valid estates with explicit address spaces in a pool, and no
   * valid zone of two integrations (its names and renames collide): these are well formed, so most
   * are valid, and the promises are checked where those cases live (a zone's block inside the pool,
   * every item's subnet apart from the others).
   */
  it('well-formed random estates (explicit blocks inside and outside the pool, zones of several integrations and products): valid ones keep every promise', () => {
    const zone = fc.record({
      name: fc.constantFrom('ops', 'billing', 'sales', 'hr', 'x-y'),
      // A /16 of 10.0.0.0/8: inside a /8 pool always, inside 10.0.0.0/12 for 0-15, outside 172.16.0.0/12.
      block: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
      integrations: fc.uniqueArray(fc.constantFrom('in1', 'in2', 'in3'), { maxLength: 3 }),
      products: fc.uniqueArray(fc.constantFrom('p1', 'p2'), { maxLength: 2 }),
    });
    const estate = fc.record({
      pool: fc.constantFrom('10.0.0.0/8', '10.0.0.0/12', '172.16.0.0/12'),
      zones: fc.uniqueArray(zone, { selector: (z) => z.name, maxLength: 4 }),
    });
    const reached = { valid: 0, explicitBlockInPool: 0, severalIntegrations: 0, refusedOutsidePool: 0 };
    fc.assert(
      fc.property(estate, ({ pool, zones }) => {
        const raw = {
          estate: 'relecloud',
          environment: 'prod',
          location: 'westeurope',
          network: { addressPool: pool },
          managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001' },
          landingZones: zones.map((z) => ({
            name: z.name,
            subscriptionId: '00000000-0000-0000-0000-000000000002',
            ...(z.block === undefined ? {} : { addressSpace: `10.${z.block}.0.0/16` }),
            dataIntegrations: z.integrations.map((name) => ({ name, sources: ['erp'], engine: 'data-factory' })),
            dataProducts: z.products.map((name) => ({ name, template: 'batch', engine: 'data-factory', inputs: z.integrations.slice(0, 2) })),
          })),
        };
        const outside = zones.some((z) => z.block !== undefined && (pool.startsWith('172.') || (pool === '10.0.0.0/12' && z.block > 15)));
        if (judge(() => validateEstate(raw)) === 'invalid') {
          if (outside) reached.refusedOutsidePool++;
          return;
        }
        expect(outside).toBe(false);
        reached.valid++;
        if (zones.some((z) => z.block !== undefined)) reached.explicitBlockInPool++;
        if (zones.some((z) => z.integrations.length >= 2)) reached.severalIntegrations++;
      }),
      { numRuns: RUNS },
    );
    // The generator reaches each case, so the promises were checked there.
    expect(reached.valid).toBeGreaterThan(RUNS / 4);
    for (const count of [reached.explicitBlockInPool, reached.severalIntegrations, reached.refusedOutsidePool]) expect(count).toBeGreaterThan(5);
  });

  it('random renames: an estate is valid exactly when every current and earlier name of a zone belongs to one item', () => {
    const pool = ['ab', 'cd', 'ef', 'gh'];
    const renamedFrom = fc.option(fc.oneof(fc.constantFrom(...pool), fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 })), { nil: undefined });
    const items = fc.uniqueArray(fc.record({ name: fc.constantFrom(...pool), renamedFrom }), { selector: (i) => i.name, maxLength: 4 });
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(items, (list) => {
        const raw = {
          estate: 'relecloud',
          environment: 'prod',
          location: 'westeurope',
          managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001' },
          landingZones: [
            {
              name: 'ops',
              subscriptionId: '00000000-0000-0000-0000-000000000002',
              dataIntegrations: list.map((i) => ({
                name: i.name,
                sources: ['erp'],
                engine: 'data-factory',
                ...(i.renamedFrom === undefined ? {} : { renamedFrom: i.renamedFrom }),
              })),
            },
          ],
        };
        const names = list.flatMap((i) => [
          i.name,
          ...(i.renamedFrom === undefined ? [] : typeof i.renamedFrom === 'string' ? [i.renamedFrom] : i.renamedFrom),
        ]);
        const verdict = judge(() => validateEstate(raw));
        verdicts[verdict]++;
        expect(verdict).toBe(new Set(names).size === names.length ? 'valid' : 'invalid');
      }),
      { numRuns: RUNS },
    );
    expect(verdicts.valid).toBeGreaterThan(0);
    expect(verdicts.invalid).toBeGreaterThan(0);
  });

  it('1 MB strings in any field are reported, with short messages', () => {
    const big = (c: string) => c.repeat(1 << 20);
    fc.assert(
      fc.property(fc.constantFrom('relecloud' as const, 'adatum' as const), fc.nat(), fc.constantFrom('x', 'é', '𝔡', '-', '/'), (which, pick, c) => {
        const paths = pathsOf(SHIPPED[which]).filter((p) => p.length > 0);
        const estate = mutate(SHIPPED[which], paths[pick % paths.length], { kind: 'replace', value: big(c) });
        expect(judge(() => validateEstate(estate))).toBe('invalid');
        // And as an unknown key of a mapping.
        expect(judge(() => validateEstate({ ...SHIPPED[which], [big(c)]: 1 }))).toBe('invalid');
      }),
      { numRuns: 15 },
    );
  });
});

// ---- properties over YAML text ----

/** Text edits that YAML treats specially. */
const SNIPPETS = [
  '&a ',
  '*a',
  '*zz',
  '!!str ',
  '!!binary ',
  '!!set ',
  '!custom ',
  '!<tag:x> ',
  '<<: ',
  '? ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ': ',
  ',',
  '\n',
  '\t',
  '"',
  "'",
  '|',
  '>',
  '#',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '@',
  '`',
  '\\',
  '\u2028',
  '\ufeff',
  '\u0000',
  '__proto__: 1\n',
  'estate: again\n',
];

describe('parseEstate on edited YAML text', () => {
  it('random edits of a shipped estate file: a valid estate or EstateValidationError', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: 'grapheme', maxLength: 6 })));
    fc.assert(
      fc.property(fc.constantFrom('relecloud' as const, 'adatum' as const), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
        let text = SHIPPED_TEXT[which];
        for (const [at, remove, insert] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + insert + text.slice(p + remove);
        }
        judge(() => parseEstate(text, `${which}.yaml`));
      }),
      { numRuns: RUNS },
    );
  });

  it('a duplicated mapping line is reported as a duplicate key', () => {
    const lines = SHIPPED_TEXT.relecloud.split('\n');
    const keyLines = lines.map((line, i) => ({ line, i })).filter(({ line }) => /^\s*[A-Za-z]+:/.test(line) && !/^\s*-/.test(line));
    fc.assert(
      fc.property(fc.constantFrom(...keyLines), ({ line, i }) => {
        const text = [...lines.slice(0, i + 1), line.replace(/:.*/, ': duplicate'), ...lines.slice(i + 1)].join('\n');
        let error: unknown;
        try {
          parseEstate(text, 'dup.yaml');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(EstateValidationError);
        expectUsableProblems(error as EstateValidationError);
        expect((error as EstateValidationError).problems.some((p) => /Map keys must be unique/.test(p.message))).toBe(true);
      }),
      { numRuns: Math.min(RUNS, keyLines.length * 3) },
    );
  });

  it('alias bombs of any fan-out and depth are refused quickly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.boolean(), (fanOut, depth, asMap) => {
        let text = 'l0: &l0 ["lol"]\n';
        for (let i = 1; i <= depth; i++) {
          const refs = Array.from({ length: fanOut }, (_, j) => (asMap ? `k${j}: *l${i - 1}` : `*l${i - 1}`)).join(', ');
          text += `l${i}: &l${i} ${asMap ? `{${refs}}` : `[${refs}]`}\n`;
        }
        // No wall-clock bound (shared machines): an expanded bomb would exhaust memory or the test timeout.
        expect(judge(() => parseEstate(text, 'bomb.yaml'))).toBe('invalid');
      }),
      { numRuns: 40 },
    );
  });

  it('custom tags anywhere are refused', () => {
    const lines = SHIPPED_TEXT.adatum.split('\n');
    const valueLines = lines.map((line, i) => ({ line, i })).filter(({ line }) => /:\s+\S/.test(line) && !/^\s*#/.test(line));
    fc.assert(
      fc.property(
        fc.constantFrom(...valueLines),
        fc.constantFrom('!env ', '!include ', '!!js/function ', '!<tag:yaml.org,2002:python/object> ', '!Ref '),
        ({ line, i }, tag) => {
          const tagged = line.replace(/:(\s+)/, `:$1${tag}`);
          const text = [...lines.slice(0, i), tagged, ...lines.slice(i + 1)].join('\n');
          expect(judge(() => parseEstate(text, 'tags.yaml'))).toBe('invalid');
        },
      ),
      { numRuns: Math.min(60, valueLines.length * 5) },
    );
  });

  it('deeply nested brackets and block lists, many times in one process, are refused without crashing it', () => {
    // Found by this test: a second deep document in one process killed Node with
    // "FATAL ERROR: RegExpCompiler Allocation failed" (lib/estate/yaml-nesting.ts).
    fc.assert(
      fc.property(fc.integer({ min: 33, max: 20_000 }), fc.constantFrom('[', '{a: ', '- '), (depth, open) => {
        const close = open === '[' ? ']' : open === '{a: ' ? '}' : '';
        // A block list cannot start on its key's line: it goes on the next one.
        const text = `estate: relecloud\nlist:${open === '- ' ? '\n  ' : ' '}${open.repeat(depth)}x${close.repeat(depth)}\n`;
        let error: unknown;
        try {
          parseEstate(text, 'deep.yaml');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(EstateValidationError);
        expect((error as EstateValidationError).problems[0].message).toMatch(/more than 32 levels deep at line [23], column \d+/);
      }),
      { numRuns: 25 },
    );
  });
});

// ---- counterexamples found, kept as plain regression tests ----

describe('counterexamples found by the properties above', () => {
  it('a tag named "__proto__" is reported instead of silently dropped (zod records skip that key)', () => {
    const estate = { ...SHIPPED.adatum, tags: { __proto__: { estate: 'x' }, costCenter: '1' } };
    // JSON.parse makes "__proto__" an own key, as YAML does; an object literal would set the prototype instead.
    const raw = JSON.parse(JSON.stringify(estate).replace('"tags":{', '"tags":{"__proto__":"x",'));
    expect(() => validateEstate(raw)).toThrow(/tags.__proto__: cannot be a tag name/);
    expect(() =>
      parseEstate(
        'estate: adatum\nenvironment: prod\nlocation: northeurope\nmanagementZone: {subscriptionId: 10000000-0000-0000-0000-000000000001}\ntags: {__proto__: {a: b}}\n',
      ),
    ).toThrow(/tags.__proto__: cannot be a tag name/);
  });

  it('100,000 landing zones are reported with the list problem and not one problem per zone', () => {
    const zones = Array.from({ length: 100_000 }, (_, i) => ({ name: `z${i}`, subscriptionId: '00000000-0000-0000-0000-000000000002' }));
    let error: EstateValidationError | undefined;
    try {
      validateEstate({ ...SHIPPED.adatum, landingZones: zones });
    } catch (e) {
      error = e as EstateValidationError;
    }
    expect(error?.problems[0]).toEqual({ path: 'landingZones', message: expect.stringMatching(/<=500 items/) });
    expect(error!.problems.length).toBeLessThan(600);
  });

  it('a 1 MB unknown key is cut in the problem path', () => {
    const key = 'k'.repeat(1 << 20);
    expect(() => validateEstate({ ...SHIPPED.adatum, [key]: 1 })).toThrow(/^estate: 1 problem\n {2}k{512}\.\.\.\(1048576 characters\): unknown key/);
  });
});

// ---- end to end: the command ----

describe('npm run synth (main.ts) on hostile files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const deepTwice = `estate: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\nestate: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`;
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 256));

  /*
   * The inputs that once crashed or could exhaust the process run as the process npm run synth
   * starts (the compiled main.ts, helpers/command.ts runSynthCommand), with a timeout: never a
   * hang; the others run the command's same code path in this process
   * (helpers/command.ts runSynthInProcess), which reports the same exit code and output.
   */
  it.each([
    ['deep nesting, twice', deepTwice, /more than 32 levels deep/, runSynthCommand],
    ['an alias bomb', bomb, /Excessive alias count/, runSynthCommand],
    ['duplicate keys and a custom tag', `${SHIPPED_TEXT.adatum}\nestate: again\nlocation: !env REGION\n`, /Map keys must be unique/, runSynthInProcess],
    ['binary garbage', garbage, /\(file\): /, runSynthInProcess],
    [
      'a 1 MB estate name',
      `${SHIPPED_TEXT.adatum.replace(/^estate: .*$/m, `estate: ${'x'.repeat(1 << 20)}`)}`,
      /estate: "x{57}\.\.\." \(1048576 characters\) must be 2-10 characters/,
      runSynthInProcess,
    ],
  ])('%s: exit 1, the problem named, no stack trace, cdktf.out untouched', (label, content, expected, runCommand) => {
    const work = path.join(dir, label.replace(/\W+/g, '-'));
    const outdir = path.join(work, 'cdktf.out');
    mkdirSync(path.join(outdir, 'stacks', 'dmlz'), { recursive: true });
    writeFileSync(path.join(outdir, 'manifest.json'), '{"previous": true}');
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', 'cdk.tf.json'), '{"previous": "stack"}');
    const before = filesUnder(outdir);
    const estate = path.join(work, 'estate.yaml');
    writeFileSync(estate, content);
    const result = runCommand(estate, outdir, { timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Invalid estate, nothing was written (${outdir} is unchanged).`);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at |FATAL ERROR/);
    expect(result.stderr.length).toBeLessThan(20_000);
    expect(filesUnder(outdir)).toEqual(before);
    expect(readdirSync(work).sort()).toEqual(['cdktf.out', 'estate.yaml']);
  });
});

describe('problem paths for keys that look like nothing or like path syntax', () => {
  it('quotes a blank key, found by the property above (seed 1308703332: {" ": ""})', () => {
    expect(() => validateEstate({ ' ': '' })).toThrow(/\n {2}\[" "\]: unknown key/);
  });

  it('quotes keys with dots or brackets, and leaves ordinary keys dotted', () => {
    const { formatPath } = require('../lib/util/problems') as typeof import('../lib/util/problems');
    expect(formatPath(['tags', 'a.b'])).toBe('tags["a.b"]');
    expect(formatPath(['tags', 'a/b'])).toBe('tags.a/b');
    expect(formatPath(['landingZones', 1, 'name'])).toBe('landingZones[1].name');
  });
});
