/**
 * The estate reviews as one table (one home for the export's rows and columns), which the CSV
 * (estate_reviews_to_csv.ts) and the XLSX (estate_reviews_to_xlsx.ts) writers both encode: one row
 * per estate and rule with the estate's overall verdict beside each check's verdict, required,
 * provided, shortfall, unit, method and reason, and the preset id and version (an estate without
 * checks gets one row with its verdict). Reviews read back from the project carry their date: then
 * the table has a last column `reviewed_at`. Column headers are the English ids, as in the layer
 * export.
 */
import type { EstateReview } from '../../../shared/usecases/review_estate';

export const ESTATE_REVIEW_COLUMNS = [
  'estate_id',
  'estate_name',
  'estate_verdict',
  'rule',
  'verdict',
  'required',
  'provided',
  'shortfall',
  'unit',
  'method',
  'reason',
  'preset_id',
  'preset_version',
] as const;

/** The date column of reviews read back from the project (ISO 8601, as stored). */
export const REVIEWED_AT_COLUMN = 'reviewed_at';

export type ReviewCell = string | number | null;

export interface EstateReviewTable {
  columns: string[];
  rows: ReviewCell[][];
}

/** A review with the date it was stored (reviews read back from the project). */
export type DatedEstateReview = EstateReview & { reviewedAt?: string };

/**
 * @param dated add the `reviewed_at` column (each review's `reviewedAt`)
 * @example estateReviewTable(reviews).rows[0] // ['E1', '示意', 'non_compliant', 'care_floor_area_per_100_households', 'fail', 246.8, 200, 46.8, 'm2', null, null, 'nanhai', 1]
 */
export function estateReviewTable(reviews: readonly DatedEstateReview[], options: { dated?: boolean } = {}): EstateReviewTable {
  const dated = options.dated === true;
  const columns: string[] = [...ESTATE_REVIEW_COLUMNS, ...(dated ? [REVIEWED_AT_COLUMN] : [])];
  const rows: ReviewCell[][] = [];
  for (const review of reviews) {
    const tail: ReviewCell[] = [review.preset.id, review.preset.version, ...(dated ? [review.reviewedAt ?? null] : [])];
    // An estate the preset has no estate rule for still gets its row (overall verdict, no rule).
    if (review.checks.length === 0) rows.push([review.id, review.name, review.verdict, null, null, null, null, null, null, null, null, ...tail]);
    for (const check of review.checks) {
      rows.push([
        review.id,
        review.name,
        review.verdict,
        check.rule,
        check.verdict,
        check.required,
        check.provided,
        check.shortfall,
        check.unit,
        check.method ?? null,
        check.reason,
        ...tail,
      ]);
    }
  }
  return { columns, rows };
}
