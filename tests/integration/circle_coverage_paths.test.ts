/**
 * Issue 11: circle coverage of one window is computed by one function and counted by one rule. On the
 * shipped Wuhan core sample (24 470 cells, its five illustrative facilities) plus a planned day-care centre
 * and a scenario with a day-care and a hospital proposal: the host's `analysis:coverage:run`, the CLI's
 * `siting analyze --mode circle` and the workspace's live figures count the same facilities
 * (facilities_in_service.ts) and give the same figures — host and CLI bit for bit (one function), the
 * incremental live figures the same cells and the same ratio to 12 digits.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facilitiesInService, isInService } from '../../shared/engine/facilities_in_service';
import { figureRadii, LiveFigures, type ExistingFacility } from '../../shared/usecases/live_figures';
import type { FacilityKind, Proposal } from '../../shared/schemas/entities';
import { call, testHost } from '../helpers/host_handlers';
import { facility } from '../helpers/hostile_files';
import { SAMPLE_DIR } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';

const KINDS: FacilityKind[] = ['day_care', 'community_station'];
const RADIUS_M = 800;

const proposal = (scenarioId: string, id: string, kind: FacilityKind, lon: number, lat: number): Proposal => ({
  id, scenarioId, name: id, kind, lon, lat, capacity: 40, beds: null, nursingBeds: null, floorAreaM2: null, floorLevel: null, targetYear: null, note: null,
});

describe('circle coverage of the sample project by host, CLI and live figures', () => {
  it('counts the same facilities and gives the same figures on every path', async () => {
    const { dir, session, handlers } = testHost();
    const path = join(dir, 'w.gpkg');
    expect(runCli(['new', path, '--sample', 'wuhan-core', '--json']).status).toBe(0);
    expect(runCli(['import', path, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--json']).json).toMatchObject({ imported: 5 });
    await call(handlers, 'project:open', { path });
    const store = session.store;
    // Planned: not built, so it never counts, though of an analysis kind and in the middle of the grid.
    store.writeLayer('facilities', [{ ...facility('planned-1', 'day_care', 114.28, 30.56), status: 'planned' }]);
    const plan = store.createScenario('Plan A');
    store.edits.addProposals([proposal(plan.id, 'p-day', 'day_care', 114.25, 30.6), proposal(plan.id, 'p-hospital', 'hospital', 114.33, 30.53)]);

    // The rule: what the store selects is what the rule picks from the layer as the workspace reads it.
    const layer = store.listFeatures('facilities').map((f) => ({ id: String(f.properties.id), kind: String(f.properties.kind), status: f.properties.status }));
    const proposals = store.edits.proposals(plan.id);
    const counted = facilitiesInService(layer, proposals, KINDS);
    const selected = store.selectedFacilities(KINDS, 'Plan A');
    expect(selected.map((f) => f.id)).toEqual(['demo-1', 'demo-2', 'demo-3', 'demo-4', 'p-day']);
    expect([...counted.facilities.map((f) => f.id), ...counted.proposals.map((p) => p.id)]).toEqual(selected.map((f) => f.id));
    expect(layer.filter((f) => !isInService(f)).map((f) => f.id)).toEqual(['planned-1']);

    const host = await call(handlers, 'analysis:coverage:run', { radiusM: RADIUS_M, kinds: KINDS, scenario: 'Plan A' });
    expect(host.facilities).toBe(5);
    expect(host.cells.total).toBe(24_470);
    expect(host.elderly.total).toBeCloseTo(518_264.5, 0);
    expect(host.cells.covered).toBeGreaterThan(0);
    expect(host.elderly.ratio).toBeGreaterThan(0);

    const cli = runCli(['analyze', path, '--mode', 'circle', '--radius-m', String(RADIUS_M), '--scenario', 'Plan A', '--json']);
    expect(cli.status).toBe(0);
    expect(cli.json.facilities).toBe(5);
    // One function behind both: the same numbers, not just close ones.
    expect({ population: cli.json.population, elderly: cli.json.elderly, cells: cli.json.cells }).toEqual({
      population: host.population,
      elderly: host.elderly,
      cells: host.cells,
    });

    // The workspace: facilities in service of the layer (all kinds, for beds) and the scenario's proposals.
    const existing: ExistingFacility[] = store
      .listFeatures('facilities')
      .filter((f) => isInService({ status: f.properties.status }))
      .map((f) => {
        const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
        return { id: String(f.properties.id), kind: f.properties.kind as FacilityKind, lon, lat, beds: null, nursingBeds: null };
      });
    const live = new LiveFigures(session.demandGrid(), figureRadii(RADIUS_M), RADIUS_M, KINDS, existing);
    live.setProposals(proposals);
    const atRadius = live.figures().coverage.find((c) => c.radiusM === RADIUS_M)!;
    expect(atRadius.total).toBe(host.elderly.total);
    expect(atRadius.covered).toBeCloseTo(host.elderly.covered, 6);
    expect(atRadius.ratio).toBeCloseTo(host.elderly.ratio!, 12);
    expect(live.uncoveredFids()).toEqual(host.uncoveredFids);
    expect(host.uncoveredFids.length).toBe(host.cells.total - host.cells.covered);
    session.close();
  });
});
