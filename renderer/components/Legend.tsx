import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityKind, FacilityStatus } from '../../shared/schemas/entities';
import { useFormatters } from '../i18n/format';
import { CLASS_METHODS, NO_DATA_COLOR, type ClassBreaks, type ClassMethod } from '../../shared/map_style/class_breaks';
import type { ClassDomainKind } from '../../shared/map_style/class_domain';
import { FACILITY_KIND_COLORS } from '../../shared/map_style/facility_style';
import type { CatalogGroup } from '../map/layer_catalog';
import { UNCOVERED_DISPLAYS, type LayerSettings, type LayerSettingsState, type UncoveredDisplay } from '../map/layer_settings';
import type { LegendEntry, Swatch } from '../map/legend_model';
import { imageDataUrl, makeEstateMarker } from '../map/estate_marker';
import { uncoveredHatchImage } from '../map/hatch_pattern';
import { StatusSwatch } from './StatusSwatch';
import '../styles/map_legend.css';

export interface LegendData {
  classes: ClassBreaks | null;
  /** The cells the classes were computed over, and whether the chosen domain was empty. */
  classDomain: ClassDomainKind;
  classDomainEmpty: boolean;
  /** Cells without an older-people count. */
  noDataCells: number;
  /** Facilities per kind: [kind, real count, illustrative count]. */
  kinds: Array<[FacilityKind, number, number]>;
  /** Facilities per status present: [status, count] (existing, planned, proposed order). */
  statuses: Array<[FacilityStatus, number]>;
  /** Label of the population layer when it shows another age group than 60+. */
  populationLabel?: string;
  /** Entries of the other layers (legend_model.ts), top to bottom. */
  entries: LegendEntry[];
}

/** Class ranges as "lower – upper"; the last class is closed by the maximum. */
function classRanges(classes: ClassBreaks, format: (value: number) => string): string[] {
  const bounds = [classes.min, ...classes.breaks, classes.max];
  return classes.colors.map((_, index) => `${format(bounds[index])} – ${format(bounds[index + 1])}`);
}

type OnToggle = (group: CatalogGroup, visible: boolean) => void;

function Toggle({ group, label, visible, onToggle }: { group: CatalogGroup; label: string; visible: boolean; onToggle: OnToggle }) {
  return (
    <label className="legend-toggle">
      <input type="checkbox" checked={visible} onChange={(e) => onToggle(group, e.target.checked)} data-testid={`legend-toggle-${group}`} />
      <span>{label}</span>
    </label>
  );
}

let images: { estate: string; hatch: string } | null = null;
/** The map's own estate marker and hatch tile as CSS images (made once). */
function legendImages(): { estate: string; hatch: string } {
  images ??= { estate: imageDataUrl(makeEstateMarker()), hatch: imageDataUrl(uncoveredHatchImage()) };
  return images;
}

const alpha = (color: string, opacity: number) => `${color}${Math.round(opacity * 255).toString(16).padStart(2, '0')}`;

/** The picture of one legend entry, from the entry's swatch (the style's paint values). */
function SwatchView({ swatch, marker, polygon }: { swatch: Swatch; marker?: boolean; polygon?: boolean }) {
  switch (swatch.kind) {
    case 'fill':
      return (
        <>
          {polygon !== false && <span className="swatch" style={{ background: alpha(swatch.fill, swatch.fillOpacity), border: `${swatch.strokeWidth}px solid ${swatch.stroke}` }} aria-hidden="true" />}
          {marker && <span className="swatch swatch-marker" style={{ backgroundImage: `url(${legendImages().estate})` }} aria-hidden="true" />}
        </>
      );
    case 'line':
      return <span className={`swatch swatch-line${swatch.dashed ? '' : ' swatch-solid'}`} style={{ borderColor: swatch.color, borderTopWidth: swatch.width }} aria-hidden="true" />;
    case 'ring':
      return <span className={`swatch swatch-circle${swatch.dashed ? ' swatch-dashed' : ''}`} style={{ background: alpha(swatch.fill, swatch.fillOpacity), borderColor: swatch.stroke }} aria-hidden="true" />;
    case 'text':
      return (
        <span className="swatch-text" aria-hidden="true">
          {swatch.colors.map((color) => (
            <span key={color} style={{ color, textShadow: `0 0 2px ${swatch.halo}` }}>
              A
            </span>
          ))}
        </span>
      );
    case 'uncovered':
      return (
        <span className="swatch-strip" data-display={swatch.display} aria-hidden="true">
          {(swatch.shaded.length > 0 ? swatch.shaded : ['#ffffff']).map((color, index) => (
            <span
              key={index}
              className="swatch"
              data-color={color}
              style={{
                backgroundColor: color,
                backgroundImage: swatch.display === 'hatch' ? `url(${legendImages().hatch})` : undefined,
                border: swatch.display === 'shade' ? undefined : `${swatch.strokeWidth}px solid ${swatch.stroke}`,
              }}
            />
          ))}
        </span>
      );
  }
}

/**
 * Map legend with layer switches: population classes (with their domain and method) and the gaps
 * drawn over them first, then every other layer drawn, top of the map first.
 */
