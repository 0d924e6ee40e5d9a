import { readFileSync } from 'fs';
import * as path from 'path';
import { DIAGRAM_FILES, estateDiagram, startEstateDiagram } from '../lib/diagram';
import { elkGraph } from '../lib/diagram/elk-layout';
import { chooseColumns, layoutDiagram, PositionedDiagram, simplify } from '../lib/diagram/grid-layout';
import { diagramModel, MAX_DRAWN_INPUTS } from '../lib/diagram/layout-model';
import { hostedPrivateDnsZones } from '../lib/diagram/management-box';
import { privateDnsZoneNames } from '../lib/catalog/private-dns-zones';
import { fitText, textWidth } from '../lib/diagram/text-metrics';
import { parseEstate, validateEstate } from '../lib/estate/load';
import { Estate } from '../lib/estate/model';
import { contains, crossZoneEstate, onBorder, overlaps, segmentCrosses } from './helpers/diagram';
import { generatedEstate, loadShippedEstate, REPO, synth } from './helpers/synth';

const relecloud = () => validateEstate(loadShippedEstate('relecloud'));
const inputCount = (estate: Estate) => estate.landingZones.reduce((n, z) => n + z.dataProducts.reduce((m, p) => m + p.inputs.length, 0), 0);

const layouts = new Map<string, { estate: Estate; diagram: PositionedDiagram }>();
function laidOut(name: 'relecloud' | 'adatum' | 'mesh-2' | 'mesh-20' | 'generated-20'): { estate: Estate; diagram: PositionedDiagram } {
  if (!layouts.has(name)) {
    const estate =
      name === 'relecloud' || name === 'adatum'
        ? validateEstate(loadShippedEstate(name))
        : validateEstate(name.startsWith('mesh') ? crossZoneEstate(Number(name.split('-')[1])) : generatedEstate(20));
    layouts.set(name, { estate, diagram: layoutDiagram(diagramModel(estate)) });
  }
  return layouts.get(name)!;
}

const ESTATES = ['relecloud', 'adatum', 'mesh-2', 'mesh-20', 'generated-20'] as const;

