import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TravelTimeOf, TravelTimeStatistics } from '../../../shared/engine/network/travel_time_statistics';
import { DEFAULT_WALK_PROFILE } from '../../../shared/engine/network/walk_profile';
import { useAnalysisFormat, type AnalysisFormatters } from '../../analysis/analysis_format';
import type { AccessibilityResult } from '../../analysis/use_accessibility';
import { CapacityFigures } from './CapacityFigures';
import { largestThreshold, thresholdText } from './threshold_text';

/** Facility names listed in the off-network warning at most. */
const LISTED_FACILITIES = 10;

type Summary = AccessibilityResult['task']['summary'];

/**
 * Figures of an accessibility run: per threshold (older people covered, share, and on the network the
 * mean and 90th percentile walking time of those covered), the walking time of everyone (searched up
 * to the statistics horizon), the people not covered split by why, facilities that reach nobody, the
 * network, and capacity (CapacityFigures).
 */
export function AccessibilityFigures({ result, stale }: { result: AccessibilityResult; stale: boolean }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const { summary } = result.task;
  const network = summary.mode === 'network';
  const what = network ? t('access.resultNetwork', { speed: format.speed(summary.speedMps ?? 1) }) : t('access.resultCircle');
  const names = new Map(result.facilities.map((facility) => [facility.id, facility.name]));
  const nameOf = (id: string) => names.get(id) || id;
  return (
    <div className={stale ? 'figures stale' : 'figures'} data-testid="access-result" data-mode={summary.mode}>
      <p className="muted small" data-testid="access-result-for">
        {t('access.resultFor', { facilities: format.count(summary.facilities), what })}
      </p>
      <OffNetworkFacilities ids={summary.network?.facilitiesOffNetwork ?? []} nameOf={nameOf} maxSnapM={result.params.maxSnapM} />
      <div className="table-scroll">
        <table className="data-table" data-testid="access-thresholds">
          <caption className="muted small">{t(network ? 'access.tableCaptionNetwork' : 'access.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={network ? 2 : 1}>{t('access.threshold')}</th>
              <th scope="col" rowSpan={network ? 2 : 1} className="num" title={t('access.coveredHint')}>{t('access.covered')}</th>
              <th scope="col" rowSpan={network ? 2 : 1} className="num" title={t('access.shareHint')}>{t('access.share')}</th>
              {network && (
                <th scope="colgroup" colSpan={2} className="num name" title={t('access.minutesUnit')} data-testid="access-of-covered">
                  {t('access.ofCovered')}
                </th>
              )}
            </tr>
            {network && (
              <tr>
                <th scope="col" className="num" title={t('access.minutesUnit')}>{t('access.mean')}</th>
                <th scope="col" className="num" title={t('access.minutesUnit')}>{t('access.p90')}</th>
              </tr>
            )}
          </thead>
          <tbody>
            {summary.thresholds.map((threshold) => (
              <tr key={threshold.label} data-testid="access-threshold-row" data-covered={threshold.elderly.covered} data-total={threshold.elderly.total} data-cells={threshold.cells.covered}>
                <th scope="row">{thresholdText(threshold, format)}</th>
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
      {summary.travelTime && <EveryonesWalk travelTime={summary.travelTime} />}
      <NotCovered summary={summary} maxSnapM={result.params.maxSnapM} />
      {summary.network && (
        <p className="muted small" data-testid="access-network" data-steps-factor={summary.network.stepsFactor}>
          {t('access.network', {
            ways: format.count(summary.network.ways),
            nodes: format.count(summary.network.nodes),
            length: format.km(summary.network.lengthKm),
            factor: summary.network.stepsFactor ?? DEFAULT_WALK_PROFILE.stepsFactor,
          })}
        </p>
      )}
      {summary.capacity && <CapacityFigures summary={summary} capacity={summary.capacity} nameOf={nameOf} />}
      <p className="muted small">{network ? t('access.methodNetwork') : t('access.methodCircle')}</p>
      <p className="muted small">{t('access.timings', { seconds: format.seconds(result.task.seconds) })}</p>
    </div>
  );
}

/** Facilities farther than the snap distance from every walkable way: they count, but reach nobody. */
function OffNetworkFacilities({ ids, nameOf, maxSnapM }: { ids: readonly string[]; nameOf: (id: string) => string; maxSnapM: number }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  if (ids.length === 0) return null;
  const listed = ids.slice(0, LISTED_FACILITIES).map(nameOf).join(t('access.listSeparator'));
  const rest = ids.length - LISTED_FACILITIES;
  return (
    <div className="notice notice-warning" role="status" data-testid="access-facilities-off-network" data-count={ids.length} data-ids={ids.join(' ')}>
      <p>{t('access.facilitiesOffNetwork', { count: ids.length, distance: format.metres(maxSnapM) })}</p>
      <p className="small">{rest > 0 ? t('access.andMore', { list: listed, count: rest }) : listed}</p>
      <p className="small">{t('access.facilitiesOffNetworkAdvice')}</p>
    </div>
  );
}

/** The walking time of everyone (older people and all people) to the nearest facility, up to the horizon. */
function EveryonesWalk({ travelTime }: { travelTime: TravelTimeStatistics }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const horizon = format.minutes(travelTime.horizonMinutes);
  const columns: Array<[key: 'elderly' | 'population', figures: TravelTimeOf]> = [
    ['elderly', travelTime.elderly],
    ['population', travelTime.population],
  ];
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="access-travel-time" data-horizon-minutes={travelTime.horizonMinutes}>
        <caption className="muted small">{t('access.everyoneCaption', { horizon })}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col" className="num">{t('access.everyoneElderly')}</th>
            <th scope="col" className="num">{t('access.everyonePopulation')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="access-travel-p90">
            <th scope="row" className="name">{t('access.everyoneP90')}</th>
            {columns.map(([key, figures]) => (
              <td key={key} className="num" data-people={key} data-minutes={figures.p90Minutes ?? ''} data-exceeds={figures.p90ExceedsMinutes ?? ''}>
                {p90Text(figures, format, t('access.moreThan', { value: format.minutes(figures.p90ExceedsMinutes) }))}
              </td>
            ))}
          </tr>
          <tr data-testid="access-travel-within">
            <th scope="row" className="name">{t('access.everyoneWithin', { horizon })}</th>
            {columns.map(([key, figures]) => (
              <td key={key} className="num" data-people={key} data-share={figures.withinHorizonShare ?? ''}>
                {format.percent(figures.withinHorizonShare)}
              </td>
            ))}
          </tr>
          <tr data-testid="access-travel-mean">
            <th scope="row" className="name">{t('access.everyoneMean')}</th>
            {columns.map(([key, figures]) => (
              <td key={key} className="num" data-people={key} data-minutes={figures.meanMinutesWithinHorizon ?? ''}>
                {format.minutes(figures.meanMinutesWithinHorizon)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="muted small">{t('access.everyoneNote', { horizon })}</p>
    </div>
  );
}

/** "22.4 min", or "> 30 min" when fewer than 90 % are reached within the horizon. */
function p90Text(figures: TravelTimeOf, format: AnalysisFormatters, beyond: string): string {
  if (figures.p90Minutes !== null) return format.minutes(figures.p90Minutes);
  return figures.p90ExceedsMinutes !== null ? beyond : format.minutes(null);
}

/** Older people not covered at the largest threshold, and why: off the network, no path, or too far. */
function NotCovered({ summary, maxSnapM }: { summary: Summary; maxSnapM: number }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const unreachable = summary.unreachable;
  if (!unreachable) return null;
  const largest = thresholdText(largestThreshold(summary.thresholds), format);
  const parts = [
    { testId: 'access-unreachable-off-network', label: t('access.offNetworkPart', { distance: format.metres(maxSnapM) }), hint: undefined, figures: unreachable.offNetwork },
    { testId: 'access-unreachable-no-path', label: t('access.noPathPart'), hint: t('access.noPathHint'), figures: unreachable.noPath },
    { testId: 'access-unreachable-beyond', label: t('access.beyondPart', { threshold: largest }), hint: undefined, figures: unreachable.beyondLimit },
  ];
  return (
    <dl className="facts" data-testid="access-not-covered">
      <dt>{t('access.notCovered', { threshold: largest })}</dt>
      <dd data-testid="access-unreachable" data-elderly={unreachable.elderly} data-cells={unreachable.cells} title={t('access.cellsTitle', { count: unreachable.cells })}>
        {format.count(unreachable.elderly)}
      </dd>
      {parts.map((part) => (
        <Fragment key={part.testId}>
          <dt className="indent" title={part.hint}>{part.label}</dt>
          <dd
            data-testid={part.testId}
            data-elderly={part.figures.elderly}
            data-population={part.figures.population}
            data-cells={part.figures.cells}
            title={t('access.cellsTitle', { count: part.figures.cells })}
          >
            {format.count(part.figures.elderly)}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
