import { useTranslation } from 'react-i18next';

/** Visible warning when the project holds made-up example data (ProjectInfo.illustrative). */
export function IllustrativeNote({ names }: { names: readonly string[] }) {
  const { t, i18n } = useTranslation();
  if (names.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language === 'zh' ? 'zh-CN' : 'en', { type: 'conjunction' }).format(names);
  return (
    <p className="notice notice-warning" role="note" data-testid="illustrative-note">
      {t('note.illustrative', { names: list })}
    </p>
  );
}
