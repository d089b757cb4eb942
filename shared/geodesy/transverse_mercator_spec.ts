/**
 * Turns transverse Mercator / Gauss–Krüger parameters read from a .prj (WKT) or GeoTIFF keys into a
 * CrsSpec: the matching CGCS2000 Gauss–Krüger or WGS 84 UTM EPSG code when there is one, otherwise a
 * proj4 `+proj=tmerc` string with exactly those parameters.
 */

import { InputError } from '../errors';
import { findGaussKrugerCode, findUtmCode, gaussKrugerProj4 } from './crs_definitions';
import { epsgCrsSpec, type CrsSpec } from './crs_spec';
import { validateProj4Definition } from './proj4_definition';

/** Projection parameters in degrees and metres. */
export interface ProjectionParameters {
  centralMeridianDeg?: number;
  originLatDeg: number;
  scale: number;
  falseEastingM: number;
  falseNorthingM: number;
  /** Metres per output unit (1 for metre). */
  linearUnitM: number;
}

/** Rounds away binary noise from unit conversions (114.00000000000001 → 114); keeps 1e-9 resolution. */
function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * CrsSpec of a transverse Mercator system. `name` (the PROJCS / citation name) only decides between the
 * 3° and 6° EPSG codes that share a central meridian ("3_Degree" in the name → 3°, otherwise a "GK" /
 * "Gauss" name → 6°, else 3°); the maths of both is identical.
 * @example transverseMercatorSpec('CGCS2000_3_Degree_GK_CM_114E', 'CGCS2000', { centralMeridianDeg: 114, originLatDeg: 0, scale: 1, falseEastingM: 500000, falseNorthingM: 0, linearUnitM: 1 }).id // "EPSG:4547"
 */
export function transverseMercatorSpec(
  name: string,
  datum: 'WGS84' | 'CGCS2000',
  p: ProjectionParameters,
  sourceName?: string,
): CrsSpec {
  if (p.centralMeridianDeg === undefined) {
    throw new InputError(`transverse Mercator projection "${name}" has no central meridian parameter`, {
      file: sourceName,
    });
  }
  if (!(p.scale > 0) || !(p.linearUnitM > 0)) {
    throw new InputError(
      `transverse Mercator projection "${name}" needs a positive scale factor and unit, got scale ${p.scale}, ` +
        `unit ${p.linearUnitM} m`,
      { file: sourceName },
    );
  }
  const cm = tidy(p.centralMeridianDeg);
  const originLatDeg = tidy(p.originLatDeg);
  const falseEastingM = tidy(p.falseEastingM);
  const falseNorthingM = tidy(p.falseNorthingM);
  const standardOrigin = originLatDeg === 0 && p.linearUnitM === 1;
  if (standardOrigin && datum === 'CGCS2000' && near(p.scale, 1) && falseNorthingM === 0) {
    const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const widthHint = key.includes('3degree') ? 3 : /gk|gauss/.test(key) ? 6 : undefined;
    const code = findGaussKrugerCode(cm, falseEastingM, widthHint) ?? findGaussKrugerCode(cm, falseEastingM);
    if (code !== undefined) return epsgCrsSpec(code) as CrsSpec;
  }
  if (standardOrigin && datum === 'WGS84' && near(p.scale, 0.9996) && falseEastingM === 500000) {
    if (falseNorthingM === 0 || falseNorthingM === 10000000) {
      const code = findUtmCode(cm, falseNorthingM !== 0);
      if (code !== undefined) return epsgCrsSpec(code) as CrsSpec;
    }
  }
  const plainGaussKruger = datum === 'CGCS2000' && standardOrigin && near(p.scale, 1) && falseNorthingM === 0;
  const datumPart = datum === 'WGS84' ? '+datum=WGS84' : '+ellps=GRS80';
  const unitPart = p.linearUnitM === 1 ? '+units=m' : `+to_meter=${p.linearUnitM}`;
  const definition = plainGaussKruger
    ? gaussKrugerProj4(cm, falseEastingM)
    : `+proj=tmerc +lat_0=${originLatDeg} +lon_0=${cm} +k=${p.scale} +x_0=${falseEastingM} ` +
      `+y_0=${falseNorthingM} ${datumPart} ${unitPart} +no_defs`;
  validateProj4Definition(definition, sourceName);
  return {
    kind: 'custom',
    id: definition,
    label: `${name || 'Transverse Mercator'} (${datum}, CM ${cm}°E, false easting ${falseEastingM} m)`,
    definition,
    projected: true,
    datum,
  };
}
