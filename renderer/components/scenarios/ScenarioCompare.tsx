import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import type { Proposal } from '../../../shared/schemas/entities';
import { useFormatters } from '../../i18n/format';
import { quantileBreaks } from '../../../shared/map_style/class_breaks';
import type { MapController } from '../../map/map_controller';
import { PopulationRaster } from '../../map/population_raster';
import { buildServiceCircles } from '../../map/service_circles';
import { useLayer, useServices } from '../../state/app_context';
import { describeError } from '../../state/describe_error';
import { useQuery } from '../../state/query_store';
import { makeChangeFormatter, type FigureUnit } from '../../workspace/figure_format';
import type { WorkspaceFigures } from '../../../shared/usecases/live_figures';
import { proposalsKey } from '../../workspace/use_proposal_edits';
import { scenarioDisplayName } from '../../../shared/schemas/scenario_words';
import { BASELINE_ID } from '../../workspace/use_scenarios';
import { useWorkspace } from '../../workspace/workspace_context';
import { useModal } from '../use_modal';
import { CompareMap, type CompareMapData } from './CompareMap';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Proposals of `scenarioId`: the live list for the scenario being edited, else the saved one. */
function useScenarioProposals(scenarioId: string): { proposals: Proposal[] | null; error: unknown } {
  const { api, store } = useServices();
  const { scenarios, edits } = useWorkspace();
  const isCurrent = scenarios.current?.id === scenarioId;
  const saved = useQuery(store, isCurrent ? null : proposalsKey(scenarioId), () => api['proposals:list']({ scenario: scenarioId }));
  return { proposals: isCurrent ? edits.proposals : (saved.data ?? null), error: saved.error };
}

/**
 * Two scenarios side by side: a table of their figures with the difference, and two maps whose
 * cameras move together. Either can be marked as the plan from here.
 */
