/**
 * The estate review: the floor-area verdict of a table of real-shaped estates (households as a
 * reviewer would state them) against an independent computation of the required area, the other
 * estate checks, how the verdicts combine, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { PRESETS } from '../../../shared/rules/presets';
import { overallVerdict, reviewEstate, reviewEstates, type EstateReviewInput } from '../../../shared/usecases/review_estate';

type Room = EstateReviewInput['careRooms'][number];
const room = (floorAreaM2: number | null, extra: Partial<Room> = {}): Room => ({ floorAreaM2, floorLevels: [1], basement: false, lon: 114.3, lat: 30.58, ...extra });

// Illustrative estates: households and planned care rooms of the size a reviewer meets (Wuhan core).
const ESTATES: { id: string; type: 'new' | 'old' | 'renewal'; households: number; rooms: number[] }[] = [
  { id: 'E01', type: 'new', households: 1234, rooms: [246.8] },
  { id: 'E02', type: 'new', households: 2860, rooms: [300, 250] },
  { id: 'E03', type: 'new', households: 980, rooms: [180] },
  { id: 'E04', type: 'new', households: 4120, rooms: [420, 400] },
  { id: 'E05', type: 'old', households: 1650, rooms: [240] },
  { id: 'E06', type: 'old', households: 3300, rooms: [500] },
  { id: 'E07', type: 'new', households: 610, rooms: [] },
  { id: 'E08', type: 'old', households: 75, rooms: [12] },
];

describe('care floor area per 100 households', () => {
  for (const presetId of ['nanhai', 'chishui'] as const) {
    it(`${presetId}: required = households × rate ÷ 100, verdict and shortfall as computed by hand`, () => {
      const rates = { new: 20, old: 15 };
      for (const estate of ESTATES) {
        const review = reviewEstate({ id: estate.id, type: estate.type, households: estate.households, careRooms: estate.rooms.map((area) => room(area)) }, PRESETS[presetId]);
        const check = review.checks.find((c) => c.rule === 'care_floor_area_per_100_households');
        let provided = 0;
        for (const area of estate.rooms) provided += area;
        const required = (estate.households * rates[estate.type as 'new' | 'old']) / 100;
        const expectedVerdict = Math.round(provided * 100) >= Math.round(required * 100) ? 'pass' : 'fail';
        expect(check?.verdict, estate.id).toBe(expectedVerdict);
        expect(check?.required).toBeCloseTo(required, 9);
        expect(check?.provided).toBeCloseTo(provided, 9);
        expect(check?.unit).toBe('m2');
        if (expectedVerdict === 'fail') expect(check?.shortfall).toBeCloseTo(required - provided, 9);
        else expect(check?.shortfall).toBeNull();
      }
    });
  }

  it('gives the stated figures for three estates', () => {
    const figures = ESTATES.slice(0, 3).map((e) => reviewEstate({ id: e.id, type: e.type, households: e.households, careRooms: e.rooms.map((a) => room(a)) }, PRESETS.nanhai).checks[0]);
    expect(figures.map((c) => [c.verdict, c.required, c.provided])).toEqual([
      ['pass', 246.8, 246.8],
      ['fail', 572, 550],
      ['fail', 196, 180],
    ]);
    expect(figures[1].shortfall).toBeCloseTo(22, 9);
    expect(figures[2].shortfall).toBeCloseTo(16, 9);
  });

  it('estimates households from residential floor area ÷ average unit size and says so', () => {
    const check = reviewEstate({ id: 'E', type: 'new', households: null, residentialFloorAreaM2: 180_000, averageUnitM2: 90, careRooms: [room(380)] }, PRESETS.nanhai).checks[0];
    expect([check.verdict, check.required, check.provided, check.estimated]).toEqual(['fail', 400, 380, true]);
    const none = reviewEstate({ id: 'E', type: 'new', households: null, careRooms: [room(380)] }, PRESETS.nanhai);
    expect([none.checks[0].verdict, none.checks[0].reason, none.verdict]).toEqual(['not_checkable', 'households', 'incomplete']);
  });

  it('is not applicable to renewal projects under nanhai, and not checkable without a type', () => {
    const renewal = reviewEstate({ id: 'R', type: 'renewal', households: 900, careRooms: [room(50)] }, PRESETS.nanhai);
    expect([renewal.checks[0].verdict, renewal.verdict]).toEqual(['not_applicable', 'compliant']);
    const untyped = reviewEstate({ id: 'U', type: null, households: 900, careRooms: [room(500)] }, PRESETS.nanhai);
    expect([untyped.checks[0].verdict, untyped.checks[0].reason]).toEqual(['not_checkable', 'type']);
  });
});

describe('the other estate checks', () => {
  it('chishui: each site ≥ 350 m², ≤ 3rd floor, never in a basement', () => {
    const base = { id: 'C', type: 'new' as const, households: 2000, area: 'rural' as const, synchronousProvision: true, point: [114.3, 30.58] as [number, number] };
    const ok = reviewEstate({ ...base, careRooms: [room(400, { floorLevels: [1, 2] })] }, PRESETS.chishui);
    expect(ok.checks.map((c) => [c.rule, c.verdict])).toEqual([
      ['care_floor_area_per_100_households', 'pass'],
      ['care_site_min_floor_area', 'pass'],
      ['care_room_floor_level', 'pass'],
      ['service_radius', 'pass'],
      ['co_location_health', 'not_applicable'],
      ['synchronous_provision', 'pass'],
    ]);
    expect(ok.verdict).toBe('compliant');
    const split = reviewEstate({ ...base, careRooms: [room(250), room(200, { floorLevels: [4] })] }, PRESETS.chishui);
    const site = split.checks[1];
    expect([site.verdict, site.required, site.provided, site.shortfall]).toEqual(['fail', 350, 200, 150]);
    expect([split.checks[2].verdict, split.checks[2].provided, split.checks[2].shortfall]).toEqual(['fail', 4, 1]);
    const basement = reviewEstate({ ...base, careRooms: [room(400, { floorLevels: [1], basement: true })] }, PRESETS.chishui);
    expect([basement.checks[2].verdict, basement.verdict]).toEqual(['fail', 'non_compliant']);
    const unknown = reviewEstate({ ...base, careRooms: [room(400, { basement: null })] }, PRESETS.chishui);
    expect([unknown.checks[2].verdict, unknown.checks[2].reason]).toEqual(['not_checkable', 'careRooms.0.basement']);
  });

  it('chishui: service radius < 700 m, straight line from the farthest corner of the estate', () => {
    // Care room at the south-west corner; 0.005° of latitude ≈ 556 m, 0.008° ≈ 890 m.
    const corner = room(400, { lon: 114.3, lat: 30.58 });
    const near = reviewEstate({ id: 'S', type: 'old', households: 500, careRooms: [corner], outline: [[114.3, 30.58], [114.3, 30.585], [114.3005, 30.585]] }, PRESETS.chishui);
    const radius = near.checks.find((c) => c.rule === 'service_radius');
    expect(radius?.verdict).toBe('pass');
    expect(radius?.method).toBe('straight_line');
    expect(radius?.provided).toBeGreaterThan(555);
    expect(radius?.provided).toBeLessThan(565);
    const far = reviewEstate({ id: 'F', type: 'old', households: 500, careRooms: [corner], outline: [[114.3, 30.58], [114.3, 30.588], [114.301, 30.588]] }, PRESETS.chishui);
    expect(far.checks.find((c) => c.rule === 'service_radius')?.verdict).toBe('fail');
    const nowhere = reviewEstate({ id: 'N', type: 'old', households: 500, careRooms: [corner] }, PRESETS.chishui);
    expect(nowhere.checks.find((c) => c.rule === 'service_radius')?.reason).toBe('outline');
  });

  it('doumen: the health-station distance and the floor are advisory (value, no verdict)', () => {
    const review = reviewEstate(
      { id: 'D', type: 'new', households: 1500, synchronousProvision: true, careRooms: [room(320, { floorLevels: [2] })], healthStation: { distanceM: 640, method: 'network' } },
      PRESETS.doumen,
    );
    expect(review.checks.map((c) => [c.rule, c.verdict, c.provided])).toEqual([
      ['care_site_min_floor_area', 'pass', 320],
      ['care_room_low_floor', 'advisory', 2],
      ['near_health_station', 'advisory', 640],
      ['synchronous_provision', 'pass', null],
    ]);
    expect(review.checks[2].method).toBe('network');
    expect(review.verdict).toBe('compliant');
  });

  it('futian: a renewal project needs a 1,000 m² day-care centre; a new estate is not concerned', () => {
    const renewal = reviewEstate({ id: 'T', type: 'renewal', households: 3000, careRooms: [room(800)] }, PRESETS.futian);
    expect([renewal.checks[0].verdict, renewal.checks[0].shortfall, renewal.verdict]).toEqual(['fail', 200, 'non_compliant']);
    const fresh = reviewEstate({ id: 'T', type: 'new', households: 3000, careRooms: [room(800)] }, PRESETS.futian);
    expect([fresh.checks[0].verdict, fresh.verdict]).toEqual(['not_applicable', 'compliant']);
  });
});

describe('verdicts combined', () => {
  it('fail beats not_checkable beats pass; advisory and not_applicable never decide', () => {
    expect(overallVerdict([{ verdict: 'pass' }, { verdict: 'not_checkable' }, { verdict: 'fail' }])).toBe('non_compliant');
    expect(overallVerdict([{ verdict: 'pass' }, { verdict: 'not_checkable' }, { verdict: 'advisory' }])).toBe('incomplete');
    expect(overallVerdict([{ verdict: 'pass' }, { verdict: 'advisory' }, { verdict: 'not_applicable' }])).toBe('compliant');
  });

  it('summarises a batch: the share of new estates that comply', () => {
    const inputs = ESTATES.map((e) => ({ id: e.id, type: e.type, households: e.households, careRooms: e.rooms.map((a) => room(a)) }));
    const { preset, estates, summary } = reviewEstates(inputs, PRESETS.nanhai);
    expect(preset).toEqual({ id: 'nanhai', version: 1 });
    // By hand: new E01 246.8 ≥ 246.8, E02 550 < 572, E03 180 < 196, E04 820 ≥ 824? no (4120 × 0.2 = 824), E07 0 < 122;
    // old E05 240 < 247.5, E06 500 ≥ 495, E08 12 ≥ 11.25.
    expect(estates.map((e) => e.verdict)).toEqual(['compliant', 'non_compliant', 'non_compliant', 'non_compliant', 'non_compliant', 'compliant', 'non_compliant', 'compliant']);
    expect(summary).toEqual({ estates: 8, compliant: 3, nonCompliant: 5, incomplete: 0, newEstates: 5, newCompliant: 1, newCompliantShare: 0.2 });
  });
});

describe('bad input', () => {
  function refusal(input: unknown): unknown {
    try {
      reviewEstate(input as EstateReviewInput, PRESETS.nanhai);
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it('refuses negative households or floor area, naming the estate and the field', () => {
    const negative = refusal({ id: 'E9', type: 'new', households: -5, careRooms: [] });
    expect(isInputError(negative)).toBe(true);
    expect(negative).toMatchObject({ reason: 'estate_input_invalid', params: { estate: 'E9', field: 'households' } });
    expect((negative as Error).message).toMatch(/^estate E9, field households: .*got -5$/);
    const area = refusal({ id: 'E9', type: 'new', households: 100, careRooms: [room(-20)] });
    expect(area).toMatchObject({ reason: 'estate_input_invalid', params: { estate: 'E9', field: 'careRooms.0.floorAreaM2' } });
  });
});
