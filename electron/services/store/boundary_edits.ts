/**
 * Edits of the boundaries layer made in the app: the urban/rural flag of areas (the layer's `urban`
 * field, 1 urban, 0 rural, NULL unknown), which boundary files often lack and the per-area targets
 * need (urban communities 100 %, rural ones 70 % …). One immediate transaction for the whole change
 * (the store's `write`), an audit entry (before/after) per area; an unknown id refuses the change
 * (nothing is written). The reply says what each area was before, for the app's undo.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../../../shared/errors';
import type { EditContext } from './scenario_edits';

export interface BoundaryUrban {
  id: string;
  urban: boolean | null;
}

export interface AppliedUrbanChanges {
  /** For each put, the area's flag before (never null: every area put exists). */
  replaced: BoundaryUrban[];
  deleted: BoundaryUrban[];
  after: BoundaryUrban[];
}

const toSql = (urban: boolean | null): number | null => (urban === null ? null : urban ? 1 : 0);
const fromSql = (value: unknown): boolean | null => (value === null || value === undefined ? null : Number(value) === 1);

export class BoundaryEdits {
  constructor(
    private readonly db: Database.Database,
    private readonly context: Pick<EditContext, 'audit' | 'write'>,
  ) {}

  /**
   * @example edits.setUrban([{ id: 'S3', urban: false }], 'boundary:urban').replaced[0] // { id: 'S3', urban: null }
   */
  setUrban(put: readonly BoundaryUrban[], action = 'boundary:urban'): AppliedUrbanChanges {
    const read = this.db.prepare('SELECT urban FROM boundaries WHERE id = ?');
    const update = this.db.prepare('UPDATE boundaries SET urban = ? WHERE id = ?');
    return this.context.write((): AppliedUrbanChanges => {
      const replaced: BoundaryUrban[] = [];
      const after: BoundaryUrban[] = [];
      const seen = new Set<string>();
      put.forEach(({ id, urban }, index) => {
        if (seen.has(id)) throw new InputError(`area ${id} is put twice in one change`, { row: index + 1, field: 'id' });
        seen.add(id);
        const row = read.get(id) as { urban: unknown } | undefined;
        if (!row) throw new InputError(`no boundary area with id "${id}"`, { row: index + 1, field: 'id' }, { reason: 'boundary_missing', params: { id } });
        const before = { id, urban: fromSql(row.urban) };
        // Several areas may share an id only in a file the importer refused; UPDATE sets every one.
        update.run(toSql(urban), id);
        const stored = { id, urban };
        this.context.audit(action, 'boundaries', id, before, stored);
        replaced.push(before);
        after.push(stored);
      });
      // The GeoPackage's record of when the layer changed (readers such as QGIS use it).
      this.db.prepare("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'boundaries'").run();
      return { replaced, deleted: [], after };
    });
  }
}
