import { privateDnsZoneNames } from '../catalog/private-dns-zones';
import { Estate, LandingZone, SharedServices } from '../estate/model';
import { fromTerraformLiteral } from '../estate/terraform-literal';
import { fitText, textWidth } from './text-metrics';

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
}

export type TextRole = 'kind' | 'title' | 'detail' | 'muted';

export interface TextLine {
  readonly text: string;
  readonly role: TextRole;
  readonly size: number;
  readonly bold: boolean;
}

export interface Sized {
  readonly width: number;
  readonly height: number;
}

export interface ManagementTile extends Sized {
  readonly key: 'hub' | 'firewall' | 'dns' | 'purview' | 'monitoring';
  readonly lines: readonly TextLine[];
}

export interface ManagementBox extends Sized {
  readonly id: string;
  readonly stackName: string;
  readonly header: readonly TextLine[];
  readonly headerHeight: number;
  readonly tiles: readonly ManagementTile[];
}

export interface ZoneBox {
  readonly id: string;
  readonly name: string;
  readonly stackName: string;
  readonly index: number;
  readonly addressSpace: string;
  readonly subscriptionId: string;
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

export const SIZES = { kind: 9.5, title: 13, zoneTitle: 15, detail: 11, padding: 10, lineGap: 1.32 } as const;
export const ITEM_MIN_WIDTH = 150;
export const ITEM_MAX_WIDTH = 280;
export const TILE_WIDTH_MAX = 300;
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
  const zones = estate.landingZones.map((zone) => zoneBox(zone, summarized));
  const edges: InputEdge[] = [];
  for (const zone of summarized ? [] : estate.landingZones) {
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
  const n = estate.landingZones.length;
  const integrations = estate.landingZones.reduce((sum, z) => sum + z.dataIntegrations.length, 0);
  const products = estate.landingZones.reduce((sum, z) => sum + z.dataProducts.length, 0);
  const crossZone = edges.filter((e) => e.crossZone).length;
  return {
    estate: estate.estate,
    environment: estate.environment,
    location: estate.location,
    title: `Estate ${estate.estate} · ${estate.environment} · ${estate.location}`,
    subtitle: summarized
      ? `${plural(n, 'landing zone')} · ${plural(integrations, 'data integration')} · ${plural(products, 'data product')} · ${plural(inputs, 'input')}: too many to draw, zones show counts (see the table)`
      : `${plural(n, 'landing zone')} · ${plural(integrations, 'data integration')} · ${plural(products, 'data product')} · ${plural(edges.length, 'input')} (${crossZone} cross-zone)`,
    management: managementBox(estate),
    zones,
    edges,
    peering: peeringSummary(n),
  };
}

function peeringSummary(n: number): PeeringSummary {
  const meshPairs = (n * (n - 1)) / 2;
  return {
    landingZones: n,
    hubSpoke: n,
    meshPairs,
    peeringResources: 2 * n + 2 * meshPairs,
    meshLabel:
      n > 1
        ? `Landing zones · full mesh of VNet peerings: ${plural(meshPairs, 'zone pair')}, each peered in both directions`
        : 'Landing zone · peered with the hub',
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

export function line(text: string, role: TextRole): TextLine {
  switch (role) {
    case 'kind':
      return { text, role, size: SIZES.kind, bold: true };
    case 'title':
      return { text, role, size: SIZES.title, bold: true };
    default:
      return { text, role, size: SIZES.detail, bold: false };
  }
}

export function lineHeight(l: TextLine): number {
  return Math.ceil(l.size * SIZES.lineGap);
}

export function linesHeight(lines: readonly TextLine[]): number {
  return lines.reduce((sum, l) => sum + lineHeight(l), 0);
}

/** Kind labels ("DATA PRODUCT · BATCH") are spaced out by this many em per character. */
export const KIND_LETTER_SPACING = 0.04;

export function lineWidth(l: TextLine): number {
  const spacing = l.role === 'kind' ? [...l.text].length * KIND_LETTER_SPACING * l.size : 0;
  return textWidth(l.text, l.size, l.bold) + spacing;
}

function linesWidth(lines: readonly TextLine[]): number {
  return Math.max(0, ...lines.map(lineWidth));
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown} +${values.length - MAX_LISTED} more` : shown;
}

/**
 * A box for `lines`: as wide as its text within [minWidth, maxWidth], except that titles (the
 * names people look for) are never cut: a long name widens the box; other lines get an ellipsis.
 */
function box(lines: TextLine[], minWidth: number, maxWidth: number): { lines: TextLine[]; width: number; height: number } {
  const pad = SIZES.padding;
  const titles = lines.filter((l) => l.role === 'title');
  const limit = Math.max(maxWidth - 2 * pad, linesWidth(titles));
  const fitted = lines.map((l) => (l.role === 'title' ? l : { ...l, text: fitText(l.text, l.size, limit, l.bold) }));
  const width = Math.ceil(Math.max(minWidth, linesWidth(fitted) + 2 * pad));
  return { lines: fitted, width, height: Math.ceil(linesHeight(fitted) + 2 * pad) };
}

function managementBox(estate: Estate): ManagementBox {
  const mz = estate.managementZone;
  const dnsZones = privateDnsZoneNames(estate.location).length;
  const tileSpecs: { key: ManagementTile['key']; lines: TextLine[] }[] = [
    { key: 'hub', lines: [line('HUB NETWORK', 'kind'), line(mz.addressSpace, 'title'), line(mz.names.virtualNetwork, 'detail')] },
    {
      key: 'firewall',
      lines: [
        line('AZURE FIREWALL', 'kind'),
        line(mz.firewall.tier, 'title'),
        line(mz.firewall.tier === 'Premium' ? 'egress, DNS proxy, IDPS deny' : 'egress, DNS proxy', 'detail'),
      ],
    },
    { key: 'dns', lines: [line('PRIVATE DNS', 'kind'), line(`${dnsZones} zones`, 'title'), line('linked to the hub', 'detail')] },
    {
      key: 'purview',
      lines: [line('GOVERNANCE', 'kind'), line('Purview', 'title'), line(mz.names.purviewAccount, 'detail')],
    },
    { key: 'monitoring', lines: [line('MONITORING', 'kind'), line('Log Analytics', 'title'), line(mz.names.logAnalyticsWorkspace, 'detail')] },
  ];
  const tiles = tileSpecs.map((t) => ({ key: t.key, ...box(t.lines, 120, TILE_WIDTH_MAX) }));
  const tileHeight = Math.max(...tiles.map((t) => t.height));
  const header = [
    { ...line('Data management zone', 'title'), size: SIZES.zoneTitle },
    line(`stack ${mz.stackName} · subscription ${mz.subscriptionId}`, 'muted'),
  ];
  const headerHeight = Math.ceil(linesHeight(header) + SIZES.padding * 1.5);
  const gap = SIZES.padding;
  const tilesWidth = tiles.reduce((sum, t) => sum + t.width, 0) + gap * (tiles.length - 1);
  const width = Math.ceil(Math.max(tilesWidth, linesWidth(header)) + 2 * SIZES.padding);
  return {
    id: 'zone:dmlz',
    stackName: mz.stackName,
    header,
    headerHeight,
    tiles: tiles.map((t) => ({ ...t, height: tileHeight })),
    width,
    height: headerHeight + tileHeight + SIZES.padding,
  };
}

function enabledServices(services: SharedServices): string[] {
  return (Object.keys(SERVICE_LABELS) as (keyof SharedServices)[]).filter((k) => services[k]).map((k) => SERVICE_LABELS[k]);
}

function zoneBox(zone: LandingZone, summarized: boolean): ZoneBox {
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
    services,
    header,
    headerHeight: Math.ceil(linesHeight(header) + SIZES.padding * 2),
    minWidth: Math.ceil(linesWidth(header) + 2 * SIZES.padding),
    items,
  };
}
