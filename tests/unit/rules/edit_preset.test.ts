/**
 * A planner's edited copy of a preset: its own id and `basedOn`, the numbers changed with the change
 * recorded in the rule's source, a copy with a missing number refused naming the rule and field, a
 * review with a raised rate; and what an estate check lacks or why it fails, said from its code in
 * Chinese and English with the app's real message files.
 */
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { copyId, copyPreset, editRule, ruleNumbers } from '../../../shared/rules/edit_preset';
import { parsePreset } from '../../../shared/rules/parse_preset';
import { PRESETS } from '../../../shared/rules/presets';
import { presetKinds, type Preset } from '../../../shared/rules/rule';
import { reviewEstate, type EstateReviewInput } from '../../../shared/usecases/review_estate';
import { i18nOptions, type UiLanguage } from '../../../renderer/i18n/i18n';
import { estateCheckNote, ruleText } from '../../../renderer/components/review/rule_texts';

const FLOOR = 'care_floor_area_per_100_households';

async function translator(language: UiLanguage): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init(i18nOptions(language));
  return instance.t;
}

function refusal(run: () => unknown): { message: string; params: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (!isInputError(error)) throw error;
    return { message: error.message, params: { ...error.params } };
  }
  throw new Error('expected a refusal');
}

describe('copying a preset', () => {
  it('gives the copy its own id, names saying it is a copy, and basedOn the bundled preset', () => {
    const copy = copyPreset(PRESETS.nanhai, ['nanhai', 'doumen']);
    expect(copy.id).toBe('nanhai-copy-1');
    expect(copy.basedOn).toEqual({ id: 'nanhai', version: 1 });
    expect(copy.en).toBe(`${PRESETS.nanhai.en} (copy 1)`);
    expect(copy.zh).toBe(`${PRESETS.nanhai.zh}（副本 1）`);
    expect(copy.rules).toEqual(PRESETS.nanhai.rules);
    expect(parsePreset(copy)).toEqual(copy);
    // The bundled preset is not touched.
    expect(PRESETS.nanhai.id).toBe('nanhai');
    // A copy of the copy is based on the bundled preset too, with the next free id.
    const again = copyPreset(copy, ['nanhai', 'nanhai-copy-1']);
    expect(again.id).toBe('nanhai-copy-2');
    expect(again.basedOn).toEqual({ id: 'nanhai', version: 1 });
    expect(copyId(PRESETS.doumen, ['doumen'], 'Doumen 2026 draft')).toBe('doumen-2026-draft');
    expect(copyId(PRESETS.doumen, ['doumen', 'doumen-2026-draft'], 'Doumen 2026 draft')).toBe('doumen-2026-draft-1');
  });

  it('lists every number of a rule by its path', () => {
    const floor = PRESETS.nanhai.rules.find((rule) => rule.id === FLOOR)!;
    expect(ruleNumbers(floor)).toEqual([
      { field: 'm2Per100Households.new', value: 20 },
      { field: 'm2Per100Households.old', value: 15 },
      { field: 'm2Per100Households.renewal', value: null },
    ]);
    const coverage = PRESETS.fuzhou.rules.find((rule) => rule.check === 'community_facility_coverage')!;
    expect(ruleNumbers(coverage).map((n) => n.field)).toEqual(coverage.check === 'community_facility_coverage' ? coverage.targets.map((_, k) => `targets.${k}.minShare`) : []);
  });
});

