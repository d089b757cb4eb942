/**
 * The reviews stored in an open project read back (issue 12): the latest review of each estate that
 * is still in the estates layer, in layer order, with its preset and date, as the app shows them
 * after the project is reopened (`review:stored`) and exports them (`review:export`, CSV or XLSX with
 * the review table of estate_review_table.ts and a `reviewed_at` column).
 */
import type { EstateReview } from '../../../shared/usecases/review_estate';
import { summarizeReviews } from '../../../shared/usecases/review_estate';
import { estateReviewTable, type DatedEstateReview } from '../export/estate_review_table';
import { reviewTableToCsv } from '../export/estate_reviews_to_csv';
import { writeFileAtomically } from '../export/write_file_atomically';
import type { ProjectStore } from '../store/project_store';
import { checkReply, type ReviewJson } from './review_project';

export type StoredReview = DatedEstateReview & { reviewedAt: string };

/** The latest stored review of every estate still in the layer, in the layer's order. */
export function latestStoredReviews(store: ProjectStore): StoredReview[] {
  const latest = new Map<string, ReturnType<ProjectStore['estateReviews']['list']>[number]>();
  // Oldest first: a later review of the same estate replaces the earlier one.
  for (const stored of store.estateReviews.list()) latest.set(stored.estateId, stored);
  const reviews: StoredReview[] = [];
  for (const feature of store.listFeatures('estates')) {
    const stored = latest.get(String(feature.properties.id ?? ''));
    if (!stored) continue;
    reviews.push({
      id: stored.estateId,
      name: stored.inputs.name ?? null,
      type: stored.inputs.type ?? null,
      preset: { id: stored.presetId, version: stored.presetVersion },
      verdict: stored.verdict,
      checks: stored.checks,
      reviewedAt: stored.reviewedAt,
    });
  }
  return reviews;
}

/** What `review:stored` answers: the review JSON of `siting review --json` with each estate's preset and date. */
export interface StoredReviewJson extends Omit<ReviewJson, 'estates'> {
  estates: Array<ReviewJson['estates'][number] & { preset: { id: string; version: number }; reviewedAt: string }>;
  newEstates: { estates: number; compliant: number; share: number | null };
  /** The newest review's date (ISO 8601); its preset is `preset`. */
  reviewedAt: string;
  /** Every preset (id and version) among the reviews, newest first. */
  presets: Array<{ id: string; version: number }>;
  /** Estates of the layer without a stored review. */
  unreviewed: number;
  /**
   * The latest change of the estates layer (import, or an edit of a reviewed estate) made in the app
   * after the review it concerns (the audit log); null: none.
   */
  estatesChangedAt: string | null;
}

/**
 * @returns null when no estate of the layer has a stored review
 * @example storedReviewJson(store)?.estates[0].reviewedAt // "2026-12-07T09:30:00.000Z"
 */
export function storedReviewJson(store: ProjectStore): StoredReviewJson | null {
  const reviews = latestStoredReviews(store);
  if (reviews.length === 0) return null;
  const byDate = [...reviews].sort((a, b) => (a.reviewedAt < b.reviewedAt ? 1 : a.reviewedAt > b.reviewedAt ? -1 : 0));
  const newest = byDate[0];
  const presets = new Map<string, { id: string; version: number }>();
  for (const review of byDate) presets.set(`${review.preset.id}@${review.preset.version}`, review.preset);
  const oldest = byDate[byDate.length - 1].reviewedAt;
  const reviewedAt = new Map(reviews.map((review) => [review.id, review.reviewedAt]));
  let estatesChangedAt: string | null = null;
  for (const change of store.estateReviews.changesSince(oldest)) {
    // An import (no estate) concerns every review older than it; an edit only that estate's.
    const concerns = change.estateId === null ? true : change.at > (reviewedAt.get(change.estateId) ?? '');
    if (concerns && (estatesChangedAt === null || change.at > estatesChangedAt)) estatesChangedAt = change.at;
  }
  const summary = summarizeReviews(reviews as EstateReview[]);
  return {
    preset: newest.preset,
    estates: reviews.map((review) => ({
      id: review.id,
      name: review.name,
      verdict: review.verdict,
      checks: review.checks.map(checkReply),
      preset: review.preset,
      reviewedAt: review.reviewedAt,
    })),
    summary: { estates: summary.estates, compliant: summary.compliant, nonCompliant: summary.nonCompliant, incomplete: summary.incomplete },
    newEstates: { estates: summary.newEstates, compliant: summary.newCompliant, share: summary.newCompliantShare },
    reviewedAt: newest.reviewedAt,
    presets: [...presets.values()],
    unreviewed: store.countOf('estates') - reviews.length,
    estatesChangedAt,
  };
}

export type ReviewExportFormat = 'csv' | 'xlsx';

/** The review format of a file name by its extension (.csv, .xlsx), else null. */
export function reviewFormatFromPath(path: string): ReviewExportFormat | null {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.xlsx$/i.test(path)) return 'xlsx';
  return null;
}

/** The stored reviews (latest per estate, dated) as CSV or XLSX bytes. */
export async function storedReviewBytes(store: ProjectStore, format: ReviewExportFormat): Promise<{ bytes: Uint8Array; estates: number; rows: number }> {
  const reviews = latestStoredReviews(store);
  const table = estateReviewTable(reviews, { dated: true });
  const bytes = format === 'csv' ? new TextEncoder().encode(reviewTableToCsv(table)) : await (await import('../export/estate_reviews_to_xlsx')).reviewTableToXlsx(table); // exceljs loads only for a workbook
  return { bytes, estates: reviews.length, rows: table.rows.length };
}

/** Writes the stored reviews to `path` (atomically; never over the open project file). */
export async function exportStoredReviews(store: ProjectStore, format: ReviewExportFormat, path: string): Promise<{ path: string; estates: number; rows: number }> {
  const exported = await storedReviewBytes(store, format);
  return { path: writeFileAtomically(path, exported.bytes, store.path), estates: exported.estates, rows: exported.rows };
}
