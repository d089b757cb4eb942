/**
 * The estate review's reads and writes: the estates layer as records checked against the Estate
 * schema (a value edited in another program, e.g. negative households in QGIS, is refused naming the
 * project, the estate and the field), and the `estate_reviews` attribute table (migration 0005), to
 * which a batch of reviews is written in one transaction with one audit entry.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../../../shared/errors';
import { Estate } from '../../../shared/schemas/entities';
import type { EstateReview, EstateReviewInput } from '../../../shared/usecases/review_estate';
import type { AuditedWrites } from './audited_writes';
import { LAYER_TABLES } from './layer_tables';
import type { StoredFeature } from './layer_reads';

/** One stored review (a row of estate_reviews). */
export interface StoredEstateReview {
  estateId: string;
  presetId: string;
  presetVersion: number;
  inputs: EstateReviewInput;
  checks: EstateReview['checks'];
  verdict: EstateReview['verdict'];
  reviewedAt: string;
}

/**
 * The estates layer's features as Estate records, in layer order.
 * @example estatesOf(store.listFeatures('estates'), store.path)[0].areaType // "new"
 */
export function estatesOf(features: readonly StoredFeature[], file: string): Estate[] {
  const spec = LAYER_TABLES.estates;
  return features.map((feature) => {
    const record: Record<string, unknown> = { geometry: feature.geometry };
    // listFeatures has converted the values already (booleans as true/false, care_rooms parsed).
    for (const column of spec.columns) record[column.field] = feature.properties[column.column] ?? null;
    const parsed = Estate.safeParse(record);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.');
    const column = spec.columns.find((c) => c.field === String(issue.path[0]))?.column ?? field;
    const estate = typeof record.id === 'string' && record.id !== '' ? record.id : `fid ${feature.fid}`;
    throw new InputError(`estate ${estate} in the project's estates layer, field ${column}${field.includes('.') ? ` (${field})` : ''}: ${issue.message}`, { file, field: column }, {
      reason: 'estate_input_invalid',
      params: { estate, field: column },
    });
  });
}

export class EstateReviews {
  constructor(
    private readonly db: Database.Database,
    private readonly writes: AuditedWrites,
  ) {}

  /**
   * Stores a batch of reviews (aligned with their inputs) in one transaction, with one audit entry.
   * @returns the number of reviews written
   */
  write(reviews: readonly EstateReview[], inputs: readonly EstateReviewInput[], reviewedAt = new Date().toISOString()): number {
    if (reviews.length !== inputs.length) throw new Error('estate reviews and their inputs differ in length');
    return this.writes.write([], () => {
      const insert = this.db.prepare(
        'INSERT INTO estate_reviews (estate_id, preset_id, preset_version, inputs, checks, verdict, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      reviews.forEach((review, i) => {
        insert.run(review.id, review.preset.id, review.preset.version, JSON.stringify(inputs[i]), JSON.stringify(review.checks), review.verdict, reviewedAt);
      });
      const presets = [...new Set(reviews.map((review) => `${review.preset.id}@${review.preset.version}`))];
      this.writes.appendAudit('review', 'estates', null, null, { count: reviews.length, presets, estates: reviews.map((review) => review.id) });
      return reviews.length;
    });
  }

  /** Every stored review, oldest first (an estate reviewed twice has two rows). */
  list(): StoredEstateReview[] {
    const rows = this.db.prepare('SELECT estate_id, preset_id, preset_version, inputs, checks, verdict, reviewed_at FROM estate_reviews ORDER BY fid').all() as {
      estate_id: string;
      preset_id: string;
      preset_version: number;
      inputs: string;
      checks: string;
      verdict: EstateReview['verdict'];
      reviewed_at: string;
    }[];
    return rows.map((row) => ({
      estateId: row.estate_id,
      presetId: row.preset_id,
      presetVersion: row.preset_version,
      inputs: JSON.parse(row.inputs) as EstateReviewInput,
      checks: JSON.parse(row.checks) as EstateReview['checks'],
      verdict: row.verdict,
      reviewedAt: row.reviewed_at,
    }));
  }

  /**
   * Changes of the estates layer recorded in the project's audit log after `since` (ISO 8601): imports
   * (no estate id) and edits of one estate. Edits made in another program (QGIS …) are not in the log.
   */
  changesSince(since: string): { at: string; estateId: string | null }[] {
    const rows = this.db.prepare("SELECT at, feature_id FROM audit_log WHERE layer = 'estates' AND action <> 'review' AND at > ? ORDER BY fid").all(since) as {
      at: string;
      feature_id: string | null;
    }[];
    return rows.map((row) => ({ at: row.at, estateId: row.feature_id }));
  }

  /** The highest version of preset `presetId` any stored review used (0 when none): an edited copy saved again never reuses it. */
  highestPresetVersion(presetId: string): number {
    const row = this.db.prepare('SELECT MAX(preset_version) AS version FROM estate_reviews WHERE preset_id = ?').get(presetId) as { version: number | null };
    return row.version ?? 0;
  }
}
