/**
 * Colours of the review verdicts, shared by the app's review tables, the estates on its map, the
 * printable review sheet and its PDF (shared/print/review_sheet_page.ts).
 */
export const ESTATE_VERDICT_COLORS = { compliant: '#2e7d32', non_compliant: '#c62828', incomplete: '#b26a00' } as const;
export const CHECK_VERDICT_COLORS = { pass: '#2e7d32', fail: '#c62828', not_checkable: '#b26a00', advisory: '#546e7a', not_applicable: '#78909c' } as const;
