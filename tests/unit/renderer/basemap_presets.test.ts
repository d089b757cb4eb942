import { describe, expect, it } from 'vitest';
import { basemapOrigins } from '../../../shared/ipc/basemap_origins';
import { BASEMAP_PRESETS, basemapChoice, basemapProblem, displayBasemapUrl, presetCrs, tiandituAnnotation } from '../../../renderer/map/basemap';

describe('basemap presets', () => {
  it('tells a stored address\'s preset, custom or none', () => {
    expect(basemapChoice('')).toBe('none');
    expect(basemapChoice(`  ${BASEMAP_PRESETS.osm} `)).toBe('osm');
    expect(basemapChoice(BASEMAP_PRESETS.amap)).toBe('amap');
    expect(basemapChoice(BASEMAP_PRESETS.tianditu)).toBe('tianditu');
    expect(basemapChoice('https://tile.example.org/{z}/{x}/{y}.png')).toBe('custom');
    expect([presetCrs('amap'), presetCrs('tianditu'), presetCrs('osm'), presetCrs('custom')]).toEqual(['gcj02', 'wgs84', 'wgs84', null]);
  });

  it('fills the user\'s Tianditu key only into the address the map loads, and none without a key', () => {
    const shown = displayBasemapUrl(BASEMAP_PRESETS.tianditu, 'abc123');
    expect(shown).toBe('https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc123');
    expect(displayBasemapUrl(BASEMAP_PRESETS.tianditu, '')).toBe('');
    expect(displayBasemapUrl(BASEMAP_PRESETS.tianditu, 'a&b=c')).toBe('');
    expect(displayBasemapUrl(BASEMAP_PRESETS.osm, 'abc123')).toBe(BASEMAP_PRESETS.osm);
    expect(tiandituAnnotation(shown)).toBe('https://t0.tianditu.gov.cn/DataServer?T=cva_w&x={x}&y={y}&l={z}&tk=abc123');
    expect(tiandituAnnotation(BASEMAP_PRESETS.osm)).toBeNull();
  });

  it('every preset is a usable https address whose origin the page policy admits', () => {
    expect(basemapOrigins(BASEMAP_PRESETS.tianditu)).toEqual(['https://t0.tianditu.gov.cn']);
    expect(basemapOrigins(BASEMAP_PRESETS.amap)).toEqual(['https://webrd01.is.autonavi.com']);
    expect(basemapOrigins(BASEMAP_PRESETS.osm)).toEqual(['https://tile.openstreetmap.org']);
    for (const url of Object.values(BASEMAP_PRESETS)) expect(basemapProblem(url)).toBeNull();
  });
});