export function ScenarioCompare({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const workspace = useWorkspace();
  const { scenarios, grid, analysis } = workspace;
  const titleId = useId();
  const list = scenarios.scenarios;
  const [leftId, setLeftId] = useState(() => scenarios.current?.id ?? BASELINE_ID);
  const [rightId, setRightId] = useState(() => list.find((s) => s.id !== leftId && s.isPlan)?.id ?? list.find((s) => s.id !== leftId)?.id ?? leftId);
  const [error, setError] = useState<unknown>(null);
  const left = useScenarioProposals(leftId);
  const right = useScenarioProposals(rightId);
  const { evaluate } = workspace.figures;
  const leftResult = useMemo(() => (left.proposals ? evaluate(left.proposals) : null), [left.proposals, evaluate]);
  const rightResult = useMemo(() => (right.proposals ? evaluate(right.proposals) : null), [right.proposals, evaluate]);

  const facilities = useLayer('facilities', true);
  const boundaries = useLayer('boundaries', true);
  const mapData = useMemo<CompareMapData>(() => {
    let raster: PopulationRaster | null = null;
    try {
      raster = grid ? new PopulationRaster(grid.grid, grid.cellSize) : null;
    } catch {
      raster = null; // not a regular grid: the comparison maps show no population colours
    }
    const values = raster ? raster.grid.elderly : null;
    const facilityData = (facilities.data as FeatureCollection | undefined) ?? EMPTY;
    return {
      raster,
      values,
      classes: values ? quantileBreaks(values, 5) : null,
      facilities: facilityData,
      circles: facilities.data ? buildServiceCircles(facilities.data, analysis.radiusM, analysis.kinds) : EMPTY,
      boundaries: (boundaries.data as FeatureCollection | undefined) ?? EMPTY,
      radiusM: analysis.radiusM,
      kinds: analysis.kinds,
    };
  }, [grid, facilities.data, boundaries.data, analysis.radiusM, analysis.kinds]);

  // Cameras move together: whichever map the user moves leads, the other follows.
  const maps = useRef<{ left: MapController | null; right: MapController | null }>({ left: null, right: null });
  const syncing = useRef(false);
  const link = useCallback(
    (side: 'left' | 'right') => (controller: MapController | null) => {
      maps.current[side] = controller;
      if (!controller) return;
      // In WGS84: the main map may draw in GCJ-02 (AutoNavi basemap), the comparison maps in WGS84.
      const main = workspace.controller;
      if (main) controller.jumpToWgs84(...main.centerWgs84(), { zoom: main.zoom });
      controller.map.on('move', () => {
        const other = maps.current[side === 'left' ? 'right' : 'left'];
        if (!other || syncing.current) return;
        syncing.current = true;
        other.jumpToWgs84(...controller.centerWgs84(), { zoom: controller.zoom });
        syncing.current = false;
      });
    },
    [workspace.controller],
  );
  const linkLeft = useMemo(() => link('left'), [link]);
  const linkRight = useMemo(() => link('right'), [link]);

  // Modal: the workspace behind is inert and its shortcuts (Delete, Ctrl+Z) are off while open.
  const dialogRef = useRef<HTMLDivElement>(null);
  useModal(dialogRef, onClose);

  const change = useMemo(() => makeChangeFormatter(format, t('common.none'), (value) => t('workspace.figures.points', { value })), [format, t]);
  const name = (id: string) => {
    const s = list.find((candidate) => candidate.id === id);
    if (!s) return id;
    return `${scenarioDisplayName(s, t('workspace.scenarios.baselineName'))}${s.isPlan ? ` ★` : ''}`;
  };
  /** The name without the plan's star (the button says what it makes the scenario). */
  const plainName = (id: string) => {
    const s = list.find((candidate) => candidate.id === id);
    return s ? scenarioDisplayName(s, t('workspace.scenarios.baselineName')) : id;
  };
  const rows: Array<{ id: string; label: string; unit: FigureUnit; pick: (f: WorkspaceFigures) => number | null }> = [
    ...(leftResult?.figures.coverage ?? []).map((entry, index) => ({
      id: `coverage-${entry.radiusM}`,
      label: t('workspace.figures.coverage', { radius: format.metres(entry.radiusM) }),
      unit: 'share' as const,
      pick: (f: WorkspaceFigures) => f.coverage[index]?.ratio ?? null,
    })),
    { id: 'uncovered', label: t('workspace.figures.uncovered', { radius: format.metres(analysis.radiusM) }), unit: 'count', pick: (f) => f.uncoveredElderly },
    { id: 'beds', label: t('workspace.figures.bedsPer1000'), unit: 'rate', pick: (f) => f.bedsPer1000 },
    { id: 'nursing', label: t('workspace.figures.nursingShare'), unit: 'share', pick: (f) => f.nursingShare },
    { id: 'proposals', label: t('workspace.figures.proposals'), unit: 'count', pick: (f) => f.proposals },
  ];

  const selector = (side: 'left' | 'right', value: string, onChange: (id: string) => void) => (
    <label className="compare-select">
      <span>{side === 'left' ? t('workspace.compare.left') : t('workspace.compare.right')}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid={`compare-${side}`}>
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {name(s.id)}
          </option>
        ))}
      </select>
    </label>
  );
  const markPlan = async (id: string) => {
    setError(null);
    try {
      await scenarios.setPlan(id);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div ref={dialogRef} className="compare-overlay" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="compare-dialog">
      <aside className="compare-side">
        <div className="row compare-head">
          <h2 id={titleId}>{t('workspace.compare.heading')}</h2>
          <button type="button" onClick={onClose} data-testid="compare-close" autoFocus>
            {t('workspace.compare.close')}
          </button>
        </div>
        {selector('left', leftId, setLeftId)}
        {selector('right', rightId, setRightId)}
        <table className="compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">{t('workspace.figures.figure')}</th>
              <th scope="col">{name(leftId)}</th>
              <th scope="col">{name(rightId)}</th>
              <th scope="col">{t('workspace.compare.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const a = leftResult ? row.pick(leftResult.figures) : null;
              const b = rightResult ? row.pick(rightResult.figures) : null;
              const text = change(row.unit, a, b);
              return (
                <tr key={row.id} data-testid={`compare-${row.id}`} data-left={a ?? ''} data-right={b ?? ''}>
                  <th scope="row">{row.label}</th>
                  <td>{text.before}</td>
                  <td>{text.after}</td>
                  <td className="figure-delta">{text.delta}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted small">{t('workspace.compare.method')}</p>
        <div className="row wrap">
          {([['left', leftId], ['right', rightId]] as const).map(([side, id]) => (
            <button key={side} type="button" className="chip" disabled={list.find((s) => s.id === id)?.isPlan} onClick={() => void markPlan(id)} data-testid={`compare-plan-${side}`}>
              {t('workspace.compare.markPlan', { name: plainName(id) })}
            </button>
          ))}
        </div>
        {(error ?? left.error ?? right.error) ? (
          <p className="notice notice-error" role="alert">
            {describeError(error ?? left.error ?? right.error, t)}
          </p>
        ) : null}
      </aside>
      <div className="compare-maps">
        <CompareMap label={name(leftId)} data={mapData} proposals={left.proposals} uncoveredFids={leftResult?.uncoveredFids ?? null} onController={linkLeft} testId="compare-map-left" />
        <CompareMap label={name(rightId)} data={mapData} proposals={right.proposals} uncoveredFids={rightResult?.uncoveredFids ?? null} onController={linkRight} testId="compare-map-right" />
      </div>
    </div>
  );
}
