import { describe, expect, it } from 'vitest';
import {
  findGaussKrugerCode,
  findUtmCode,
  getCrsDefinition,
  listCrsDefinitions,
} from '../../../shared/geodesy/crs_definitions';
import { GDALSRSINFO, SKIP_REASON, gdalSrsInfo } from './gdal_cli';

describe('generated EPSG table', () => {
  it('has 4326, 4490, 3857, all 64 CGCS2000 Gauss-Kruger codes and 120 UTM codes, once each', () => {
    const codes = listCrsDefinitions().map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(3 + 64 + 120);
    for (let code = 4491; code <= 4554; code++) expect(codes).toContain(code);
    for (let zone = 1; zone <= 60; zone++) {
      expect(codes).toContain(32600 + zone);
      expect(codes).toContain(32700 + zone);
    }
    expect(getCrsDefinition(4214)).toBeUndefined(); // Beijing 1954 is not supported
    expect(getCrsDefinition(4555)).toBeUndefined();
  });

  it('EPSG:4547 is CGCS2000 / 3-degree Gauss-Kruger CM 114E', () => {
    const def = getCrsDefinition(4547)!;
    expect(def.name).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 114E');
    expect(def.centralMeridianDeg).toBe(114);
    expect(def.falseEastingM).toBe(500000);
    expect(def.zonePrefix).toBe(false);
    expect(def.proj4).toBe('+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  });

  it('EPSG:4526 is CGCS2000 / 3-degree Gauss-Kruger zone 38 (CM 114E, x_0 38500000)', () => {
    const def = getCrsDefinition(4526)!;
    expect(def.name).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 38');
    expect(def.zone).toBe(38);
    expect(def.zoneWidthDeg).toBe(3);
    expect(def.centralMeridianDeg).toBe(114);
    expect(def.falseEastingM).toBe(38500000);
    expect(def.epsgAxisNorthFirst).toBe(true);
  });

  it('numbering of the four Gauss-Kruger families', () => {
    // 6° zones 13..23 (CM 75..135) with prefix: 4491..4501; CM form 4502..4512.
    expect(getCrsDefinition(4491)).toMatchObject({ zone: 13, centralMeridianDeg: 75, falseEastingM: 13500000, zoneWidthDeg: 6 });
    expect(getCrsDefinition(4501)).toMatchObject({ zone: 23, centralMeridianDeg: 135, falseEastingM: 23500000 });
    expect(getCrsDefinition(4502)).toMatchObject({ name: 'CGCS2000 / Gauss-Kruger CM 75E', centralMeridianDeg: 75, falseEastingM: 500000 });
    expect(getCrsDefinition(4512)).toMatchObject({ name: 'CGCS2000 / Gauss-Kruger CM 135E', centralMeridianDeg: 135 });
    // 3° zones 25..45 (CM 75..135) with prefix: 4513..4533; CM form 4534..4554.
    expect(getCrsDefinition(4513)).toMatchObject({ zone: 25, centralMeridianDeg: 75, falseEastingM: 25500000, zoneWidthDeg: 3 });
    expect(getCrsDefinition(4533)).toMatchObject({ zone: 45, centralMeridianDeg: 135, falseEastingM: 45500000 });
    expect(getCrsDefinition(4534)).toMatchObject({ name: 'CGCS2000 / 3-degree Gauss-Kruger CM 75E', centralMeridianDeg: 75 });
    expect(getCrsDefinition(4554)).toMatchObject({ name: 'CGCS2000 / 3-degree Gauss-Kruger CM 135E', centralMeridianDeg: 135 });
    expect(getCrsDefinition(32650)).toMatchObject({ name: 'WGS 84 / UTM zone 50N', centralMeridianDeg: 117 });
    expect(getCrsDefinition(32750)?.proj4).toContain('+south');
  });

  it('finds codes from parameters', () => {
    expect(findGaussKrugerCode(114, 500000)).toBe(4547);
    expect(findGaussKrugerCode(114, 38500000)).toBe(4526);
    expect(findGaussKrugerCode(117, 500000)).toBe(4548); // 3° preferred when the width is not known
    expect(findGaussKrugerCode(117, 500000, 6)).toBe(4509);
    expect(findGaussKrugerCode(117, 20500000)).toBe(4498); // 6° zone 20
    expect(findGaussKrugerCode(114, 500000, 6)).toBeUndefined(); // no 6° zone has CM 114
    expect(findGaussKrugerCode(114, 39500000)).toBeUndefined(); // zone 39 has CM 117
    expect(findGaussKrugerCode(114.5, 500000)).toBeUndefined();
    expect(findUtmCode(117, false)).toBe(32650);
    expect(findUtmCode(117, true)).toBe(32750);
    expect(findUtmCode(114, false)).toBeUndefined();
  });
});

// Skipped only where the GDAL command-line tools (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
describe.skipIf(!GDALSRSINFO)(`proj4 strings equal gdalsrsinfo -o proj4 ${GDALSRSINFO ? '' : SKIP_REASON}`, () => {
  it('for every Gauss-Kruger code, 4490, 3857 and a sample of UTM zones', () => {
    const codes = [4490, 3857, 32601, 32649, 32650, 32660, 32701, 32750, 32760];
    for (let code = 4491; code <= 4554; code++) codes.push(code);
    for (const code of codes) {
      const gdal = gdalSrsInfo(code, 'proj4');
      expect(getCrsDefinition(code)?.proj4, `EPSG:${code}`).toBe(gdal);
    }
  });

  it('names equal GDAL\'s EPSG names for a sample', () => {
    for (const code of [4490, 4491, 4502, 4513, 4526, 4534, 4547, 4554, 32650, 3857]) {
      const wkt = gdalSrsInfo(code, 'wkt1');
      const name = /^(?:PROJCS|GEOGCS)\["([^"]+)"/.exec(wkt)?.[1];
      expect(getCrsDefinition(code)?.name, `EPSG:${code}`).toBe(name);
    }
  });
});
