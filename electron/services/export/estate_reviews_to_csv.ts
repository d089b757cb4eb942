/**
 * Estate reviews as CSV for spreadsheets, like the layer export (layer_to_csv.ts): UTF-8 with a
 * byte-order mark, CRLF line ends, RFC 4180 quoting and the formula guard on every text cell (an
 * estate called "=HYPERLINK(…)" is shown as text). The rows and columns are the review table's
 * (estate_review_table.ts): one row per estate and rule.
 */
import type { EstateReview } from '../../../shared/usecases/review_estate';
import { estateReviewTable, type DatedEstateReview, type EstateReviewTable, type ReviewCell } from './estate_review_table';
import { formatNumber } from './export_feature';
import { csvField, spreadsheetText } from './layer_to_csv';

const BOM = '\uFEFF';
const CRLF = '\r\n';

function cell(value: ReviewCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  return csvField(spreadsheetText(value));
}

/** The review table as CSV text (byte-order mark, CRLF). */
export function reviewTableToCsv(table: EstateReviewTable): string {
  const lines = [table.columns.join(',')];
  for (const row of table.rows) lines.push(row.map(cell).join(','));
  return BOM + lines.join(CRLF) + CRLF;
}

/** Reviews as CSV; `dated` adds the `reviewed_at` column of reviews read back from the project. */
export function estateReviewsToCsv(reviews: readonly EstateReview[] | readonly DatedEstateReview[], options: { dated?: boolean } = {}): string {
  return reviewTableToCsv(estateReviewTable(reviews, options));
}
