/**
 * A small diagonal-hatch image for the "uncovered cells" fill pattern, made in code so the map
 * needs no sprite file (the app works offline).
 */
import { UNCOVERED_HATCH } from '../../shared/map_style/facility_style';

/** The uncovered hatch as the map draws it (10 px tile, 1.25 px line, half opaque); the legend draws the same tile. */
export const UNCOVERED_HATCH_PATTERN = { image: 'uncovered-hatch', color: UNCOVERED_HATCH, sizePx: 10, lineWidthPx: 1.25, alpha: 0.5 } as const;

export interface PatternImage {
  width: number;
  height: number;
  data: Uint8Array;
}

function parseHex(color: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) throw new RangeError(`hatch colour must be #rrggbb, got ${color}`);
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Square RGBA tile of `sizePx` with a 45° line (↗) of `lineWidthPx`; tiles seamlessly.
 * Transparent elsewhere so the population colours show through.
 */
export function makeHatchPattern(color: string, sizePx = 8, lineWidthPx = 1.5, alpha = 0.85): PatternImage {
  const [r, g, b] = parseHex(color);
  const data = new Uint8Array(sizePx * sizePx * 4);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      // Distance (in pixels, along x) to the nearest anti-diagonal line x + y ≡ sizePx - 1 (mod sizePx).
      const offset = (x + y + 1) % sizePx;
      const distance = Math.min(offset, sizePx - offset) / Math.SQRT2;
      const coverage = Math.max(0, Math.min(1, lineWidthPx / 2 + 0.5 - distance));
      const i = (y * sizePx + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = Math.round(255 * alpha * coverage);
    }
  }
  return { width: sizePx, height: sizePx, data };
}

/** The uncovered hatch tile of UNCOVERED_HATCH_PATTERN. */
export function uncoveredHatchImage(): PatternImage {
  const { color, sizePx, lineWidthPx, alpha } = UNCOVERED_HATCH_PATTERN;
  return makeHatchPattern(color, sizePx, lineWidthPx, alpha);
}
