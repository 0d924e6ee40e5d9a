import { Point, Rect } from './elk-layout';
import { PositionedDiagram } from './grid-layout';
import {
  KIND_LETTER_SPACING,
  LEGEND_ENTRIES,
  LEGEND_GAP,
  LEGEND_SWATCH,
  LEGEND_TEXT_SIZE,
  legendEntryWidth,
  lineHeight,
  MESH_LABEL_SIZE,
  SIZES,
  TextLine,
} from './layout-model';
import { REGION_LABEL } from './region-groups';
import { FONT_FAMILY, textWidth } from './text-metrics';

/**
 * Static SVG of a laid-out estate: plain shapes and text, no scripts, no external
 * references, so it renders the same from a file, an <img> or inlined in HTML.
 */

export const COLORS = {
  ink: '#1e293b',
  muted: '#64748b',
  management: { fill: '#eaf1fb', stroke: '#2b5797', text: '#1d3f73' },
  tile: { fill: '#ffffff', stroke: '#9db4d6' },
  peering: '#0f766e',
  mesh: { fill: '#f3f8f7', stroke: '#0f766e' },
  region: { fill: '#eef3f9', stroke: '#7b8da6', text: '#334155' },
  zone: { fill: '#ffffff', stroke: '#475569' },
  integration: { fill: '#e0f2fe', stroke: '#0369a1', kind: '#0369a1' },
  product: { fill: '#fef3c7', stroke: '#b45309', kind: '#b45309' },
  input: '#334155',
  crossZone: '#c026d3',
} as const;

/**
 * Text as XML character data or an attribute value. Characters XML 1.0 forbids (C0 controls
 * other than tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates)
 * cannot be escaped, not even as character references, so they become U+FFFD: validation
 * rejects them in estate text already, and this keeps estate.svg well-formed whatever comes.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const f = (n: number) => String(Math.round(n * 10) / 10);

function rect(r: Rect, attrs: string, radius = 6): string {
  return `<rect x="${f(r.x)}" y="${f(r.y)}" width="${f(r.width)}" height="${f(r.height)}" rx="${radius}" ${attrs}/>`;
}

function textColor(l: TextLine, kindColor: string): string {
  if (l.role === 'kind') return kindColor;
  if (l.role === 'muted') return COLORS.muted;
  return COLORS.ink;
}

/** Lines of text from (x, y) down; y is the top of the first line. */
function textLines(lines: readonly TextLine[], x: number, y: number, kindColor: string): string {
  let top = y;
  return lines
    .map((l) => {
      const h = lineHeight(l);
      const baseline = top + h * 0.78;
      top += h;
      const weight = l.bold ? ' font-weight="bold"' : '';
      const spacing = l.role === 'kind' ? ` letter-spacing="${KIND_LETTER_SPACING}em"` : '';
      return `<text x="${f(x)}" y="${f(baseline)}" font-size="${l.size}"${weight}${spacing} fill="${textColor(l, kindColor)}">${escapeXml(l.text)}</text>`;
    })
    .join('');
}

