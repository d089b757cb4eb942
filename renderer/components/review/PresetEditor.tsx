import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isInputError } from '../../../shared/errors';
import { copyPreset, editRule, ruleNumbers, valueAt, type RuleChange } from '../../../shared/rules/edit_preset';
import { parsePreset } from '../../../shared/rules/parse_preset';
import { presetKinds, type Preset, type PresetKinds, type Rule } from '../../../shared/rules/rule';
import { FACILITY_KINDS, type FacilityKind } from '../../../shared/schemas/entities';
import { useServices } from '../../state/app_context';
import { PRESET_TARGETS_KEY } from '../../workspace/use_preset_targets';
import '../../styles/preset_editor.css';
import { ErrorNotice } from '../ErrorNotice';
import { fieldLabel, findPreset, shownValue } from './rule_texts';

export interface PresetList {
  bundled: Preset[];
  edited: Preset[];
}

/** The bundled presets and the project's edited copies (`presets:list`), read again by `reload`. */
export function usePresets(projectPath: string): { presets: PresetList | null; reload: () => Promise<PresetList> } {
  const { api, store } = useServices();
  const [presets, setPresets] = useState<PresetList | null>(null);
  const reload = useCallback(async () => {
    const listed = await api['presets:list']({});
    setPresets(listed);
    store.invalidate(PRESET_TARGETS_KEY); // an edited copy's new numbers are the figures' targets
    return listed;
  }, [api, store]);
  useEffect(() => {
    setPresets(null);
    reload().catch(() => setPresets(null));
  }, [reload, projectPath]);
  return { presets, reload };
}

/** The chooser's label of a preset: name and version, and that it is an edited copy. */
export function presetLabel(preset: Preset, edited: boolean, zh: boolean, t: TFunction): string {
  const name = zh ? preset.zh : preset.en;
  return edited ? t('rules.editor.editedCopy', { name, version: preset.version }) : t('review.presetVersion', { name, version: preset.version });
}

/** What parsePreset says is wrong with a draft: the rule and field it names, or null when the draft is valid. */
function problemOf(draft: Preset): { rule: string; field: string } | null {
  try {
    parsePreset(draft);
    return null;
  } catch (error) {
    if (!isInputError(error)) throw error;
    return { rule: String(error.params?.rule ?? '—'), field: String(error.params?.field ?? 'preset') };
  }
}

/**
 * The preset editor under the Review panel's chooser: "Copy and edit" makes a copy of the project's
 * preset with its own id (`<bundled id>-copy-<n>`), based on the bundled one; the editor lists every
 * rule (text in both languages, binding or advisory, source document and clause, confidence) with
 * its numbers as inputs, checked with the preset schema as they are typed (the rule and field that
 * are wrong are named, and Save waits). Saving stores the copy in the project (`presets:save`, its
 * version raised on every save) and makes it the project's preset. An edited copy can be deleted;
 * when the project uses it, it first goes back to the bundled preset the copy is based on.
 */
