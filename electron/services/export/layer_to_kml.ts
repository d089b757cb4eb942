/**
 * A layer as KML 2.2 for Google Earth, 奥维 and phones: one Placemark per feature, named by its
 * name (or id), its columns in a <Schema> with <SchemaData>/<SimpleData> (read by Google Earth, GDAL and
 * @tmcw/togeojson), geometry as Point, LineString, Polygon or MultiGeometry. KML is WGS84 lon/lat by
 * specification, so it is always written from the WGS84 features.
 */
import type { LayerName } from '../../../shared/schemas/entities';
import { formatNumber, type ExportFeature } from './export_feature';

type Ring = readonly (readonly number[])[];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const coordinates = (points: Ring): string => `<coordinates>${points.map((p) => `${formatNumber(p[0])},${formatNumber(p[1])}`).join(' ')}</coordinates>`;

function polygon(rings: readonly Ring[]): string {
  const [outer, ...holes] = rings;
  return (
    `<Polygon><outerBoundaryIs><LinearRing>${coordinates(outer)}</LinearRing></outerBoundaryIs>` +
    holes.map((hole) => `<innerBoundaryIs><LinearRing>${coordinates(hole)}</LinearRing></innerBoundaryIs>`).join('') +
    '</Polygon>'
  );
}

function geometryKml(geometry: ExportFeature['geometry']): string {
  if (geometry === null) return '';
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString>${coordinates(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygon).join('')}</MultiGeometry>`;
  }
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

function kmlType(values: unknown[]): string {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return 'double';
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return 'bool';
  return 'string';
}

export function layerToKml(layer: LayerName, features: readonly ExportFeature[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const schemaId = `${layer}_schema`;
  const fields = columns
    .map((column) => `<SimpleField name="${escapeXml(column)}" type="${kmlType(features.map((f) => f.properties[column]))}"/>`)
    .join('');
  const placemarks = features.map((feature) => {
    const properties = feature.properties ?? {};
    const name = valueText(properties.name) || valueText(properties.id) || valueText(properties.cell_id) || String(feature.fid);
    const data = columns
      .map((column) => {
        const text = valueText(properties[column]);
        return text === null ? '' : `<SimpleData name="${escapeXml(column)}">${escapeXml(text)}</SimpleData>`;
      })
      .join('');
    return `<Placemark id="${escapeXml(`${layer}.${feature.fid}`)}"><name>${escapeXml(name)}</name><ExtendedData><SchemaData schemaUrl="#${schemaId}">${data}</SchemaData></ExtendedData>${geometryKml(feature.geometry)}</Placemark>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n' +
    `<name>${escapeXml(layer)}</name>\n<Schema name="${escapeXml(layer)}" id="${schemaId}">${fields}</Schema>\n` +
    `<Folder><name>${escapeXml(layer)}</name>\n${placemarks.join('\n')}\n</Folder>\n</Document>\n</kml>\n`
  );
}
