import { useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import type { EstateReviewReply } from '../../../shared/ipc/contract';
import type { MapController } from '../../map/map_controller';
import { reviewedEstateFeatures, showReviewedEstates } from '../../map/review_overlay';
import { ESTATE_VERDICT_COLORS } from '../../map/review_style';
import { useLayer } from '../../state/app_context';

const VERDICTS = ['compliant', 'non_compliant', 'incomplete'] as const;

/**
 * The last review's estates on the map, coloured by verdict, and their legend floating on the map
 * (bottom right): one entry per verdict with its count.
 */
export function ReviewMapLegend({ controller, review }: { controller: MapController | null; review: EstateReviewReply | null }) {
  const { t } = useTranslation();
  const estates = useLayer('estates', review !== null).data as FeatureCollection | undefined;
  const drawn = useMemo(() => {
    if (!review || !estates) return null;
    return reviewedEstateFeatures(estates, new Map(review.estates.map((estate) => [estate.id, estate.verdict])));
  }, [estates, review]);
  useEffect(() => {
    if (!controller) return;
    showReviewedEstates(controller, drawn);
    return () => showReviewedEstates(controller, null);
  }, [controller, drawn]);

  const target = controller?.map.getContainer().parentElement ?? null;
  if (!target || !review || !drawn) return null;
  const counts = new Map(VERDICTS.map((verdict) => [verdict, review.estates.filter((estate) => estate.verdict === verdict).length]));
  return createPortal(
    <details className="legend review-legend" open data-testid="review-legend" data-drawn={drawn.features.length}>
      <summary>{t('review.mapLegend')}</summary>
      <ul className="legend-list review-legend-list">
        {VERDICTS.map((verdict) => (
          <li key={verdict} data-verdict={verdict} data-count={counts.get(verdict)}>
            <span className="swatch swatch-dot" style={{ background: ESTATE_VERDICT_COLORS[verdict] }} aria-hidden="true" />
            {t(`review.verdicts.${verdict}`)} ({counts.get(verdict)})
          </li>
        ))}
      </ul>
    </details>,
    target,
  );
}
