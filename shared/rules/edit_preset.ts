/**
 * A planner's edited copy of a preset ("复制并编辑"): a copy with its own id, `basedOn` the bundled
 * preset it comes from (id and version), whose numbers and binding/advisory flags the planner changes.
 * Each changed value is recorded in its rule's source (`source.edits`: field, the value in the preset
 * copied, the new value), so a review made with the copy says what differs from the document cited.
 * The copy's version is set by the project when it is saved (raised on every save).
 */
import type { Preset, Rule } from './rule';

/** A deep copy of plain JSON data (presets are JSON). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A rule's fields that are not its numbers: what it is, when it applies, where it comes from. */
const FIXED_FIELDS = new Set(['id', 'kind', 'check', 'zh', 'en', 'binding', 'condition', 'source']);

/** An editable value of a rule: a number (or null: the source gives none) by its path, e.g. `m2Per100Households.new`. */
export interface RuleNumber {
  field: string;
  value: number | null;
}

/**
 * The numbers of a rule, by path (nested objects and arrays are walked; flags such as `inclusive` are not numbers).
 * @example ruleNumbers(NANHAI.rules[0]) // [{ field: 'm2Per100Households.new', value: 20 }, { field: 'm2Per100Households.old', value: 15 }, { field: 'm2Per100Households.renewal', value: null }]
 */
export function ruleNumbers(rule: Rule): RuleNumber[] {
  const numbers: RuleNumber[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || typeof value === 'number') numbers.push({ field: path, value });
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}.${index}`));
    else if (typeof value === 'object') for (const [key, inner] of Object.entries(value as object)) walk(inner, `${path}.${key}`);
  };
  for (const [key, value] of Object.entries(rule)) if (!FIXED_FIELDS.has(key)) walk(value, key);
  return numbers;
}

/** The value at a dotted path of a rule (undefined when there is none). */
export function valueAt(rule: Rule, field: string): unknown {
  let value: unknown = rule;
  for (const key of field.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * An id for a new copy of `base` not among `taken`: `<bundled id>-copy-<n>`, or the planner's name made an id.
 * @example copyId(NANHAI, ['nanhai', 'nanhai-copy-1']) // "nanhai-copy-2"
 */
export function copyId(base: Preset, taken: readonly string[], name?: string): string {
  const root = base.basedOn?.id ?? base.id;
  const wanted = name ? slug(name) : '';
  const stem = wanted !== '' ? wanted : `${root}-copy`;
  const used = new Set(taken);
  if (wanted !== '' && !used.has(stem)) return stem;
  for (let n = 1; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** A lowercase id from a name (letters, digits, hyphens); '' when nothing is left (a Chinese name). */
function slug(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return id.slice(0, 60);
}

/**
 * A copy of `base` to edit: its own id, names saying it is a copy, `basedOn` the bundled preset (a copy
 * of a copy keeps the bundled one), version 1 (the project sets it when it saves the copy).
 * @example copyPreset(NANHAI, ['nanhai']).basedOn // { id: 'nanhai', version: 1 }
 */
export function copyPreset(base: Preset, taken: readonly string[], name?: string): Preset {
  const id = copyId(base, taken, name);
  const n = /-(\d+)$/.exec(id)?.[1];
  const label = name?.trim() || null;
  return {
    ...clone(base),
    id,
    version: 1,
    zh: label ?? `${base.zh}（副本${n ? ` ${n}` : ''}）`,
    en: label ?? `${base.en} (copy${n ? ` ${n}` : ''})`,
    basedOn: base.basedOn ?? { id: base.id, version: base.version },
  };
}

/** A change to one rule of a copy: a number (null: no number) at a path, or binding/advisory. */
export type RuleChange = { field: string; value: number | null | string } | { field: 'binding'; value: boolean };

/**
 * `preset` with one value of one rule changed, and the change recorded in the rule's source (the
 * value it had in the preset copied is kept across later edits; an edit back to it is no edit). A
 * value that is not a number (text the planner typed) is kept as it is, for parsePreset to name.
 * @example editRule(copy, 'care_floor_area_per_100_households', { field: 'm2Per100Households.new', value: 30 }).rules[0].source.edits
 *   // [{ field: 'm2Per100Households.new', from: 20, to: 30 }]
 */
export function editRule(preset: Preset, ruleId: string, change: RuleChange): Preset {
  const rules = preset.rules.map((rule) => {
    if (rule.id !== ruleId) return rule;
    const next = clone(rule) as Record<string, unknown> & Rule;
    const keys = change.field.split('.');
    let target: Record<string, unknown> = next;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    const before = target[last];
    target[last] = change.value;
    // Text that is not a number is kept for parsePreset to name; the record of edits waits for a value.
    if (typeof change.value === 'string') return next as Rule;
    const edits = (rule.source.edits ?? []).filter((edit) => edit.field !== change.field);
    const earlier = rule.source.edits?.find((edit) => edit.field === change.field);
    const from = earlier ? earlier.from : (before as number | boolean | null);
    const to = change.value;
    if (from !== to) edits.push({ field: change.field, from, to });
    const { edits: _old, ...source } = next.source;
    next.source = edits.length > 0 ? { ...source, edits } : source;
    return next as Rule;
  });
  return { ...preset, rules };
}
