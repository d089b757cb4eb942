import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/ipc/contract';
import { basemapProblem } from '../map/basemap';
import { BasemapCrsField } from './basemap/BasemapCrsField';
import { ErrorNotice } from './ErrorNotice';

/** Basemap URL (empty = offline). The language switch is in the header. */
export function SettingsPanel({ settings, onSave }: { settings: Settings; onSave: (patch: Partial<Settings>) => Promise<Settings> }) {
  const { t } = useTranslation();
  const id = useId();
  const [basemapUrl, setBasemapUrl] = useState(settings.basemapUrl);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problemText, setProblemText] = useState<string | null>(null);
  useEffect(() => setBasemapUrl(settings.basemapUrl), [settings.basemapUrl]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problem = basemapProblem(basemapUrl);
    setProblemText(problem === null ? null : problem === 'invalid' ? t('settings.basemapInvalid') : t('settings.basemapNotHttps'));
    if (problem) return;
    setError(null);
    setSaving(true);
    try {
      await onSave({ basemapUrl: basemapUrl.trim() });
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
        <label htmlFor={`${id}-basemap`}>{t('settings.basemap')}</label>
        <input
          id={`${id}-basemap`}
          type="url"
          data-testid="basemap-input"
          value={basemapUrl}
          spellCheck={false}
          placeholder="https://…/{z}/{x}/{y}.png"
          aria-describedby={`${id}-basemap-hint`}
          onChange={(e) => setBasemapUrl(e.target.value)}
        />
        <p id={`${id}-basemap-hint`} className="muted small">
          {t('settings.basemapHint')}
        </p>
        <BasemapCrsField />
        <button type="submit" disabled={saving} aria-busy={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </form>
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('settings.saved')}
        </p>
      )}
      {problemText && (
        <p className="notice notice-error" role="alert">
          {problemText}
        </p>
      )}
      <ErrorNotice error={error} />
    </details>
  );
}
