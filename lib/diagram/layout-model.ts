import { Estate, LandingZone, SharedServices } from '../estate/model';
import { fromTerraformLiteral } from '../estate/terraform-literal';
import { ManagementBox, managementBox } from './management-box';
import { RegionGroup, regionGroups } from './region-groups';
import { box, line, linesHeight, linesWidth, SIZES, Sized, TextLine } from './text-lines';
import { textWidth } from './text-metrics';

export { type ManagementBox, type ManagementTile, TILE_WIDTH_MAX } from './management-box';
export { type RegionGroup } from './region-groups';
export { box, KIND_LETTER_SPACING, line, lineHeight, linesHeight, lineWidth, SIZES, type Sized, type TextLine, type TextRole } from './text-lines';

/**
 * What the estate diagram shows, with every box's text and size, derived from the resolved
 * estate alone (no layout yet). The size of everything here is linear in the estate: one box
 * per zone, integration and product, one edge per input, and the peering mesh as one marker
 * (counts), never its n² peerings.
 */
export interface DiagramModel {
  readonly estate: string;
  readonly environment: string;
  readonly location: string;
  readonly title: string;
  readonly subtitle: string;
  readonly management: ManagementBox;
  readonly zones: readonly ZoneBox[];
  readonly edges: readonly InputEdge[];
  readonly peering: PeeringSummary;
  /** The region groups, when the landing zones live in more than one region; none otherwise. */
  readonly regions: readonly RegionGroup[];
}

export interface ZoneBox {
  readonly id: string;
  readonly name: string;
  readonly stackName: string;
  readonly index: number;
  readonly addressSpace: string;
  readonly subscriptionId: string;
  /** The zone's Azure region. */
  readonly region: string;
  readonly services: readonly string[];
  readonly header: readonly TextLine[];
  /** Space above the zone's integrations and products. */
  readonly headerHeight: number;
  /** The header's width plus padding: the zone is never narrower. */
  readonly minWidth: number;
  readonly items: readonly ItemBox[];
}

export interface ItemBox extends Sized {
  readonly id: string;
  readonly kind: 'integration' | 'product';
  readonly zone: string;
  readonly name: string;
  readonly lines: readonly TextLine[];
}

export interface InputEdge {
  readonly id: string;
  /** The producer: data flows from source to target. */
  readonly source: string;
  readonly target: string;
  readonly crossZone: boolean;
  /** `billing/revenue-by-service -> operations/recommender-revenue`, for tooltips. */
  readonly label: string;
}

export interface PeeringSummary {
  readonly landingZones: number;
  /** Hub-spoke pairs: one per landing zone. */
  readonly hubSpoke: number;
  /** Landing zone pairs of the full mesh: n(n-1)/2. */
  readonly meshPairs: number;
  /** Peering resources (each pair is peered in both directions). */
  readonly peeringResources: number;
  /** The mesh box's heading and the hub connector's label. */
  readonly meshLabel: string;
  readonly hubLabel: string;
}

export const MESH_LABEL_SIZE = 12.5;

export const ITEM_MIN_WIDTH = 150;
export const ITEM_MAX_WIDTH = 280;
/** Long lists (sources, services) are cut to this many entries plus "+N more". */
const MAX_LISTED = 3;

const SERVICE_LABELS: Record<keyof SharedServices, string> = {
  databricks: 'Databricks',
  dataFactory: 'Data Factory',
  synapse: 'Synapse',
  eventHub: 'Event Hubs',
  selfHostedIntegrationRuntime: 'self-hosted IR',
};

const ENGINE_LABELS: Record<string, string> = { databricks: 'Databricks', 'data-factory': 'Data Factory', synapse: 'Synapse' };

export function zoneId(zone: string): string {
  return `zone:${zone}`;
}

export function itemId(zone: string, name: string): string {
  return `item:${zone}/${name}`;
}

/**
 * Beyond this many integrations and products, or inputs, in the estate, the diagram shows
 * zones with counts instead of every box and arrow: a picture that large is not read, only
 * waited for (and ELK's time grows faster than the estate).
 */
