/**
 * Edits of the estates layer made in the app (the reviewer enters and corrects estates): puts
 * (insert, or replace by id) and deletes in one immediate transaction (the store's `write`), each
 * record checked against the Estate schema, an audit entry (before/after) per record, and the layer's
 * extent recomputed. The reply says what each put replaced and what was deleted, so that the caller
 * can build the inverse change for undo (as scenario_edits.ts does for proposals).
 */
import type Database from 'better-sqlite3';
import { InputError } from '../../../shared/errors';
import { Estate } from '../../../shared/schemas/entities';
import { decodeGpkgGeometry, encodeGpkgGeometry, geometryBounds } from './gpkg_geometry';
import { LAYER_TABLES, fromSql, recordValues } from './layer_tables';
import type { EditContext } from './scenario_edits';

export interface EstateChanges {
  /** Estates to insert, or to replace when an estate with the same id exists; each is checked against Estate. */
  put: readonly unknown[];
  /** Ids of estates to delete. */
  delete: readonly string[];
  /** Audit action name, e.g. "estate:edit", "estate:undo". */
  action?: string;
}

export interface AppliedEstateChanges {
  /** For each put, the estate it replaced (null when it was new). */
  replaced: (Estate | null)[];
  /** The estates deleted, as they were. */
  deleted: Estate[];
  /** The estates as stored after the change, in the order of the puts. */
  after: Estate[];
}

const SPEC = LAYER_TABLES.estates;

export class EstateEdits {
  constructor(
    private readonly db: Database.Database,
    private readonly context: Pick<EditContext, 'audit' | 'setExtent' | 'write'>,
  ) {}

  /** The estate with this id as stored, or null. */
  estate(id: string): Estate | null {
    const row = this.db.prepare('SELECT * FROM estates WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? rowToEstate(row) : null;
  }

  /**
   * Applies puts and deletes in one transaction: a record that is not a valid Estate, an id put twice
   * or the deletion of an estate that is not there refuses the whole change (nothing is written).
   * @example edits.applyEstateChanges({ put: [{ ...estate, households: 1200 }], delete: [], action: 'estate:edit' }).replaced[0] // the estate before
   */
  applyEstateChanges(changes: EstateChanges): AppliedEstateChanges {
    const columns = SPEC.columns.map((c) => `"${c.column}"`).join(', ');
    const insert = this.db.prepare(`INSERT INTO estates (geom, ${columns}) VALUES (?, ${SPEC.columns.map(() => '?').join(', ')})`);
    const update = this.db.prepare(`UPDATE estates SET geom = ?, ${SPEC.columns.map((c) => `"${c.column}" = ?`).join(', ')} WHERE id = ?`);
    const remove = this.db.prepare('DELETE FROM estates WHERE id = ?');
    // Reviews stored under an id belong to the estate that had it: a new estate taking the id of a
    // deleted one starts unreviewed (it must not show the deleted one's verdict).
    const forgetReviews = this.db.prepare('DELETE FROM estate_reviews WHERE estate_id = ?');
    return this.context.write((): AppliedEstateChanges => {
      const replaced: (Estate | null)[] = [];
      const after: Estate[] = [];
      const deleted: Estate[] = [];
      const seen = new Set<string>();
      changes.put.forEach((candidate, index) => {
        const estate = checkedEstate(candidate, index);
        if (seen.has(estate.id)) {
          throw new InputError(`estate ${estate.id} is put twice in one change`, { row: index + 1, field: 'id' }, { reason: 'estate_edit_duplicate', params: { id: estate.id } });
        }
        seen.add(estate.id);
        const before = this.estate(estate.id);
        const blob = encodeGpkgGeometry(estate.geometry);
        if (before) update.run(blob, ...recordValues(SPEC, estate), estate.id);
        else {
          insert.run(blob, ...recordValues(SPEC, estate));
          forgetReviews.run(estate.id);
        }
        const stored = this.estate(estate.id) as Estate;
        this.context.audit(changes.action ?? (before ? 'estate:update' : 'estate:add'), 'estates', estate.id, before, stored);
        replaced.push(before);
        after.push(stored);
      });
      for (const id of changes.delete) {
        const before = this.estate(id);
        if (!before) throw new InputError(`no estate with id "${id}"`, { field: 'id' }, { reason: 'estate_missing', params: { id } });
        remove.run(id);
        this.context.audit(changes.action ?? 'estate:delete', 'estates', id, before, null);
        deleted.push(before);
      }
      this.refreshExtent();
      return { replaced, deleted, after };
    });
  }

  private refreshExtent(): void {
    let extent: [number, number, number, number] | null = null;
    for (const { geom } of this.db.prepare('SELECT geom FROM estates').all() as { geom: Buffer }[]) {
      const [minX, minY, maxX, maxY] = geometryBounds(decodeGpkgGeometry(geom));
      extent = extent ? [Math.min(extent[0], minX), Math.min(extent[1], minY), Math.max(extent[2], maxX), Math.max(extent[3], maxY)] : [minX, minY, maxX, maxY];
    }
    this.context.setExtent('estates', extent);
  }
}

/**
 * `candidate` as an Estate, else InputError naming the estate (its id, or its position in the put)
 * and the field (`careRooms.0.floorAreaM2` for a care room's).
 */
function checkedEstate(candidate: unknown, index: number): Estate {
  const parsed = Estate.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'estate';
  const id = (candidate as { id?: unknown } | null)?.id;
  const estate = typeof id === 'string' && id !== '' ? id : `#${index + 1}`;
  throw new InputError(`estate ${estate}, field ${field}: ${issue.message}`, { row: index + 1, field }, { reason: 'estate_edit_invalid', params: { estate, field } });
}

function rowToEstate(row: Record<string, unknown>): Estate {
  const record: Record<string, unknown> = { geometry: decodeGpkgGeometry(row.geom as Buffer) };
  for (const c of SPEC.columns) record[c.field] = fromSql(c.kind, row[c.column]);
  return record as Estate;
}
