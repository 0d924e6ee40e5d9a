import { z } from 'zod';
import { MAX_SUPPRESSIONS } from './suppression-schema';
import {
  cidr,
  DEFAULT_PRODUCT_ENGINE,
  guid,
  inputRef,
  INTEGRATION_ENGINES,
  itemName,
  MAX_LANDING_ZONES,
  MAX_LIST_ITEMS,
  MAX_PREVIOUS_NAMES,
  PRODUCT_TEMPLATES,
  shortName,
  zoneName,
} from './schema';

/**
 * A lenient read of a raw estate file: each field is kept only when it passes its own
 * schema rule, so cross-field checks can run even when other parts of the file are
 * broken, and every problem is reported in one round without follow-on noise.
 */
export interface ViewItem {
  readonly path: string;
  readonly name?: string;
  /** `renamedFrom` as a list, oldest first; invalid entries have no value (already reported). */
  readonly previousNames: readonly { path: string; value?: string }[];
}

export interface ViewIntegration extends ViewItem {
  readonly engine?: string;
}

export interface ViewProduct extends ViewItem {
  readonly template?: string;
  /** The engine it runs on, the template's default when not set. */
  readonly engine?: string;
  /** True when the engine comes from the template's default. */
  readonly engineDefaulted: boolean;
  readonly serving?: unknown;
  readonly inputs: readonly { path: string; value?: string }[];
}

export interface ViewZone {
  readonly path: string;
  readonly name?: string;
  /** undefined: not set; null: set but invalid (already reported). */
  readonly shortName?: string | null;
  /** undefined: not set; null: set but invalid (already reported). */
  readonly addressSpace?: string | null;
  readonly sharedServices: Readonly<Record<string, boolean | undefined>>;
  readonly integrations: readonly ViewIntegration[];
  readonly products: readonly ViewProduct[];
}

export interface EstateView {
  readonly estate?: string;
  readonly environment?: 'dev' | 'test' | 'prod';
  readonly managementSubscriptionId?: string;
  /** undefined: not set; null: set but invalid. */
  readonly addressPool?: string | null;
  /** Own keys of the raw `tags` mapping (zod's record silently drops some, see semantic-checks). */
  readonly tagKeys: readonly string[];
  readonly managementZone: ViewZone;
  readonly landingZones: readonly ViewZone[];
  /** Entries of `suppressions`; fields that are not strings are left out (already reported). */
  readonly suppressions: readonly ViewSuppression[];
}

export interface ViewSuppression {
  readonly path: string;
  readonly rule?: string;
  readonly stack?: string;
  readonly address?: string;
}

const SHARED_SERVICE_DEFAULTS: Record<string, boolean> = {
  databricks: true,
  dataFactory: true,
  synapse: true,
  eventHub: false,
  selfHostedIntegrationRuntime: false,
};

export function viewEstate(raw: unknown): EstateView {
  const root = record(raw);
  const management = record(root.managementZone);
  const network = record(root.network);
  return {
    estate: valid(z.string().regex(/^[a-z][a-z0-9]{1,9}$/), root.estate),
    environment: valid(z.enum(['dev', 'test', 'prod']), root.environment),
    managementSubscriptionId: valid(guid(''), management.subscriptionId),
    addressPool: optionalValid(cidr, network.addressPool),
    tagKeys: Object.keys(record(root.tags)),
    managementZone: { path: 'managementZone', addressSpace: optionalValid(cidr, management.addressSpace), sharedServices: {}, integrations: [], products: [] },
    landingZones: list(root.landingZones, MAX_LANDING_ZONES).map((zone, i) => viewZone(zone, `landingZones[${i}]`)),
    suppressions: list(root.suppressions, MAX_SUPPRESSIONS).map((item, i) => {
      const r = record(item);
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return { path: `suppressions[${i}]`, rule: text(r.rule), stack: text(r.stack), address: text(r.address) };
    }),
  };
}

function viewZone(raw: unknown, path: string): ViewZone {
  const zone = record(raw);
  const shared = record(zone.sharedServices);
  return {
    path,
    name: valid(zoneName, zone.name),
    shortName: optionalValid(shortName, zone.shortName),
    addressSpace: optionalValid(cidr, zone.addressSpace),
    sharedServices: Object.fromEntries(
      Object.entries(SHARED_SERVICE_DEFAULTS).map(([k, d]) => [
        k,
        shared[k] === undefined ? d : typeof shared[k] === 'boolean' ? (shared[k] as boolean) : undefined,
      ]),
    ),
    integrations: list(zone.dataIntegrations, MAX_LIST_ITEMS).map((item, i) => {
      const r = record(item);
      const p = `${path}.dataIntegrations[${i}]`;
      return {
        path: p,
        name: valid(itemName, r.name),
        previousNames: viewPreviousNames(r.renamedFrom, p),
        engine: valid(z.enum(INTEGRATION_ENGINES), r.engine),
      };
    }),
    products: list(zone.dataProducts, MAX_LIST_ITEMS).map((item, i) => {
      const r = record(item);
      const p = `${path}.dataProducts[${i}]`;
      const template = valid(z.enum(PRODUCT_TEMPLATES), r.template);
      return {
        path: p,
        name: valid(itemName, r.name),
        previousNames: viewPreviousNames(r.renamedFrom, p),
        template,
        engine: r.engine === undefined ? (template ? DEFAULT_PRODUCT_ENGINE[template] : undefined) : valid(z.enum(INTEGRATION_ENGINES), r.engine),
        engineDefaulted: r.engine === undefined,
        serving: r.serving,
        inputs: list(r.inputs, MAX_LIST_ITEMS).map((v, j) => ({ path: `${p}.inputs[${j}]`, value: valid(inputRef, v) })),
      };
    }),
  };
}

function viewPreviousNames(value: unknown, itemPath: string): { path: string; value?: string }[] {
  if (typeof value === 'string') return [{ path: `${itemPath}.renamedFrom`, value: valid(itemName, value) }];
  return list(value, MAX_PREVIOUS_NAMES).map((v, j) => ({ path: `${itemPath}.renamedFrom[${j}]`, value: valid(itemName, v) }));
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Entries past a list's schema maximum are left out: the schema already reports the list
 * as too long, and checking 100,000 hostile entries only repeats one problem per entry
 * (measured: 100,000 zones took 4.5 s and produced 99,745 "no free /16" problems).
 */
function list(value: unknown, max: number): unknown[] {
  return Array.isArray(value) ? value.slice(0, max) : [];
}

function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

function optionalValid(schema: z.ZodType<string>, value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  return valid(schema, value) ?? null;
}