describe('editing a copy', () => {
  it('records each changed value in the rule source, from its value in the preset copied', () => {
    const copy = copyPreset(PRESETS.nanhai, ['nanhai']);
    const once = editRule(copy, FLOOR, { field: 'm2Per100Households.new', value: 30 });
    const rule = once.rules.find((r) => r.id === FLOOR)!;
    expect(rule.check === FLOOR && rule.m2Per100Households.new).toBe(30);
    expect(rule.source.edits).toEqual([{ field: 'm2Per100Households.new', from: 20, to: 30 }]);
    expect(rule.source.document).toBe(PRESETS.nanhai.rules[0].source.document);
    // Edited again: still from the bundled 20; the other rules are untouched.
    const twice = editRule(editRule(once, FLOOR, { field: 'm2Per100Households.new', value: 25 }), FLOOR, { field: 'binding', value: false });
    expect(twice.rules.find((r) => r.id === FLOOR)!.source.edits).toEqual([
      { field: 'm2Per100Households.new', from: 20, to: 25 },
      { field: 'binding', from: true, to: false },
    ]);
    expect(twice.rules.filter((r) => r.id !== FLOOR)).toEqual(PRESETS.nanhai.rules.filter((r) => r.id !== FLOOR));
    expect(parsePreset(twice)).toEqual(twice);
    // Back to the bundled value: no edit left.
    const back = editRule(once, FLOOR, { field: 'm2Per100Households.new', value: 20 });
    expect(back.rules.find((r) => r.id === FLOOR)!.source.edits).toBeUndefined();
  });

  it('a copy with a missing or bad number is refused naming the rule and the field', () => {
    const copy = copyPreset(PRESETS.nanhai, ['nanhai']);
    const cleared = editRule(copy, 'nursing_bed_share', { field: 'minShare', value: null });
    expect(refusal(() => parsePreset(cleared)).params).toEqual({ rule: 'nursing_bed_share', field: 'minShare' });
    const typed = editRule(copy, FLOOR, { field: 'm2Per100Households.old', value: '1S' });
    const said = refusal(() => parsePreset(typed));
    expect(said.params).toEqual({ rule: FLOOR, field: 'm2Per100Households.old' });
    expect(said.message).toContain('"1S"');
    // A copy whose stored JSON lost a number (hand-edited file).
    const json = JSON.parse(JSON.stringify(copy)) as { rules: Array<Record<string, Record<string, unknown>>> };
    delete json.rules[0].m2Per100Households.old;
    const lost = refusal(() => parsePreset(json));
    expect(lost.params).toEqual({ rule: FLOOR, field: 'm2Per100Households.old' });
    expect(lost.message).toMatch(/^rule care_floor_area_per_100_households, field m2Per100Households\.old: .*got nothing$/);
    // A share above 1.
    expect(refusal(() => parsePreset(editRule(copy, 'new_estates_compliant_share', { field: 'minShare', value: 1.5 }))).params).toEqual({ rule: 'new_estates_compliant_share', field: 'minShare' });
  });

  it('counts the national kinds unless the preset names its own; an empty list of kinds is refused naming it', () => {
    expect(presetKinds(PRESETS.doumen)).toEqual({ care: ['day_care', 'community_station', 'care_home'], institution: ['care_home'], healthStation: ['health_station'] });
    const own = { ...copyPreset(PRESETS.doumen, ['doumen']), kinds: { care: ['day_care'], institution: ['care_home'], healthStation: ['health_station', 'hospital'] } };
    expect(presetKinds(parsePreset(own)).healthStation).toEqual(['health_station', 'hospital']);
    expect(refusal(() => parsePreset({ ...own, kinds: { ...own.kinds, care: [] } })).params).toEqual({ rule: '—', field: 'kinds.care' });
    expect(refusal(() => parsePreset({ ...own, kinds: { ...own.kinds, institution: ['nursing_home'] } })).params).toEqual({ rule: '—', field: 'kinds.institution.0' });
  });

  it('a review with the rate raised from 20 to 30 requires households ÷ 100 × 30', () => {
    const raised: Preset = editRule(copyPreset(PRESETS.nanhai, ['nanhai']), FLOOR, { field: 'm2Per100Households.new', value: 30 });
    const estate: EstateReviewInput = { id: 'E', type: 'new', households: 1850, careRooms: [{ floorAreaM2: 500, floorLevels: [2], basement: false, lon: null, lat: null }] };
    const bundled = reviewEstate(estate, PRESETS.nanhai);
    const edited = reviewEstate(estate, raised);
    expect(bundled.checks[0]).toMatchObject({ verdict: 'pass', required: 370, provided: 500 });
    expect(edited.preset).toEqual({ id: 'nanhai-copy-1', version: 1 });
    expect(edited.checks[0]).toMatchObject({ verdict: 'fail', required: 555, provided: 500, shortfall: 55 });
  });
});

