/**
 * Edits of scenarios and their proposals. Every edit is one immediate transaction (the store's
 * `write`) that writes the change and an audit entry (before/after) per record, and returns what it
 * replaced so that the caller can build the inverse change for undo (Placemark's put/delete "moment"
 * model).
 */
import type Database from 'better-sqlite3';
import { InputError } from '../../../shared/errors';
import { Proposal, type LayerName, type Scenario } from '../../../shared/schemas/entities';
import { decodeGpkgGeometry, encodeGpkgGeometry, geometryBounds } from './gpkg_geometry';
import { LAYER_TABLES, fromSql, recordGeometry, recordValues } from './layer_tables';

type Extent = [number, number, number, number] | null;

export interface EditContext {
  audit(action: string, layer: string | null, featureId: string | null, before: unknown, after: unknown): void;
  resolveScenarioId(idOrName: string): string;
  extentOf(layer: LayerName): Extent;
  setExtent(layer: LayerName, extent: Extent): void;
  /** Runs `fn` in one immediate transaction (a savepoint inside an open one); see write_lock.ts. */
  write<T>(fn: () => T): T;
}

/** A proposal of a new scenario, before the scenario (and so the proposal's id) exists. */
export type { NewProposal } from '../../../shared/usecases/save_suggestion';
import type { NewProposal } from '../../../shared/usecases/save_suggestion';

export interface ProposalChanges {
  /** Proposals to insert, or to replace when a proposal with the same id exists. */
  put: readonly Proposal[];
  /** Ids of proposals to delete. */
  delete: readonly string[];
  /** Audit action name, e.g. "proposal:move". */
  action?: string;
}

export interface AppliedChanges {
  /** For each put, the proposal it replaced (null when it was new). */
  replaced: (Proposal | null)[];
  /** The proposals deleted, as they were. */
  deleted: Proposal[];
  /** The proposals as stored after the change. */
  after: Proposal[];
}

const SPEC = LAYER_TABLES.proposals;

export class ScenarioEdits {
  constructor(
    private readonly db: Database.Database,
    private readonly context: EditContext,
  ) {}

  createScenario(name: string, description: string | null = null): Scenario {
    const trimmed = checkName(name);
    return this.context.write(() => {
      this.assertNameFree(trimmed);
      const scenario: Scenario = { id: this.freeId(trimmed), name: trimmed, description, isPlan: false, createdAt: new Date().toISOString() };
      this.db
        .prepare('INSERT INTO scenarios (id, name, description, is_plan, created_at) VALUES (?, ?, ?, 0, ?)')
        .run(scenario.id, scenario.name, scenario.description, scenario.createdAt);
      this.context.audit('scenario:create', 'scenarios', scenario.id, null, scenario);
      return scenario;
    });
  }

  /** Copies a scenario and all its proposals (new proposal ids: `<new scenario id>:<old id>`). */
  duplicateScenario(source: string, name: string): Scenario {
    return this.context.write(() => {
      const from = this.scenario(this.context.resolveScenarioId(source));
      const copy = this.createScenario(name, from.description);
      const proposals = this.proposals(from.id).map((p) => ({ ...p, id: `${copy.id}:${p.id}`, scenarioId: copy.id }));
      this.addProposals(proposals);
      return copy;
    });
  }

  /**
   * A new scenario with its proposals, in one transaction with all their audit entries, so that a
   * failure or a crash leaves either all of it or none (an optimiser's suggestion saved from the
   * CLI or the app). Proposal n (1-based, in the given order) gets the id `<scenario id>-<n>`, with
   * `-2`, `-3`… appended when a proposal of that id exists already.
   * @example edits.createScenarioWithProposals('max-coverage k=3', 'siting optimize …', sites)
   */
  createScenarioWithProposals(name: string, description: string | null, proposals: readonly NewProposal[]): { scenario: Scenario; proposals: Proposal[] } {
    return this.context.write(() => {
      const scenario = this.createScenario(name, description);
      const taken = new Set<string>();
      const records = proposals.map((proposal, index): Proposal => {
        let id = `${scenario.id}-${index + 1}`;
        for (let n = 2; taken.has(id) || this.proposal(id); n++) id = `${scenario.id}-${index + 1}-${n}`;
        taken.add(id);
        return { ...proposal, id, scenarioId: scenario.id };
      });
      return { scenario, proposals: this.addProposals(records) };
    });
  }