export function PresetEditor({ presets, currentId, disabled, reload, choose }: {
  presets: PresetList | null;
  currentId: string;
  disabled: boolean;
  reload: () => Promise<PresetList>;
  /** Makes a preset the project's (settings `rulesPreset`). */
  choose: (id: string) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useServices();
  const zh = i18n.language === 'zh';
  const [draft, setDraft] = useState<Preset | null>(null);
  const [saving, setSaving] = useState(false);
  /** The last save or delete, said in the UI language when shown (the language may change meanwhile). */
  const [message, setMessage] = useState<{ key: 'saved'; id: string; version: number } | { key: 'deleted'; id: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = findPreset(presets, currentId);
  const currentIsEdited = presets?.edited.some((preset) => preset.id === currentId) ?? false;
  const stored = draft ? (presets?.edited.find((preset) => preset.id === draft.id) ?? null) : null;
  const problem = useMemo(() => (draft ? problemOf(draft) : null), [draft]);

  // Another preset chosen (or another project): the draft belonged to the old one.
  useEffect(() => {
    setDraft((open) => (open && open.id === currentId ? open : null));
  }, [currentId]);

  const startCopy = () => {
    if (!current || !presets) return;
    const taken = [...presets.bundled, ...presets.edited].map((preset) => preset.id);
    setDraft(copyPreset(current, taken));
    setMessage(null);
    setError(null);
  };

  const save = async () => {
    if (!draft || problem) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api['presets:save']({ preset: draft as unknown as Record<string, unknown> });
      await reload();
      await choose(saved.id);
      setDraft(saved);
      setMessage({ key: 'saved', id: saved.id, version: saved.version });
    } catch (reason) {
      setError(reason);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!current || !currentIsEdited) return;
    setSaving(true);
    setError(null);
    try {
      if (current.id === currentId) await choose(current.basedOn?.id ?? 'national');
      await api['presets:delete']({ id: current.id });
      await reload();
      setDraft(null);
      setMessage({ key: 'deleted', id: current.id });
    } catch (reason) {
      setError(reason);
    } finally {
      setSaving(false);
    }
  };

  const change = (rule: Rule, edit: RuleChange) => setDraft((open) => (open ? editRule(open, rule.id, edit) : open));
  const baseName = (id: string) => {
    const base = findPreset(presets, id);
    return base ? (zh ? base.zh : base.en) : id;
  };

  return (
    <div className="preset-editor" data-testid="preset-editor">
      <div className="row wrap">
        <button type="button" data-testid="preset-copy" disabled={disabled || saving || !current} onClick={startCopy} title={t('rules.editor.copyHint')}>
          {t('rules.editor.copy')}
        </button>
        {currentIsEdited && current && !draft && (
          <button type="button" data-testid="preset-edit" disabled={disabled || saving} onClick={() => setDraft(current)}>
            {t('rules.editor.edit')}
          </button>
        )}
        {currentIsEdited && current && (
          <button type="button" data-testid="preset-delete" disabled={disabled || saving} onClick={() => void remove()} title={t('rules.editor.deleteInUse', { base: baseName(current.basedOn?.id ?? 'national') })}>
            {t('rules.editor.delete')}
          </button>
        )}
      </div>
      {message && (
        <p className="muted small" role="status" data-testid="preset-message">
          {message.key === 'saved' ? t('rules.editor.saved', { id: message.id, version: message.version }) : t('rules.editor.deleted', { id: message.id })}
        </p>
      )}
      <ErrorNotice error={error} testId="preset-error" />
      {draft && (
        <DraftView
          draft={draft}
          storedVersion={stored?.version ?? null}
          baseName={draft.basedOn ? baseName(draft.basedOn.id) : null}
          problem={problem}
          saving={saving}
          disabled={disabled}
          onName={(language, name) => setDraft((open) => (open ? { ...open, [language]: name } : open))}
          onKinds={(role, kinds) => setDraft((open) => (open ? { ...open, kinds: { ...presetKinds(open), [role]: kinds } } : open))}
          onChange={change}
          onSave={() => void save()}
          onClose={() => setDraft(null)}
        />
      )}
    </div>
  );
}

function DraftView({ draft, storedVersion, baseName, problem, saving, disabled, onName, onKinds, onChange, onSave, onClose }: {
  draft: Preset;
  storedVersion: number | null;
  baseName: string | null;
  problem: { rule: string; field: string } | null;
  saving: boolean;
  disabled: boolean;
  onName: (language: 'zh' | 'en', name: string) => void;
  onKinds: (role: keyof PresetKinds, kinds: FacilityKind[]) => void;
  onChange: (rule: Rule, change: RuleChange) => void;
  onSave: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="subsection preset-draft" aria-labelledby={`${id}-heading`} data-testid="preset-draft" data-preset={draft.id} data-version={storedVersion ?? ''}>
      <h3 id={`${id}-heading`}>{t('rules.editor.heading', { id: draft.id })}</h3>
      <p className="muted small">
        {storedVersion === null ? t('rules.editor.unsaved') : t('rules.editor.version', { version: storedVersion })}
        {draft.basedOn && baseName ? ` · ${t('rules.editor.basedOn', { name: baseName, version: draft.basedOn.version })}` : ''}
      </p>
      <label htmlFor={`${id}-zh`}>{t('rules.editor.nameZh')}</label>
      <input id={`${id}-zh`} type="text" value={draft.zh} onChange={(event) => onName('zh', event.target.value)} />
      <label htmlFor={`${id}-en`}>{t('rules.editor.nameEn')}</label>
      <input id={`${id}-en`} type="text" value={draft.en} onChange={(event) => onName('en', event.target.value)} />
      <ol className="preset-rules">
        {draft.rules.map((rule) => (
          <RuleView key={rule.id} rule={rule} problemField={problem && problem.rule === rule.id ? problem.field : null} onChange={(change) => onChange(rule, change)} />
        ))}
      </ol>
      <KindsView kinds={presetKinds(draft)} invalid={problem?.field.startsWith('kinds.') ? problem.field.slice('kinds.'.length) : null} onKinds={onKinds} />
      {problem && (
        <p className="error-text" role="alert" data-testid="preset-invalid" data-rule={problem.rule} data-field={problem.field}>
          {problem.field.startsWith('kinds.') && (KIND_ROLES as readonly string[]).includes(problem.field.slice('kinds.'.length))
            ? t('rules.editor.invalidKinds', { role: t(`rules.editor.kindRoles.${problem.field.slice('kinds.'.length) as (typeof KIND_ROLES)[number]}`) })
            : t('rules.editor.invalid', problem)}
        </p>
      )}
      <div className="row wrap">
        <button type="button" className="primary" data-testid="preset-save" disabled={disabled || saving || problem !== null} onClick={onSave}>
          {saving ? t('rules.editor.saving') : t('rules.editor.save')}
        </button>
        <button type="button" data-testid="preset-close" disabled={saving} onClick={onClose}>
          {t('rules.editor.close')}
        </button>
      </div>
    </section>
  );
}

const KIND_ROLES = ['care', 'institution', 'healthStation'] as const;

/** Which facility kinds the checks count, per role (shared/rules/rule.ts PresetKinds). */
function KindsView({ kinds, invalid, onKinds }: { kinds: PresetKinds; invalid: string | null; onKinds: (role: keyof PresetKinds, kinds: FacilityKind[]) => void }) {
  const { t } = useTranslation();
  return (
    <details className="preset-kinds" data-testid="preset-kinds">
      <summary>{t('rules.editor.kindsHeading')}</summary>
      {KIND_ROLES.map((role) => (
        <div key={role} className="preset-kind-role" data-role={role} aria-invalid={invalid === role}>
          <span className="preset-kind-label">{t(`rules.editor.kindRoles.${role}`)}</span>
          {FACILITY_KINDS.map((kind) => (
            <label key={kind} className="preset-kind">
              <input
                type="checkbox"
                data-testid="preset-kind"
                data-kind={kind}
                checked={kinds[role].includes(kind)}
                onChange={(event) => onKinds(role, event.target.checked ? FACILITY_KINDS.filter((k) => k === kind || kinds[role].includes(k)) : kinds[role].filter((k) => k !== kind))}
              />{' '}
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </div>
      ))}
    </details>
  );
}

function RuleView({ rule, problemField, onChange }: { rule: Rule; problemField: string | null; onChange: (change: RuleChange) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const zh = i18n.language === 'zh';
  const edits = new Map((rule.source.edits ?? []).map((edit) => [edit.field, edit]));
  const bindingEdit = edits.get('binding');
  return (
    <li className="preset-rule" data-testid="preset-rule" data-rule={rule.id} data-binding={rule.binding}>
      <span className="preset-rule-text">{zh ? rule.zh : rule.en}</span>
      <span className="muted small preset-rule-other" lang={zh ? 'en' : 'zh'}>
        {zh ? rule.en : rule.zh}
      </span>
      <span className="muted small">
        {t('rules.editor.source', { document: rule.source.document, clause: rule.source.clause })} · {t(`rules.editor.confidence.${rule.source.confidence}`)}
      </span>
      <label className="preset-binding">
        <input type="checkbox" checked={rule.binding} data-testid="preset-binding" onChange={(event) => onChange({ field: 'binding', value: event.target.checked })} />{' '}
        {t('rules.editor.binding')}
        {bindingEdit ? <span className="preset-edited"> · {t('rules.editor.editedFrom', { from: shownValue(bindingEdit.from, t) })}</span> : null}
      </label>
      {ruleNumbers(rule).map(({ field }) => {
        const raw = valueAt(rule, field);
        const edit = edits.get(field);
        const invalid = problemField === field;
        return (
          <div key={field} className="preset-number">
            <label htmlFor={`${id}-${field}`}>{fieldLabel(rule, field, t)}</label>
            <input
              id={`${id}-${field}`}
              type="text"
              inputMode="decimal"
              data-testid="preset-number"
              data-field={field}
              aria-invalid={invalid}
              placeholder={t('common.none')}
              title={raw === null ? t('rules.editor.noNumber') : undefined}
              value={raw === null || raw === undefined ? '' : String(raw)}
              onChange={(event) => onChange({ field, value: numberOrText(event.target.value) })}
            />
            {edit && <span className="preset-edited">{t('rules.editor.editedFrom', { from: shownValue(edit.from, t) })}</span>}
          </div>
        );
      })}
    </li>
  );
}

/** What the planner typed: empty is no number (null), a number is a number, anything else stays text for the schema to name. */
function numberOrText(text: string): number | null | string {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && !trimmed.endsWith('.') ? value : text;
}