function path(points: readonly Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${f(p.x)} ${f(p.y)}`).join(' ');
}

function management(d: PositionedDiagram): string {
  const m = d.model.management;
  const r = d.management;
  const pad = SIZES.padding;
  const parts = [
    `<g class="management" data-kind="management-zone" data-name="${escapeXml(m.stackName)}">`,
    `<title>Data management zone (stack ${escapeXml(m.stackName)})</title>`,
    rect(r, `fill="${COLORS.management.fill}" stroke="${COLORS.management.stroke}" stroke-width="2"`, 10),
    textLines(m.header, r.x + pad, r.y + pad * 0.75, COLORS.management.text),
  ];
  let x = r.x + pad;
  const y = r.y + m.headerHeight;
  for (const tile of m.tiles) {
    parts.push(`<g data-kind="service" data-name="${tile.key}">`);
    parts.push(rect({ x, y, width: tile.width, height: tile.height }, `fill="${COLORS.tile.fill}" stroke="${COLORS.tile.stroke}"`));
    parts.push(textLines(tile.lines, x + pad, y + pad, COLORS.management.text));
    parts.push('</g>');
    x += tile.width + pad;
  }
  parts.push('</g>');
  return parts.join('');
}

function peering(d: PositionedDiagram): string {
  if (!d.mesh || !d.hubLink) return '';
  const p = d.model.peering;
  const { x, y1, y2 } = d.hubLink;
  const mesh = d.mesh;
  const { meshLabel, hubLabel } = p;
  return [
    `<g class="peering" data-kind="peering" data-hub-spoke="${p.hubSpoke}" data-mesh-pairs="${p.meshPairs}">`,
    `<title>${escapeXml(`${hubLabel}; ${meshLabel}; ${p.peeringResources} peering resources in total`)}</title>`,
    rect(mesh, `fill="${COLORS.mesh.fill}" stroke="${COLORS.mesh.stroke}" stroke-width="2" stroke-dasharray="8 5"`, 12),
    `<text x="${f(mesh.x + 16)}" y="${f(mesh.y + mesh.headerHeight * 0.68)}" font-size="${MESH_LABEL_SIZE}" font-weight="bold" fill="${COLORS.peering}">${escapeXml(meshLabel)}</text>`,
    // Region groups sit on the mesh and under the hub connector, which runs inside the first of them.
    regions(d),
    `<line x1="${f(x)}" y1="${f(y1 + 2)}" x2="${f(x)}" y2="${f(y2 - 2)}" stroke="${COLORS.peering}" stroke-width="4" marker-start="url(#peer)" marker-end="url(#peer)"/>`,
    `<text x="${f(x + 14)}" y="${f((y1 + y2) / 2 + 4)}" font-size="12" font-weight="bold" fill="${COLORS.peering}">${escapeXml(hubLabel)}</text>`,
    '</g>',
  ].join('');
}

/** The region groups of a multi-region estate: a box per region with its name and what it holds; nothing otherwise. */
function regions(d: PositionedDiagram): string {
  const { size, detailSize, gap, indent } = REGION_LABEL;
  return (d.regions ?? [])
    .map(({ group, ...r }) => {
      const baseline = r.y + 20;
      const detailX = r.x + indent + textWidth(group.region, size, true) + gap;
      return [
        `<g class="region" data-kind="region" data-name="${escapeXml(group.region)}">`,
        `<title>${escapeXml(`region ${group.region}: ${group.detail}`)}</title>`,
        rect(r, `fill="${COLORS.region.fill}" stroke="${COLORS.region.stroke}" stroke-width="1.5"`, 10),
        `<text x="${f(r.x + indent)}" y="${f(baseline)}" font-size="${size}" font-weight="bold" fill="${COLORS.region.text}">${escapeXml(group.region)}</text>`,
        `<text x="${f(detailX)}" y="${f(baseline)}" font-size="${detailSize}" fill="${COLORS.muted}">${escapeXml(group.detail)}</text>`,
        '</g>',
      ].join('');
    })
    .join('');
}

function zones(d: PositionedDiagram): string {
  const pad = SIZES.padding;
  return d.zones
    .map(({ zone, ...r }) =>
      [
        `<g class="zone" data-kind="landing-zone" data-name="${escapeXml(zone.name)}">`,
        `<title>${escapeXml(`landing zone ${zone.name} (stack ${zone.stackName}) ${zone.addressSpace}, subscription ${zone.subscriptionId}; shared services: ${zone.services.join(', ') || 'none'}`)}</title>`,
        rect(r, `fill="${COLORS.zone.fill}" stroke="${COLORS.zone.stroke}" stroke-width="1.5"`, 8),
        textLines(zone.header, r.x + pad * 1.5, r.y + pad, COLORS.zone.stroke),
        '</g>',
      ].join(''),
    )
    .join('');
}

function items(d: PositionedDiagram): string {
  const pad = SIZES.padding;
  return d.items
    .map(({ item, ...r }) => {
      const c = item.kind === 'integration' ? COLORS.integration : COLORS.product;
      return [
        `<g class="${item.kind}" data-kind="${item.kind}" data-zone="${escapeXml(item.zone)}" data-name="${escapeXml(item.name)}">`,
        `<title>${escapeXml(`data ${item.kind} ${item.zone}/${item.name}`)}</title>`,
        rect(r, `fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.3"`),
        textLines(item.lines, r.x + pad, r.y + pad, c.kind),
        '</g>',
      ].join('');
    })
    .join('');
}

