import type { ElkNode } from 'elkjs/lib/elk-api';
import { layoutZones } from './elk-layout';
import { chooseColumns, HUB_LINK_HEIGHT, LEGEND_HEIGHT, MARGIN, MESH_HEADER_HEIGHT, placeGrid, PositionedDiagram, TITLE_HEIGHT } from './grid-place';
import { DiagramModel, MESH_LABEL_SIZE, minimumDiagramWidth } from './layout-model';
import { layoutRegions } from './region-layout';
import { textWidth } from './text-metrics';
import { GUTTER, gridOf } from './zone-grid';

export { chooseColumns, HUB_LINK_HEIGHT, LEGEND_HEIGHT, MARGIN, MESH_HEADER_HEIGHT, type PositionedDiagram, TARGET_ASPECT, TITLE_HEIGHT } from './grid-place';

export { GUTTER, simplify, TRACK } from './zone-grid';

/**
 * Places everything: title, the management zone, the hub-spoke connector, and the landing
 * zones in a grid (file order, row by row) inside the peering-mesh box, with cross-zone
 * inputs routed through the gutters between zones.
 *
 * A grid rather than a graph layout for the zones: zones that read from each other would
 * otherwise be put in different layers, so a row of zones would no longer be a row, and the
 * order would no longer be the file's. Gutters never hold a zone, each cross-zone input gets
 * its own track in every gutter it uses, so no route runs along another or through a zone.
 * An estate in more than one region is drawn by region-layout.ts, on the same grid.
 */

/** `laidOutGraph`: ELK's result for `elkGraph(model)`, when it was laid out elsewhere (elk-thread.ts). */
export function layoutDiagram(model: DiagramModel, laidOutGraph?: ElkNode): PositionedDiagram {
  const mgmt = model.management;
  const title = { x: MARGIN, y: MARGIN };
  const minWidth = minimumDiagramWidth(model);
  const managementY = title.y + TITLE_HEIGHT;
  if (!model.zones.length) return withoutZones(model, managementY, minWidth);

  const zoneLayouts = layoutZones(model, laidOutGraph);
  if (model.regions.length) return layoutRegions(model, zoneLayouts, minWidth);
  const columns = chooseColumns(zoneLayouts, {
    width: Math.max(mgmt.width, minWidth),
    height: TITLE_HEIGHT + mgmt.height + HUB_LINK_HEIGHT + MESH_HEADER_HEIGHT + LEGEND_HEIGHT,
  });
  const grid = gridOf(zoneLayouts, columns, model.edges);

  const meshWidth = Math.ceil(Math.max(grid.width, textWidth(model.peering.meshLabel, MESH_LABEL_SIZE, true) + 2 * GUTTER));
  const contentWidth = Math.max(meshWidth, mgmt.width, minWidth);
  const management = { x: MARGIN + (contentWidth - mgmt.width) / 2, y: managementY, width: mgmt.width, height: mgmt.height };
  const mesh = {
    x: MARGIN + (contentWidth - meshWidth) / 2,
    y: managementY + mgmt.height + HUB_LINK_HEIGHT,
    width: meshWidth,
    height: MESH_HEADER_HEIGHT + grid.height,
    headerHeight: MESH_HEADER_HEIGHT,
  };
  const ox = mesh.x + (meshWidth - grid.width) / 2;
  const oy = mesh.y + MESH_HEADER_HEIGHT;
  const { zones, items, edges } = placeGrid(grid, ox, oy, model.edges);

  const legendY = mesh.y + mesh.height + MARGIN;
  return {
    model,
    width: Math.ceil(contentWidth + 2 * MARGIN),
    height: Math.ceil(legendY + LEGEND_HEIGHT + MARGIN),
    title,
    management,
    mesh,
    hubLink: { x: management.x + management.width / 2, y1: management.y + management.height, y2: mesh.y },
    zones,
    items,
    edges,
    legend: { x: MARGIN, y: legendY },
    columns,
  };
}

/** The picture of an estate without landing zones: the title, the management zone and the legend. */
function withoutZones(model: DiagramModel, managementY: number, minWidth: number): PositionedDiagram {
  const mgmt = model.management;
  const legendY = managementY + mgmt.height + MARGIN;
  return {
    model,
    width: Math.ceil(Math.max(mgmt.width, minWidth) + 2 * MARGIN),
    height: Math.ceil(legendY + LEGEND_HEIGHT + MARGIN),
    title: { x: MARGIN, y: MARGIN },
    management: { x: MARGIN, y: managementY, width: mgmt.width, height: mgmt.height },
    zones: [],
    items: [],
    edges: [],
    legend: { x: MARGIN, y: legendY },
    columns: 0,
  };
}