describe('estate diagram model', () => {
  it('has one edge per input, cross-zone ones marked', () => {
    const estate = relecloud();
    const model = diagramModel(estate);
    expect(model.edges).toHaveLength(inputCount(estate));
    expect(model.edges.filter((e) => e.crossZone).map((e) => e.label)).toEqual([
      'billing/revenue-by-service → operations/recommender-revenue (cross-zone input)',
      'operations/telemetry → billing/revenue-by-service (cross-zone input)',
    ]);
    const items = new Set(model.zones.flatMap((z) => z.items.map((i) => i.id)));
    for (const edge of model.edges) {
      expect(items.has(edge.source)).toBe(true);
      expect(items.has(edge.target)).toBe(true);
    }
  });

  it('summarises the peering mesh in counts, not n² edges', () => {
    const model = diagramModel(validateEstate(generatedEstate(20)));
    expect(model.peering).toMatchObject({ landingZones: 20, hubSpoke: 20, meshPairs: 190, peeringResources: 420 });
    expect(model.peering.meshLabel).toContain('190 zone pairs');
  });

  it('feeds ELK a graph linear in the estate: zones, their items and the inputs, no peerings', () => {
    const estate = validateEstate(crossZoneEstate(100));
    const graph = elkGraph(diagramModel(estate));
    expect(graph.children).toHaveLength(100);
    expect(graph.children!.reduce((n, z) => n + (z.children?.length ?? 0), 0)).toBe(200);
    // Each cross-zone input is two edges (out of its zone, into the other), each same-zone input one.
    const cross = diagramModel(estate).edges.filter((e) => e.crossZone).length;
    expect(graph.children!.reduce((n, z) => n + (z.edges?.length ?? 0), 0)).toBe(inputCount(estate) + cross);
    expect(graph.edges ?? []).toHaveLength(0);
  });

  it('shows zones with counts when there are too many inputs or boxes to draw', () => {
    const integrations = Array.from({ length: 31 }, (_, i) => ({ name: `in${i}`, sources: ['erp'], engine: 'synapse' }));
    const products = Array.from({ length: 200 }, (_, i) => ({ name: `pr${i}`, template: 'batch', inputs: integrations.map((d) => d.name) }));
    const estate = validateEstate({
      ...generatedEstate(1),
      landingZones: [{ name: 'big', subscriptionId: '00000000-0000-0000-0000-000000000002', dataIntegrations: integrations, dataProducts: products }],
    });
    expect(inputCount(estate)).toBeGreaterThan(MAX_DRAWN_INPUTS);
    const model = diagramModel(estate);
    expect(model.edges).toHaveLength(0);
    expect(model.zones[0].items).toHaveLength(0);
    expect(model.zones[0].header.map((l) => l.text)).toContain('31 data integrations, 200 data products');
    expect(model.subtitle).toContain('6200 inputs: too many to draw');
    const { layout, svg } = estateDiagram(estate);
    expect(layout.zones).toHaveLength(1);
    expect(svg).toContain('>big</text>');
  });

  it('never cuts a name, however long; other lines get an ellipsis', () => {
    const estate = validateEstate({
      ...generatedEstate(1),
      landingZones: [
        {
          name: 'operations',
          subscriptionId: '00000000-0000-0000-0000-000000000002',
          dataIntegrations: [{ name: 'a-very-long-integration-name-x32', sources: ['s'.repeat(200), 'b', 'c', 'd', 'e'], engine: 'synapse' }],
        },
      ],
    });
    const item = diagramModel(estate).zones[0].items[0];
    expect(item.lines.map((l) => l.text)).toContain('a-very-long-integration-name-x32');
    const sources = item.lines.find((l) => l.text.startsWith('from '))!;
    expect(sources.text.endsWith('…')).toBe(true);
    expect(textWidth(sources.text, sources.size)).toBeLessThanOrEqual(item.width - 20);
  });
});

