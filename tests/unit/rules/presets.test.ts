/**
 * The bundled presets: each parses, every rule has zh and en text and a source, and each preset's
 * numbers are exactly those of issue 12 (read from the seed plans and the standards).
 */
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { parsePreset, presetById } from '../../../shared/rules/parse_preset';
import { PRESETS } from '../../../shared/rules/presets';
import type { Preset, Rule } from '../../../shared/rules/rule';

function rule<C extends Rule['check']>(preset: Preset, id: string, check: C): Extract<Rule, { check: C }> {
  const found = preset.rules.find((candidate) => candidate.id === id);
  if (!found || found.check !== check) throw new Error(`${preset.id} has no ${check} rule ${id}`);
  return found as Extract<Rule, { check: C }>;
}

describe('bundled presets', () => {
  it('has the six presets of issue 12, each parsing to itself', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['chishui', 'doumen', 'futian', 'fuzhou', 'nanhai', 'national']);
    for (const [id, preset] of Object.entries(PRESETS)) {
      expect(preset.id).toBe(id);
      expect(parsePreset(JSON.parse(JSON.stringify(preset)))).toEqual(preset);
    }
  });

  it('gives every rule a snake_case id, zh and en text and a cited source', () => {
    for (const preset of Object.values(PRESETS)) {
      for (const r of preset.rules) {
        expect(r.id).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(r.en).toMatch(/[A-Za-z]/);
        expect(r.source.document.length).toBeGreaterThan(5);
        expect(r.source.clause.length).toBeGreaterThan(0);
        expect(['seed', 'verified', 'partly', 'unverified']).toContain(r.source.confidence);
        // A number not quoted from a seed says where it comes from.
        if (r.source.confidence !== 'seed' && r.source.confidence !== 'verified') expect(r.source.note).toBeTruthy();
      }
    }
  });

  it('nanhai: 20/15 m² per 100 households, 100 % new estates, 15 minutes, 1 per town/street, nursing ≥ 55 %', () => {
    const p = PRESETS.nanhai;
    expect(rule(p, 'care_floor_area_per_100_households', 'care_floor_area_per_100_households').m2Per100Households).toEqual({ new: 20, old: 15, renewal: null });
    expect(rule(p, 'new_estates_compliant_share', 'new_estates_compliant_share').minShare).toBe(1);
    expect(rule(p, 'service_circle_15_minutes', 'service_circle').minutes).toBe(15);
    const institution = rule(p, 'comprehensive_institution_per_town_street', 'institution_per_unit');
    expect([institution.minCount, institution.condition.level]).toEqual([1, 'town_street']);
    expect(rule(p, 'nursing_bed_share', 'nursing_bed_share').minShare).toBe(0.55);
    expect(p.rules.every((r) => r.source.confidence === 'seed')).toBe(true);
  });

  it('doumen: ≥ 300 m², low floor and near a health station advisory, 40 beds per 1,000, nursing ≥ 30 %, 100 %/70 %, 0.1–0.3 m²', () => {
    const p = PRESETS.doumen;
    expect(rule(p, 'care_site_min_floor_area', 'min_site_floor_area').minFloorAreaM2).toBe(300);
    const low = rule(p, 'care_room_low_floor', 'care_room_floor_level');
    expect([low.binding, low.maxFloorLevel]).toEqual([false, null]);
    const near = rule(p, 'near_health_station', 'near_health_station');
    expect([near.binding, near.maxDistanceM]).toEqual([false, null]);
    const beds = rule(p, 'beds_per_1000_older', 'beds_per_1000_older');
    expect([beds.minBedsPer1000, beds.registeredOnly]).toEqual([40, true]);
    expect(rule(p, 'nursing_bed_share', 'nursing_bed_share').minShare).toBe(0.3);
    expect(rule(p, 'community_facility_coverage', 'community_facility_coverage').targets).toEqual([
      { unit: 'urban_community', minShare: 1 },
      { unit: 'rural_community', minShare: 0.7 },
    ]);
    const land = rule(p, 'land_per_resident', 'land_per_resident');
    expect([land.minM2PerResident, land.maxM2PerResident]).toEqual([0.1, 0.3]);
    // The Doumen plan gives no per-household floor area: the preset has none.
    expect(p.rules.some((r) => r.check === 'care_floor_area_per_100_households')).toBe(false);
  });

  it('fuzhou: 45 beds per 1,000, 100 %/90 %/60 %, ≥ 1 institution of ≥ 300 beds per county', () => {
    const p = PRESETS.fuzhou;
    expect(rule(p, 'beds_per_1000_older', 'beds_per_1000_older').minBedsPer1000).toBe(45);
    expect(rule(p, 'community_facility_coverage', 'community_facility_coverage').targets).toEqual([
      { unit: 'urban_community', minShare: 1 },
      { unit: 'town', minShare: 0.9 },
      { unit: 'village', minShare: 0.6 },
    ]);
    const county = rule(p, 'large_institution_per_county', 'institution_per_unit');
    expect([county.minCount, county.minBeds, county.condition.level]).toEqual([1, 300, 'county']);
  });

  it('futian: renewal day-care ≥ 1,000 m², 1:1 health pairing, a service centre in every community', () => {
    const p = PRESETS.futian;
    const renewal = rule(p, 'renewal_day_care_min_floor_area', 'min_site_floor_area');
    expect([renewal.minFloorAreaM2, renewal.condition.estateTypes]).toEqual([1000, ['renewal']]);
    expect(rule(p, 'health_station_pairing', 'health_station_pairing').healthStationsPerInstitution).toBe(1);
    expect(rule(p, 'service_centre_per_community', 'community_facility_coverage').targets).toEqual([{ unit: 'community', minShare: 1 }]);
  });

  it('chishui: 20/15 m² per 100 households, each site ≥ 350 m², ≤ 3rd floor and no basement, radius < 700 m, 三站合一', () => {
    const p = PRESETS.chishui;
    expect(rule(p, 'care_floor_area_per_100_households', 'care_floor_area_per_100_households').m2Per100Households).toEqual({ new: 20, old: 15, renewal: null });
    expect(rule(p, 'care_site_min_floor_area', 'min_site_floor_area').minFloorAreaM2).toBe(350);
    const floor = rule(p, 'care_room_floor_level', 'care_room_floor_level');
    expect([floor.maxFloorLevel, floor.basementAllowed, floor.binding]).toEqual([3, false, true]);
    const radius = rule(p, 'service_radius', 'service_radius');
    expect([radius.radiusM, radius.inclusive]).toEqual([700, false]);
    expect(rule(p, 'co_location_health', 'co_location_health').condition.area).toBe('urban');
    // The estate numbers are Guizhou's, not the Chishui plan's; the source says so.
    expect(rule(p, 'service_radius', 'service_radius').source.note).toMatch(/not in the Chishui plan/);
  });

  it('national: 40 beds per 1,000 (GB 50437 3.2.1) and the GB 50180 life circles, 5 minutes unverified', () => {
    const p = PRESETS.national;
    const beds = rule(p, 'beds_per_1000_older', 'beds_per_1000_older');
    expect([beds.minBedsPer1000, beds.source.clause, beds.source.confidence]).toEqual([40, '3.2.1', 'verified']);
    const circles = p.rules.filter((r) => r.check === 'service_circle').map((r) => [r.minutes, r.walkMinM, r.walkMaxM, r.source.confidence]);
    expect(circles).toEqual([
      [15, 800, 1000, 'verified'],
      [10, 500, 500, 'verified'],
      [5, 300, 300, 'unverified'],
    ]);
  });
});

