/**
 * Export in another coordinate system: a copy of the features with every position converted from
 * WGS84 by shared/geodesy (createTransformFromWgs84). Zoned transverse Mercator systems are refused
 * when the layer lies far outside their zone (beyond one zone width from the central meridian), where
 * the projection's distortion makes the coordinates useless.
 */
import { InputError, isInputError } from '../../../shared/errors';
import { createTransformFromWgs84, type CrsSpec, type PointTransform } from '../../../shared/geodesy/crs';
import type { Geometry } from '../../../shared/schemas/entities';
import type { ExportFeature } from './export_feature';

type Positions = number[] | Positions[];

function mapPositions(node: Positions, transform: PointTransform): Positions {
  if (typeof node[0] === 'number') {
    const [x, y] = transform(node[0] as number, node[1] as number);
    return [x, y];
  }
  return (node as Positions[]).map((child) => mapPositions(child, transform));
}

function checkZone(spec: CrsSpec, features: readonly ExportFeature[], layer: string): void {
  if (spec.kind !== 'epsg' || spec.definition.centralMeridianDeg === undefined || spec.definition.zoneWidthDeg === undefined) return;
  const { centralMeridianDeg, zoneWidthDeg } = spec.definition;
  for (const feature of features) {
    const g = feature.geometry;
    if (!g) continue;
    let node: unknown = g.coordinates;
    while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
    const lon = Array.isArray(node) ? Number(node[0]) : NaN;
    if (Math.abs(lon - centralMeridianDeg) > zoneWidthDeg) {
      throw new InputError(
        `feature ${feature.fid} of ${layer} lies at longitude ${lon}, outside ${spec.label} (central meridian ${centralMeridianDeg}°E, ${zoneWidthDeg}° zone)`,
        { field: 'crs', expected: 'the Gauss-Kruger/UTM zone the data lies in' },
      );
    }
  }
}

/** The features in `spec` (x = easting or longitude); InputError naming the feature when one fails. */
export function reprojectFeatures(features: readonly ExportFeature[], spec: CrsSpec, layer: string): ExportFeature[] {
  checkZone(spec, features, layer);
  const transform = createTransformFromWgs84(spec);
  return features.map((feature) => {
    if (feature.geometry === null) return feature;
    try {
      const coordinates = mapPositions(feature.geometry.coordinates as Positions, transform);
      return { ...feature, geometry: { type: feature.geometry.type, coordinates } as Geometry };
    } catch (error) {
      if (!isInputError(error)) throw error;
      throw new InputError(`feature ${feature.fid} of ${layer} cannot be converted to ${spec.label}: ${error.message}`, { field: 'crs' });
    }
  });
}