function edges(d: PositionedDiagram): string {
  return d.edges
    .filter((e) => e.points.length >= 2)
    .map(({ edge, points }) => {
      const style = edge.crossZone
        ? `stroke="${COLORS.crossZone}" stroke-width="1.8" stroke-dasharray="6 4" marker-end="url(#arrow-cross)"`
        : `stroke="${COLORS.input}" stroke-width="1.4" marker-end="url(#arrow)"`;
      return `<path class="input${edge.crossZone ? ' cross-zone' : ''}" data-kind="input" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}" d="${path(points)}" fill="none" ${style}><title>${escapeXml(edge.label)}</title></path>`;
    })
    .join('');
}

function legend(d: PositionedDiagram): string {
  let x = d.legend.x;
  const y = d.legend.y + 12;
  const parts = ['<g class="legend" data-kind="legend">'];
  for (const entry of LEGEND_ENTRIES) {
    const swatch = { x, y, width: LEGEND_SWATCH, height: 16 };
    switch (entry.key) {
      case 'management':
        parts.push(rect(swatch, `fill="${COLORS.management.fill}" stroke="${COLORS.management.stroke}" stroke-width="2"`, 3));
        break;
      case 'zone':
        parts.push(rect(swatch, `fill="${COLORS.zone.fill}" stroke="${COLORS.zone.stroke}" stroke-width="1.5"`, 3));
        break;
      case 'integration':
      case 'product':
        parts.push(rect(swatch, `fill="${COLORS[entry.key].fill}" stroke="${COLORS[entry.key].stroke}"`, 3));
        break;
      case 'input':
        parts.push(`<path d="M${x} ${y + 8} L${x + 24} ${y + 8}" stroke="${COLORS.input}" stroke-width="1.4" marker-end="url(#arrow)"/>`);
        break;
      case 'cross':
        parts.push(
          `<path d="M${x} ${y + 8} L${x + 24} ${y + 8}" stroke="${COLORS.crossZone}" stroke-width="1.8" stroke-dasharray="6 4" marker-end="url(#arrow-cross)"/>`,
        );
        break;
      case 'peering':
        parts.push(
          `<line x1="${x + 3}" y1="${y + 8}" x2="${x + 23}" y2="${y + 8}" stroke="${COLORS.peering}" stroke-width="4" marker-start="url(#peer)" marker-end="url(#peer)"/>`,
        );
        break;
    }
    parts.push(`<text x="${x + LEGEND_SWATCH + 8}" y="${y + 12.5}" font-size="${LEGEND_TEXT_SIZE}" fill="${COLORS.ink}">${escapeXml(entry.label)}</text>`);
    x += legendEntryWidth(entry.label) + LEGEND_GAP;
  }
  parts.push('</g>');
  return parts.join('');
}

const DEFS = [
  '<defs>',
  `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${COLORS.input}"/></marker>`,
  `<marker id="arrow-cross" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${COLORS.crossZone}"/></marker>`,
  `<marker id="peer" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${COLORS.peering}"/></marker>`,
  '</defs>',
].join('');

export function renderSvg(d: PositionedDiagram): string {
  const { title, subtitle } = d.model;
  return (
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" font-family="${escapeXml(FONT_FAMILY)}" role="img" aria-labelledby="estate-title">`,
      `<title id="estate-title">${escapeXml(`${title}: ${subtitle}`)}</title>`,
      DEFS,
      `<rect width="100%" height="100%" fill="#fbfcfd"/>`,
      `<text x="${d.title.x}" y="${d.title.y + 16}" font-size="18" font-weight="bold" fill="${COLORS.ink}">${escapeXml(title)}</text>`,
      `<text x="${d.title.x}" y="${d.title.y + 31}" font-size="11.5" fill="${COLORS.muted}">${escapeXml(subtitle)}</text>`,
      peering(d),
      management(d),
      zones(d),
      items(d),
      edges(d),
      legend(d),
      '</svg>',
    ].join('\n') + '\n'
  );
}
