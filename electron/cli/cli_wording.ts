/**
 * The use cases speak of settings (`gridM`, `siteCapacity`) and give each refusal a reason; the command
 * line says the same in its own words: the flag to change and the `siting` command that imports what is
 * missing. Like the app's translation of reasons (renderer/state/describe_error.ts), this never reads
 * the message to decide anything.
 */
import { causeOf, InputError, isInputError, messageWithoutPlace, type ErrorParamValue, type ErrorReason } from '../../shared/errors';

/** Settings and optimiser fields, and the flag a user changes to fix them. */
const FLAGS: Record<string, string> = {
  k: 'sites',
  targetShare: 'target',
  method: 'method',
  minSpacingM: 'min-spacing-m',
  gridM: 'grid-m',
  minFloorAreaM2: 'min-floor-area',
  maxFloorLevel: 'max-floor-level',
  excludeBoundaries: 'exclude',
  siteCapacity: 'site-capacity',
  uptakeRate: 'uptake',
  speedMps: 'speed-mps',
  maxSnapM: 'max-snap-m',
  radiusM: 'radius-m',
};

type Words = (params: Readonly<Record<string, ErrorParamValue>>, flag: string | undefined) => string;

/** The command line's words for reasons whose app text would not name what to type. */
const WORDS: Partial<Record<ErrorReason, Words>> = {
  roads_missing: () => 'network mode needs a roads layer: import OSM ways first (siting import <project> roads <file>)',
  population_without_elderly: () => 'the population layer has no counts of older people (60+): import it with an elderly column (--map elderly=<column>)',
  candidates_empty: () => 'the candidates layer is empty: import candidate sites (siting import <project> candidates <file>) or use --candidates grid',
  no_grid_candidates: () => 'no grid candidate sites: no grid cell has older people within --grid-m of its centre',
  grid_spacing_with_layer: () => '--grid-m applies to grid candidates, but this run uses the candidates layer: add --candidates grid',
  floor_filters_with_grid: (_params, flag) => `--${flag} needs real sites with floor areas and levels: grid candidates have none; import a candidates layer`,
  site_capacity_missing: (params) =>
    `--capacitated needs --site-capacity (day places of each new site): ${params.missing} of ${params.total} candidate sites state no capacity`,
};

/**
 * `error` as the command line says it: a use case's InputError with the flag as its field and, for
 * the reasons above, the CLI's words (`hint` is added when the flag is --sites); anything else as it is.
 * @example throw cliError(error, ' (raise --minutes or lower --sites)')
 */
export function cliError(error: unknown, hint = ''): unknown {
  if (!isInputError(error)) return error;
  const field = error.location.field;
  const flag = field ? FLAGS[field] : undefined;
  const cause = causeOf(error);
  const words = cause ? WORDS[cause.reason] : undefined;
  if (!flag && !words) return error;
  const message = words ? words(cause!.params, flag) : `${messageWithoutPlace(error.message, error.location)}${flag === 'sites' ? hint : ''}`;
  return new InputError(message, { ...error.location, field: flag ?? field }, cause as never);
}
