/**
 * The atlas's pure parts on the real Shenzhen district polygons (TransBigData, tests/data/shenzhen):
 * units sorted by name, titles, a sheet focused on one district (frame, mask, figures table, page
 * number), and the palette PNG of the grid image with the PDF writer's pass-through reading of it.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { passThroughPng } from '../../../electron/services/print/pdf_writer';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import { atlasFigureRows, atlasTitle, atlasUnits } from '../../../shared/print/atlas';
import type { PathItem, TextItem } from '../../../shared/print/display_list';
import { geometryBounds } from '../../../shared/print/focus';
import { paper } from '../../../shared/print/paper';
import { encodeIndexedPng } from '../../../shared/print/png_encode';
import { composeSheet } from '../../../shared/print/sheet';
import { testData } from '../../helpers/test_data';

const GK_CM114 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

function districts(): AreaInput[] {
  const collection = JSON.parse(readFileSync(testData('shenzhen/shenzhen_districts_transbigdata.geojson'), 'utf8'));
  return collection.features.map((f: Feature<Polygon | MultiPolygon, { qh: string }>, i: number) => ({
    id: `d${i}`,
    name: `${f.properties.qh}区`,
    level: 'district',
    urban: null,
    geometry: f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry,
  }));
}

describe('atlas units and titles', () => {
  it('sorts the units of a level by name (pinyin for Chinese) and has none of another level', () => {
    const units = atlasUnits(districts(), 'district')!;
    expect(units.map((u) => u.name)).toEqual(['宝安区', '大鹏区', '福田区', '光明区', '龙岗区', '龙华区', '罗湖区', '南山区', '坪山区', '盐田区']);
    expect(atlasUnits(districts(), 'street')).toBeNull();
  });

  it('titles a page by the unit, in either language, with or without a given title', () => {
    expect(atlasTitle('福田区', 'zh')).toBe('福田区养老服务设施布局图');
    expect(atlasTitle('福田区', 'en')).toBe('Elderly-care facilities: 福田区');
    expect(atlasTitle('福田区', 'zh', '{unit}设施现状图')).toBe('福田区设施现状图');
    expect(atlasTitle('福田区', 'zh', '设施现状图')).toBe('设施现状图（福田区）');
    expect(atlasTitle('Futian', 'en', 'Care map')).toBe('Care map: Futian');
    // A map of a scenario names it on every page.
    expect(atlasTitle('福田区', 'zh', undefined, '2030 近期方案')).toBe('福田区养老服务设施布局图（2030 近期方案）');
    expect(atlasTitle('Futian', 'en', undefined, 'Plan A')).toBe('Elderly-care facilities: Futian — Plan A');
  });

  it('writes the figures table rows, a dash where a figure is missing', () => {
    const rows = atlasFigureRows('福田区', { elderly: 123456.4, coveredShare: 0.4567, radiusM: 1000, bedsPer1000: 12.345, reviews: { compliant: 2, non_compliant: 1, incomplete: 0 } }, 'zh');
    expect(rows.heading).toBe('福田区 主要指标');
    expect(rows.rows.map((r) => r[1])).toEqual(['123,456', '45.7 %', '12.3', '符合 2 · 不符合 1 · 需补充材料 0']);
    const none = atlasFigureRows('Futian', { elderly: null, coveredShare: null, radiusM: 1000, bedsPer1000: null, reviews: null }, 'en');
    expect(none.rows).toEqual([['Older people (60+)', '—'], ['Covered (within 1,000 m of a facility)', '—'], ['Beds per 1,000 older people', '—']]);
  });
});

describe('a sheet focused on one unit', () => {
  const all = districts();
  const futian = all.find((d) => d.name === '福田区')!;
  const base = {
    paper: paper('A4'), language: 'zh' as const, title: '福田区养老服务设施布局图', purpose: 'internal' as const, mapDate: '2026-12-07', sources: [], dpi: 150,
    boundaries: all.map((d) => ({ name: d.name, geometry: d.geometry })), facilities: [], population: null,
  };

  it("fits the frame to the unit's extent with its margin, not to all the boundaries", () => {
    const whole = composeSheet(base);
    const sheet = composeSheet({ ...base, focus: { name: futian.name, geometry: futian.geometry }, figures: { heading: 'h', rows: [['a', '1']] }, pageLabel: '3 / 10' });
    expect(sheet.page.scaleDenominator).toBeLessThan(whole.page.scaleDenominator / 3);
    const [minX, minY, maxX, maxY] = sheet.page.extent;
    const [w, s, e, n] = geometryBounds(futian.geometry);
    expect([w, s, e, n]).toEqual([expect.closeTo(113.9856, 3), expect.closeTo(22.5022, 3), expect.closeTo(114.1001, 3), expect.closeTo(22.5902, 3)]); // SOURCES.md
    for (const [lon, lat] of [[w, s], [e, n], [w, n], [e, s]]) {
      const [x, y] = proj4('WGS84', GK_CM114, [lon, lat]);
      expect(x).toBeGreaterThan(minX);
      expect(x).toBeLessThan(maxX);
      expect(y).toBeGreaterThan(minY);
      expect(y).toBeLessThan(maxY);
    }
    // the 8 % margin: the unit's projected width is at most 1 / 1.16 of the extent's
    const [x0] = proj4('WGS84', GK_CM114, [w, (s + n) / 2]);
    const [x1] = proj4('WGS84', GK_CM114, [e, (s + n) / 2]);
    const [, y0] = proj4('WGS84', GK_CM114, [(w + e) / 2, s]);
    const [, y1] = proj4('WGS84', GK_CM114, [(w + e) / 2, n]);
    expect(Math.max((x1 - x0) / (maxX - minX), (y1 - y0) / (maxY - minY))).toBeLessThanOrEqual(1 / 1.16 + 1e-9);
  });

  it('greys the map outside the unit with one even-odd path whose holes are its rings, and prints the table and page number', () => {
    const sheet = composeSheet({ ...base, focus: { name: futian.name, geometry: futian.geometry }, figures: { heading: '福田区 主要指标', rows: [['老年人口（60 岁以上）', '—']] }, pageLabel: '3 / 10' });
    const clip = sheet.drawing.items.find((item) => item.kind === 'clip')!;
    const mask = (clip.kind === 'clip' ? clip.items : []).find((item): item is PathItem => item.kind === 'path' && item.fillRule === 'evenodd')!;
    const rings = futian.geometry.coordinates.flat();
    expect(mask.rings).toHaveLength(1 + rings.length);
    const { xMm, yMm, widthMm, heightMm } = sheet.frame.rect;
    expect(mask.rings[0]).toEqual([xMm, yMm, xMm + widthMm, yMm, xMm + widthMm, yMm + heightMm, xMm, yMm + heightMm]);
    expect(mask.rings[1].length).toBe(rings[0].length * 2);
    const texts = sheet.drawing.items.filter((item): item is TextItem => item.kind === 'text').map((item) => item.text);
    expect(texts).toEqual(expect.arrayContaining(['福田区 主要指标', '老年人口（60 岁以上）', '—', '3 / 10']));
    // the notes come below the table
    const heading = sheet.drawing.items.find((item): item is TextItem => item.kind === 'text' && item.text === '福田区 主要指标')!;
    const stamp = sheet.drawing.items.find((item): item is TextItem => item.kind === 'text' && item.text === '仅供规划工作使用，不作公开出版')!;
    expect(stamp.yMm).toBeGreaterThan(heading.yMm + 4);
  });
});

describe('the grid image as a palette PNG', () => {
  it('encodes indices, palette and the transparent entry 0, and the PDF writer takes it as it is', () => {
    const indices = new Uint8Array([0, 1, 2, 1, 0, 2]);
    const png = encodeIndexedPng(indices, 3, 2, [[255, 255, 255], [255, 0, 0], [0, 0, 255]], [0], 3);
    const parts = passThroughPng(png)!;
    expect(parts).toMatchObject({ width: 3, height: 2, maskZero: true });
    expect([...parts.palette]).toEqual([255, 255, 255, 255, 0, 0, 0, 0, 255]);
    // each row: filter byte 0, then the indices
    expect([...inflateSync(parts.data)]).toEqual([0, 0, 1, 2, 0, 1, 0, 2]);
    // not a palette image with entry 0 alone transparent: left to pdfkit
    expect(passThroughPng(encodeIndexedPng(indices, 3, 2, [[1, 1, 1], [2, 2, 2], [3, 3, 3]], [0, 128]))).toBeNull();
    expect(passThroughPng(encodeIndexedPng(indices, 3, 2, [[1, 1, 1], [2, 2, 2], [3, 3, 3]]))).toMatchObject({ maskZero: false });
  });
});
