/**
 * Estate reviews as CSV for spreadsheets, like the layer export (layer_to_csv.ts): UTF-8 with a
 * byte-order mark, CRLF line ends, RFC 4180 quoting and the formula guard on every text cell (an
 * estate called "=HYPERLINK(…)" is shown as text). One row per estate and rule: the estate's overall
 * verdict beside each check's verdict, required, provided, shortfall, unit, method and reason (an
 * estate without checks gets one row with its verdict).
 */
import type { EstateReview } from '../../../shared/usecases/review_estate';
import { formatNumber } from './export_feature';
import { csvField, spreadsheetText } from './layer_to_csv';

const BOM = '\uFEFF';
const CRLF = '\r\n';

export const ESTATE_REVIEW_CSV_COLUMNS = [
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

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  return csvField(spreadsheetText(value));
}

export function estateReviewsToCsv(reviews: readonly EstateReview[]): string {
  const lines = [ESTATE_REVIEW_CSV_COLUMNS.join(',')];
  for (const review of reviews) {
    // An estate the preset has no estate rule for still gets its row (overall verdict, no rule).
    if (review.checks.length === 0) lines.push([review.id, review.name, review.verdict, '', '', '', '', '', '', '', '', review.preset.id, review.preset.version].map(cell).join(','));
    for (const check of review.checks) {
      lines.push(
        [
          review.id,
          review.name,
          review.verdict,
          check.rule,
          check.verdict,
          check.required,
          check.provided,
          check.shortfall,
          check.unit,
          check.method,
          check.reason,
          review.preset.id,
          review.preset.version,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return BOM + lines.join(CRLF) + CRLF;
}