export function Legend({ data, state, settings, onToggle }: { data: LegendData; state: LayerSettingsState | null; settings: LayerSettings | null; onToggle: OnToggle }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { classes } = data;
  const decimals = (value: number) => (value >= 10 ? format.count(value) : format.number(Math.round(value * 10) / 10));
  const visible = (group: CatalogGroup) => state?.visible[group] ?? true;
  const entry = useMemo(() => new Map(data.entries.map((item) => [item.group, item])), [data.entries]);
  const domains: ClassDomainKind[] = state?.studyAreaFids ? ['project', 'view', 'studyArea'] : ['project', 'view'];
  const method: ClassMethod = state?.classMethod ?? 'quantile';
  const caption = t('mapLegend.domainCaption', { method: t(`mapLegend.methods.${method}`), domain: t(`mapLegend.domains.${data.classDomain}`) });

  /** One entry of the model: its picture and switch; switched off, only the switch. */
  const item = (group: CatalogGroup, label: (item: LegendEntry) => string, extra?: (item: LegendEntry) => React.ReactNode) => {
    const found = entry.get(group);
    if (!found) return null;
    const on = visible(group);
    return (
      <div className="legend-entry" data-testid={`legend-entry-${group}`} data-count={found.count} data-drawn={on}>
        <div className="legend-item">
          {on && <SwatchView swatch={found.swatch} marker={found.marker} polygon={found.polygon} />}
          <Toggle group={group} label={label(found)} visible={on} onToggle={onToggle} />
        </div>
        {on && extra?.(found)}
      </div>
    );
  };
  const circleLabel = (found: LegendEntry) =>
    `${t('legend.circle', { radius: format.metres(found.radiusM ?? 0) })} · ${
      found.proposals ? t('mapLegend.circleWithProposals', { count: found.count, proposals: found.proposals }) : t('legend.circleCount', { count: found.count ?? 0 })
    }`;

  return (
    <details className="legend" open data-testid="legend">
      <summary>{t('legend.heading')}</summary>
      <div className="legend-body">
        <Toggle group="population" label={data.populationLabel ?? t('legend.elderly')} visible={visible('population')} onToggle={onToggle} />
        {visible('population') &&
          (classes ? (
            <>
              <div className="legend-choices small">
                <label className="legend-choice">
                  <span>{t('mapLegend.classesFor')}</span>
                  <select value={state?.classDomain ?? 'project'} onChange={(e) => settings?.setClassDomain(e.target.value as ClassDomainKind)} data-testid="legend-class-domain">
                    {domains.map((domain) => (
                      <option key={domain} value={domain}>
                        {t(`mapLegend.domains.${domain}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="legend-choice">
                  <span>{t('mapLegend.method')}</span>
                  <select value={method} onChange={(e) => settings?.setClassMethod(e.target.value as ClassMethod)} data-testid="legend-class-method">
                    {CLASS_METHODS.map((option) => (
                      <option key={option} value={option}>
                        {t(`mapLegend.methods.${option}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <ul
                className="legend-list"
                aria-label={`${t('legend.elderly')} (${caption})`}
                data-testid="legend-classes"
                data-domain={data.classDomain}
                data-breaks={classes.breaks.join(',')}
                data-colors={classes.colors.join(',')}
              >
                {classRanges(classes, decimals).map((range, index) => (
                  <li key={range} data-color={classes.colors[index]}>
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
                <li className="muted small" data-testid="legend-class-caption">
                  {caption}
                </li>
              </ul>
              {data.classDomainEmpty && <p className="muted small" data-testid="legend-class-domain-empty">{t('mapLegend.domainEmpty')}</p>}
            </>
          ) : (
            <p className="muted small">{t('legend.noData')}</p>
          ))}
        {item(
          'uncovered',
          (found) => `${t('legend.uncovered')} (${format.count(found.count ?? 0)})`,
          (found) =>
            found.swatch.kind === 'uncovered' &&
            found.swatch.display !== 'shade' && (
              <label className="legend-choice small">
                <span>{t('mapLegend.uncoveredDisplay')}</span>
                <select value={state?.uncoveredDisplay ?? 'outline'} onChange={(e) => settings?.setUncoveredDisplay(e.target.value as UncoveredDisplay)} data-testid="legend-uncovered-display">
                  {UNCOVERED_DISPLAYS.map((display) => (
                    <option key={display} value={display}>
                      {t(`mapLegend.uncoveredDisplays.${display}`)}
                    </option>
                  ))}
                </select>
              </label>
            ),
        )}
        {item('labels', () => t('mapLegend.labels'))}
        {item('proposals', (found) => t('mapLegend.proposals', { count: found.count ?? 0 }))}
        {item('candidates', (found) => t('mapLegend.candidates', { count: found.count ?? 0 }))}
        {data.kinds.length > 0 && (
          <>
            <Toggle group="facilities" label={t('legend.facilities')} visible={visible('facilities')} onToggle={onToggle} />
            {visible('facilities') && (
              <>
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
          </>
        )}
        {item('studyArea', (found) => t('mapLegend.studyArea', { count: found.count ?? 1 }))}
        {item('boundaries', () => t('legend.boundary'))}
        {item('proposalCircles', (found) => `${t('mapLegend.proposalCircles', { radius: format.metres(found.radiusM ?? 0) })} (${format.count(found.count ?? 0)})`)}
        {entry.has('circles') && (
          <div data-testid="legend-circles" data-count={entry.get('circles')?.count} data-proposals={entry.get('circles')?.proposals ?? 0}>
            {item('circles', circleLabel)}
          </div>
        )}
        {item('roads', () => t('mapLegend.roads'))}
        {item('estates', (found) => t('mapLegend.estates', { count: found.count ?? 0 }))}
      </div>
    </details>
  );
}
