import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { fitMapFrame, lonLatToPage, printCrs, roundScale, scaleBar } from '../../../shared/print/map_frame';
import { paper } from '../../../shared/print/paper';

describe('print map frame', () => {
  it('picks the CGCS2000 3-degree Gauss–Krüger zone of the centre, else Web Mercator', () => {
    expect(printCrs(114.28).id).toBe('EPSG:4547');
    expect(printCrs(75).id).toBe('EPSG:4534');
    expect(printCrs(135.4).id).toBe('EPSG:4554');
    expect(printCrs(121.4).id).toBe('EPSG:4549'); // CM 120°E covers 118.5–121.5°E
    expect(printCrs(121.6).id).toBe('EPSG:4550'); // CM 123°E from 121.5°E
    expect(printCrs(2.35).id).toBe('EPSG:3857');
  });

  it('rounds scales up to two significant digits and scale bars to 1-2-5 lengths', () => {
    expect(roundScale(43_120)).toBe(44_000);
    expect(roundScale(85_001)).toBe(86_000);
    expect(roundScale(25_000)).toBe(25_000);
    expect(scaleBar(50_000, 40)).toEqual({ lengthM: 2000, lengthMm: 40, segments: 4, unit: 'km' });
    expect(scaleBar(86_000, 55)).toMatchObject({ lengthM: 2000, segments: 4 });
    expect(scaleBar(10_000, 55)).toMatchObject({ lengthM: 500, lengthMm: 50, segments: 5, unit: 'm' });
  });

  it('maps lon/lat linearly onto the frame through the CRS (checked against proj4 directly)', () => {
    const rect = { xMm: 10, yMm: 23, widthMm: 190, heightMm: 196 };
    const frame = fitMapFrame([114.2, 30.5, 114.36, 30.64], rect);
    const [minX, minY, maxX, maxY] = frame.extent;
    expect(((maxX - minX) / rect.widthMm) * 1000).toBeCloseTo(frame.scaleDenominator, 6);
    expect(((maxY - minY) / rect.heightMm) * 1000).toBeCloseTo(frame.scaleDenominator, 6);
    const [x, y] = proj4('WGS84', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', [114.3, 30.6]);
    const [px, py] = lonLatToPage(frame, 114.3, 30.6);
    expect(px).toBeCloseTo(10 + ((x - minX) / frame.scaleDenominator) * 1000, 6);
    expect(py).toBeCloseTo(23 + ((maxY - y) / frame.scaleDenominator) * 1000, 6);
    // the data fit inside the frame
    for (const [lon, lat] of [[114.2, 30.5], [114.36, 30.64]]) {
      const [qx, qy] = lonLatToPage(frame, lon, lat);
      expect(qx).toBeGreaterThan(rect.xMm);
      expect(qx).toBeLessThan(rect.xMm + rect.widthMm);
      expect(qy).toBeGreaterThan(rect.yMm);
      expect(qy).toBeLessThan(rect.yMm + rect.heightMm);
    }
  });

  it('knows the A series in mm', () => {
    expect(paper('a3', 'landscape')).toMatchObject({ widthMm: 420, heightMm: 297, marginMm: 15 });
    expect(paper('A0')).toMatchObject({ widthMm: 841, heightMm: 1189 });
    expect(() => paper('B5')).toThrow(/unknown paper "B5"/);
  });
});
