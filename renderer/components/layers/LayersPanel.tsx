import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { FACILITY_KINDS, FACILITY_STATUSES, type FacilityKind, type FacilityStatus, type LayerName } from '../../../shared/schemas/entities';
import { BOUNDARY_LINE, CIRCLE_FILL, CIRCLE_LINE, FACILITY_KIND_COLORS, UNCOVERED_HATCH, UNCOVERED_LINE } from '../../../shared/map_style/facility_style';
import type { AgeGroup, CatalogGroup } from '../../map/layer_catalog';
import { useLayerSettings, type LayerSettings, type LayerSettingsState } from '../../map/layer_settings';
import type { ProjectInfo } from '../../state/app_context';
import { PROPOSAL_COLOR } from '../../../shared/map_style/plan_colors';
import { CANDIDATE_COLOR, ESTATE_FILL, ROAD_COLOR, THRESHOLD_STYLE } from '../../workspace/map/workspace_style';
import { useWorkspace } from '../../workspace/workspace_context';
import { StatusSwatch } from '../StatusSwatch';

/** The small picture next to each group's name (its legend when it has one colour). */
function Swatch({ group }: { group: CatalogGroup }) {
  const style = (() => {
    switch (group) {
      case 'proposals':
        return { className: 'swatch swatch-dot swatch-proposal', style: { borderColor: PROPOSAL_COLOR } };
      case 'proposalCircles':
        return { className: 'swatch swatch-circle swatch-dashed', style: { background: `${PROPOSAL_COLOR}1a`, borderColor: PROPOSAL_COLOR } };
      case 'threshold300':
      case 'threshold500':
      case 'threshold1000': {
        const { color } = THRESHOLD_STYLE[Number(group.slice('threshold'.length)) as 300 | 500 | 1000];
        return { className: 'swatch swatch-circle swatch-dashed', style: { borderColor: color } };
      }
      case 'candidates':
        return { className: 'swatch swatch-dot swatch-hollow', style: { borderColor: CANDIDATE_COLOR } };
      case 'estates':
        return { className: 'swatch', style: { background: `${ESTATE_FILL}55`, borderColor: ESTATE_FILL } };
      case 'roads':
        return { className: 'swatch swatch-line swatch-solid', style: { borderColor: ROAD_COLOR } };
      case 'circles':
        return { className: 'swatch swatch-circle', style: { background: `${CIRCLE_FILL}33`, borderColor: CIRCLE_LINE } };
      case 'uncovered':
        return { className: 'swatch swatch-hatch', style: { color: UNCOVERED_HATCH, borderColor: UNCOVERED_LINE } };
      case 'boundaries':
        return { className: 'swatch swatch-line', style: { borderColor: BOUNDARY_LINE } };
      case 'facilities':
        return { className: 'swatch swatch-dot', style: { background: FACILITY_KIND_COLORS.day_care } };
      case 'population':
        return { className: 'swatch swatch-ramp', style: {} };
      case 'labels':
        return { className: 'swatch swatch-text', style: {} };
      default:
        return null;
    }
  })();
  return style ? <span className={style.className} style={style.style} aria-hidden="true" /> : <span className="swatch swatch-none" aria-hidden="true" />;
}

/** Which groups have something to draw now. */
function presentGroups(project: NonNullable<ProjectInfo>, proposals: number, editable: boolean, dataset: DOMStringMap): Set<CatalogGroup> {
  const count = (layer: LayerName) => project.counts[layer] ?? 0;
  const present = new Set<CatalogGroup>();
  if (count('population') > 0) present.add('population').add('uncovered');
  if (count('facilities') > 0) present.add('facilities').add('circles');
  if (count('facilities') > 0 || proposals > 0) present.add('threshold300').add('threshold500').add('threshold1000');
  if (proposals > 0 || editable) present.add('proposals').add('proposalCircles');
  if (count('candidates') > 0) present.add('candidates');
  if (count('estates') > 0) present.add('estates');
  if (count('roads') > 0) present.add('roads');
  if (count('boundaries') > 0) present.add('boundaries');
  if (count('facilities') + count('estates') + count('boundaries') > 0 || proposals > 0) present.add('labels');
  if (Number(dataset.travelTimeCells ?? 0) > 0) present.add('travelTime');
  if (Number(dataset.serviceAreas ?? 0) > 0) present.add('serviceAreas');
  if (Number(dataset.gaps ?? 0) > 0) present.add('gaps');
  if (Number(dataset.sites ?? 0) > 0) present.add('sites');
  return present;
}

