/**
 * The figures' targets come from the project's preset (issue 15): the numbers of each bundled preset's
 * rules as written in the preset files, and an edited copy's numbers once the planner changes them.
 */
import { describe, expect, it } from 'vitest';
import { copyPreset, editRule } from '../../../shared/rules/edit_preset';
import { coverageTargetOf, presetTargets } from '../../../shared/rules/preset_targets';
import { PRESETS } from '../../../shared/rules/presets';
import type { Rule } from '../../../shared/rules/rule';

/** A rule's number read straight from the preset (independent of presetTargets' walk). */
function ruleOf<C extends Rule['check']>(presetId: keyof typeof PRESETS, check: C): Extract<Rule, { check: C }> | undefined {
  return PRESETS[presetId].rules.find((rule): rule is Extract<Rule, { check: C }> => rule.check === check);
}

describe('presetTargets', () => {
  it('reads each bundled preset\'s beds, nursing share and coverage targets, null where it has none', () => {
    for (const id of Object.keys(PRESETS) as (keyof typeof PRESETS)[]) {
      const targets = presetTargets(PRESETS[id]);
      expect(targets.bedsPer1000).toBe(ruleOf(id, 'beds_per_1000_older')?.minBedsPer1000 ?? null);
      expect(targets.nursingShare).toBe(ruleOf(id, 'nursing_bed_share')?.minShare ?? null);
      for (const target of ruleOf(id, 'community_facility_coverage')?.targets ?? []) expect(targets.unitCoverage[target.unit]).toBe(target.minShare);
      expect(targets.preset).toEqual({ id, version: PRESETS[id].version, zh: PRESETS[id].zh, en: PRESETS[id].en });
    }
    // The seeds' numbers (DOMAIN.md): Doumen 40 beds, 30 % nursing, urban 100 % / rural 70 %; Nanhai 55 %.
    expect(presetTargets(PRESETS.doumen)).toMatchObject({ bedsPer1000: 40, nursingShare: 0.3 });
    expect(presetTargets(PRESETS.nanhai).nursingShare).toBe(0.55);
  });

  it('follows an edited copy: raised beds and nursing share, a lowered rural coverage target', () => {
    let copy = copyPreset(PRESETS.doumen, ['doumen']);
    copy = editRule(copy, 'beds_per_1000_older', { field: 'minBedsPer1000', value: 45 });
    copy = editRule(copy, 'nursing_bed_share', { field: 'minShare', value: 0.55 });
    copy = editRule(copy, 'community_facility_coverage', { field: 'targets.1.minShare', value: 0.6 });
    const before = presetTargets(PRESETS.doumen);
    const after = presetTargets(copy);
    expect([before.bedsPer1000, after.bedsPer1000]).toEqual([40, 45]);
    expect([before.nursingShare, after.nursingShare]).toEqual([0.3, 0.55]);
    expect([coverageTargetOf(before, 'community', false), coverageTargetOf(after, 'community', false)]).toEqual([0.7, 0.6]);
    expect(after.preset.id).toBe(copy.id);
  });

  it('gives each group of areas the target check_district counts it by', () => {
    const doumen = presetTargets(PRESETS.doumen);
    expect(coverageTargetOf(doumen, 'community', true)).toBe(1);
    expect(coverageTargetOf(doumen, 'village', false)).toBe(0.7);
    // Unknown urban/rural: Doumen states targets only for urban and rural communities.
    expect(coverageTargetOf(doumen, 'community', null)).toBeNull();
    expect(coverageTargetOf(doumen, 'street', true)).toBeNull();
    const fuzhou = presetTargets(PRESETS.fuzhou);
    for (const target of ruleOf('fuzhou', 'community_facility_coverage')?.targets ?? []) {
      if (target.unit === 'town') expect(coverageTargetOf(fuzhou, 'town', null)).toBe(target.minShare);
      if (target.unit === 'village') expect(coverageTargetOf(fuzhou, 'village', null)).toBe(target.minShare);
    }
  });
});
