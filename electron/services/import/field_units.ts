/**
 * What each target field of each layer holds, with its unit, for the import dialog's mapping table
 * ("建筑面积 → floor_area_m2, m²"): planners map columns by meaning, and a column in 万人 or 亩 must
 * not be mistaken for persons or m².
 */
import type { ImportableLayer } from '../../../shared/schemas/entities';

export interface FieldInfo {
  description: string;
  /** Unit of the values, or null for text, labels and ids. */
  unit: string | null;
}

const ID: FieldInfo = { description: 'identifier, unique within the layer', unit: null };
const NAME: FieldInfo = { description: 'name', unit: null };
const SOURCE: FieldInfo = { description: 'where the record comes from', unit: null };
const FLOOR_AREA: FieldInfo = { description: 'building floor area (建筑面积)', unit: 'm²' };
const FLOOR_LEVEL: FieldInfo = { description: 'floor the facility is on (1 = ground floor, negative = basement)', unit: 'floor' };

export const GEOMETRY_FIELD_INFO: Record<'lon' | 'lat' | 'wkt' | 'lonlat', FieldInfo> = {
  lon: { description: 'longitude, or easting with a projected --crs', unit: 'degrees (or metres)' },
  lat: { description: 'latitude, or northing with a projected --crs', unit: 'degrees (or metres)' },
  wkt: { description: 'geometry as well-known text', unit: null },
  lonlat: { description: 'longitude and latitude in one cell, "lng,lat" (AutoNavi POI location)', unit: 'degrees (or metres)' },
};

export const LAYER_FIELD_INFO: Record<ImportableLayer, Record<string, FieldInfo>> = {
  population: {
    cell_id: { description: 'grid cell id', unit: null },
    population: { description: 'total (or adult) population of the cell', unit: 'persons' },
    elderly: { description: 'older people aged 60 and over (老年人口)', unit: 'persons' },
    age65: { description: 'people aged 65 and over', unit: 'persons' },
    age80: { description: 'people aged 80 and over', unit: 'persons' },
  },
  facilities: {
    id: ID,
    name: NAME,
    kind: { description: 'facility kind (日间照料中心, 社区养老服务站, 养老院, ...)', unit: null },
    status: { description: 'existing, planned or proposed (现状/规划/建议)', unit: null },
    capacity: { description: 'day places (托位)', unit: 'places' },
    beds: { description: 'beds (床位)', unit: 'beds' },
    nursing_beds: { description: 'nursing-type beds (护理型床位)', unit: 'beds' },
    floor_area_m2: FLOOR_AREA,
    floor_level: FLOOR_LEVEL,
    address: { description: 'address', unit: null },
    source: SOURCE,
    illustrative: { description: 'made-up example record (示意)', unit: 'yes/no' },
  },
  estates: {
    id: ID,
    name: NAME,
    area_type: { description: 'new estate, old area or renewal project (新建小区/老旧小区/城市更新)', unit: null },
    households: { description: 'households (户数)', unit: 'households' },
    care_floor_area_m2: { description: 'elderly-care floor space provided (养老配建面积)', unit: 'm²' },
    source: SOURCE,
    residential_floor_area_m2: { description: 'residential floor area (住宅建筑面积)', unit: 'm²' },
    average_unit_m2: { description: 'average dwelling size (户均面积)', unit: 'm²' },
    urban: { description: 'urban or rural (城市/农村)', unit: null },
    co_located_health_station: { description: 'care room built with the community health station (三站合一)', unit: 'yes/no' },
    synchronous_provision: { description: 'provided in step with the housing (同步配建)', unit: 'yes/no' },
    care_floor_level: { description: 'floor of the care room (1 = ground floor, negative = basement)', unit: 'floor' },
    care_basement: { description: 'care room in a basement or semi-basement (地下室)', unit: 'yes/no' },
    care_lon: { description: 'longitude of the care room (WGS84)', unit: 'degrees' },
    care_lat: { description: 'latitude of the care room (WGS84)', unit: 'degrees' },
  },
  boundaries: {
    id: ID,
    name: NAME,
    level: { description: 'administrative level (市/区/街道/镇/社区/村)', unit: null },
    urban: { description: 'urban or rural (城市/农村)', unit: null },
    source: SOURCE,
  },
  roads: {
    id: ID,
    highway: { description: 'OSM highway class (footway, residential, ...)', unit: null },
    name: NAME,
  },
  candidates: {
    id: ID,
    name: NAME,
    floor_area_m2: FLOOR_AREA,
    floor_level: FLOOR_LEVEL,
    land_area_m2: { description: 'site area (用地面积)', unit: 'm²' },
    note: { description: 'note (备注)', unit: null },
    capacity: { description: 'day places the site could offer (托位)', unit: 'places' },
    source: SOURCE,
  },
};