describe('edited preset copies', () => {
  function copy(): Record<string, unknown> & { rules: Record<string, unknown>[] } {
    return JSON.parse(JSON.stringify(PRESETS.nanhai)) as Record<string, unknown> & { rules: Record<string, unknown>[] };
  }

  it('accepts a copy with an edited number and a new version', () => {
    const edited = copy();
    edited.version = 2;
    edited.basedOn = { id: 'nanhai', version: 1 };
    (edited.rules[0].m2Per100Households as Record<string, number>).new = 25;
    const parsed = parsePreset(edited);
    expect(parsed.version).toBe(2);
    expect(rule(parsed, 'care_floor_area_per_100_households', 'care_floor_area_per_100_households').m2Per100Households.new).toBe(25);
  });

  it('refuses a copy with a missing number, naming the rule and the field', () => {
    const edited = copy();
    delete (edited.rules[0].m2Per100Households as Record<string, number>).old;
    let error: unknown;
    try {
      parsePreset(edited);
    } catch (caught) {
      error = caught;
    }
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^rule care_floor_area_per_100_households, field m2Per100Households\.old: .* got nothing$/);
    expect(error).toMatchObject({ reason: 'preset_rule_invalid', params: { rule: 'care_floor_area_per_100_households', field: 'm2Per100Households.old' } });
  });

  it('refuses a missing nursing share, a negative number and a repeated id', () => {
    const noShare = copy();
    delete noShare.rules[4].minShare;
    expect(() => parsePreset(noShare)).toThrow(/rule nursing_bed_share, field minShare/);
    const negative = copy();
    negative.rules[4].minShare = -0.2;
    expect(() => parsePreset(negative)).toThrow(/rule nursing_bed_share, field minShare: .*got -0\.2/);
    const repeated = copy();
    repeated.rules[1].id = 'nursing_bed_share';
    expect(() => parsePreset(repeated)).toThrow(/rule nursing_bed_share, field id: repeats the rule id nursing_bed_share/);
  });

  it('names an unknown preset id with the known ones', () => {
    expect(presetById('chishui')).toBe(PRESETS.chishui);
    expect(() => presetById('shenzhen')).toThrow('unknown preset "shenzhen"; the presets are nanhai, doumen, fuzhou, futian, chishui, national');
  });
});