export const MAX_DRAWN_ITEMS = 4000;
export const MAX_DRAWN_INPUTS = 6000;

export function diagramModel(estate: Estate): DiagramModel {
  const itemCount = estate.landingZones.reduce((sum, z) => sum + z.dataIntegrations.length + z.dataProducts.length, 0);
  const inputs = estate.landingZones.reduce((sum, z) => sum + z.dataProducts.reduce((n, p) => n + p.inputs.length, 0), 0);
  const summarized = itemCount > MAX_DRAWN_ITEMS || inputs > MAX_DRAWN_INPUTS;
  const zones = estate.landingZones.map((zone) => zoneBox(zone, summarized, estate.location));
  const edges = summarized ? [] : inputEdges(estate.landingZones);
  const n = estate.landingZones.length;
  const integrations = estate.landingZones.reduce((sum, z) => sum + z.dataIntegrations.length, 0);
  const products = estate.landingZones.reduce((sum, z) => sum + z.dataProducts.length, 0);
  const crossZone = edges.filter((e) => e.crossZone).length;
  const regions = regionGroups(estate);
  // Single-region estates keep the words they always had; the region count is said only when there is more than one.
  const zonesIn = `${plural(n, 'landing zone')}${regions.length ? ` in ${regions.length} regions` : ''}`;
  return {
    estate: estate.estate,
    environment: estate.environment,
    location: estate.location,
    title: `Estate ${estate.estate} · ${estate.environment} · ${estate.location}${regions.length ? ` (+${plural(regions.length - 1, 'region')})` : ''}`,
    subtitle: summarized
      ? `${zonesIn} · ${plural(integrations, 'data integration')} · ${plural(products, 'data product')} · ${plural(inputs, 'input')}: too many to draw, zones show counts (see the table)`
      : `${zonesIn} · ${plural(integrations, 'data integration')} · ${plural(products, 'data product')} · ${plural(edges.length, 'input')} (${crossZone} cross-zone)`,
    management: managementBox(estate),
    zones,
    edges,
    peering: peeringSummary(n, regions.length),
    regions,
  };
}

/** One edge per input of every data product, in the estate's order. */
function inputEdges(landingZones: readonly LandingZone[]): InputEdge[] {
  const edges: InputEdge[] = [];
  for (const zone of landingZones) {
    for (const product of zone.dataProducts) {
      for (const input of product.inputs) {
        const crossZone = input.zone !== zone.name;
        edges.push({
          id: `edge:${input.zone}/${input.name}->${zone.name}/${product.name}`,
          source: itemId(input.zone, input.name),
          target: itemId(zone.name, product.name),
          crossZone,
          label: `${input.zone}/${input.name} → ${zone.name}/${product.name}${crossZone ? ' (cross-zone input)' : ''}`,
        });
      }
    }
  }
  return edges;
}

/**
 * `regions`: how many region groups are drawn (0 for a single region), whose box then holds
 * the management zone too. The mesh with the management zone is the same whether the estate
 * has its own hub or joins an enterprise one (docs/topology.md): the enterprise hub is in the
 * management zone's tiles instead.
 */
