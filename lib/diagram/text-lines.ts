import { fitText, textWidth } from './text-metrics';

/**
 * Lines of text in the diagram's boxes and how much room they take: every box is sized from
 * its text at synth time (there is no browser to measure it), so this is shared by the model
 * of each kind of box (layout-model.ts, management-box.ts) and by the renderer.
 */

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

export const SIZES = { kind: 9.5, title: 13, zoneTitle: 15, detail: 11, padding: 10, lineGap: 1.32 } as const;

/** Kind labels ("DATA PRODUCT · BATCH") are spaced out by this many em per character. */
export const KIND_LETTER_SPACING = 0.04;

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

export function lineWidth(l: TextLine): number {
  const spacing = l.role === 'kind' ? [...l.text].length * KIND_LETTER_SPACING * l.size : 0;
  return textWidth(l.text, l.size, l.bold) + spacing;
}

export function linesWidth(lines: readonly TextLine[]): number {
  return Math.max(0, ...lines.map(lineWidth));
}

/**
 * A box for `lines`: as wide as its text within [minWidth, maxWidth], except that titles (the
 * names people look for) are never cut: a long name widens the box; other lines get an ellipsis.
 */
export function box(lines: TextLine[], minWidth: number, maxWidth: number): { lines: TextLine[]; width: number; height: number } {
  const pad = SIZES.padding;
  const titles = lines.filter((l) => l.role === 'title');
  const limit = Math.max(maxWidth - 2 * pad, linesWidth(titles));
  const fitted = lines.map((l) => (l.role === 'title' ? l : { ...l, text: fitText(l.text, l.size, limit, l.bold) }));
  const width = Math.ceil(Math.max(minWidth, linesWidth(fitted) + 2 * pad));
  return { lines: fitted, width, height: Math.ceil(linesHeight(fitted) + 2 * pad) };
}
