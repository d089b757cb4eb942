import { useTranslation } from 'react-i18next';
import type { CapacitySummary } from '../../../shared/engine/analysis/analysis_types';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import type { AccessibilityResult } from '../../analysis/use_accessibility';
import { thresholdTextOf } from './threshold_text';

/** Facilities listed in the capacity table at most (the largest shortfalls, then the largest users, first). */
const FACILITY_ROWS = 100;

/**
 * Capacity-aware coverage of an accessibility run: demand, served, unserved within reach, out of
 * reach, places; per facility what it serves, its places, use and the demand left unserved in its
 * own catchment (where places are short). Facilities without a recorded capacity were treated as
 * unlimited: they are marked and counted, because that can hide a shortage.
 */
export function CapacityFigures({
  summary,
  capacity,
  nameOf,
}: {
  summary: AccessibilityResult['task']['summary'];
  capacity: CapacitySummary;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const rows = [...capacity.facilities].sort((a, b) => b.unservedWithinReach - a.unservedWithinReach || b.served - a.served).slice(0, FACILITY_ROWS);
  const unknown = capacity.facilities.filter((facility) => facility.capacityKnown === false).length;
  const totals = capacity.totals;
  return (
    <>
      <h3>{t('access.capacityHeading', { threshold: thresholdTextOf(summary.thresholds, capacity.threshold, format), uptake: format.percent(capacity.uptakeRate) })}</h3>
      <dl className="facts" data-testid="access-capacity-totals" data-served={totals.served} data-demand={totals.demand} data-unserved={totals.unservedWithinReach} data-out-of-reach={totals.outOfReach}>
        <dt>{t('access.demand')}</dt>
        <dd>{format.count(totals.demand)}</dd>
        <dt>{t('access.served')}</dt>
        <dd>
          {format.count(totals.served)} ({format.percent(totals.servedShare)})
        </dd>
        <dt>{t('access.unservedWithinReach')}</dt>
        <dd>{format.count(totals.unservedWithinReach)}</dd>
        <dt>{t('access.outOfReach')}</dt>
        <dd>{format.count(totals.outOfReach)}</dd>
        <dt>{t('access.places')}</dt>
        <dd>{totals.capacity === null ? t('access.unlimited') : format.count(totals.capacity)}</dd>
        {unknown > 0 && (
          <>
            <dt>{t('access.facilitiesWithoutCapacity')}</dt>
            <dd>{format.count(unknown)}</dd>
          </>
        )}
      </dl>
      {unknown > 0 && (
        <p className="notice notice-warning" data-testid="access-capacity-unknown" data-count={unknown}>
          {t('access.capacityUnknown', { count: unknown })}
        </p>
      )}
      <div className="table-scroll table-tall">
        <table className="data-table" data-testid="access-capacity-facilities">
          <thead>
            <tr>
              <th scope="col">{t('access.facility')}</th>
              <th scope="col" className="num">{t('access.served')}</th>
              <th scope="col" className="num">{t('access.placesShort')}</th>
              <th scope="col" className="num">{t('access.use')}</th>
              <th scope="col" className="num" title={t('access.unservedShortHint')}>{t('access.unservedShort')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((facility) => (
              <tr
                key={facility.id}
                data-testid="access-capacity-facility"
                data-id={facility.id}
                data-served={facility.served}
                data-unserved={facility.unservedWithinReach}
                data-capacity-known={String(facility.capacityKnown)}
              >
                <th scope="row" className="name">{nameOf(facility.id)}</th>
                <td className="num">{format.decimal(facility.served, 1)}</td>
                <td className="num">
                  {facility.capacityKnown === false ? t('access.notRecorded') : facility.capacity === null ? t('access.unlimited') : format.count(facility.capacity)}
                </td>
                <td className="num">{format.percent(facility.utilisation)}</td>
                <td className="num">{format.decimal(facility.unservedWithinReach, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
