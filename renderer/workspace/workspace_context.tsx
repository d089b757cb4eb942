/**
 * The planner's workspace: the scenario being worked on, its proposals and their edits (saved at
 * once, undoable), the live figures, the selected proposal and the "place a proposal" mode. App owns
 * the state (it needs the scenario for the coverage query); everything below reads it with
 * useWorkspace().
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, type FacilityKind, type Proposal } from '../../shared/schemas/entities';
import type { MapController } from '../map/map_controller';
import { useLayer, type ProjectInfo } from '../state/app_context';
import { isInService } from '../../shared/engine/facilities_in_service';
import type { ExistingFacility } from '../../shared/usecases/live_figures';
import { draftProposal } from './proposal_form';
import { useLiveFigures, type LiveFigureState } from './use_live_figures';
import { usePopulationGrid, type PopulationGrid } from './use_population_grid';
import { useProposalEdits, type ProposalEdits } from './use_proposal_edits';
import { BASELINE_ID, useScenarios, type ScenarioState } from './use_scenarios';

export interface Workspace {
  projectPath: string | null;
  scenarios: ScenarioState;
  /** Proposals can be edited (any scenario but the baseline, which is the existing situation). */
  editable: boolean;
  edits: ProposalEdits;
  figures: LiveFigureState;
  grid: PopulationGrid | null;
  selectedId: string | null;
  select(id: string | null): void;
  placing: boolean;
  setPlacing(on: boolean): void;
  /** Adds a proposal at (lon, lat), filled from `template` (a candidate site, a gap), and selects it. */
  addAt(lon: number, lat: number, template?: Partial<Proposal>): Promise<void>;
  move(id: string, lon: number, lat: number): Promise<void>;
  update(proposal: Proposal): Promise<boolean>;
  remove(id: string): Promise<void>;
  controller: MapController | null;
  /** Service radius and facility kinds of the coverage analysis (the figures count these). */
  analysis: { radiusM: number; kinds: readonly FacilityKind[] };
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ value, children }: { value: Workspace; children: ReactNode }) {
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() outside <WorkspaceProvider>');
  return value;
}

/** Facilities of the facilities layer in service (isInService), as the figures count them. */
function existingFacilities(features: ReadonlyArray<{ geometry: unknown; properties: Record<string, unknown> }>): ExistingFacility[] {
  const out: ExistingFacility[] = [];
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  for (const feature of features) {
    const p = feature.properties;
    const geometry = feature.geometry as { type?: string; coordinates?: number[] } | null;
    if (!isInService({ status: p.status }) || geometry?.type !== 'Point' || !geometry.coordinates) continue;
    const kind = (FACILITY_KINDS as readonly string[]).includes(String(p.kind)) ? (p.kind as FacilityKind) : 'other';
    out.push({ id: String(p.id), kind, lon: geometry.coordinates[0], lat: geometry.coordinates[1], beds: count(p.beds), nursingBeds: count(p.nursing_beds) });
  }
  return out;
}

export function useWorkspaceState({
  project,
  radiusM,
  kinds,
  controller,
}: {
  project: ProjectInfo | null;
  radiusM: number;
  kinds: readonly FacilityKind[];
  controller: MapController | null;
}): Workspace {
  const { t } = useTranslation();
  const projectPath = project?.path ?? null;
  const scenarios = useScenarios(projectPath);
  const scenarioId = scenarios.current?.id ?? null;
  const populationCount = project?.counts.population ?? 0;
  const facilityCount = project?.counts.facilities ?? 0;
  const gridQuery = usePopulationGrid(populationCount > 0);
  const facilitiesQuery = useLayer('facilities', facilityCount > 0);
  const grid = populationCount > 0 ? (gridQuery.data ?? null) : null;
  const existing = useMemo(
    () => (facilityCount === 0 ? [] : facilitiesQuery.data ? existingFacilities(facilitiesQuery.data.features) : null),
    [facilityCount, facilitiesQuery.data],
  );
  const figures = useLiveFigures(grid?.grid ?? null, existing, radiusM, kinds);
  const edits = useProposalEdits(projectPath, scenarioId, figures.onProposals);
  const [selectedId, select] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const editable = scenarioId !== null && scenarioId !== BASELINE_ID;
  // By value: a new kinds array with the same kinds keeps the same object.
  const kindsKey = [...kinds].sort().join(',');
  const analysis = useMemo(() => ({ radiusM, kinds: kindsKey.split(',').filter(Boolean) as FacilityKind[] }), [radiusM, kindsKey]);

  const addAt = useCallback(
    async (lon: number, lat: number, template: Partial<Proposal> = {}) => {
      if (!scenarioId || !editable) return;
      const used = new Set(edits.proposals.map((p) => p.name));
      let n = edits.proposals.length + 1;
      while (used.has(t('workspace.proposals.defaultName', { n }))) n += 1;
      const proposal = draftProposal(scenarioId, lon, lat, template.name ?? t('workspace.proposals.defaultName', { n }), template);
      select(proposal.id);
      await edits.apply({ put: [proposal], delete: [] }, 'proposal:add', proposal.name);
    },
    [edits, editable, scenarioId, t],
  );

  const move = useCallback(
    async (id: string, lon: number, lat: number) => {
      const proposal = edits.proposals.find((p) => p.id === id);
      if (!proposal || !editable) return;
      const round = (value: number) => Math.round(value * 1e7) / 1e7;
      await edits.apply({ put: [{ ...proposal, lon: round(lon), lat: round(lat) }], delete: [] }, 'proposal:move', proposal.name);
    },
    [edits, editable],
  );

  const update = useCallback((proposal: Proposal) => edits.apply({ put: [proposal], delete: [] }, 'proposal:update', proposal.name), [edits]);

  const remove = useCallback(
    async (id: string) => {
      const proposal = edits.proposals.find((p) => p.id === id);
      if (!proposal || !editable) return;
      if (selectedId === id) select(null);
      await edits.apply({ put: [], delete: [id] }, 'proposal:delete', proposal.name);
    },
    [edits, editable, selectedId],
  );

  return {
    projectPath,
    scenarios,
    editable,
    edits,
    figures,
    grid,
    selectedId,
    select,
    placing: placing && editable,
    setPlacing,
    addAt,
    move,
    update,
    remove,
    controller,
    analysis,
  };
}
