import fc from 'fast-check';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { elkGraph, layoutSync } from '../lib/diagram/elk-layout';
import { diagramModel } from '../lib/diagram/layout-model';
import { dedupedZoneLayouts } from '../lib/diagram/zone-layout-dedupe';
import { validateEstate } from '../lib/estate/load';
import { crossZoneEstate } from './helpers/diagram';
import { generatedEstate, loadShippedEstate } from './helpers/synth';

/**
 * lib/diagram/zone-layout-dedupe.ts: zones with the same layout problem are laid out once, and
 * every zone gets exactly what ELK gives it when the whole estate is laid out.
 */

/** The laid-out zones as the diagram reads them: everything but ELK's bookkeeping ids. */
const geometry = (root: ElkNode) => JSON.stringify(root.children, (key, value: unknown) => (key === '$H' ? undefined : value));

function bothWays(estate: Record<string, unknown>): { whole: string; deduped: string; zones: number; laidOut: number } {
  const graph = () => elkGraph(diagramModel(validateEstate(estate)));
  const deduped = dedupedZoneLayouts(graph());
  return {
    whole: geometry(layoutSync(graph())),
    deduped: geometry(deduped.expand(layoutSync(deduped.unique))),
    zones: graph().children!.length,
    laidOut: deduped.unique.children!.length,
  };
}

describe('laying out zones with the same layout problem once', () => {
  it('lays out zones that differ only in names once, each with its own ids', () => {
    const result = bothWays(generatedEstate(12));
    expect(result).toMatchObject({ zones: 12, laidOut: 1 });
    expect(result.deduped).toBe(result.whole);
    expect(result.deduped).toContain('"id":"item:lz12/ingest"');
    expect(result.deduped).toContain('"id":"edge:lz12/ingest->lz12/report_s0"');
  });

  it('gives the shipped estates and cross-zone inputs what ELK gives for the whole estate', () => {
    for (const estate of [loadShippedEstate('relecloud'), loadShippedEstate('adatum'), crossZoneEstate(9)]) {
      const result = bothWays(estate);
      expect(result.deduped).toBe(result.whole);
    }
    // Zones with cross-zone inputs have ports of their own: other layout problems than the plain zones.
    expect(bothWays(crossZoneEstate(9)).laidOut).toBeGreaterThan(1);
  });

  it('gives random estates (names, items and inputs from small pools, so zones repeat) what ELK gives for the whole estate', () => {
    const itemName = fc.constantFrom('ingest', 'erp', 'sales-orders', 'xy');
    const zone = fc.record({
      name: fc.constantFrom('ops', 'billing', 'sales', 'hr', 'finance-ctrl'),
      integrations: fc.uniqueArray(itemName, { maxLength: 3 }),
      products: fc.uniqueArray(fc.constantFrom('report', 'forecast', 'rp'), { maxLength: 3 }),
      inputs: fc.array(fc.nat(), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(zone, { minLength: 1, maxLength: 6, selector: (z) => z.name }), (zones) => {
        const estate = generatedEstate(zones.length);
        const integrations = zones.flatMap((z) => z.integrations.map((item) => `${z.name}/${item}`));
        const products: string[] = [];
        estate.landingZones = zones.map((z, i) => ({
          ...estate.landingZones[i],
          name: z.name,
          dataIntegrations: z.integrations.map((name) => ({ name, sources: ['erp'], engine: 'data-factory' })),
          dataProducts: z.products.map((name) => {
            // Inputs anywhere in the estate (same zone or another): any integration, or a product made before (no cycles).
            const readable = [...integrations, ...products];
            products.push(`${z.name}/${name}`);
            return { name, template: 'batch', inputs: readable.length ? [...new Set(z.inputs.map((n) => readable[n % readable.length]!))] : [] };
          }),
        }));
        const result = bothWays(estate);
        expect(result.deduped).toBe(result.whole);
      }),
      { numRuns: 8 },
    );
  });
});
