/**
 * The review sheet (审查意见表) of one estate of an open project, as the hosts' `review:sheet:get`
 * gives it: the estate reviewed as `review:run` reviews it (same sources, same preset, same shared use
 * case) without writing anything, and the sheet's content built by shared/usecases/review_sheet.ts.
 * The review date is that of the latest stored review of the estate with the same preset version and
 * the same verdicts; when the project holds none (never reviewed, or reviewed before an edit), the
 * sheet says it was reviewed for itself, now.
 */
import type { Preset } from '../../../shared/rules/rule';
import { reviewSheet, type ReviewSheet } from '../../../shared/usecases/review_sheet';
import { reviewEstateLayer, type ReviewedEstates } from '../../../shared/usecases/review_estates';
import { estatesOf } from '../store/estate_reviews';
import type { ProjectStore } from '../store/project_store';
import { projectPreset } from './project_preset';
import { reviewSources } from './review_project';

export interface ReviewSheetRequest {
  estate: string;
  /** A preset id; absent: the project's. */
  preset?: string;
}

/**
 * @example reviewSheetOf(store, { estate: 'demo-E2', preset: 'chishui' }).conclusion.verdict // "non_compliant"
 */
export function reviewSheetOf(store: ProjectStore, request: ReviewSheetRequest, now: () => Date = () => new Date()): ReviewSheet {
  const preset = projectPreset(store, request.preset);
  const sources = reviewSources(store, preset);
  // An unknown estate is refused by the use case, naming it (reason unknown_estate).
  const result = reviewEstateLayer({ ...sources, estateIds: [request.estate] }, preset);
  const review = result.estates[0];
  const estate = sources.estates.find((e) => e.id === review.id);
  if (!estate) throw new Error(`estate ${review.id} was reviewed but is not in the layer`);
  const stored = store.estateReviews
    .list()
    .filter((row) => row.estateId === review.id && row.presetId === preset.id && row.presetVersion === preset.version)
    .at(-1);
  const same = stored !== undefined && stored.verdict === review.verdict && JSON.stringify(stored.checks) === JSON.stringify(review.checks);
  return reviewSheet({
    project: store.info().name,
    estate,
    input: result.inputs[0],
    review,
    station: result.stations[0],
    preset,
    reviewedAt: same ? stored.reviewedAt : now().toISOString(),
    stored: same,
  });
}

/**
 * The sheets of the estates a review just stored (`siting review … --out sheet.pdf`): each dated by its
 * stored row, in the order reviewed. No second review: the stored one is what the sheets show.
 */
export function reviewSheetsOfResult(store: ProjectStore, preset: Preset, result: ReviewedEstates): ReviewSheet[] {
  const estates = estatesOf(store.listFeatures('estates'), store.path);
  const storedRows = store.estateReviews.list();
  const project = store.info().name;
  return result.estates.map((review, k) => {
    const estate = estates.find((e) => e.id === review.id);
    if (!estate) throw new Error(`estate ${review.id} was reviewed but is not in the layer`);
    const stored = storedRows.filter((row) => row.estateId === review.id && row.presetId === preset.id && row.presetVersion === preset.version).at(-1);
    if (!stored) throw new Error(`the review of estate ${review.id} was not stored`);
    return reviewSheet({ project, estate, input: result.inputs[k], review, station: result.stations[k], preset, reviewedAt: stored.reviewedAt, stored: true });
  });
}
