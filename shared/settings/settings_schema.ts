/**
 * The project's settings (basemap, language, default radius and kinds, provision rules) and their
 * defaults. Part of the IPC contract (shared/ipc/contract.ts re-exports them), kept in a module of its
 * own so that the project store, which reads and writes them, does not load the whole contract (every
 * channel's schemas, and through them the print and geodesy code): `siting info` starts faster.
 */
import * as z from 'zod';
import { FacilityKind } from '../schemas/entities';
import { DEFAULTS, StudyAreaRefs } from './siting_settings';

export const Settings = z.object({
  /** XYZ template (https://.../{z}/{x}/{y}.png) or a MapLibre style URL; empty = offline background. */
  basemapUrl: z.string().max(2000),
  language: z.enum(['auto', 'zh', 'en']),
  radiusM: z.number().positive().max(100_000),
  kinds: z.array(FacilityKind).min(1),
  /** The provision rules a review and a compliance check use: a bundled preset id or an edited copy's id (shared/rules). */
  rulesPreset: z.string().min(1).max(100),
  /**
   * The study area analyses and suggestions are limited to: ids of boundary areas ([] = the whole
   * project). Set through `study-area:set`, which checks the ids against the boundaries layer.
   */
  studyArea: StudyAreaRefs,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  basemapUrl: '',
  language: 'auto',
  radiusM: DEFAULTS.radiusM,
  kinds: [...DEFAULTS.kinds],
  rulesPreset: 'national',
  studyArea: [],
};
