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

export const GEOMETRY_FIELD_INFO: Record<'lon' | 'lat' | 'wkt', FieldInfo> = {
  lon: { description: 'longitude, or easting with a projected --crs', unit: 'degrees (or metres)' },
  lat: { description: 'latitude, or northing with a projected --crs', unit: 'degrees (or metres)' },
  wkt: { description: 'geometry as well-known text', unit: null },
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
    area_type: { description: 'new estate or old area (新建小区/老旧小区)', unit: null },
    households: { description: 'households (户数)', unit: 'households' },
    care_floor_area_m2: { description: 'elderly-care floor space provided (养老配建面积)', unit: 'm²' },
    source: SOURCE,
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
