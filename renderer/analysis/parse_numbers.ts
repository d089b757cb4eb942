/**
 * Numbers typed by planners: lists separated by commas (also the Chinese ，、；) or spaces, single
 * values with optional thousands separators. Invalid input gives null; the form then says what to
 * enter.
 */
import { LIMITS, withinLimit, type LimitName } from '../../shared/settings/siting_settings';

/**
 * Distinct values in ascending order, each in [min, max]; null when empty, too many or out of range.
 * @example parseNumberList('5，10, 15', { min: 0.5, max: 240, maxCount: 7 }) // [5, 10, 15]
 */
export function parseNumberList(text: string, limits: { min: number; max: number; maxCount: number }): number[] | null {
  const parts = text
    .split(/[,，、;；\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return null;
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isFinite(value) || value < limits.min || value > limits.max) return null;
    values.push(value);
  }
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  return distinct.length <= limits.maxCount ? distinct : null;
}

/**
 * One number in [min, max] (integers only with `integer`); null otherwise. Thousands separators are allowed.
 * @example parseNumber('1,000', { min: 1, max: 100000 }) // 1000
 */
export function parseNumber(text: string, limits: { min: number; max: number; integer?: boolean; above?: number }): number | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  if (!Number.isFinite(value) || value < limits.min || value > limits.max) return null;
  if (limits.above !== undefined && !(value > limits.above)) return null;
  if (limits.integer && !Number.isInteger(value)) return null;
  return value;
}

/**
 * A setting typed in a form, checked against its limits in shared/settings/siting_settings.ts (the
 * limits the CLI and the use cases apply); `percent`: typed in %, returned as a share.
 * @example parseSetting('3', 'uptakeRate', { percent: true }) // 0.03
 */
export function parseSetting(text: string, name: LimitName, options: { percent?: boolean } = {}): number | null {
  const value = parseNumber(text, { min: -Infinity, max: Infinity });
  if (value === null) return null;
  const setting = options.percent ? value / 100 : value;
  return withinLimit(name, setting) ? setting : null;
}

/**
 * A comma list of one setting (radii, walking times, network distances), each within its limits.
 * @example parseSettingList('300, 500, 1000', 'radiusM', 7) // [300, 500, 1000]
 */
export function parseSettingList(text: string, name: LimitName, maxCount: number): number[] | null {
  const values = parseNumberList(text, { min: -Infinity, max: Infinity, maxCount });
  return values && values.every((value) => withinLimit(name, value)) ? values : null;
}

/** A default share as the percent a form shows: 0.03 → "3". */
export function percentText(share: number): string {
  return String(Math.round(share * 100 * 1e6) / 1e6);
}

/** The limits of a setting for a message: { min, max } as numbers. */
export function limitValues(name: LimitName): { min: number; max: number } {
  return { min: LIMITS[name].min, max: LIMITS[name].max };
}