function FacilityFilter({ state, settings }: { state: LayerSettingsState; settings: LayerSettings }) {
  const { t } = useTranslation();
  const toggleKind = (kind: FacilityKind, on: boolean) =>
    settings.setFacilityFilter(FACILITY_KINDS.filter((k) => (k === kind ? on : state.facilityKinds.includes(k))), state.facilityStatuses);
  const toggleStatus = (status: FacilityStatus, on: boolean) =>
    settings.setFacilityFilter(state.facilityKinds, FACILITY_STATUSES.filter((s) => (s === status ? on : state.facilityStatuses.includes(s))));
  return (
    <div className="layer-filter">
      <fieldset className="kinds">
        <legend className="small">{t('workspace.layers.byKind')}</legend>
        {FACILITY_KINDS.map((kind) => (
          <label key={kind} className="check small">
            <input type="checkbox" checked={state.facilityKinds.includes(kind)} onChange={(event) => toggleKind(kind, event.target.checked)} data-testid={`layer-kind-${kind}`} />
            <span className="swatch swatch-dot" style={{ background: FACILITY_KIND_COLORS[kind] }} aria-hidden="true" />
            {t(`kinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="statuses">
        <legend className="small">{t('workspace.layers.byStatus')}</legend>
        {FACILITY_STATUSES.map((status) => (
          <label key={status} className="check small">
            <input type="checkbox" checked={state.facilityStatuses.includes(status)} onChange={(event) => toggleStatus(status, event.target.checked)} data-testid={`layer-status-${status}`} />
            <StatusSwatch status={status} />
            {t(`statuses.${status}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/**
 * Map layers: for every group with something to show, a visibility switch, an opacity slider and
 * buttons to draw it above or below its neighbour; the population's age group; facilities by kind
 * and status. Shares its state with the legend on the map (layer_settings.ts).
 */
export function LayersPanel({ project }: { project: NonNullable<ProjectInfo> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const workspace = useWorkspace();
  const controller = workspace.controller;
  const { state, settings } = useLayerSettings(controller);
  const ageId = useId();
  if (!controller || !state || !settings) return null;
  const present = presentGroups(project, workspace.edits.proposals.length, workspace.editable, controller.container.dataset);
  const shown = [...state.order].reverse().filter((group) => present.has(group));
  const label = (group: CatalogGroup): string => (group === 'labels' ? t('mapLegend.groupLabels') : t(`workspace.layers.groups.${group}`));
  return (
    <details className="section" data-testid="layers-panel">
      <summary>
        <h2>{t('workspace.layers.heading')}</h2>
      </summary>
      <p className="muted small">{t('workspace.layers.hint')}</p>
      <ol className="layer-list">
        {shown.map((group, index) => (
          <li key={group} className="layer-row" data-testid={`layer-${group}`} data-visible={state.visible[group]}>
            <div className="layer-main">
              <label className="check layer-name">
                <input type="checkbox" checked={state.visible[group]} onChange={(event) => settings.setVisible(group, event.target.checked)} data-testid={`layer-visible-${group}`} />
                <Swatch group={group} />
                {label(group)}
              </label>
              <span className="layer-order">
                <button type="button" className="icon" onClick={() => settings.move(group, 1, shown)} disabled={index === 0} aria-label={t('workspace.layers.up', { name: label(group) })} data-testid={`layer-up-${group}`}>
                  ▲
                </button>
                <button type="button" className="icon" onClick={() => settings.move(group, -1, shown)} disabled={index === shown.length - 1} aria-label={t('workspace.layers.down', { name: label(group) })} data-testid={`layer-down-${group}`}>
                  ▼
                </button>
              </span>
            </div>
            <label className="layer-opacity small">
              <span>{t('workspace.layers.opacity')}</span>
              <input
                type="range"
                min={0}
                max={100}
                step={5}
                value={Math.round(state.opacity[group] * 100)}
                onChange={(event) => settings.setOpacity(group, Number(event.target.value) / 100)}
                aria-label={t('workspace.layers.opacityOf', { name: label(group) })}
                aria-valuetext={format.wholePercent(state.opacity[group])}
                data-testid={`layer-opacity-${group}`}
              />
            </label>
            {group === 'population' && state.ageGroups.length > 1 && (
              <div className="row small layer-age">
                <label htmlFor={ageId}>{t('workspace.layers.ageGroup')}</label>
                <select id={ageId} value={state.ageGroup} onChange={(event) => settings.setAgeGroup(event.target.value as AgeGroup)} data-testid="layer-age-group">
                  {state.ageGroups.map((age) => (
                    <option key={age} value={age}>
                      {t(`workspace.layers.ages.${age}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {group === 'facilities' && <FacilityFilter state={state} settings={settings} />}
          </li>
        ))}
      </ol>
    </details>
  );
}
