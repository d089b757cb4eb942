/**
 * The estate point marker (a filled square with a dark border) and images for the legend, made in
 * code so the map needs no sprite file (offline). The legend draws the very pixels the map gets.
 */
import { ESTATE_FILL, ESTATE_LINE, ESTATE_MARKER } from '../workspace/map/workspace_style';
import type { PatternImage } from './hatch_pattern';

function rgb(color: string): [number, number, number] {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Square of ESTATE_MARKER.sizePx: ESTATE_FILL inside a border of ESTATE_LINE. */
export function makeEstateMarker(): PatternImage {
  const { sizePx, borderPx } = ESTATE_MARKER;
  const data = new Uint8Array(sizePx * sizePx * 4);
  const fill = rgb(ESTATE_FILL);
  const line = rgb(ESTATE_LINE);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      const border = x < borderPx || y < borderPx || x >= sizePx - borderPx || y >= sizePx - borderPx;
      const [r, g, b] = border ? line : fill;
      const i = (y * sizePx + x) * 4;
      data.set([r, g, b, 255], i);
    }
  }
  return { width: sizePx, height: sizePx, data };
}

/** A PNG data URL of `image` (for CSS backgrounds in the legend); '' where no canvas exists. */
export function imageDataUrl(image: PatternImage): string {
  if (typeof document === 'undefined') return '';
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  if (!context) return '';
  context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  return canvas.toDataURL('image/png');
}
