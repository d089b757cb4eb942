import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import type { NoticedChange } from '../state/external_changes';

/**
 * Says that another program changed the project file and the app reloaded it: which layer counts
 * changed, and whether the undo history of proposal edits was cleared. Stays until dismissed or
 * another project is opened; it does not block anything.
 */
export function ExternalChangeNotice({ change, onDismiss }: { change: NoticedChange | null; onDismiss(): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!change) return null;
  return (
    <div className="notice notice-warning external-change" role="status" data-testid="external-change">
      <p>
        <strong>{t('externalChange.title')}</strong>
      </p>
      {change.layers.length > 0 ? (
        <ul>
          {change.layers.map(({ layer, before, after }) => (
            <li key={layer} data-testid={`external-change-${layer}`}>
              {t(layer === 'population' ? 'externalChange.cells' : 'externalChange.features', {
                layer: t(`layers.${layer}`),
                before: format.count(before),
                after: format.count(after),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('externalChange.sameCounts')}</p>
      )}
      {change.proposalsChanged && <p data-testid="external-change-undo-cleared">{t('externalChange.undoCleared')}</p>}
      <p className="small">{t('externalChange.rerun')}</p>
      <button type="button" className="link" onClick={onDismiss} data-testid="external-change-dismiss">
        {t('externalChange.dismiss')}
      </button>
    </div>
  );
}
