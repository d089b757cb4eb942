import { useTranslation } from 'react-i18next';
import type { FacilityKind, FacilityStatus } from '../../shared/schemas/entities';
import { useFormatters } from '../i18n/format';
import { NO_DATA_COLOR, type ClassBreaks } from '../../shared/map_style/class_breaks';
import { BOUNDARY_LINE, CIRCLE_FILL, CIRCLE_LINE, FACILITY_KIND_COLORS, UNCOVERED_HATCH, UNCOVERED_LINE } from '../../shared/map_style/facility_style';
import type { LayerGroup } from '../map/map_style';
import { StatusSwatch } from './StatusSwatch';

export interface LegendData {
  classes: ClassBreaks | null;
  /** Cells without an older-people count. */
  noDataCells: number;
  uncoveredCells: number | null;
  circles: number;
  radiusM: number;
  /** Facilities per kind: [kind, real count, illustrative count]. */
  kinds: Array<[FacilityKind, number, number]>;
  /** Facilities per status present: [status, count] (existing, planned, proposed order). */
  statuses: Array<[FacilityStatus, number]>;
  hasBoundary: boolean;
  /** Label of the population layer when it shows another age group than 60+. */
  populationLabel?: string;
  /** How uncovered cells are marked: hatched (default) or shaded (large grids). */
  uncoveredStyle?: 'hatch' | 'shade';
}

/** Class ranges as "lower – upper"; the last class is closed by the maximum. */
function classRanges(classes: ClassBreaks, format: (value: number) => string): string[] {
  const bounds = [classes.min, ...classes.breaks, classes.max];
  return classes.colors.map((_, index) => `${format(bounds[index])} – ${format(bounds[index + 1])}`);
}

function Toggle({ group, label, visible, onToggle }: { group: LayerGroup; label: string; visible: Record<LayerGroup, boolean>; onToggle: (group: LayerGroup, visible: boolean) => void }) {
  return (
    <label className="legend-toggle">
      <input type="checkbox" checked={visible[group]} onChange={(e) => onToggle(group, e.target.checked)} data-testid={`legend-toggle-${group}`} />
      <span>{label}</span>
    </label>
  );
}

/** Map legend with layer switches: population classes, coverage gap, circles, facilities, boundary. */
export function Legend({ data, visible, onToggle }: { data: LegendData; visible: Record<LayerGroup, boolean>; onToggle: (group: LayerGroup, visible: boolean) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { classes } = data;
  const decimals = (value: number) => (value >= 10 ? format.count(value) : format.number(Math.round(value * 10) / 10));
  return (
    <details className="legend" open data-testid="legend">
      <summary>{t('legend.heading')}</summary>
      <div className="legend-body">
        <Toggle group="population" label={data.populationLabel ?? t('legend.elderly')} visible={visible} onToggle={onToggle} />
        {classes ? (
          <ul className="legend-list" aria-label={`${t('legend.elderly')} (${t('legend.classes')})`} data-testid="legend-classes">
            {classRanges(classes, decimals).map((range, index) => (
              <li key={range}>
                <span className="swatch" style={{ background: classes.colors[index] }} aria-hidden="true" />
                {range}
              </li>
            ))}
            {data.noDataCells > 0 && (
              <li>
                <span className="swatch" style={{ background: NO_DATA_COLOR }} aria-hidden="true" />
                {t('legend.noData')}
              </li>
            )}
            <li className="muted small">{t('legend.classes')}</li>
          </ul>
        ) : (
          <p className="muted small">{t('legend.noData')}</p>
        )}
        {data.uncoveredCells !== null && (
          <div className="legend-item">
            {data.uncoveredStyle === 'shade' ? (
              <span className="swatch" style={{ background: 'rgba(38, 50, 56, 0.47)', borderColor: UNCOVERED_LINE }} aria-hidden="true" />
            ) : (
              <span className="swatch swatch-hatch" style={{ color: UNCOVERED_HATCH, borderColor: UNCOVERED_LINE }} aria-hidden="true" />
            )}
            <Toggle group="uncovered" label={`${t('legend.uncovered')} (${format.count(data.uncoveredCells)})`} visible={visible} onToggle={onToggle} />
          </div>
        )}
        {data.circles > 0 && (
          <div className="legend-item" data-testid="legend-circles" data-count={data.circles}>
            <span className="swatch swatch-circle" style={{ background: `${CIRCLE_FILL}33`, borderColor: CIRCLE_LINE }} aria-hidden="true" />
            <Toggle group="circles" label={`${t('legend.circle', { radius: format.metres(data.radiusM) })} · ${t('legend.circleCount', { count: data.circles })}`} visible={visible} onToggle={onToggle} />
          </div>
        )}
        {data.kinds.length > 0 && (
          <>
            <Toggle group="facilities" label={t('legend.facilities')} visible={visible} onToggle={onToggle} />
            <ul className="legend-list" data-testid="legend-facilities">
              {data.kinds.map(([kind, real, illustrative]) => (
                <li key={kind}>
                  {real > 0 && <span className="swatch swatch-dot" style={{ background: FACILITY_KIND_COLORS[kind] }} aria-hidden="true" />}
                  {illustrative > 0 && <span className="swatch swatch-dot swatch-hollow" style={{ borderColor: FACILITY_KIND_COLORS[kind] }} aria-hidden="true" />}
                  {t(`kinds.${kind}`)} ({format.count(real + illustrative)}){illustrative > 0 ? ` ${t('popup.illustrativeTag')}` : ''}
                </li>
              ))}
            </ul>
            {data.statuses.length > 0 && (
              <ul className="legend-list" aria-label={t('legend.statusHeading')} data-testid="legend-statuses">
                {data.statuses.map(([status, count]) => (
                  <li key={status} data-status={status} data-count={count}>
                    <StatusSwatch status={status} />
                    {t(`legend.status.${status}`)} ({format.count(count)})
                  </li>
                ))}
              </ul>
            )}
            {data.kinds.some(([, , illustrative]) => illustrative > 0) && <p className="muted small">{t('legend.illustrative')}</p>}
          </>
        )}
        {data.hasBoundary && (
          <div className="legend-item">
            <span className="swatch swatch-line" style={{ borderColor: BOUNDARY_LINE }} aria-hidden="true" />
            <Toggle group="boundaries" label={t('legend.boundary')} visible={visible} onToggle={onToggle} />
          </div>
        )}
      </div>
    </details>
  );
}
