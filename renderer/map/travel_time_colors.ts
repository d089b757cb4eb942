/**
 * Colours of the walking-time classes (shared by the worker that paints the image and the legend).
 * ColorBrewer GnBu reversed — the nearest class darkest, apart from the population's yellow-orange-red
 * ramp — then pale pink for cells beyond the largest threshold and grey for cells off the network.
 */
const GN_BU_REVERSED: Record<number, readonly string[]> = {
  1: ['#2b8cbe'],
  2: ['#0868ac', '#7bccc4'],
  3: ['#0868ac', '#43a2ca', '#a8ddb5'],
  4: ['#0868ac', '#43a2ca', '#7bccc4', '#bae4bc'],
  5: ['#0868ac', '#43a2ca', '#7bccc4', '#a8ddb5', '#ccebc5'],
  6: ['#08589e', '#2b8cbe', '#4eb3d3', '#7bccc4', '#a8ddb5', '#ccebc5'],
  7: ['#08589e', '#2b8cbe', '#4eb3d3', '#7bccc4', '#a8ddb5', '#ccebc5', '#e0f3db'],
};
export const MAX_TRAVEL_CLASSES = 7;
export const BEYOND_COLOR = '#f4b6c2';
export const OFF_NETWORK_COLOR = '#9e9e9e';

/**
 * Colours in the map's class order: the walking-time classes, then "beyond", then "off the network".
 * @example travelTimeColors(3) // ['#0868ac', '#43a2ca', '#a8ddb5', '#f4b6c2', '#9e9e9e']
 */
export function travelTimeColors(classCount: number): string[] {
  if (!Number.isInteger(classCount) || classCount < 1 || classCount > MAX_TRAVEL_CLASSES) {
    throw new RangeError(`classCount must be an integer in [1, ${MAX_TRAVEL_CLASSES}], got ${classCount}`);
  }
  return [...GN_BU_REVERSED[classCount], BEYOND_COLOR, OFF_NETWORK_COLOR];
}