describe('estate diagram layout', () => {
  it.each(ESTATES)('%s: zone boxes do not overlap and hold their items, which do not overlap either', (name) => {
    const { diagram } = laidOut(name);
    const { zones, items, mesh, management } = diagram;
    for (let i = 0; i < zones.length; i++) {
      for (let j = i + 1; j < zones.length; j++) expect(overlaps(zones[i], zones[j])).toBe(false);
      expect(contains(mesh!, zones[i])).toBe(true);
    }
    expect(overlaps(management, mesh!)).toBe(false);
    expect(management.y + management.height).toBeLessThanOrEqual(mesh!.y);
    for (const item of items) {
      const zone = zones.find((z) => z.zone.name === item.item.zone)!;
      expect(contains({ x: zone.x, y: zone.y + zone.zone.headerHeight - 1, width: zone.width, height: zone.height - zone.zone.headerHeight + 1 }, item)).toBe(
        true,
      );
    }
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) expect(overlaps(items[i], items[j])).toBe(false);
    expect(contains({ x: 0, y: 0, width: diagram.width, height: diagram.height }, mesh!)).toBe(true);
  });

  it('puts 20 zones in a landscape grid, in file order row by row', () => {
    const { estate, diagram } = laidOut('mesh-20');
    expect(diagram.columns).toBeGreaterThan(2);
    expect(diagram.columns).toBeLessThan(20);
    expect(diagram.zones.map((z) => z.zone.name)).toEqual(estate.landingZones.map((z) => z.name));
    diagram.zones.forEach((z, i) => {
      expect(z.row).toBe(Math.floor(i / diagram.columns));
      expect(z.column).toBe(i % diagram.columns);
      const before = diagram.zones[i - 1];
      if (before && before.row === z.row) expect(z.x).toBeGreaterThan(before.x + before.width);
      if (before && before.row !== z.row) expect(z.y).toBeGreaterThan(before.y);
    });
    expect(diagram.width / diagram.height).toBeGreaterThan(1);
    expect(diagram.width / diagram.height).toBeLessThan(3);
  });

  it.each(ESTATES)('%s: every input is an orthogonal route from the producer to the consumer', (name) => {
    const { estate, diagram } = laidOut(name);
    expect(diagram.edges).toHaveLength(inputCount(estate));
    const itemBox = new Map(diagram.items.map((i) => [i.item.id, i]));
    for (const { edge, points } of diagram.edges) {
      expect(points.length).toBeGreaterThanOrEqual(2);
      expect(onBorder(points[0], itemBox.get(edge.source)!)).toBe(true);
      expect(onBorder(points[points.length - 1], itemBox.get(edge.target)!)).toBe(true);
      for (let i = 1; i < points.length; i++) {
        const horizontal = Math.abs(points[i].y - points[i - 1].y) < 0.01;
        const vertical = Math.abs(points[i].x - points[i - 1].x) < 0.01;
        expect(horizontal || vertical).toBe(true);
      }
    }
  });

  it.each(ESTATES)('%s: no route runs through an item, or through a zone it does not connect', (name) => {
    const { diagram } = laidOut(name);
    for (const { edge, points } of diagram.edges) {
      const ends = new Set([edge.source, edge.target].map((id) => diagram.items.find((i) => i.item.id === id)!.item.zone));
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1], points[i]];
        const h = Math.abs(a.y - b.y) < 0.01 ? { ...b, y: a.y } : { ...b, x: a.x };
        for (const item of diagram.items) expect(segmentCrosses(a, h, item)).toBe(false);
        for (const zone of diagram.zones) if (!ends.has(zone.zone.name)) expect(segmentCrosses(a, h, zone)).toBe(false);
      }
    }
  });

  it('gives every cross-zone route its own lane between the zones', () => {
    const { diagram } = laidOut('mesh-20');
    const outside = (p: { x: number; y: number }) => !diagram.zones.some((z) => contains(z, { ...p, width: 0, height: 0 }, -0.5));
    const segments = diagram.edges
      .filter((e) => e.edge.crossZone)
      .flatMap(({ edge, points }) => points.slice(1).map((b, i) => ({ id: edge.id, a: points[i], b })))
      .filter((s) => outside(s.a) && outside(s.b));
    expect(segments.length).toBeGreaterThan(10);
    for (const s of segments) {
      for (const t of segments) {
        if (s.id === t.id) continue;
        const sharedHorizontal =
          s.a.y === s.b.y &&
          t.a.y === t.b.y &&
          s.a.y === t.a.y &&
          Math.min(Math.max(s.a.x, s.b.x), Math.max(t.a.x, t.b.x)) - Math.max(Math.min(s.a.x, s.b.x), Math.min(t.a.x, t.b.x)) > 1;
        const sharedVertical =
          s.a.x === s.b.x &&
          t.a.x === t.b.x &&
          s.a.x === t.a.x &&
          Math.min(Math.max(s.a.y, s.b.y), Math.max(t.a.y, t.b.y)) - Math.max(Math.min(s.a.y, s.b.y), Math.min(t.a.y, t.b.y)) > 1;
        expect(sharedHorizontal || sharedVertical).toBe(false);
      }
    }
  });

  it('draws an estate without landing zones, and a landing zone without integrations or products', () => {
    const empty = estateDiagram(
      parseEstate('estate: solo\nenvironment: dev\nlocation: westeurope\nmanagementZone: { subscriptionId: 00000000-0000-0000-0000-000000000001 }\n'),
    );
    expect(empty.layout.zones).toHaveLength(0);
    expect(empty.layout.mesh).toBeUndefined();
    expect(empty.svg).toContain('Data management zone');
    const bare = estateDiagram(
      parseEstate(
        'estate: solo\nenvironment: dev\nlocation: westeurope\nmanagementZone: { subscriptionId: 00000000-0000-0000-0000-000000000001 }\n' +
          'landingZones:\n  - { name: lonely, subscriptionId: 00000000-0000-0000-0000-000000000002 }\n',
      ),
    );
    expect(bare.layout.zones).toHaveLength(1);
    expect(bare.layout.zones[0].width).toBeGreaterThanOrEqual(bare.layout.zones[0].zone.minWidth);
    expect(bare.svg).toContain('>lonely<');
  });

  it('chooses columns for the picture, not just the grid', () => {
    const zone = { width: 400, height: 160 };
    expect(chooseColumns([zone])).toBe(1);
    expect(chooseColumns(Array(2).fill(zone), { width: 900, height: 280 })).toBe(2);
    const twenty = chooseColumns(Array(20).fill(zone), { width: 900, height: 280 });
    expect(twenty).toBeGreaterThanOrEqual(3);
    expect(twenty).toBeLessThanOrEqual(6);
  });

  it('simplifies routes: no repeated points, no points in the middle of a straight line', () => {
    expect(
      simplify([
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 5, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 5 },
      ]),
    ).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 5 },
    ]);
  });
});

