/**
 * The population grid as an image, on the real Wuhan core grid (192 × 168 WorldPop cells): every
 * cell centre finds its own cell, each pixel row shows the grid row under its centre latitude in
 * Web Mercator, pixels carry the class colours of the cells' values, and the outline of uncovered
 * cells encloses exactly their area.
 */
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { quantileBreaks } from '../../../shared/map_style/class_breaks';
import { PopulationRaster } from '../../../renderer/map/population_raster';
import { WUHAN_CELL_DEG, wuhanGrid } from '../engine_network/wuhan_fixture';

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

describe('population raster of the Wuhan core grid', () => {
  const { grid, cells } = wuhanGrid();
  const raster = new PopulationRaster(grid, { cellWidthDeg: WUHAN_CELL_DEG, cellHeightDeg: WUHAN_CELL_DEG });

  it('spans the clip of SOURCES.md: 192 × 168 cells, lon 114.200416..114.360416, lat 30.499583..30.639583', () => {
    expect([raster.layout.columns, raster.layout.rows]).toEqual([192, 168]);
    const [west, south, east, north] = raster.bbox();
    expect(west).toBeCloseTo(114.200416, 5);
    expect(east).toBeCloseTo(114.360416, 5);
    expect(south).toBeCloseTo(30.499583, 5);
    expect(north).toBeCloseTo(30.639583, 5);
    expect(raster.widthPx).toBe(192);
    expect(raster.heightPx).toBe(168 * 4);
  });

  it('finds every cell at its centre, and its (row, col) of the CSV', () => {
    const rowBase = Math.min(...cells.map((c) => c.row));
    const colBase = Math.min(...cells.map((c) => c.col));
    cells.forEach((cell, index) => {
      expect(raster.cellAt(cell.lon, cell.lat)).toBe(index);
      expect(raster.layout.cellRow[index]).toBe(cell.row - rowBase);
      expect(raster.layout.cellColumn[index]).toBe(cell.col - colBase);
    });
    expect(raster.cellAt(114.1, 30.55)).toBe(-1);
  });

  it('paints each pixel row with the grid row under its centre (Mercator spacing) in class colours', () => {
    const classes = quantileBreaks(grid.elderly, 5);
    if (!classes) throw new Error('no classes');
    const pixels = new Uint8ClampedArray(raster.widthPx * raster.heightPx * 4);
    raster.paint(pixels, grid.elderly, classes);
    const [, south, , north] = raster.bbox();
    const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    let checked = 0;
    for (let y = 0; y < raster.heightPx; y += 7) {
      const t = (y + 0.5) / raster.heightPx;
      const lat = (360 / Math.PI) * Math.atan(Math.exp(mercatorY(north) + t * (mercatorY(south) - mercatorY(north)))) - 90;
      for (let x = 0; x < raster.widthPx; x += 5) {
        const lon = raster.layout.west + (x + 0.5) * WUHAN_CELL_DEG;
        const cell = raster.cellAt(lon, lat);
        const p = (y * raster.widthPx + x) * 4;
        if (cell < 0) {
          expect(pixels[p + 3]).toBe(0);
          continue;
        }
        const value = grid.elderly[cell];
        let k = 0;
        while (k < classes.breaks.length && value >= classes.breaks[k]) k++;
        expect(hex(pixels[p], pixels[p + 1], pixels[p + 2])).toBe(classes.colors[k]);
        expect(pixels[p + 3]).toBe(255);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('outlines uncovered cells with polygons of exactly their area, and masks them', () => {
    // Cells within 1.5 km of the Jianghan test point are "covered"; the rest are the gap.
    const fids = grid.fid as Int32Array;
    const uncovered: number[] = [];
    for (let c = 0; c < grid.count; c++) if (turf.distance([114.2950, 30.5720], [grid.lon[c], grid.lat[c]], { units: 'meters' }) > 1500) uncovered.push(fids[c]);
    const { shape, cells: found } = raster.outline(uncovered);
    expect(found).toBe(uncovered.length);
    const area = turf.area(shape.features[0]);
    const cellArea = (lat: number) => turf.area(turf.bboxPolygon([0, lat - WUHAN_CELL_DEG / 2, WUHAN_CELL_DEG, lat + WUHAN_CELL_DEG / 2]));
    const expected = uncovered.reduce((sum, fid) => sum + cellArea(grid.lat[raster.indexOfFid(fid)]), 0);
    expect(Math.abs(area - expected) / expected).toBeLessThan(1e-3);
    const { mask, cells } = raster.maskOf(uncovered);
    expect(cells).toBe(uncovered.length);
    const pixels = new Uint8ClampedArray(raster.widthPx * raster.heightPx * 4);
    raster.paintMask(pixels, mask, [38, 50, 56, 120]);
    let shaded = 0;
    for (let p = 3; p < pixels.length; p += 4) if (pixels[p] === 120) shaded += 1;
    // Each grid row is drawn 4 pixel rows high on average.
    expect(shaded / (uncovered.length * 4)).toBeGreaterThan(0.97);
    expect(shaded / (uncovered.length * 4)).toBeLessThan(1.03);
  });
});
