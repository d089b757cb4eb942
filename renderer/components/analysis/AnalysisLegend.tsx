import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import type { AccessibilityResult } from '../../analysis/use_accessibility';
import type { SuggestResult } from '../../analysis/use_site_suggestion';
import { GAP_LINE, SERVICE_AREA_LINE } from '../../../shared/map_style/plan_colors';
import { SITE_COLOR, type AnalysisLayerGroup } from '../../map/analysis_style';
import { useLayerSettings } from '../../map/layer_settings';
import type { MapController } from '../../map/map_controller';
import { thresholdText } from './threshold_text';

function LegendToggle({ checked, label, testId, onChange }: { checked: boolean; label: string; testId: string; onChange: (on: boolean) => void }) {
  return (
    <label className="legend-toggle">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>{label}</span>
    </label>
  );
}

/**
 * Legend of the analysis layers, floating on the map (bottom left, above the scale): walking-time
 * (or, with network distance thresholds, walking-distance) classes, service areas, gaps and suggested sites, each with its switch (the map's shared layer
 * settings, so the layers panel agrees).
 */
export function AnalysisLegend({
  controller,
  accessibility,
  suggestion,
}: {
  controller: MapController | null;
  accessibility: AccessibilityResult | null;
  suggestion: SuggestResult | null;
}) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const { state, settings } = useLayerSettings(controller);
  const target = controller?.map.getContainer().parentElement ?? null;
  if (!target || (!accessibility && !suggestion)) return null;
  const Toggle = ({ group, label, testId }: { group: AnalysisLayerGroup; label: string; testId: string }) =>
    LegendToggle({ checked: state?.visible[group] ?? true, label, testId, onChange: (on) => settings?.setVisible(group, on) });
  const task = accessibility?.task ?? null;
  const travel = task?.travelTime ?? null;
  const thresholds = task?.summary.thresholds ?? [];
  const metres = travel?.unit === 'metres';
  const limitText = (value: number) => (metres ? format.metres(value) : format.minutes(value));
  const largest = travel ? travel.classes[travel.classes.length - 1].upTo : 0;
  return createPortal(
    <details className="legend analysis-legend" open data-testid="analysis-legend">
      <summary>{t('analysisLegend.heading')}</summary>
      <div className="legend-body">
        {travel && (
          <>
            <Toggle group="travelTime" label={t(metres ? 'analysisLegend.travelDistance' : 'analysisLegend.travelTime')} testId="analysis-legend-travel" />
            <ul className="legend-list" data-testid="analysis-legend-travel-classes" data-unit={travel.unit}>
              {travel.classes.map((item, index) => (
                <li key={item.upTo}>
                  <span className="swatch" style={{ background: travel.drawing.colors[index] }} aria-hidden="true" />
                  {index === 0
                    ? t('analysisLegend.upTo', { limit: limitText(item.upTo) })
                    : t('analysisLegend.between', { from: format.decimal(travel.classes[index - 1].upTo, metres ? 0 : 1), to: limitText(item.upTo) })}
                </li>
              ))}
              <li>
                <span className="swatch" style={{ background: travel.drawing.colors[travel.classes.length] }} aria-hidden="true" />
                {t('analysisLegend.beyond', { limit: limitText(largest) })}
              </li>
              <li>
                <span className="swatch" style={{ background: travel.drawing.colors[travel.classes.length + 1] }} aria-hidden="true" />
                {t('analysisLegend.offNetwork')}
              </li>
            </ul>
          </>
        )}
        {task && task.serviceAreas.features.length > 0 && (
          <div className="legend-item">
            <span className="swatch swatch-circle" style={{ background: `${SERVICE_AREA_LINE}22`, borderColor: SERVICE_AREA_LINE }} aria-hidden="true" />
            <Toggle
              group="serviceAreas"
              testId="analysis-legend-areas"
              label={t('analysisLegend.serviceAreas', { labels: thresholds.map((item) => thresholdText(item, format)).join(t('analysisLegend.listSeparator')) })}
            />
          </div>
        )}
        {task?.summary.gaps && task.summary.gaps.areas.length > 0 && (
          <div className="legend-item">
            <span className="swatch swatch-line" style={{ borderColor: GAP_LINE }} aria-hidden="true" />
            <Toggle group="gaps" label={t('analysisLegend.gaps')} testId="analysis-legend-gaps" />
          </div>
        )}
        {suggestion && suggestion.task.sites.length > 0 && (
          <div className="legend-item">
            <span className="swatch swatch-dot" style={{ background: SITE_COLOR }} aria-hidden="true" />
            <Toggle group="sites" label={t('analysisLegend.sites')} testId="analysis-legend-sites" />
          </div>
        )}
        {accessibility && <p className="muted small">{t('analysisLegend.baseHidden')}</p>}
      </div>
    </details>,
    target,
  );
}
