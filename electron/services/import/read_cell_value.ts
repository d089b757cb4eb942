/**
 * Reads one raw cell (a CSV string or a GeoJSON property value) as a number, an integer, text or a
 * boolean. Empty cells are null; anything that is not cleanly one of these is an InputError naming
 * the location and field. Never guesses: "12 m2", "0x10", "1e" are errors, not 12, 16 or NaN.
 */
import { inputError, showValue, type RecordLocation } from './record_location';

/** Plain decimal numbers with optional exponent; no hex, no units, no blanks inside. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** 1,234,567.5 style thousands grouping (Excel exports with grouping on). */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

export function isEmptyCell(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

export interface NumberRules {
  /** Smallest accepted value (counts and areas: 0). */
  min?: number;
  /** Whole numbers only (beds, households, floor level). */
  integer?: boolean;
  /** Plain words for the message, e.g. "a non-negative number of persons". */
  expected: string;
}

/** Parses a number cell; null when empty. */
export function readNumber(raw: unknown, loc: RecordLocation, field: string, rules: NumberRules): number | null {
  if (isEmptyCell(raw)) return null;
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (NON_FINITE.test(text)) throw inputError(loc, field, `${showValue(raw)} is not a finite number`, rules.expected);
    if (DECIMAL.test(text)) value = Number(text);
    else if (GROUPED.test(text)) value = Number(text.replace(/,/g, ''));
    else throw inputError(loc, field, `${showValue(raw)} is not a number`, rules.expected);
  } else {
    throw inputError(loc, field, `${showValue(raw)} is not a number`, rules.expected);
  }
  if (!Number.isFinite(value)) throw inputError(loc, field, `${showValue(raw)} is not a finite number`, rules.expected);
  if (rules.min !== undefined && value < rules.min) {
    const what = rules.min === 0 ? 'must not be negative' : `must be >= ${rules.min}`;
    throw inputError(loc, field, `${what}, got ${value}`, rules.expected);
  }
  if (rules.integer && !Number.isInteger(value)) {
    throw inputError(loc, field, `must be a whole number, got ${value}`, rules.expected);
  }
  return value;
}

/** Text cell: strings are trimmed, numbers are written out; empty → null. */
export function readText(raw: unknown, loc: RecordLocation, field: string): string | null {
  if (isEmptyCell(raw)) return null;
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return String(raw);
  throw inputError(loc, field, `${showValue(raw)} is not text`, 'a text value');
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', '是', '真']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', '否', '假']);

/** Boolean cell: true/false, yes/no, 1/0, 是/否; empty → null. */
export function readBoolean(raw: unknown, loc: RecordLocation, field: string): boolean | null {
  if (isEmptyCell(raw)) return null;
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw inputError(loc, field, `${showValue(raw)} is not a yes/no value`, 'true/false, yes/no, 1/0 or 是/否');
}
