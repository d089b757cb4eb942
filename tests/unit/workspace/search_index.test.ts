/** Find: names match regardless of case, width and spaces; names that start with the query first. */
import { describe, expect, it } from 'vitest';
import { extentOf, layerEntries, normalise, search } from '../../../renderer/workspace/search_index';

describe('find', () => {
  const facilities = {
    type: 'FeatureCollection' as const,
    features: [
      { type: 'Feature' as const, id: 1, geometry: { type: 'Point', coordinates: [114.265, 30.587] }, properties: { id: 'A', name: '测试日间照料中心 A', address: '江汉区' } },
      { type: 'Feature' as const, id: 2, geometry: { type: 'Point', coordinates: [114.312, 30.548] }, properties: { id: 'C', name: 'Day-Care Centre Ｃ', address: '武昌区' } },
    ],
  };
  const boundaries = {
    type: 'FeatureCollection' as const,
    features: [{ type: 'Feature' as const, id: 7, geometry: { type: 'MultiPolygon', coordinates: [[[[114, 30], [115, 30], [115, 31], [114, 30]]]] }, properties: { id: 'wh', name: '武汉市' } }],
  };
  const entries = [...layerEntries('facility', facilities, (p) => String(p.address)), ...layerEntries('boundary', boundaries, () => 'boundary')];

  it('normalises width, case and separators', () => {
    expect(normalise('Day-Care  Centre Ｃ')).toBe('daycarecentrec');
  });

  it('finds by part of a name or address and ranks prefixes first', () => {
    expect(search(entries, 'day care c').map((e) => e.label)).toEqual(['Day-Care Centre Ｃ']);
    expect(search(entries, '中心 a').map((e) => e.ref)).toEqual([1]);
    expect(search(entries, '武').map((e) => e.label)).toEqual(['武汉市', 'Day-Care Centre Ｃ']);
    expect(search(entries, '  ')).toEqual([]);
  });

  it('zooms to points or extents', () => {
    expect(entries[0].point).toEqual([114.265, 30.587]);
    expect(entries[2].bbox).toEqual([114, 30, 115, 31]);
    expect(extentOf(null)).toBeNull();
  });
});
