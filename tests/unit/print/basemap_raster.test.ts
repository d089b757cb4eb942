/**
 * The basemap's pure parts: tile addresses from an XYZ template, the tiles and zoom a frame needs at a
 * dpi, and the host's PNG decoder on a PNG written by another encoder (resvg, with filtered rows).
 */
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../electron/services/print/basemap_tiles';
import { rasteriseSvg } from '../../../electron/services/print/png_writer';
import { basemapPlan, tileUrl } from '../../../shared/print/basemap_raster';
import { fitMapFrame } from '../../../shared/print/map_frame';

describe('tileUrl', () => {
  it('fills z, x, y, the TMS row and a subdomain', () => {
    expect(tileUrl('https://{s}.tile.example.org/{z}/{x}/{y}.png', { z: 3, x: 6, y: 2 })).toBe('https://c.tile.example.org/3/6/2.png');
    expect(tileUrl('http://h/{z}/{x}/{-y}.png', { z: 3, x: 6, y: 2 })).toBe('http://h/3/6/5.png');
  });
});

describe('basemapPlan', () => {
  // the Wuhan core at A4: a 190 × 196 mm frame in EPSG:4547
  const frame = fitMapFrame([114.2, 30.5, 114.36, 30.64], { xMm: 10, yMm: 23, widthMm: 190, heightMm: 196 });
  it('takes the zoom whose tile pixels are no coarser than the printed pixels', () => {
    const plan = basemapPlan(frame, 300);
    const printedM = (frame.scaleDenominator / 1000) * (25.4 / 300);
    const tileM = (z: number) => (156_543.034 * Math.cos((30.57 * Math.PI) / 180)) / 2 ** z;
    expect(tileM(plan.zoom)).toBeLessThanOrEqual(printedM);
    expect(tileM(plan.zoom - 1)).toBeGreaterThan(printedM);
    expect(plan.widthPx).toBe(Math.round((190 / 25.4) * 300));
    // the tiles form the rectangle of columns and rows the frame's corners fall in
    const xs = new Set(plan.tiles.map((t) => t.x)), ys = new Set(plan.tiles.map((t) => t.y));
    expect(plan.tiles.length).toBe(xs.size * ys.size);
  });
  it('steps the zoom down to stay within the tile limit', () => {
    const full = basemapPlan(frame, 300);
    const few = basemapPlan(frame, 300, 'wgs84', 10);
    expect(few.tiles.length).toBeLessThanOrEqual(10);
    expect(few.zoom).toBeLessThan(full.zoom);
  });
});

describe('decodePng', () => {
  it('reads an RGBA PNG with filtered rows (written by resvg)', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="128" height="256" fill="#ff0000"/><rect x="128" width="128" height="256" fill="#0000ff" fill-opacity="0.5"/></svg>';
    const png = rasteriseSvg(svg, 25.4 * (256 / 96), 96);
    const decoded = decodePng(png)!;
    expect([decoded.width, decoded.height]).toEqual([256, 256]);
    const at = (x: number, y: number) => Array.from(decoded.rgba.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 4));
    expect(at(10, 200)).toEqual([255, 0, 0, 255]);
    // resvg lays the page on white: half-transparent blue over white
    expect(at(200, 10)).toEqual([127, 127, 255, 255]);
    expect(decodePng(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
  });
});
