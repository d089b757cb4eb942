/**
 * What the Review panel says from the codes of the rules' use cases, in the UI language: what an
 * estate check lacks or why it fails (shared/usecases/review_estate.ts `missing`, `because`), and a
 * rule's text with the numbers a planner changed in an edited copy.
 */
import type { TFunction } from 'i18next';
import type { EstateReviewReply } from '../../../shared/ipc/contract';
import type { Preset, Rule } from '../../../shared/rules/rule';

type CheckRow = EstateReviewReply['estates'][number]['checks'][number];

/** `t` over a key built from a code (the keys exist in en_rules.ts / zh_rules.ts for every code); an unknown one says the key's last part. */
function say(t: TFunction, key: string, params: Record<string, string> = {}): string {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return String((t as unknown as (key: string, options: object) => unknown)(key, { defaultValue: last, ...params }));
}

/** The parameters of a code in words: estate types and areas translated, the rest as they are. */
function words(params: Record<string, string>, t: TFunction): Record<string, string> {
  const said = { ...params };
  if (params.type) said.type = say(t, `rules.estateTypes.${params.type}`);
  if (params.area) said.area = say(t, `rules.areas.${params.area}`);
  return said;
}

/**
 * What an estate check lacks or why it fails, in the UI language; a check without a code (a host
 * of an older version) keeps the host's words.
 * @example estateCheckNote({ missing: { input: 'room_floor_levels', params: { room: '2' } }, … }, t) // "Care room 2: floor levels missing"
 */
export function estateCheckNote(check: Pick<CheckRow, 'missing' | 'because' | 'reason' | 'verdict'>, t: TFunction): string {
  if (check.missing) return say(t, `rules.missing.${check.missing.input}`, words(check.missing.params, t));
  if (check.because) {
    const { code, params } = check.because;
    if (code === 'flag_false') return say(t, `rules.because.flag_false.${params.input === 'co_location' ? 'co_location' : 'synchronous_provision'}`);
    return say(t, `rules.because.${code}`, words(params, t));
  }
  if (!check.reason) return '';
  return check.verdict === 'not_checkable' ? t('review.missing', { input: check.reason }) : check.reason;
}

/** A number or flag as the editor shows it. */
export function shownValue(value: number | boolean | null, t: TFunction): string {
  if (value === null) return t('common.none');
  if (typeof value === 'boolean') return t(value ? 'rules.editor.bindingShort' : 'rules.editor.advisory');
  return String(value);
}

/** A rule's number field in words, e.g. `m2Per100Households.new` → "m² per 100 households (new)". */
export function fieldLabel(rule: Rule, field: string, t: TFunction): string {
  const [top, second, third] = field.split('.');
  if (top === 'binding') return t('rules.editor.binding');
  if (top === 'targets' && rule.check === 'community_facility_coverage') {
    const unit = rule.targets[Number(second)]?.unit ?? '';
    return say(t, 'rules.editor.fields.targets', { unit: say(t, `review.unitKinds.${unit}`) });
  }
  const name = say(t, `rules.editor.fields.${top}`);
  if (second !== undefined && third === undefined) return say(t, 'rules.editor.fieldOfType', { field: name, type: say(t, `rules.estateTypes.${second}`) });
  return name;
}

/** A rule's text in the UI language, with what an edited copy changed ("edited: m² per 100 households (new) 20 → 30"). */
export function ruleText(rule: Rule, zh: boolean, t: TFunction): string {
  const text = zh ? rule.zh : rule.en;
  const edits = rule.source.edits ?? [];
  if (edits.length === 0) return text;
  const changes = edits.map((edit) => `${fieldLabel(rule, edit.field, t)} ${shownValue(edit.from, t)} → ${shownValue(edit.to, t)}`).join(zh ? '；' : '; ');
  const note = t('rules.editor.editedNote', { changes });
  return zh ? `${text}（${note}）` : `${text} (${note})`;
}

/** The preset of an id among those listed (bundled first, then the project's edited copies). */
export function findPreset(presets: { bundled: readonly Preset[]; edited: readonly Preset[] } | null, id: string): Preset | null {
  if (!presets) return null;
  return presets.edited.find((preset) => preset.id === id) ?? presets.bundled.find((preset) => preset.id === id) ?? null;
}
