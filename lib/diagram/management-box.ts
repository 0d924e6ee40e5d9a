import { privateDnsZoneNamesFor } from '../catalog/private-dns-zones';
import { Estate, ExistingHub, ManagementZone } from '../estate/model';
import { box, line, linesHeight, linesWidth, SIZES, Sized, TextLine } from './text-lines';

/** The data management zone's box in the diagram: its header and one tile per service. */

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

export const TILE_WIDTH_MAX = 300;

interface TileSpec {
  readonly key: ManagementTile['key'];
  readonly lines: TextLine[];
}

/**
 * The private DNS zones the management zone hosts: the global ones once, plus the regional
 * ones of every region in use (a zone in another region needs its region's AKS, Batch and
 * Redis Enterprise zones too). The set keeps a name that two regions share counted once.
 */
export function hostedPrivateDnsZones(estate: Pick<Estate, 'location' | 'regions'>): number {
  // `?? location`: a model built by hand (before regions existed) is one region.
  return privateDnsZoneNamesFor(estate.regions ?? [estate.location]).length;
}

/** The tiles of an estate that deploys its own hub: hub network, firewall, DNS zones. */
function ownHubTiles(estate: Estate): TileSpec[] {
  const mz = estate.managementZone;
  return [
    { key: 'hub', lines: [line('HUB NETWORK', 'kind'), line(mz.addressSpace, 'title'), line(mz.names.virtualNetwork, 'detail')] },
    {
      key: 'firewall',
      lines: [
        line('AZURE FIREWALL', 'kind'),
        line(mz.firewall.tier, 'title'),
        line(mz.firewall.tier === 'Premium' ? 'egress, DNS proxy, IDPS deny' : 'egress, DNS proxy', 'detail'),
      ],
    },
    { key: 'dns', lines: [line('PRIVATE DNS', 'kind'), line(`${hostedPrivateDnsZones(estate)} zones`, 'title'), line('linked to the hub', 'detail')] },
  ];
}

/**
 * The tiles of an estate that joins an enterprise hub: the management zone's network stays
 * the centre of the estate's own mesh but is no longer the hub (no firewall in it), and the
 * firewall and private DNS zones are the enterprise hub's, not the estate's (the stacks deploy
 * neither), so the tiles name them as such (docs/topology.md).
 */
function existingHubTiles(mz: ManagementZone, connectivity: ExistingHub): TileSpec[] {
  return [
    { key: 'hub', lines: [line('MANAGEMENT NETWORK', 'kind'), line(mz.addressSpace, 'title'), line(mz.names.virtualNetwork, 'detail')] },
    {
      key: 'firewall',
      lines: [
        line('ENTERPRISE HUB FIREWALL', 'kind'),
        line(connectivity.hub.name, 'title'),
        line(`${connectivity.firewallPrivateIp}, not the estate's`, 'detail'),
      ],
    },
    {
      key: 'dns',
      lines: [line('PRIVATE DNS', 'kind'), line("the enterprise hub's zones", 'title'), line(`in ${connectivity.privateDnsZones.resourceGroupName}`, 'detail')],
    },
  ];
}

export function managementBox(estate: Estate): ManagementBox {
  const mz = estate.managementZone;
  const connectivity = mz.connectivity;
  const tileSpecs: TileSpec[] = [
    ...(connectivity?.mode === 'existing-hub' ? existingHubTiles(mz, connectivity) : ownHubTiles(estate)),
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
