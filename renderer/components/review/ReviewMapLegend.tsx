import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import type { EstateReviewReply } from '../../../shared/ipc/contract';
import type { MapController } from '../../map/map_controller';
import {
  failingUnitFeatures,
  highlightEstate,
  onEstateClick,
  reviewedEstateFeatures,
  showFailingUnits,
  showReviewedEstates,
  unreviewedEstatePopup,
  zoomToGeometry,
} from '../../map/review_overlay';
import { ESTATE_VERDICT_COLORS } from '../../../shared/map_style/plan_colors';
import { FAILING_UNIT_COLOR } from '../../map/review_style';
import { useLayer } from '../../state/app_context';

const VERDICTS = ['compliant', 'non_compliant', 'incomplete'] as const;

/** The estate chosen in the Review panel, and where it was chosen (a row zooms the map to it). */
export interface EstateSelection {
  id: string;
  from: 'map' | 'table';
}

/** The units failing the district check chosen in the panel, by their ids in the boundaries layer. */
export interface FailingUnits {
  ids: readonly string[];
}

/**
 * The review on the map: the last review's estates coloured by verdict, the selected estate
 * outlined (a row chosen in the table zooms to it), a click on an estate handed to `onMapSelect`
 * (an estate without a review gets a popup saying so), the units failing the chosen district check
 * hatched, and their legend floating on the map (bottom right): one entry per verdict with its
 * count, and the failing units.
 */
export function ReviewMapLegend({ controller, review, selection, onMapSelect, failing }: {
  controller: MapController | null;
  review: EstateReviewReply | null;
  selection: EstateSelection | null;
  onMapSelect: (id: string) => void;
  failing: FailingUnits | null;
}) {
  const { t } = useTranslation();
  const estates = useLayer('estates', review !== null).data as FeatureCollection | undefined;
  const boundaries = useLayer('boundaries', failing !== null).data as FeatureCollection | undefined;
  const drawn = useMemo(() => {
    if (!review || !estates) return null;
    return reviewedEstateFeatures(estates, new Map(review.estates.map((estate) => [estate.id, estate.verdict])));
  }, [estates, review]);
  const failingDrawn = useMemo(() => (failing && boundaries ? failingUnitFeatures(boundaries, failing.ids) : null), [boundaries, failing]);

  useEffect(() => {
    if (!controller) return;
    showReviewedEstates(controller, drawn);
    return () => showReviewedEstates(controller, null);
  }, [controller, drawn]);

  useEffect(() => {
    if (!controller) return;
    showFailingUnits(controller, failingDrawn);
    return () => showFailingUnits(controller, null);
  }, [controller, failingDrawn]);

  // A click on an estate: a reviewed one opens its row; another says it has no review yet.
  const select = useRef(onMapSelect);
  select.current = onMapSelect;
  const reviewed = useMemo(() => new Set(review?.estates.map((estate) => estate.id) ?? []), [review]);
  const notReviewed = t('review.notReviewed');
  useEffect(() => {
    if (!controller) return;
    return onEstateClick(controller, (estate) => {
      if (reviewed.has(estate.id)) {
        select.current(estate.id);
        return true;
      }
      return unreviewedEstatePopup(estate, notReviewed);
    });
  }, [controller, reviewed, notReviewed]);

  const selected = selection?.id ?? null;
  useEffect(() => {
    if (!controller) return;
    highlightEstate(controller, selected);
    return () => highlightEstate(controller, null);
  }, [controller, selected]);
  // A row chosen in the table: bring its estate into view (once per choice).
  useEffect(() => {
    if (!controller || !selection || selection.from !== 'table' || !drawn) return;
    const feature = drawn.features.find((candidate) => candidate.properties?.id === selection.id);
    if (feature) zoomToGeometry(controller, feature.geometry);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new choice moves the camera, not new data
  }, [controller, selection]);

  const target = controller?.map.getContainer().parentElement ?? null;
  const units = failingDrawn?.features.length ?? 0;
  if (!target || ((!review || !drawn) && units === 0)) return null;
  const counts = new Map(VERDICTS.map((verdict) => [verdict, review?.estates.filter((estate) => estate.verdict === verdict).length ?? 0]));
  return createPortal(
    <details className="legend review-legend" open data-testid="review-legend" data-drawn={drawn?.features.length ?? 0} data-failing-units={units}>
      <summary>{t('review.mapLegend')}</summary>
      <ul className="legend-list review-legend-list">
        {review && drawn &&
          VERDICTS.map((verdict) => (
            <li key={verdict} data-verdict={verdict} data-count={counts.get(verdict)}>
              <span className="swatch swatch-dot" style={{ background: ESTATE_VERDICT_COLORS[verdict] }} aria-hidden="true" />
              {t(`review.verdicts.${verdict}`)} ({counts.get(verdict)})
            </li>
          ))}
        {units > 0 && (
          <li data-testid="review-legend-failing" data-count={units}>
            <span className="swatch review-failing-swatch" style={{ borderColor: FAILING_UNIT_COLOR }} aria-hidden="true" />
            {t('review.failingLegend', { count: units })}
          </li>
        )}
      </ul>
    </details>,
    target,
  );
}
