/**
 * Estate reviews as CSV for spreadsheets, like the layer export (layer_to_csv.ts): UTF-8 with a
 * byte-order mark, CRLF line ends, RFC 4180 quoting and the formula guard on every text cell (an
 * estate called "=HYPERLINK(…)" is shown as text). The rows and columns are the review table's
 * (estate_review_table.ts): one row per estate and rule.
 */
import type { EstateReview } from '../../../shared/usecases/review_estate';
import { estateReviewTable, type DatedEstateReview, type EstateReviewTable } from './estate_review_table';
import { spreadsheetCsv } from './layer_to_csv';

/** The review table as CSV text (byte-order mark, CRLF). */
export function reviewTableToCsv(table: EstateReviewTable): string {
  return spreadsheetCsv(table.columns, table.rows);
}

/** Reviews as CSV; `dated` adds the `reviewed_at` column of reviews read back from the project. */
export function estateReviewsToCsv(reviews: readonly EstateReview[] | readonly DatedEstateReview[], options: { dated?: boolean } = {}): string {
  return reviewTableToCsv(estateReviewTable(reviews, options));
}
