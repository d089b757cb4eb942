/**
 * ILLUSTRATIVE boundary units for study-area tests: made-up polygons over the Wuhan core sample (not
 * real districts or streets; their names say so). "示意区 (illustrative)" is an irregular heptagon with
 * a hole (so membership must respect holes), split by two made-up streets; "示意外区" lies east of it.
 * Written as GeoJSON for the importers; `level` and `urban` as the boundaries layer reads them.
 */
type Ring = [number, number][];

const DISTRICT_OUTER: Ring = [
  [114.215, 30.545],
  [114.262, 30.528],
  [114.301, 30.551],
  [114.298, 30.603],
  [114.268, 30.627],
  [114.229, 30.612],
  [114.209, 30.579],
  [114.215, 30.545],
];
/** A hole (a made-up lake) inside the district: its cells belong to no unit of the district. */
const DISTRICT_HOLE: Ring = [
  [114.2484, 30.5663],
  [114.2662, 30.5663],
  [114.2662, 30.5812],
  [114.2484, 30.5812],
  [114.2484, 30.5663],
];
// Corners off the grid's cell centres (which lie on multiples of 1/1200° from 114.200833, 30.5), so no
// centre falls on an edge, where implementations may differ.
const EAST: Ring = [
  [114.3052, 30.5204],
  [114.3547, 30.5204],
  [114.3547, 30.6003],
  [114.3052, 30.6003],
  [114.3052, 30.5204],
];

export interface IllustrativeUnit {
  id: string;
  name: string;
  level: 'district' | 'street';
  geometry: { type: 'Polygon'; coordinates: Ring[] };
}

export const ILLUSTRATIVE_UNITS: IllustrativeUnit[] = [
  { id: 'test-district', name: '示意区 (illustrative)', level: 'district', geometry: { type: 'Polygon', coordinates: [DISTRICT_OUTER, DISTRICT_HOLE] } },
  {
    id: 'test-street-north',
    name: '示意北街道 (illustrative)',
    level: 'street',
    geometry: { type: 'Polygon', coordinates: [[[114.2003, 30.5803], [114.3104, 30.5803], [114.3104, 30.6297], [114.2003, 30.6297], [114.2003, 30.5803]]] },
  },
  { id: 'test-east', name: '示意外区 (illustrative)', level: 'district', geometry: { type: 'Polygon', coordinates: [EAST] } },
];

/** The units as a GeoJSON FeatureCollection text (properties id, name, level, urban). */
export function illustrativeUnitsGeoJson(): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: ILLUSTRATIVE_UNITS.map((unit) => ({ type: 'Feature', properties: { id: unit.id, name: unit.name, level: unit.level, urban: 'urban' }, geometry: unit.geometry })),
  });
}
