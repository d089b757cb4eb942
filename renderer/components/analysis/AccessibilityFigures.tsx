import { useTranslation } from 'react-i18next';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import type { AccessibilityResult } from '../../analysis/use_accessibility';

/** Facilities listed in the capacity table at most (the largest users first). */
const FACILITY_ROWS = 100;

/**
 * Figures of an accessibility run: per threshold (older people covered, share, mean and 90th
 * percentile walking time), the unreachable, the network, capacity totals and use per facility.
 */
export function AccessibilityFigures({ result, stale }: { result: AccessibilityResult; stale: boolean }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const { summary } = result.task;
  const network = summary.mode === 'network';
  const what = network ? t('access.resultNetwork', { speed: format.speed(summary.speedMps ?? 1) }) : t('access.resultCircle');
  const thresholdLabel = (minutes: number | null, radiusM: number | null) => (minutes !== null ? format.minutes(minutes) : format.metres(radiusM ?? 0));
  const names = new Map(result.facilities.map((facility) => [facility.id, facility.name]));
  const capacity = summary.capacity;
  const facilityRows = capacity ? [...capacity.facilities].sort((a, b) => b.served - a.served).slice(0, FACILITY_ROWS) : [];
  return (
    <div className={stale ? 'figures stale' : 'figures'} data-testid="access-result" data-mode={summary.mode}>
      <p className="muted small" data-testid="access-result-for">
        {t('access.resultFor', { facilities: format.count(summary.facilities), what })}
      </p>
      <div className="table-scroll">
        <table className="data-table" data-testid="access-thresholds">
          <caption className="muted small">{t('access.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('access.threshold')}</th>
              <th scope="col" className="num" title={t('access.coveredHint')}>{t('access.covered')}</th>
              <th scope="col" className="num" title={t('access.shareHint')}>{t('access.share')}</th>
              {network && (
                <>
                  <th scope="col" className="num" title={t('access.minutesUnit')}>{t('access.mean')}</th>
                  <th scope="col" className="num" title={t('access.minutesUnit')}>{t('access.p90')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {summary.thresholds.map((threshold) => (
              <tr key={threshold.label} data-testid="access-threshold-row" data-covered={threshold.elderly.covered} data-total={threshold.elderly.total} data-cells={threshold.cells.covered}>
                <th scope="row">{thresholdLabel(threshold.minutes, threshold.radiusM)}</th>
                <td className="num">{format.count(threshold.elderly.covered)}</td>
                <td className="num">{format.percent(threshold.elderly.ratio)}</td>
                {network && (
                  <>
                    <td className="num">{format.minutes(threshold.meanMinutes?.elderly ?? null)}</td>
                    <td className="num">{format.minutes(threshold.p90Minutes?.elderly ?? null)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts">
        {summary.unreachable && (
          <>
            <dt>{t('access.unreachable')}</dt>
            <dd data-testid="access-unreachable" data-elderly={summary.unreachable.elderly} data-cells={summary.unreachable.cells}>
              {format.count(summary.unreachable.elderly)}
            </dd>
            <dt className="indent">{t('access.offNetwork', { distance: format.metres(result.params.maxSnapM) })}</dt>
            <dd>{format.count(summary.unreachable.offNetworkCells)}</dd>
          </>
        )}
      </dl>
      {summary.network && (
        <p className="muted small" data-testid="access-network">
          {t('access.network', { ways: format.count(summary.network.ways), nodes: format.count(summary.network.nodes), length: format.km(summary.network.lengthKm) })}
        </p>
      )}
      {capacity && (
        <>
          <h3>{t('access.capacityHeading', { threshold: thresholdLabelOf(summary, capacity.threshold, format), uptake: format.percent(capacity.uptakeRate) })}</h3>
          <dl className="facts" data-testid="access-capacity-totals" data-served={capacity.totals.served} data-demand={capacity.totals.demand}>
            <dt>{t('access.demand')}</dt>
            <dd>{format.count(capacity.totals.demand)}</dd>
            <dt>{t('access.served')}</dt>
            <dd>
              {format.count(capacity.totals.served)} ({format.percent(capacity.totals.servedShare)})
            </dd>
            <dt>{t('access.unservedWithinReach')}</dt>
            <dd>{format.count(capacity.totals.unservedWithinReach)}</dd>
            <dt>{t('access.outOfReach')}</dt>
            <dd>{format.count(capacity.totals.outOfReach)}</dd>
            <dt>{t('access.places')}</dt>
            <dd>{capacity.totals.capacity === null ? t('access.unlimited') : format.count(capacity.totals.capacity)}</dd>
          </dl>
          <div className="table-scroll table-tall">
            <table className="data-table" data-testid="access-capacity-facilities">
              <thead>
                <tr>
                  <th scope="col">{t('access.facility')}</th>
                  <th scope="col" className="num">{t('access.served')}</th>
                  <th scope="col" className="num">{t('access.placesShort')}</th>
                  <th scope="col" className="num">{t('access.use')}</th>
                </tr>
              </thead>
              <tbody>
                {facilityRows.map((facility) => (
                  <tr key={facility.id}>
                    <th scope="row" className="name">{names.get(facility.id) || facility.id}</th>
                    <td className="num">{format.decimal(facility.served, 1)}</td>
                    <td className="num">{facility.capacity === null ? t('access.unlimited') : format.count(facility.capacity)}</td>
                    <td className="num">{format.percent(facility.utilisation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {capacity.facilities.some((facility) => facility.capacity === null) && <p className="muted small">{t('access.capacityNote')}</p>}
        </>
      )}
      <p className="muted small">{network ? t('access.methodNetwork') : t('access.methodCircle')}</p>
      <p className="muted small">{t('access.timings', { seconds: format.seconds(result.task.seconds) })}</p>
    </div>
  );
}

/** "15 min" / "1,000 m" for an engine threshold label such as "15 min" or "1000 m". */
function thresholdLabelOf(summary: AccessibilityResult['task']['summary'], label: string, format: ReturnType<typeof useAnalysisFormat>): string {
  const threshold = summary.thresholds.find((candidate) => candidate.label === label);
  if (!threshold) return label;
  return threshold.minutes !== null ? format.minutes(threshold.minutes) : format.metres(threshold.radiusM ?? 0);
}