  renameScenario(idOrName: string, name: string): Scenario {
    const trimmed = checkName(name);
    return this.context.write(() => {
      const before = this.scenario(this.context.resolveScenarioId(idOrName));
      if (before.name !== trimmed) this.assertNameFree(trimmed);
      this.db.prepare('UPDATE scenarios SET name = ? WHERE id = ?').run(trimmed, before.id);
      const after = { ...before, name: trimmed };
      this.context.audit('scenario:rename', 'scenarios', before.id, before, after);
      return after;
    });
  }

  /** Deletes a scenario with its proposals. The baseline scenario cannot be deleted. */
  deleteScenario(idOrName: string): { id: string; proposalsDeleted: number } {
    return this.context.write(() => {
      const scenario = this.scenario(this.context.resolveScenarioId(idOrName));
      if (scenario.id === 'baseline') throw new InputError('the baseline scenario cannot be deleted', { field: 'scenario' }, { reason: 'baseline_not_deletable' });
      const proposals = this.proposals(scenario.id);
      this.applyProposalChanges({ put: [], delete: proposals.map((p) => p.id), action: 'proposal:delete' });
      this.db.prepare('DELETE FROM scenarios WHERE id = ?').run(scenario.id);
      this.context.audit('scenario:delete', 'scenarios', scenario.id, scenario, null);
      return { id: scenario.id, proposalsDeleted: proposals.length };
    });
  }

  /** Marks one scenario as the plan (规划方案); at most one is. */
  setPlan(idOrName: string): Scenario {
    return this.context.write(() => {
      const scenario = this.scenario(this.context.resolveScenarioId(idOrName));
      const previous = this.db.prepare('SELECT id FROM scenarios WHERE is_plan = 1').get() as { id: string } | undefined;
      this.db.prepare('UPDATE scenarios SET is_plan = (id = ?)').run(scenario.id);
      this.context.audit('scenario:set-plan', 'scenarios', scenario.id, previous ? { plan: previous.id } : null, { plan: scenario.id });
      return { ...scenario, isPlan: true };
    });
  }

  proposals(scenarioId: string): Proposal[] {
    const rows = this.db.prepare('SELECT * FROM proposals WHERE scenario_id = ? ORDER BY fid').all(scenarioId) as Record<string, unknown>[];
    return rows.map(rowToProposal);
  }

