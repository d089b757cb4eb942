/**
 * A sheet as PNG: its SVG rasterised by resvg at the chosen dpi with the print font files (system fonts
 * are not loaded), plus a world file (.pgw) that georeferences the whole page in the frame's CRS —
 * the page maps linearly onto the CRS because the map frame does.
 */
import { Resvg } from '@resvg/resvg-js';
import { PRINT_FONT_FAMILY } from '../../../shared/print/svg';
import type { MapFrame } from '../../../shared/print/map_frame';
import { printFontFiles } from './print_fonts';

/** PNG bytes of an SVG page `widthMm` wide at `dpi`. */
export function rasteriseSvg(svg: string, widthMm: number, dpi: number): Buffer {
  const fonts = printFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round((widthMm / 25.4) * dpi) },
    font: { loadSystemFonts: false, fontFiles: [fonts.regular, fonts.bold], defaultFontFamily: PRINT_FONT_FAMILY },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/**
 * The ESRI world file of a page image: pixel size in x, rotation terms (0), negative pixel size in y,
 * and the CRS coordinates of the centre of the top-left pixel.
 * @example worldFile(frame, 210, 300) // "0.84666…\n0\n0\n-0.84666…\n…\n…\n" at 1:10 000
 */
export function worldFile(frame: MapFrame, pageWidthPx: number, pageWidthMm: number): string {
  const mmPerPx = pageWidthMm / pageWidthPx;
  const unitsPerPx = mmPerPx * frame.unitsPerMm;
  // CRS coordinates of the page's top-left corner, then half a pixel in.
  const left = frame.extent[0] - frame.rect.xMm * frame.unitsPerMm;
  const top = frame.extent[3] + frame.rect.yMm * frame.unitsPerMm;
  return [unitsPerPx, 0, 0, -unitsPerPx, left + unitsPerPx / 2, top - unitsPerPx / 2].map((v) => v.toFixed(6)).join('\n') + '\n';
}