describe('what an estate check lacks, in the UI language', () => {
  const estate = (careRooms: EstateReviewInput['careRooms'], extra: Partial<EstateReviewInput> = {}): EstateReviewInput => ({ id: 'E', type: 'new', households: 1000, careRooms, ...extra });
  const room = (floorLevels: number[] | null, basement: boolean | null = false) => ({ floorAreaM2: 200, floorLevels, basement, lon: 114.3, lat: 30.58 });

  it('gives each missing input a code with the room number, keeping the English reason', async () => {
    const review = reviewEstate(estate([room([1]), room(null)]), PRESETS.chishui);
    const level = review.checks.find((c) => c.check === 'care_room_floor_level')!;
    expect(level).toMatchObject({ verdict: 'not_checkable', reason: 'careRooms.1.floorLevels', missing: { input: 'room_floor_levels', params: { room: '2' } } });
    const [zh, en] = [await translator('zh'), await translator('en')];
    expect(estateCheckNote(level, zh)).toBe('养老用房 2 的楼层未填写');
    expect(estateCheckNote(level, en)).toBe('Care room 2: floor levels missing');

    const noArea = reviewEstate(estate([{ ...room([1]), floorAreaM2: null }]), PRESETS.nanhai).checks[0];
    expect(noArea).toMatchObject({ reason: 'careRooms.0.floorAreaM2', missing: { input: 'room_floor_area', params: { room: '1' } } });
    expect(estateCheckNote(noArea, zh)).toBe('养老用房 1 的面积未填写');
    expect(estateCheckNote(noArea, en)).toBe('Care room 1: floor area missing');

    const noHouseholds = reviewEstate(estate([room([1])], { households: null }), PRESETS.nanhai).checks[0];
    expect(noHouseholds).toMatchObject({ reason: 'households', missing: { input: 'households', params: {} } });
    expect(estateCheckNote(noHouseholds, zh)).toBe('户数未填写（或住宅建筑面积与套均面积）');
  });

  it('says why a check fails or does not apply', async () => {
    const [zh, en] = [await translator('zh'), await translator('en')];
    const underground = reviewEstate(estate([room([1]), room([-1], true)]), PRESETS.chishui).checks.find((c) => c.check === 'care_room_floor_level')!;
    expect(underground).toMatchObject({ verdict: 'fail', reason: 'careRooms.1 is underground or in a basement', because: { code: 'room_underground', params: { room: '2' } } });
    expect(estateCheckNote(underground, zh)).toBe('养老用房 2 位于地下或地下室');
    expect(estateCheckNote(underground, en)).toBe('Care room 2 is underground or in a basement');

    const renewal = reviewEstate(estate([room([1])], { type: 'renewal' }), PRESETS.nanhai).checks[0];
    expect(renewal).toMatchObject({ verdict: 'not_applicable', reason: 'estate type renewal', because: { code: 'estate_type', params: { type: 'renewal' } } });
    expect(estateCheckNote(renewal, zh)).toBe('该规则适用于其他类型的小区（本小区：城市更新）');
    expect(estateCheckNote(renewal, en)).toBe('The rule is for other estate types (this estate: renewal)');

    const apart = reviewEstate(estate([room([1])], { coLocatedWithHealthStation: false, area: 'urban' }), PRESETS.chishui).checks.find((c) => c.check === 'co_location_health')!;
    expect(apart).toMatchObject({ verdict: 'fail', reason: 'coLocatedWithHealthStation is false', because: { code: 'flag_false', params: { input: 'co_location' } } });
    expect(estateCheckNote(apart, zh)).toBe('养老用房未与社区卫生服务站同址设置');
    expect(estateCheckNote(apart, en)).toBe('The care room does not share a site with the health station');
  });

  it('says in a rule text what an edited copy changed', async () => {
    const raised = editRule(copyPreset(PRESETS.nanhai, ['nanhai']), FLOOR, { field: 'm2Per100Households.new', value: 30 });
    const rule = raised.rules[0];
    expect(ruleText(rule, false, await translator('en'))).toBe(`${rule.en} (edited: m² per 100 households (new) 20 → 30)`);
    expect(ruleText(rule, true, await translator('zh'))).toBe(`${rule.zh}（已修改：每百户面积（平方米）·新建 20 → 30）`);
  });
});
