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

/** Exact powers of ten: 10^0 .. 10^22 are all representable as doubles. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of a plain decimal — digits with at most one decimal point and an optional leading sign,
 * at least one digit, nothing else (no blank, no exponent), which DECIMAL accepts too — or NaN for
 * any other text. Checked and converted without a regular expression, trim or string-to-number call
 * (a million-row grid has millions of cells): with at most 15 significant digits the digits form an
 * exact integer m < 2^53, and m / 10^k (k <= 22, exact) is one correctly rounded division, so the
 * result equals Number(text) (Clinger's fast path); longer numbers are converted by Number(text).
 */
export function plainDecimal(text: string): number {
  const length = text.length;
  let i = 0;
  let negative = false;
  if (length > 0) {
    const first = text.charCodeAt(0);
    if (first === 0x2b || first === 0x2d) {
      negative = first === 0x2d;
      i = 1;
    }
  }
  let digits = 0;
  let significant = 0;
  let mantissa = 0;
  let fraction = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      if (significant > 0 || c !== 0x30) significant++;
      mantissa = mantissa * 10 + (c - 0x30);
      if (fraction >= 0) fraction++;
    } else if (c === 0x2e && fraction < 0) {
      fraction = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  if (significant > 15 || fraction > 22) return Number(text);
  const value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
  return negative ? -value : value;
}

/** Parses a number cell; null when empty. */
export function readNumber(raw: unknown, loc: RecordLocation, field: string, rules: NumberRules): number | null {
  let value = typeof raw === 'string' ? plainDecimal(raw) : NaN;
  if (value === value) {
    // a plain decimal (the common case)
  } else if (isEmptyCell(raw)) {
    return null;
  } else if (typeof raw === 'number') {
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