describe('estate diagram rendering', () => {
  it('is the same whether ELK runs on a worker thread or on this one', () => {
    const estate = validateEstate(crossZoneEstate(6));
    const threaded = startEstateDiagram(estate, { threaded: true }).finish();
    const inline = estateDiagram(estate);
    expect(threaded.timings.threaded).toBe(true);
    expect(inline.timings.threaded).toBe(false);
    expect(threaded.svg).toBe(inline.svg);
    expect(threaded.html).toBe(inline.html);
  });

  it('names every zone, integration and product in the SVG, and draws one path per input', () => {
    const estate = validateEstate(crossZoneEstate(20));
    const { svg } = estateDiagram(estate);
    for (const zone of estate.landingZones) {
      expect(svg).toContain(`data-kind="landing-zone" data-name="${zone.name}"`);
      expect(svg).toContain(`>${zone.name}</text>`);
      for (const item of [...zone.dataIntegrations, ...zone.dataProducts]) expect(svg).toContain(`>${item.name}</text>`);
    }
    expect(svg.match(/data-kind="input"/g)).toHaveLength(inputCount(estate));
    // The mesh is one marker, whatever the number of zones.
    expect(svg.match(/data-kind="peering"/g)).toHaveLength(1);
    expect(svg).toContain('data-hub-spoke="20" data-mesh-pairs="190"');
  });

  it('is self-contained: no scripts, no external fonts, images or styles', () => {
    const { svg, html } = estateDiagram(relecloud());
    for (const text of [svg, html]) {
      expect(text).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|url\(\s*['"]?(?:https?:)?\/\//i);
      expect(text.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
      expect(text.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    }
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).toContain(svg.trim());
  });

  it('escapes what it shows', () => {
    const estate = validateEstate({ ...generatedEstate(1), tags: {} });
    const withMarkup = {
      ...estate,
      landingZones: [
        {
          ...estate.landingZones[0],
          dataIntegrations: [
            {
              name: 'ingest',
              previousNames: [],
              sources: ['<b>&"crm"'],
              engine: 'synapse' as const,
              names: { code: 'ing', identity: 'id-ingest', engine: 'synapse' as const, sparkPool: 'ingest' },
            },
          ],
        },
      ],
    };
    const { svg, html } = estateDiagram(withMarkup);
    expect(svg).toContain('&lt;b&gt;&amp;&quot;crm&quot;');
    expect(svg).not.toContain('<b>');
    expect(html).not.toContain('<b>&"crm"');
  });
});

describe('text metrics', () => {
  it('measures DejaVu Sans widths and cuts with an ellipsis', () => {
    expect(textWidth('mmmm', 10)).toBeGreaterThan(textWidth('iiii', 10));
    expect(textWidth('abc', 20)).toBeCloseTo(textWidth('abc', 10) * 2);
    expect(textWidth('abc', 10, true)).toBeGreaterThan(textWidth('abc', 10));
    expect(fitText('short', 11, 500)).toBe('short');
    const cut = fitText('a rather long line of text that does not fit', 11, 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(100);
  });
});

describe('npm run synth writes the diagram next to the stacks', () => {
  it('estate.svg and estate.html appear in the output directory with the stacks', () => {
    const { dir } = synth(loadShippedEstate('adatum'));
    const html = readFileSync(path.join(dir, 'cdktf.out', DIAGRAM_FILES.html), 'utf8');
    const svg = readFileSync(path.join(dir, 'cdktf.out', DIAGRAM_FILES.svg), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const name of ['sales', 'sales-ingest', 'sales-analytics']) {
      expect(svg).toContain(`>${name}</text>`);
      expect(html).toContain(`>${name}</`);
    }
  });

  it('the committed example picture exists (npm run diagram:example)', () => {
    const png = readFileSync(path.join(REPO, 'docs', 'estate-relecloud.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('estate diagram regions', () => {
  const SEA = 'southeastasia';

  /** relecloud with its billing zone in southeastasia: the estate's two regions. */
  function twoRegions(): Estate {
    const raw = loadShippedEstate('relecloud');
    raw.landingZones.find((z: { name: string }) => z.name === 'billing').location = SEA;
    return validateEstate(raw);
  }

  /** crossZoneEstate(count) with its zones spread over `regions` in turn, so inputs cross regions. */
  function spread(count: number, regions: readonly string[], first = 0): Estate {
    const raw = crossZoneEstate(count);
    raw.landingZones.forEach((z: { location?: string }, i: number) => (z.location = regions[(i + first) % regions.length]));
    return validateEstate(raw);
  }

  type Regional = PositionedDiagram & { regions: NonNullable<PositionedDiagram['regions']> };

  /** The geometry every multi-region picture keeps: each zone in its region's box, the management zone in the first. */
  function expectGrouped(estate: Estate, diagram: PositionedDiagram): Regional {
    const { regions, zones, mesh, management, hubLink } = diagram;
    expect(regions!.map((r) => r.group.region)).toEqual(estate.regions);
    for (let i = 0; i < regions!.length; i++) {
      expect(contains(mesh!, regions![i])).toBe(true);
      for (let j = i + 1; j < regions!.length; j++) expect(overlaps(regions![i], regions![j])).toBe(false);
    }
    const regionOf = new Map(estate.landingZones.map((z) => [z.name, z.location]));
    for (const zone of zones) {
      const own = regions!.find((r) => r.group.region === regionOf.get(zone.zone.name))!;
      expect(contains(own, zone)).toBe(true);
      for (const other of regions!) if (other !== own) expect(overlaps(other, zone)).toBe(false);
    }
    const home = regions!.find((r) => r.group.region === estate.location)!;
    expect(home).toBe(regions![0]);
    expect(contains(home, management)).toBe(true);
    expect(contains(home, { x: hubLink!.x, y: hubLink!.y1, width: 0, height: hubLink!.y2 - hubLink!.y1 })).toBe(true);
    for (const zone of zones) expect(overlaps(zone, management)).toBe(false);
    expect(contains({ x: 0, y: 0, width: diagram.width, height: diagram.height }, mesh!)).toBe(true);
    return diagram as Regional;
  }

  /** Every input an orthogonal route from the producer's border to the consumer's, through no other zone, no item and not the management zone. */
  function expectRoutes(estate: Estate, diagram: PositionedDiagram): void {
    expect(diagram.edges).toHaveLength(inputCount(estate));
    const itemBox = new Map(diagram.items.map((i) => [i.item.id, i]));
    for (const { edge, points } of diagram.edges) {
      const [from, to] = [itemBox.get(edge.source)!, itemBox.get(edge.target)!];
      expect(onBorder(points[0], from)).toBe(true);
      expect(onBorder(points[points.length - 1], to)).toBe(true);
      const ends = new Set([from.item.zone, to.item.zone]);
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1], points[i]];
        expect(Math.abs(a.y - b.y) < 0.01 || Math.abs(a.x - b.x) < 0.01).toBe(true);
        const h = Math.abs(a.y - b.y) < 0.01 ? { ...b, y: a.y } : { ...b, x: a.x };
        expect(segmentCrosses(a, h, diagram.management)).toBe(false);
        for (const item of diagram.items) expect(segmentCrosses(a, h, item)).toBe(false);
        for (const zone of diagram.zones) if (!ends.has(zone.zone.name)) expect(segmentCrosses(a, h, zone)).toBe(false);
      }
    }
  }

  it('relecloud in two regions: a labelled group per region, each zone inside its own, the management zone in the estate region', () => {
    const estate = twoRegions();
    expect(estate.regions).toEqual(['westeurope', SEA]);
    const { layout, svg, html } = estateDiagram(estate);
    const { regions, zones } = expectGrouped(estate, layout);
    expect(regions.map((r) => [r.group.region, r.group.zones])).toEqual([
      ['westeurope', ['operations']],
      [SEA, ['billing']],
    ]);
    expect(zones.find((z) => z.zone.name === 'billing')!.zone.region).toBe(SEA);
    expectRoutes(estate, layout);
    // The region names are drawn as labels, inside their groups.
    for (const region of ['westeurope', SEA]) {
      expect(svg).toContain(`<g class="region" data-kind="region" data-name="${region}">`);
      expect(svg).toContain(`font-weight="bold" fill="#334155">${region}</text>`);
    }
    expect(svg.match(/data-kind="region"/g)).toHaveLength(2);
    expect(svg.match(/data-kind="peering"/g)).toHaveLength(1);
    expect(layout.model.title).toBe('Estate relecloud · prod · westeurope (+1 region)');
    expect(layout.model.subtitle.startsWith('2 landing zones in 2 regions · ')).toBe(true);
    expect(html).toContain('Regions: <code>westeurope</code> (estate region · management zone, 1 landing zone), <code>southeastasia</code> (1 landing zone).');
    expect(html).toContain('<code>dlz-billing</code><br>region <code>southeastasia</code>');
  });

  it('20 zones in three regions, inputs between them: grouped, region by region in deployment order, routes through the gutters only', () => {
    const estate = spread(20, ['westeurope', SEA, 'eastus2']);
    const diagram = layoutDiagram(diagramModel(estate));
    const { regions, zones } = expectGrouped(estate, diagram);
    expectRoutes(estate, diagram);
    expect(zones.map((z) => z.zone.name)).toEqual(regions.flatMap((r) => r.group.zones));
    for (const r of regions) expect(r.group.zones).toEqual(estate.landingZones.filter((z) => z.location === r.group.region).map((z) => z.name));
    // Each region starts a row of its own; the columns are shared.
    zones.forEach((z, i) => {
      const before = zones[i - 1];
      if (before && before.zone.region !== z.zone.region) expect(z.row).toBe(before.row + 1);
      expect(z.column).toBeLessThan(diagram.columns);
    });
    const crossRegion = diagram.edges.filter((e) => {
      const [a, b] = [e.edge.source, e.edge.target].map((id) => zones.find((z) => z.zone.items.some((i) => i.id === id))!.zone.region);
      return a !== b;
    });
    expect(crossRegion.length).toBeGreaterThan(3);
  });

  it('a management region without landing zones still holds the management zone, alone', () => {
    const estate = spread(5, [SEA, 'eastus2']);
    expect(estate.regions).toEqual(['westeurope', SEA, 'eastus2']);
    const { layout, svg } = estateDiagram(estate);
    const { regions } = expectGrouped(estate, layout);
    expect(regions[0].group).toMatchObject({ region: 'westeurope', management: true, zones: [] });
    expectRoutes(estate, layout);
    expect(svg).toContain('estate region · management zone, 0 landing zones');
  });

  it('is deterministic, with ELK on a worker thread or on this one', () => {
    const estate = spread(6, ['westeurope', SEA]);
    const threaded = startEstateDiagram(estate, { threaded: true }).finish();
    const inline = estateDiagram(estate);
    expect(threaded.svg).toBe(inline.svg);
    expect(threaded.html).toBe(inline.html);
    expect(estateDiagram(spread(6, ['westeurope', SEA])).svg).toBe(inline.svg);
  });

  it('stays grouped with hundreds of zones', () => {
    const raw = generatedEstate(200);
    // Runs of 7 zones per region, so each region's zones are spread over the deployment order.
    const regionOf = (i: number) => ['westeurope', SEA, 'eastus2'][Math.floor(i / 7) % 3];
    raw.landingZones.forEach((z: { location?: string }, i: number) => (z.location = regionOf(i)));
    const estate = validateEstate(raw);
    const { layout, svg } = estateDiagram(estate);
    expect(layout.zones).toHaveLength(200);
    const { regions } = expectGrouped(estate, layout);
    expect(regions.map((r) => r.group.zones.length)).toEqual([70, 67, 63]);
    // One box per region, not per zone or per pair of regions.
    expect(svg.match(/data-kind="region"/g)).toHaveLength(3);
  });

  it('draws single-region estates without groups, as before regions existed', () => {
    for (const name of ESTATES) {
      const { estate, diagram } = laidOut(name);
      expect(estate.regions).toEqual([estate.location]);
      expect(diagram.model.regions).toEqual([]);
      expect(diagram.regions).toBeUndefined();
      expect(diagram.model.title).toBe(`Estate ${estate.estate} · ${estate.environment} · ${estate.location}`);
    }
    expect(estateDiagram(relecloud()).svg).not.toContain('data-kind="region"');
  });

  it('counts the private DNS zones of every region once: the global ones and each region’s own', () => {
    const dnsTitle = (estate: Estate) => diagramModel(estate).management.tiles.find((t) => t.key === 'dns')!.lines[1].text;
    const single = new Set(privateDnsZoneNames('westeurope')).size;
    const both = new Set([...privateDnsZoneNames('westeurope'), ...privateDnsZoneNames(SEA)]).size;
    expect(both).toBeGreaterThan(single);
    expect(dnsTitle(relecloud())).toBe(`${single} zones`);
    expect(dnsTitle(twoRegions())).toBe(`${both} zones`);
    expect(hostedPrivateDnsZones({ location: 'westeurope', regions: ['westeurope', SEA, 'westeurope'] })).toBe(both);
  });

  it('an estate joining an enterprise hub shows its firewall and DNS zones as the hub’s, not the estate’s', () => {
    const raw = loadShippedEstate('relecloud');
    delete raw.managementZone.firewall;
    raw.managementZone.connectivity = {
      mode: 'existing-hub',
      hubVirtualNetworkId: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu',
      firewallPrivateIp: '10.100.0.4',
      privateDnsZones: { subscriptionId: '00000000-0000-0000-0000-0000000000aa', resourceGroupName: 'rg-dns' },
    };
    const { layout, svg, html } = estateDiagram(validateEstate(raw));
    const tiles = Object.fromEntries(layout.model.management.tiles.map((t) => [t.key, t.lines.map((l) => l.text)]));
    expect(tiles.firewall).toEqual(['ENTERPRISE HUB FIREWALL', 'vnet-hub-weu', "10.100.0.4, not the estate's"]);
    expect(tiles.dns).toEqual(['PRIVATE DNS', "the enterprise hub's zones", 'in rg-dns']);
    expect(tiles.hub[0]).toBe('MANAGEMENT NETWORK');
    expect(svg).not.toContain('AZURE FIREWALL');
    expect(svg).not.toMatch(/>\d+ zones</);
    // The estate's own mesh around the management zone stays (docs/topology.md).
    expect(layout.model.peering.hubLabel).toBe('hub-spoke peering × 2 (both directions)');
    expect(html).toContain('every zone joins enterprise hub <code>vnet-hub-weu</code>');
    expect(html).not.toContain('Azure Firewall');
  });
});
