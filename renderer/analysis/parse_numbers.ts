/**
 * Numbers typed by planners: lists separated by commas (also the Chinese ，、；) or spaces, single
 * values with optional thousands separators. Invalid input gives null; the form then says what to
 * enter.
 */

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
