import { writeFileSync } from 'fs';
import * as path from 'path';
import { Estate } from '../estate/model';
import { elkGraph } from './elk-layout';
import { startLayout } from './elk-thread';
import { layoutDiagram, PositionedDiagram } from './grid-layout';
import { renderHtml } from './html-page';
import { diagramModel } from './layout-model';
import { renderSvg } from './svg-render';
import { cachedZoneLayouts, ZoneLayoutCacheOptions } from './zone-layout-cache';
import { dedupedZoneLayouts } from './zone-layout-dedupe';

export const DIAGRAM_FILES = { svg: 'estate.svg', html: 'estate.html' } as const;

export interface EstateDiagram {
  readonly svg: string;
  readonly html: string;
  readonly layout: PositionedDiagram;
  /**
   * Milliseconds on the calling thread: building the model and ELK's input (`start`), then
   * waiting for or running the ELK layout, placing the zones and rendering (`finish`).
   */
  readonly timings: { readonly start: number; readonly finish: number; readonly threaded: boolean };
}

/** A diagram being drawn: the ELK layout may run on a worker thread until `finish()`. */
export interface DiagramDrawing {
  finish(): EstateDiagram;
  cancel(): void;
}

let drawingsStarted = 0;

/**
 * Starts drawing the estate diagram. With `threaded`, ELK runs on a worker thread meanwhile,
 * so a caller with other work (synth) does not wait for it. By default the first drawing in a
 * process is threaded, which hides elkjs' cold start (loading it, JIT) behind synth in a
 * one-shot `npm run synth`; later ones run on this thread, where elkjs then stays warm (a
 * process that synthesizes again and again, like the tests, would otherwise pay the cold
 * start on a new thread every time). The result is the same either way, and with
 * `layoutCache` (zone-layout-cache.ts), which `npm run synth` uses.
 */
export function startEstateDiagram(estate: Estate, options: { threaded?: boolean; layoutCache?: ZoneLayoutCacheOptions } = {}): DiagramDrawing {
  const t0 = performance.now();
  const threaded = options.threaded ?? drawingsStarted === 0;
  drawingsStarted++;
  const model = diagramModel(estate);
  const graph = elkGraph(model);
  // With the zone layout cache, ELK lays out only the zones it lacks (none: no thread at all).
  const cached = options.layoutCache && cachedZoneLayouts(graph, options.layoutCache);
  // Of those, zones with the same layout problem are laid out once (zone-layout-dedupe.ts).
  const deduped = dedupedZoneLayouts(cached ? cached.missing : graph);
  const input = deduped.unique;
  const pending = startLayout(input, { threaded: threaded && Boolean(input.children?.length) });
  const start = performance.now() - t0;
  return {
    finish() {
      const t1 = performance.now();
      const laidOut = deduped.expand(pending.result());
      const layout = layoutDiagram(model, cached ? cached.merge(laidOut) : laidOut);
      const svg = renderSvg(layout);
      const html = renderHtml(estate, model, svg);
      return { svg, html, layout, timings: { start, finish: performance.now() - t1, threaded: pending.threaded } };
    },
    cancel: () => pending.cancel(),
  };
}

/** The estate diagram as SVG and as a self-contained HTML page, laid out on this thread. */
export function estateDiagram(estate: Estate): EstateDiagram {
  return startEstateDiagram(estate, { threaded: false }).finish();
}

/** Writes estate.svg and estate.html into `dir`. */
export function writeEstateDiagram(diagram: EstateDiagram, dir: string): void {
  writeFileSync(path.join(dir, DIAGRAM_FILES.svg), diagram.svg);
  writeFileSync(path.join(dir, DIAGRAM_FILES.html), diagram.html);
}
