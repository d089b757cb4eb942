/**
 * The estate form (renderer/components/review/estate_form.ts): the text of each field → an Estate
 * checked with the entity's schema, each problem named by its field; a stored estate of the sample
 * goes through the form unchanged; new ids never collide with the sample's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Estate } from '../../../shared/schemas/entities';
import { emptyRoom, freeEstateId, type EstateGeometry, parseEstateForm, parseLevels, toEstateValues } from '../../../renderer/components/review/estate_form';
import { SAMPLE_DIR } from '../../helpers/paths';

const POINT: EstateGeometry = { type: 'Point', coordinates: [114.2705, 30.591] };

/** The sample's first estate as the import stores it (its CSV row, with its care room). */
function sampleE1(): Estate {
  const [header, first] = readFileSync(join(SAMPLE_DIR, 'illustrative_estates.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
  const at = (name: string) => first[header.indexOf(name)];
  return Estate.parse({
    id: at('id'),
    name: at('name'),
    areaType: at('estate_type'),
    households: Number(at('households')),
    careFloorAreaM2: Number(at('care_floor_area_m2')),
    geometry: { type: 'Point', coordinates: [Number(at('lon')), Number(at('lat'))] },
    source: 'illustrative, not a real estate',
    residentialFloorAreaM2: null,
    averageUnitM2: null,
    urban: at('urban') === '1',
    coLocatedHealthStation: at('co_located_health_station') === '1',
    synchronousProvision: at('synchronous_provision') === '1',
    careRooms: [{ floorAreaM2: Number(at('care_floor_area_m2')), floorLevels: [Number(at('care_floor_level'))], basement: at('care_basement') === '1', lon: Number(at('care_lon')), lat: Number(at('care_lat')) }],
  });
}

describe('estate form', () => {
  it('gives back a stored estate unchanged', () => {
    const e1 = sampleE1();
    expect(e1.households).toBe(1200);
    const result = parseEstateForm(toEstateValues(e1), e1.id, e1.geometry, e1.source);
    expect(result).toEqual({ ok: true, estate: e1 });
  });

  it('reads households, floor levels and a room without a location; estimates need no households', () => {
    const values = { ...toEstateValues(null), name: ' 测试小区 ', households: '1,500', rooms: [{ ...emptyRoom(), floorAreaM2: '320', floorLevels: '-1，1 2', basement: 'yes' as const }] };
    const result = parseEstateForm(values, 'estate-1', POINT, null);
    expect(result.ok && result.estate).toMatchObject({ name: '测试小区', households: 1500, careRooms: [{ floorAreaM2: 320, floorLevels: [-1, 1, 2], basement: true, lon: null, lat: null }] });
    const estimated = parseEstateForm({ ...values, households: '', residentialFloorAreaM2: '90000', averageUnitM2: '90' }, 'estate-1', POINT, null);
    expect(estimated.ok && estimated.estate).toMatchObject({ households: null, residentialFloorAreaM2: 90000, averageUnitM2: 90 });
    expect(parseLevels('')).toBeNull();
  });

  it('names each invalid field', () => {
    const values = {
      ...toEstateValues(null),
      name: '',
      households: '12.5',
      averageUnitM2: '0',
      residentialFloorAreaM2: 'abc',
      rooms: [{ ...emptyRoom(), floorAreaM2: '-20', floorLevels: '1,二', lon: '114.3' }, { ...emptyRoom(), lon: '200', lat: '30' }],
    };
    const result = parseEstateForm(values, 'estate-1', null, null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.key])).toEqual(
      expect.arrayContaining([
        ['name', 'name'],
        ['geometry', 'location'],
        ['households', 'whole'],
        ['averageUnitM2', 'positive'],
        ['residentialFloorAreaM2', 'number'],
        ['careRooms.0.floorAreaM2', 'min'],
        ['careRooms.0.floorLevels', 'levels'],
        ['careRooms.0.lat', 'pair'],
        ['careRooms.1.lon', 'range'],
      ]),
    );
    expect(result.problems).toHaveLength(9);
  });

  it('makes ids that are not taken', () => {
    expect(freeEstateId(['demo-E1', 'demo-E2'])).toBe('estate-1');
    expect(freeEstateId(['estate-1', 'estate-2', 'estate-4'])).toBe('estate-3');
  });
});
