import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, UserPreferences } from '../../shared/ipc/contract';
import { BASEMAP_CHOICES, BASEMAP_PRESETS, basemapChoice, basemapProblem, presetCrs, type BasemapChoice } from '../map/basemap';
import { useBasemapCrs } from '../map/basemap_crs_store';
import { useProject } from '../state/app_context';
import { BasemapCrsField } from './basemap/BasemapCrsField';
import { ErrorNotice } from './ErrorNotice';

const TIANDITU_KEY = /^[A-Za-z0-9]*$/;

/**
 * The basemap: a preset (Tianditu, AutoNavi, OpenStreetMap), a custom address or none (offline),
 * saved in the project; the Tianditu key is the user's (preferences), never the project's. The
 * language switch is in the header.
 */
export function SettingsPanel({
  settings,
  onSave,
  preferences,
  onSavePreferences,
}: {
  settings: Settings;
  onSave: (patch: Partial<Settings>) => Promise<Settings>;
  preferences: UserPreferences;
  onSavePreferences: (patch: Partial<UserPreferences>) => Promise<UserPreferences>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const projectPath = useProject().data?.path ?? null;
  const [, setCrs] = useBasemapCrs(projectPath);
  const [choice, setChoice] = useState<BasemapChoice>(basemapChoice(settings.basemapUrl));
  const [customUrl, setCustomUrl] = useState(basemapChoice(settings.basemapUrl) === 'custom' ? settings.basemapUrl : '');
  const [tiandituKey, setTiandituKey] = useState(preferences.tiandituKey);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problemText, setProblemText] = useState<string | null>(null);
  useEffect(() => {
    const stored = basemapChoice(settings.basemapUrl);
    setChoice(stored);
    if (stored === 'custom') setCustomUrl(settings.basemapUrl);
  }, [settings.basemapUrl]);
  useEffect(() => setTiandituKey(preferences.tiandituKey), [preferences.tiandituKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const key = tiandituKey.trim();
    let problem: string | null = null;
    if (choice === 'custom') {
      const found = basemapProblem(customUrl);
      problem = found === null ? null : found === 'invalid' ? t('settings.basemapInvalid') : t('settings.basemapNotHttps');
    } else if (choice === 'tianditu') {
      problem = !TIANDITU_KEY.test(key) ? t('shell.basemap.tiandituKeyInvalid') : key === '' ? t('shell.basemap.tiandituKeyMissing') : null;
    }
    setProblemText(problem);
    if (problem) return;
    setError(null);
    setSaving(true);
    try {
      if (choice === 'tianditu' && key !== preferences.tiandituKey) await onSavePreferences({ tiandituKey: key });
      const basemapUrl = choice === 'none' ? '' : choice === 'custom' ? customUrl.trim() : BASEMAP_PRESETS[choice];
      await onSave({ basemapUrl });
      // A preset's tiles are in a known system; a custom address keeps what the user chose below.
      const crs = presetCrs(choice);
      if (crs) setCrs(crs);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <details className="section" data-testid="settings-section">
      <summary>
        <h2>{t('settings.heading')}</h2>
      </summary>
      <form className="stack" onSubmit={submit}>
        <fieldset className="basemap-presets" data-testid="basemap-chooser" data-choice={choice}>
          <legend>{t('shell.basemap.label')}</legend>
          {BASEMAP_CHOICES.map((value) => (
            <div key={value}>
              <label className="check">
                <input
                  type="radio"
                  name={`${id}-basemap-choice`}
                  value={value}
                  checked={choice === value}
                  data-testid={`basemap-choice-${value}`}
                  aria-describedby={choice === value ? `${id}-choice-hint` : undefined}
                  onChange={() => {
                    setChoice(value);
                    setSaved(false);
                    setProblemText(null);
                  }}
                />
                {t(`shell.basemap.presets.${value}`)}
              </label>
              {choice === value && (
                <p id={`${id}-choice-hint`} className="muted small basemap-preset-hint">
                  {t(`shell.basemap.presetHints.${value}`)}
                </p>
              )}
            </div>
          ))}
        </fieldset>
        {choice === 'tianditu' && (
          <>
            <label htmlFor={`${id}-tk`}>{t('shell.basemap.tiandituKey')}</label>
            <input
              id={`${id}-tk`}
              type="text"
              data-testid="tianditu-key-input"
              value={tiandituKey}
              spellCheck={false}
              autoComplete="off"
              maxLength={64}
              aria-describedby={`${id}-tk-hint`}
              onChange={(e) => setTiandituKey(e.target.value)}
            />
            <p id={`${id}-tk-hint`} className="muted small">
              {t('shell.basemap.tiandituKeyHint')}
            </p>
          </>
        )}
        {choice === 'custom' && (
          <>
            <label htmlFor={`${id}-basemap`}>{t('settings.basemap')}</label>
            <input
              id={`${id}-basemap`}
              type="url"
              data-testid="basemap-input"
              value={customUrl}
              spellCheck={false}
              placeholder="https://…/{z}/{x}/{y}.png"
              aria-describedby={`${id}-basemap-hint`}
              onChange={(e) => setCustomUrl(e.target.value)}
            />
            <p id={`${id}-basemap-hint`} className="muted small">
              {t('settings.basemapHint')}
            </p>
            <BasemapCrsField />
          </>
        )}
        <button type="submit" disabled={saving} aria-busy={saving} data-testid="settings-save">
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </form>
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('settings.saved')}
        </p>
      )}
      {problemText && (
        <p className="notice notice-error" role="alert" data-testid="basemap-problem">
          {problemText}
        </p>
      )}
      <ErrorNotice error={error} />
    </details>
  );
}
