import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/ipc/contract';

/** App title and the language switch (saved in the settings; "auto" follows the system). */
export function Header({ language, onLanguage }: { language: Settings['language']; onLanguage: (language: Settings['language']) => void }) {
  const { t } = useTranslation();
  const selectId = useId();
  return (
    <header className="panel-header">
      <div>
        <h1 data-testid="app-title">{t('app.title')}</h1>
        <p className="subtitle">{t('app.subtitle')}</p>
      </div>
      <div className="language">
        <label htmlFor={selectId}>{t('settings.language')}</label>
        <select
          id={selectId}
          data-testid="language-select"
          value={language}
          onChange={(event) => onLanguage(event.target.value as Settings['language'])}
        >
          <option value="auto">{t('settings.languageAuto')}</option>
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select>
      </div>
    </header>
  );
}
