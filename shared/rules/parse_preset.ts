/**
 * Reading a preset: a bundled one by id, or a planner's edited copy (JSON from the project file or a
 * file) checked against the same schema. A bad copy is refused with an InputError naming the rule (by
 * its id when it has one) and the field, so "a preset with a missing number" says which number.
 */
import { InputError } from '../errors';
import { PRESETS } from './presets';
import { Preset } from './rule';

/**
 * @example parsePreset({ ...PRESETS.nanhai, version: 2 }).version // 2
 * @example parsePreset(copyWithoutOld) // InputError: rule care_floor_area_per_100_households, field m2Per100Households.old: expected a number, got nothing
 */
export function parsePreset(value: unknown): Preset {
  const parsed = Preset.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.map(String);
  let got: unknown = value;
  for (const key of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[key] : undefined;
  const said = got === undefined ? 'nothing' : JSON.stringify(got);
  if (path[0] === 'rules' && path.length >= 2) {
    const rules = (value as { rules?: unknown }).rules;
    const rule = Array.isArray(rules) ? (rules[Number(path[1])] as { id?: unknown } | undefined) : undefined;
    const ruleName = typeof rule?.id === 'string' && rule.id !== '' ? rule.id : `#${Number(path[1]) + 1}`;
    const field = path.slice(2).join('.') || 'rule';
    throw new InputError(`rule ${ruleName}, field ${field}: ${issue.message}, got ${said}`, {}, { reason: 'preset_rule_invalid', params: { rule: ruleName, field } });
  }
  const field = path.join('.') || 'preset';
  throw new InputError(`preset field ${field}: ${issue.message}, got ${said}`, {}, { reason: 'preset_rule_invalid', params: { rule: '—', field } });
}

/** A bundled preset by id. */
export function presetById(id: string): Preset {
  if (Object.prototype.hasOwnProperty.call(PRESETS, id)) return PRESETS[id as keyof typeof PRESETS];
  const ids = Object.keys(PRESETS).join(', ');
  throw new InputError(`unknown preset ${JSON.stringify(id)}; the presets are ${ids}`, { field: 'preset' }, { reason: 'unknown_preset', params: { id, ids } });
}
