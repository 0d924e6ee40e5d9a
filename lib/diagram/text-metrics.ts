/**
 * Text widths without a browser. The diagram is laid out at synth time, so box sizes come
 * from font metrics: the advance widths of DejaVu Sans (measured in Chromium, in em, for
 * ASCII 32-126). The SVG asks for DejaVu Sans first and then Verdana, which shares its
 * Bitstream Vera metrics; narrower fallbacks only leave a little more room in each box.
 */

export const FONT_FAMILY = `'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif`;

// prettier-ignore
const REGULAR = [0.32,0.4,0.46,0.84,0.64,0.95,0.78,0.27,0.39,0.39,0.5,0.84,0.32,0.36,0.32,0.34,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.34,0.34,0.84,0.84,0.84,0.53,1,0.68,0.69,0.7,0.77,0.63,0.58,0.77,0.75,0.29,0.29,0.66,0.56,0.86,0.75,0.79,0.6,0.79,0.69,0.63,0.61,0.73,0.68,0.99,0.69,0.61,0.69,0.39,0.34,0.39,0.84,0.5,0.5,0.61,0.63,0.55,0.63,0.62,0.35,0.63,0.63,0.28,0.28,0.58,0.28,0.97,0.63,0.61,0.63,0.63,0.41,0.52,0.39,0.63,0.59,0.82,0.59,0.59,0.52,0.64,0.34,0.64,0.84];
// prettier-ignore
const BOLD = [0.35,0.46,0.52,0.84,0.7,1,0.87,0.31,0.46,0.46,0.52,0.84,0.38,0.42,0.38,0.37,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.4,0.4,0.84,0.84,0.84,0.58,1,0.77,0.76,0.73,0.83,0.68,0.68,0.82,0.84,0.37,0.37,0.77,0.64,1,0.84,0.85,0.73,0.85,0.77,0.72,0.68,0.81,0.77,1.1,0.77,0.72,0.73,0.46,0.37,0.46,0.84,0.5,0.5,0.67,0.72,0.59,0.72,0.68,0.44,0.72,0.71,0.34,0.34,0.67,0.34,1.04,0.71,0.69,0.72,0.72,0.49,0.6,0.48,0.71,0.65,0.92,0.65,0.65,0.58,0.71,0.37,0.71,0.84];

/** A little slack for hinting and kerning differences between renderers. */
const SLACK = 1.04;

/** Width in px of `text` at `size` px. Characters outside ASCII count as wide ones. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 32 && code < 127) em += table[code - 32];
    else if (code === 0x2026 || code === 0xb7)
      em += 1; // … and ·
    else em += code > 0x2e80 ? 1.05 : 0.8; // CJK and emoji are about 1 em; accented letters less
  }
  return em * size * SLACK;
}

/** `text`, cut with an ellipsis so it is at most `maxWidth` px wide. */
export function fitText(text: string, size: number, maxWidth: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(`${chars.slice(0, mid).join('')}…`, size, bold) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('')}…`;
}
