import { Rect, ZoneLayout } from './elk-layout';
import { chooseColumns, HUB_LINK_HEIGHT, LEGEND_HEIGHT, MARGIN, MESH_HEADER_HEIGHT, placeGrid, PositionedDiagram, TITLE_HEIGHT } from './grid-place';
import { DiagramModel, MESH_LABEL_SIZE, RegionGroup } from './layout-model';
import { REGION_LABEL } from './region-groups';
import { textWidth } from './text-metrics';
import { Bands, Grid, GUTTER, gridOf } from './zone-grid';

/**
 * The picture of an estate in more than one region: inside the peering box, one labelled box
 * per region, stacked in the estate's region order; the first (the estate's location) holds
 * the management zone above its landing zones, with the hub connector between them.
 *
 * The zones stay one grid (zone-grid.ts): each region's zones start a row of their own and
 * share the columns, so a cross-zone input between regions is routed through the gutters like
 * any other, and nothing here is more than linear in the zones. The management zone sits in
 * the header room of the first band, above every lane, so no route runs through it.
 */

/** A region box's inset from the peering box's sides, and the room it keeps around the management zone. */
const BAND_INSET = 8;
const BAND_PADDING = 16;
const BANDS: Pick<Bands, 'bottom' | 'gap'> = { bottom: 12, gap: 14 };

/** The zones' layouts in region order (deployment order within a region): one pass, one lookup per zone. */
function inRegionOrder(layouts: readonly ZoneLayout[], regions: readonly RegionGroup[]): ZoneLayout[] {
  const byName = new Map(layouts.map((l) => [l.zone.name, l]));
  return regions.flatMap((group) => group.zones.map((name) => byName.get(name)!));
}

/** How wide the peering box must be for its label, the management zone and every region label, whatever the grid. */
function innerWidth(model: DiagramModel): number {
  const labels = Math.max(...model.regions.map((g) => g.labelWidth));
  return Math.ceil(
    Math.max(
      textWidth(model.peering.meshLabel, MESH_LABEL_SIZE, true) + 2 * GUTTER,
      model.management.width + 2 * (BAND_INSET + BAND_PADDING),
      labels + 2 * (BAND_INSET + REGION_LABEL.indent),
    ),
  );
}

function bandsOf(model: DiagramModel): Bands {
  const managementHeader = REGION_LABEL.height + model.management.height + HUB_LINK_HEIGHT;
  return {
    ...BANDS,
    sizes: model.regions.map((g) => g.zones.length),
    headers: model.regions.map((g) => (g.management ? managementHeader : REGION_LABEL.height)),
  };
}

function zoneGrid(model: DiagramModel, layouts: readonly ZoneLayout[], bands: Bands, minWidth: number): { grid: Grid; columns: number } {
  const headers = bands.headers.reduce((a, b) => a + b, 0) + (bands.headers.length - 1) * (bands.bottom + bands.gap) + bands.bottom;
  const columns = chooseColumns(
    layouts,
    { width: Math.max(innerWidth(model), minWidth), height: TITLE_HEIGHT + MESH_HEADER_HEIGHT + headers + LEGEND_HEIGHT },
    bands.sizes,
  );
  return { grid: gridOf(layouts, columns, model.edges, bands), columns };
}

export function layoutRegions(model: DiagramModel, zoneLayouts: readonly ZoneLayout[], minWidth: number): PositionedDiagram {
  const mgmt = model.management;
  const title = { x: MARGIN, y: MARGIN };
  const bands = bandsOf(model);
  const { grid, columns } = zoneGrid(model, inRegionOrder(zoneLayouts, model.regions), bands, minWidth);
  const meshWidth = Math.max(grid.width, innerWidth(model));
  const contentWidth = Math.max(meshWidth, minWidth);
  const mesh = {
    x: MARGIN + (contentWidth - meshWidth) / 2,
    y: title.y + TITLE_HEIGHT,
    width: meshWidth,
    height: MESH_HEADER_HEIGHT + grid.height,
    headerHeight: MESH_HEADER_HEIGHT,
  };
  const ox = mesh.x + (meshWidth - grid.width) / 2;
  const oy = mesh.y + MESH_HEADER_HEIGHT;
  const regions = model.regions.map((group, b) => {
    const band = grid.bands![b];
    return { x: mesh.x + BAND_INSET, y: oy + band.top, width: meshWidth - 2 * BAND_INSET, height: band.bottom - band.top, group };
  });
  // The management zone's group is the first (regionGroups): its header is above every lane of the grid.
  const management: Rect = { x: mesh.x + (meshWidth - mgmt.width) / 2, y: regions[0].y + REGION_LABEL.height, width: mgmt.width, height: mgmt.height };
  const { zones, items, edges } = placeGrid(grid, ox, oy, model.edges);
  const legendY = mesh.y + mesh.height + MARGIN;
  return {
    model,
    width: Math.ceil(contentWidth + 2 * MARGIN),
    height: Math.ceil(legendY + LEGEND_HEIGHT + MARGIN),
    title,
    management,
    mesh,
    hubLink: { x: management.x + management.width / 2, y1: management.y + management.height, y2: oy + grid.bands![0].headerEnd },
    zones,
    items,
    edges,
    legend: { x: MARGIN, y: legendY },
    columns,
    regions,
  };
}
