/**
 * Colours of the planning content — a scenario's proposals, the analysis results (service areas, gap
 * outlines) and the estates by review verdict — shared by the app's map and legends
 * (renderer/map/analysis_style.ts, review_style.ts, renderer/workspace/map/workspace_style.ts) and the
 * printed sheet (shared/print), so both draw them alike.
 */

/** A scenario's proposals: their marker's edge and their service circles' fill. */
export const PROPOSAL_COLOR = '#d81b60';
/** Outline of proposals' service circles (darker than the marker, to stand out on red cells). */
export const PROPOSAL_LINE = '#880e4f';

/** Service areas (walking or circle) of an analysis. */
export const SERVICE_AREA_LINE = '#08519c';
export const SERVICE_AREA_FILL = '#2171b5';
/** Coverage-gap outlines. */
export const GAP_LINE = '#c51b7d';

/** Colours of the review verdicts, shared by the review tables and the estates on the map. */
export const ESTATE_VERDICT_COLORS = { compliant: '#2e7d32', non_compliant: '#c62828', incomplete: '#b26a00' } as const;
export const CHECK_VERDICT_COLORS = { pass: '#2e7d32', fail: '#c62828', not_checkable: '#b26a00', advisory: '#546e7a', not_applicable: '#78909c' } as const;