  proposal(id: string): Proposal | null {
    const row = this.db.prepare('SELECT * FROM proposals WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? rowToProposal(row) : null;
  }

  /** Adds new proposals; an id that exists already is an error (nothing is written). */
  addProposals(proposals: readonly Proposal[]): Proposal[] {
    return this.context.write(() => {
      proposals.forEach((p, index) => {
        if (this.proposal(p.id)) throw new InputError(`a proposal with id "${p.id}" exists already`, { row: index + 1, field: 'id' }, { reason: 'proposal_exists', params: { id: p.id } });
      });
      return this.applyProposalChanges({ put: proposals, delete: [], action: 'proposal:add' }).after;
    });
  }

  /** Applies puts and deletes in one transaction; see AppliedChanges. */
  applyProposalChanges(changes: ProposalChanges): AppliedChanges {
    const columns = SPEC.columns.map((c) => `"${c.column}"`).join(', ');
    const insert = this.db.prepare(`INSERT INTO proposals (geom, ${columns}) VALUES (?, ${SPEC.columns.map(() => '?').join(', ')})`);
    const update = this.db.prepare(`UPDATE proposals SET geom = ?, ${SPEC.columns.map((c) => `"${c.column}" = ?`).join(', ')} WHERE id = ?`);
    const remove = this.db.prepare('DELETE FROM proposals WHERE id = ?');
    return this.context.write((): AppliedChanges => {
      const replaced: (Proposal | null)[] = [];
      const after: Proposal[] = [];
      const deleted: Proposal[] = [];
      changes.put.forEach((candidate, index) => {
        const parsed = Proposal.safeParse(candidate);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new InputError(issue.message, { row: index + 1, field: issue.path.join('.') || undefined });
        }
        const proposal = parsed.data;
        const scenarioId = this.context.resolveScenarioId(proposal.scenarioId);
        const stored = { ...proposal, scenarioId };
        const before = this.proposal(proposal.id);
        const blob = encodeGpkgGeometry(recordGeometry(stored));
        if (before) update.run(blob, ...recordValues(SPEC, stored), proposal.id);
        else insert.run(blob, ...recordValues(SPEC, stored));
        this.context.audit(changes.action ?? (before ? 'proposal:update' : 'proposal:add'), 'proposals', proposal.id, before, stored);
        replaced.push(before);
        after.push(stored);
      });
      for (const id of changes.delete) {
        const before = this.proposal(id);
        if (!before) throw new InputError(`no proposal with id "${id}"`, { field: 'id' }, { reason: 'proposal_missing', params: { id } });
        remove.run(id);
        this.context.audit(changes.action ?? 'proposal:delete', 'proposals', id, before, null);
        deleted.push(before);
      }
      this.refreshExtent();
      return { replaced, deleted, after };
    });
  }

  private refreshExtent(): void {
    let extent: Extent = null;
    for (const { geom } of this.db.prepare('SELECT geom FROM proposals').all() as { geom: Buffer }[]) {
      const [minX, minY, maxX, maxY] = geometryBounds(decodeGpkgGeometry(geom));
      extent = extent ? [Math.min(extent[0], minX), Math.min(extent[1], minY), Math.max(extent[2], maxX), Math.max(extent[3], maxY)] : [minX, minY, maxX, maxY];
    }
    this.context.setExtent('proposals', extent);
  }

  private scenario(id: string): Scenario {
    const row = this.db.prepare('SELECT id, name, description, is_plan, created_at FROM scenarios WHERE id = ?').get(id) as {
      id: string;
      name: string;
      description: string | null;
      is_plan: number;
      created_at: string;
    };
    return { id: row.id, name: row.name, description: row.description, isPlan: row.is_plan === 1, createdAt: row.created_at };
  }

  private assertNameFree(name: string): void {
    if (this.db.prepare('SELECT 1 FROM scenarios WHERE name = ?').get(name)) {
      throw new InputError(`a scenario named "${name}" already exists`, { field: 'scenario' }, { reason: 'scenario_name_taken', params: { name } });
    }
  }

  private freeId(name: string): string {
    const base = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'scenario';
    let id = base;
    for (let n = 2; this.db.prepare('SELECT 1 FROM scenarios WHERE id = ?').get(id); n++) id = `${base}-${n}`;
    return id;
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InputError('a scenario needs a name', { field: 'name' }, { reason: 'scenario_name_missing' });
  if (trimmed.length > 200) throw new InputError('a scenario name has at most 200 characters', { field: 'name' }, { reason: 'scenario_name_too_long', params: { max: 200 } });
  return trimmed;
}

function rowToProposal(row: Record<string, unknown>): Proposal {
  const record: Record<string, unknown> = {};
  for (const c of SPEC.columns) record[c.field] = fromSql(c.kind, row[c.column]);
  const geometry = decodeGpkgGeometry(row.geom as Buffer);
  if (geometry.type !== 'Point') throw new Error(`proposal ${String(row.id)} has a ${geometry.type} geometry`);
  record.lon = geometry.coordinates[0];
  record.lat = geometry.coordinates[1];
  return record as Proposal;
}
