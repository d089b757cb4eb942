/**
 * The estate review of an open project (issue 12), as `siting review` and the hosts' `review:run`
 * run it: the estates layer and the community health stations (the preset's health-station kinds,
 * shared/rules/rule.ts presetKinds) read from the store, the walking
 * network when the project has roads, the shared use case (shared/usecases/review_estates.ts), and
 * the reviews stored in the project (estate_reviews, one transaction). An unknown preset or estate,
 * or an estate whose stored values are not valid, is refused (InputError with its reason) before
 * anything is written.
 */
import { prepareNetwork } from '../../../shared/engine/network/prepare_network';
import { presetKinds, type Preset } from '../../../shared/rules/rule';
import type { EstateCheck } from '../../../shared/usecases/review_estate';
import { reviewEstateLayer, type ReviewedEstates, type ReviewEstatesRequest } from '../../../shared/usecases/review_estates';
import type { ProjectStore } from '../store/project_store';
import { estatesOf } from '../store/estate_reviews';
import { projectPreset } from './project_preset';

export interface ReviewProjectRequest {
  /** A preset id, or a preset read from a file (`--preset FILE.json`); absent: the project's (settings `rulesPreset`). */
  preset?: string | Preset;
  /** Review only these estates; absent or empty: every estate. */
  estates?: readonly string[];
}

/** A check as `siting review --json` prints it: the six fields, and how a distance was measured. */
export interface ReviewCheckJson {
  rule: string;
  verdict: EstateCheck['verdict'];
  required: number | null;
  provided: number | null;
  unit: EstateCheck['unit'];
  reason: string | null;
  method?: 'network' | 'straight_line';
}

/** The JSON of `siting review --json`. */
export interface ReviewJson {
  preset: { id: string; version: number };
  estates: Array<{ id: string; name: string | null; verdict: ReviewedEstates['estates'][number]['verdict']; checks: ReviewCheckJson[] }>;
  summary: { estates: number; compliant: number; nonCompliant: number; incomplete: number };
}

/** A check as the hosts' `review:run` answers it: the CLI's fields and the codes the app translates (what is missing, why it fails). */
export function checkReply(check: EstateCheck): ReviewCheckJson & Pick<EstateCheck, 'missing' | 'because'> {
  return { ...checkJson(check), ...(check.missing ? { missing: check.missing } : {}), ...(check.because ? { because: check.because } : {}) };
}

export function checkJson(check: EstateCheck): ReviewCheckJson {
  const reason = check.reason ?? (check.estimated ? 'households estimated from residential floor area / average unit size' : null);
  return {
    rule: check.rule,
    verdict: check.verdict,
    required: check.required,
    provided: check.provided,
    unit: check.unit,
    reason,
    ...(check.method ? { method: check.method } : {}),
  };
}

/**
 * Reviews the project's estates and stores the reviews.
 * @example reviewProject(store, { preset: 'nanhai' }).json.summary // { estates: 6, compliant: …, … }
 */
export function reviewProject(store: ProjectStore, request: ReviewProjectRequest): { preset: Preset; result: ReviewedEstates; json: ReviewJson } {
  const preset = projectPreset(store, request.preset);
  const { estates, healthStations, network } = reviewSources(store, preset);
  const result = reviewEstateLayer({ estates, healthStations, estateIds: request.estates, network }, preset);
  store.estateReviews.write(result.estates, result.inputs);
  const { estates: count, compliant, nonCompliant, incomplete } = result.summary;
  const json: ReviewJson = {
    preset: result.preset,
    estates: result.estates.map((review) => ({ id: review.id, name: review.name, verdict: review.verdict, checks: review.checks.map(checkJson) })),
    summary: { estates: count, compliant, nonCompliant, incomplete },
  };
  return { preset, result, json };
}

/** What the estate review reads from a project: the estates, the community health stations (the preset's kinds), the walking network. */
export function reviewSources(store: ProjectStore, preset: Preset): Pick<ReviewEstatesRequest, 'estates' | 'healthStations' | 'network'> {
  const estates = estatesOf(store.listFeatures('estates'), store.path);
  const healthStations = store.selectedFacilities(presetKinds(preset).healthStation).map(({ id, name, lon, lat }) => ({ id, name, lon, lat }));
  // Distances along the walking network when the project has roads (default walk profile, 300 m snap).
  const network = store.countOf('roads') > 0 && healthStations.length > 0 ? prepareNetwork(store.roadsForNetwork()) : null;
  return { estates, healthStations, network };
}