function peeringSummary(n: number, regions: number): PeeringSummary {
  const meshPairs = (n * (n - 1)) / 2;
  const meshLabel = regions
    ? n > 1
      ? `Management zone and landing zones in ${regions} regions · landing zones in a full mesh of global VNet peerings: ${plural(meshPairs, 'zone pair')}, each peered in both directions`
      : `Management zone and landing zone in ${regions} regions · global VNet peering with the hub`
    : n > 1
      ? `Landing zones · full mesh of VNet peerings: ${plural(meshPairs, 'zone pair')}, each peered in both directions`
      : 'Landing zone · peered with the hub';
  return {
    landingZones: n,
    hubSpoke: n,
    meshPairs,
    peeringResources: 2 * n + 2 * meshPairs,
    meshLabel,
    hubLabel: `hub-spoke peering × ${n} (both directions)`,
  };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The legend under the diagram (and its swatches in svg-render). */
export const LEGEND_ENTRIES = [
  { key: 'management', label: 'data management zone' },
  { key: 'zone', label: 'data landing zone' },
  { key: 'integration', label: 'data integration' },
  { key: 'product', label: 'data product' },
  { key: 'input', label: 'input (same zone)' },
  { key: 'cross', label: 'cross-zone input' },
  { key: 'peering', label: 'VNet peering' },
] as const;
export const LEGEND_TEXT_SIZE = 11.5;
export const LEGEND_SWATCH = 26;
export const LEGEND_GAP = 22;

/** Width of one legend entry: swatch, gap, label. */
export function legendEntryWidth(label: string): number {
  return LEGEND_SWATCH + 8 + textWidth(label, LEGEND_TEXT_SIZE);
}

export function legendWidth(): number {
  return LEGEND_ENTRIES.reduce((sum, e) => sum + legendEntryWidth(e.label) + LEGEND_GAP, -LEGEND_GAP);
}

/** The narrowest the whole diagram may be: its title, subtitle and legend fit. */
export function minimumDiagramWidth(model: Pick<DiagramModel, 'title' | 'subtitle'>): number {
  return Math.ceil(Math.max(textWidth(model.title, 18, true), textWidth(model.subtitle, 11.5), legendWidth()));
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown} +${values.length - MAX_LISTED} more` : shown;
}

function enabledServices(services: SharedServices): string[] {
  return (Object.keys(SERVICE_LABELS) as (keyof SharedServices)[]).filter((k) => services[k]).map((k) => SERVICE_LABELS[k]);
}

function zoneBox(zone: LandingZone, summarized: boolean, estateLocation: string): ZoneBox {
  const services = enabledServices(zone.sharedServices);
  const header = [
    { ...line(zone.name, 'title'), size: SIZES.zoneTitle },
    line(`${zone.stackName} · ${zone.addressSpace}`, 'detail'),
    line(`subscription ${zone.subscriptionId}`, 'muted'),
    line(`shared: ${services.length ? services.join(', ') : 'none'}`, 'muted'),
    ...(summarized ? [line(`${plural(zone.dataIntegrations.length, 'data integration')}, ${plural(zone.dataProducts.length, 'data product')}`, 'detail')] : []),
  ];
  const items: ItemBox[] = summarized
    ? []
    : [
        ...zone.dataIntegrations.map((di) => {
          const lines = [
            line('DATA INTEGRATION', 'kind'),
            line(di.name, 'title'),
            line(`from ${listed(di.sources.map(fromTerraformLiteral))}`, 'detail'),
            line(`on ${ENGINE_LABELS[di.engine] ?? di.engine}`, 'muted'),
          ];
          return {
            id: itemId(zone.name, di.name),
            kind: 'integration' as const,
            zone: zone.name,
            name: di.name,
            ...box(lines, ITEM_MIN_WIDTH, ITEM_MAX_WIDTH),
          };
        }),
        ...zone.dataProducts.map((dp) => {
          const lines = [
            line(`DATA PRODUCT · ${dp.template.toUpperCase()}`, 'kind'),
            line(dp.name, 'title'),
            line(`on ${ENGINE_LABELS[dp.engine] ?? dp.engine}${dp.serving === 'aks' ? ', served from AKS' : ''}`, 'detail'),
          ];
          return { id: itemId(zone.name, dp.name), kind: 'product' as const, zone: zone.name, name: dp.name, ...box(lines, ITEM_MIN_WIDTH, ITEM_MAX_WIDTH) };
        }),
      ];
  return {
    id: zoneId(zone.name),
    name: zone.name,
    stackName: zone.stackName,
    index: zone.index,
    addressSpace: zone.addressSpace,
    subscriptionId: zone.subscriptionId,
    region: zone.location ?? estateLocation,
    services,
    header,
    headerHeight: Math.ceil(linesHeight(header) + SIZES.padding * 2),
    minWidth: Math.ceil(linesWidth(header) + 2 * SIZES.padding),
    items,
  };
}
