import { useTranslation } from 'react-i18next';
import { isIllustrative } from '../../shared/map_style/facility_style';
import { FACILITY_KIND_COLORS } from '../../shared/map_style/facility_style';
import type { MapController } from '../map/map_controller';
import { useLayer } from '../state/app_context';
import type { FacilityKind } from '../../shared/schemas/entities';

const SHOWN = 200;

/**
 * The project's facilities as a keyboard-reachable list: choosing one centres the map on it and
 * opens its popup (the map itself is mouse-only).
 */
export function FacilityList({ count, controller }: { count: number; controller: MapController | null }) {
  const { t } = useTranslation();
  const facilities = useLayer('facilities', count > 0);
  if (count === 0) return null;
  const features = facilities.data?.features ?? [];
  return (
    <details className="section" data-testid="facility-list">
      <summary>
        <h2>
          {t('layers.facilities')} ({count})
        </h2>
      </summary>
      <ul className="facility-list">
        {features.slice(0, SHOWN).map((feature) => {
          const p = feature.properties;
          const kind = String(p.kind ?? 'other') as FacilityKind;
          const name = p.name ? String(p.name) : String(p.id ?? feature.id);
          return (
            <li key={String(feature.id)}>
              <button
                type="button"
                className="link"
                disabled={!controller || typeof feature.id !== 'number'}
                onClick={() => typeof feature.id === 'number' && controller?.showFacility(feature.id)}
              >
                <span className="swatch swatch-dot" style={{ background: FACILITY_KIND_COLORS[kind] ?? FACILITY_KIND_COLORS.other }} aria-hidden="true" />
                {name}
                {isIllustrative(p.illustrative) ? ` ${t('popup.illustrativeTag')}` : ''}
              </button>
              <span className="muted small"> · {t(`kinds.${kind}`, { defaultValue: kind })}</span>
            </li>
          );
        })}
      </ul>
      {features.length > SHOWN && <p className="muted small">{t('import.more', { count: features.length - SHOWN })}</p>}
    </details>
  );
}
