/**
 * The EPSG coordinate reference systems the app supports, with proj4 definition strings generated from
 * the numbering rules of each family (never listed one by one):
 *
 * | EPSG          | family                                   | zone / CM                     | false easting (m)    |
 * | ------------- | ---------------------------------------- | ----------------------------- | -------------------- |
 * | 4326          | WGS 84 lon/lat                           |                               |                      |
 * | 4490          | CGCS2000 lon/lat                         |                               |                      |
 * | 3857          | WGS 84 / Pseudo-Mercator (web maps)      |                               |                      |
 * | 4491–4501     | CGCS2000 / Gauss-Kruger zone 13–23 (6°)  | CM = 6·zone − 3 = 75..135°E   | zone·1e6 + 500 000   |
 * | 4502–4512     | CGCS2000 / Gauss-Kruger CM 75E..135E (6°)| CM 75, 81, …, 135°E           | 500 000              |
 * | 4513–4533     | CGCS2000 / 3-degree GK zone 25–45        | CM = 3·zone = 75..135°E       | zone·1e6 + 500 000   |
 * | 4534–4554     | CGCS2000 / 3-degree GK CM 75E..135E      | CM 75, 78, …, 135°E           | 500 000              |
 * | 32601–32660   | WGS 84 / UTM zone 1N–60N                 | CM = 6·zone − 183             | 500 000 (k 0.9996)   |
 * | 32701–32760   | WGS 84 / UTM zone 1S–60S                 | CM = 6·zone − 183             | 500 000, y_0 1e7     |
 *
 * CGCS2000 Gauss–Krüger systems use the GRS80 ellipsoid (CGCS2000's ellipsoid differs from GRS80 only in
 * the 10th digit of the flattening, far below a millimetre), lat_0 0, k 1, y_0 0; the strings equal
 * those printed by `gdalsrsinfo -o proj4` (PROJ 9). EPSG lists the Gauss–Krüger axes northing first
 * ("X" north, "Y" east) and EPSG:4326/4490 latitude first; this app always uses easting/longitude first.
 */

export type CrsFamily =
  | 'wgs84'
  | 'cgcs2000'
  | 'web_mercator'
  | 'cgcs2000_gk6_zone'
  | 'cgcs2000_gk6_cm'
  | 'cgcs2000_gk3_zone'
  | 'cgcs2000_gk3_cm'
  | 'utm_north'
  | 'utm_south';

export interface CrsDefinition {
  /** EPSG code. */
  readonly code: number;
  /** EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E". */
  readonly name: string;
  readonly family: CrsFamily;
  /** proj4 definition string. */
  readonly proj4: string;
  /** True for projected (metre) systems, false for lon/lat degrees. */
  readonly projected: boolean;
  /** Geodetic datum of the system: CGCS2000 is treated as equal to WGS84 (difference of a few cm). */
  readonly datum: 'WGS84' | 'CGCS2000';
  /** Central meridian in degrees east (transverse Mercator systems only). */
  readonly centralMeridianDeg?: number;
  /** Zone number: Gauss–Krüger 6° 13–23, 3° 25–45, UTM 1–60 (absent for CM-form GK and non-zoned). */
  readonly zone?: number;
  /** Zone width in degrees (3 or 6) for zoned transverse Mercator systems. */
  readonly zoneWidthDeg?: 3 | 6;
  /** False easting in metres, including the zone prefix (zone·1e6) where there is one. */
  readonly falseEastingM?: number;
  /** True when the false easting carries the zone number as a millions prefix (38 500 000). */
  readonly zonePrefix: boolean;
  /** True when EPSG's official axis order is northing/latitude first (this app uses x = east). */
  readonly epsgAxisNorthFirst: boolean;
}

const GRS80_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';
const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';
const WEB_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';

/**
 * Gauss–Krüger (transverse Mercator, k 1) on GRS80 with the given central meridian and false easting.
 * @example gaussKrugerProj4(114, 38500000) // "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
 */
export function gaussKrugerProj4(centralMeridianDeg: number, falseEastingM: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridianDeg} +k=1 +x_0=${falseEastingM} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

