/** The proposals of tests/helpers/edit_burst.mjs, shared with the test that checks what survived. */
import type { Proposal } from '../../shared/schemas/entities';

export const BURST_SCENARIO = 'edit burst';

/** Proposal burst-n as edit n places it, or as edit n+1 moves it (100 m further east). */
export function burstProposal(scenarioId: string, n: number, state: 'placed' | 'moved'): Proposal {
  const lon = 114.25 + n * 0.001 + (state === 'moved' ? 0.001 : 0);
  return {
    id: `burst-${n}`,
    scenarioId,
    name: `日间照料中心 burst-${n}`,
    kind: 'day_care',
    lon: Number(lon.toFixed(6)),
    lat: 30.58,
    capacity: 40,
    beds: null,
    nursingBeds: null,
    floorAreaM2: 400,
    floorLevel: 1,
    targetYear: 2027,
    note: state,
  };
}
