/**
 * The planning targets of a preset as the figures show them: beds per 1,000 older people, the
 * nursing-bed share, and the share of units (communities, villages, streets …) that must have a care
 * facility, urban and rural apart. One home for "the target" wherever a figure is shown next to one
 * (the live figures, the comparison, the per-area table): the project's preset (a bundled one or the
 * planner's edited copy), never a number written into a screen. A preset without such a rule has no
 * target (null): nothing is shown rather than a number from another plan.
 */
import type { AreaInput } from '../engine/areas/area_coverage';
import type { Preset, Rule } from './rule';

type CoverageUnit = Extract<Rule, { check: 'community_facility_coverage' }>['targets'][number]['unit'];

export interface PresetTargets {
  /** The preset the targets come from, with its names for the figures' hints. */
  preset: { id: string; version: number; zh: string; en: string };
  /** Beds per 1,000 older people, at least (the preset's beds_per_1000_older rule). */
  bedsPer1000: number | null;
  /** Nursing beds ÷ beds, at least, 0–1 (the nursing_bed_share rule). */
  nursingShare: number | null;
  /** Share of units with a care facility, at least, by the unit the preset counts. */
  unitCoverage: Partial<Record<CoverageUnit, number>>;
}

/**
 * @example presetTargets(PRESETS.doumen).bedsPer1000 // 40
 * @example presetTargets({ ...PRESETS.doumen, rules: raised }).nursingShare // the copy's value
 */
export function presetTargets(preset: Preset): PresetTargets {
  let bedsPer1000: number | null = null;
  let nursingShare: number | null = null;
  const unitCoverage: Partial<Record<CoverageUnit, number>> = {};
  for (const rule of preset.rules) {
    // The first rule of a check states the target (a preset has at most one of each in practice).
    if (rule.check === 'beds_per_1000_older' && bedsPer1000 === null) bedsPer1000 = rule.minBedsPer1000;
    else if (rule.check === 'nursing_bed_share' && nursingShare === null) nursingShare = rule.minShare;
    else if (rule.check === 'community_facility_coverage') {
      for (const target of rule.targets) if (unitCoverage[target.unit] === undefined) unitCoverage[target.unit] = target.minShare;
    }
  }
  return { preset: { id: preset.id, version: preset.version, zh: preset.zh, en: preset.en }, bedsPer1000, nursingShare, unitCoverage };
}

/**
 * The coverage target of a group of areas (a level and an urban/rural flag), as check_district.ts
 * counts units: urban communities and villages by `urban_community`, rural ones by `rural_community`,
 * else by their level (`community`, `village`, `town`, `street`, or `town_street` for either).
 * @example coverageTargetOf(presetTargets(PRESETS.doumen), 'community', false) // 0.7
 */
export function coverageTargetOf(targets: PresetTargets, level: AreaInput['level'], urban: boolean | null): number | null {
  const by = targets.unitCoverage;
  const pick = (...units: CoverageUnit[]): number | null => {
    for (const unit of units) if (by[unit] !== undefined) return by[unit];
    return null;
  };
  if (level === 'community' || level === 'village') {
    const flagged = urban === true ? pick('urban_community') : urban === false ? pick('rural_community') : null;
    return flagged ?? pick(level);
  }
  if (level === 'town' || level === 'street') return pick(level, 'town_street');
  return null;
}