function utmProj4(zone: number, south: boolean): string {
  return `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
}

function buildDefinitions(): CrsDefinition[] {
  const defs: CrsDefinition[] = [
    {
      code: 4326,
      name: 'WGS 84',
      family: 'wgs84',
      proj4: WGS84_LONLAT,
      projected: false,
      datum: 'WGS84',
      zonePrefix: false,
      epsgAxisNorthFirst: true,
    },
    {
      code: 4490,
      name: 'China Geodetic Coordinate System 2000',
      family: 'cgcs2000',
      proj4: GRS80_LONLAT,
      projected: false,
      datum: 'CGCS2000',
      zonePrefix: false,
      epsgAxisNorthFirst: true,
    },
    {
      code: 3857,
      name: 'WGS 84 / Pseudo-Mercator',
      family: 'web_mercator',
      proj4: WEB_MERCATOR,
      projected: true,
      datum: 'WGS84',
      zonePrefix: false,
      epsgAxisNorthFirst: false,
    },
  ];
  // 6° zones 13..23: EPSG 4491.. with prefix, 4502.. in CM form (CM = 6·zone − 3).
  for (let zone = 13; zone <= 23; zone++) {
    const cm = 6 * zone - 3;
    const base = { projected: true, datum: 'CGCS2000', centralMeridianDeg: cm, zoneWidthDeg: 6, epsgAxisNorthFirst: true } as const;
    defs.push({
      ...base,
      code: 4491 + (zone - 13),
      name: `CGCS2000 / Gauss-Kruger zone ${zone}`,
      family: 'cgcs2000_gk6_zone',
      proj4: gaussKrugerProj4(cm, zone * 1e6 + 500000),
      zone,
      falseEastingM: zone * 1e6 + 500000,
      zonePrefix: true,
    });
    defs.push({
      ...base,
      code: 4502 + (zone - 13),
      name: `CGCS2000 / Gauss-Kruger CM ${cm}E`,
      family: 'cgcs2000_gk6_cm',
      proj4: gaussKrugerProj4(cm, 500000),
      falseEastingM: 500000,
      zonePrefix: false,
    });
  }
  // 3° zones 25..45: EPSG 4513.. with prefix, 4534.. in CM form (CM = 3·zone).
  for (let zone = 25; zone <= 45; zone++) {
    const cm = 3 * zone;
    const base = { projected: true, datum: 'CGCS2000', centralMeridianDeg: cm, zoneWidthDeg: 3, epsgAxisNorthFirst: true } as const;
    defs.push({
      ...base,
      code: 4513 + (zone - 25),
      name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`,
      family: 'cgcs2000_gk3_zone',
      proj4: gaussKrugerProj4(cm, zone * 1e6 + 500000),
      zone,
      falseEastingM: zone * 1e6 + 500000,
      zonePrefix: true,
    });
    defs.push({
      ...base,
      code: 4534 + (zone - 25),
      name: `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`,
      family: 'cgcs2000_gk3_cm',
      proj4: gaussKrugerProj4(cm, 500000),
      falseEastingM: 500000,
      zonePrefix: false,
    });
  }
  for (let zone = 1; zone <= 60; zone++) {
    for (const south of [false, true]) {
      defs.push({
        code: (south ? 32700 : 32600) + zone,
        name: `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`,
        family: south ? 'utm_south' : 'utm_north',
        proj4: utmProj4(zone, south),
        projected: true,
        datum: 'WGS84',
        centralMeridianDeg: 6 * zone - 183,
        zone,
        zoneWidthDeg: 6,
        falseEastingM: 500000,
        zonePrefix: false,
        epsgAxisNorthFirst: false,
      });
    }
  }
  return defs.sort((a, b) => a.code - b.code);
}

const DEFINITIONS: readonly CrsDefinition[] = Object.freeze(buildDefinitions());
const BY_CODE: ReadonlyMap<number, CrsDefinition> = new Map(DEFINITIONS.map((d) => [d.code, d]));

/**
 * Every supported EPSG definition, sorted by code (3 + 64 Gauss–Krüger + 120 UTM = 187 entries).
 * @example listCrsDefinitions().filter((d) => d.family === 'cgcs2000_gk3_cm').length // 21
 */
export function listCrsDefinitions(): readonly CrsDefinition[] {
  return DEFINITIONS;
}

/**
 * The definition of an EPSG code, or undefined when the app does not support it.
 * @example getCrsDefinition(4547)?.name // "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
 * @example getCrsDefinition(4526)?.falseEastingM // 38500000
 */
export function getCrsDefinition(code: number): CrsDefinition | undefined {
  return BY_CODE.get(code);
}

/**
 * The EPSG code of a CGCS2000 Gauss–Krüger system from its parameters, or undefined when they match none.
 * A CM-form central meridian that is a multiple of 6 minus 3 exists both as a 6° system (4502–4512) and
 * as a 3° system (4534–4554) with identical maths; `zoneWidthDeg` picks one (3° when not given, the
 * usual choice for city-scale planning data). With a zone prefix the zone number fixes the width.
 * @example findGaussKrugerCode(114, 500000) // 4547
 * @example findGaussKrugerCode(114, 38500000) // 4526
 * @example findGaussKrugerCode(117, 500000, 6) // 4509
 */
export function findGaussKrugerCode(
  centralMeridianDeg: number,
  falseEastingM: number,
  zoneWidthDeg?: 3 | 6,
): number | undefined {
  if (falseEastingM === 500000) {
    // An explicit width is honoured (CM 114 has no 6° system); otherwise 3° first, then 6°.
    const families: CrsFamily[] =
      zoneWidthDeg === 6 ? ['cgcs2000_gk6_cm'] : zoneWidthDeg === 3 ? ['cgcs2000_gk3_cm'] : ['cgcs2000_gk3_cm', 'cgcs2000_gk6_cm'];
    for (const family of families) {
      const hit = DEFINITIONS.find((d) => d.family === family && d.centralMeridianDeg === centralMeridianDeg);
      if (hit) return hit.code;
    }
    return undefined;
  }
  const zone = (falseEastingM - 500000) / 1e6;
  if (!Number.isInteger(zone)) return undefined;
  const hit = DEFINITIONS.find(
    (d) => d.zonePrefix && d.datum === 'CGCS2000' && d.zone === zone && d.centralMeridianDeg === centralMeridianDeg,
  );
  return hit?.code;
}

/**
 * The EPSG code of a WGS 84 / UTM zone from its central meridian and hemisphere, or undefined.
 * @example findUtmCode(117, false) // 32650
 */
export function findUtmCode(centralMeridianDeg: number, south: boolean): number | undefined {
  const zone = (centralMeridianDeg + 183) / 6;
  if (!Number.isInteger(zone) || zone < 1 || zone > 60) return undefined;
  return (south ? 32700 : 32600) + zone;
}
