/**
 * The fields a proposal takes over from a candidate site (候选地块): its name, floor area and floor
 * level, and a note naming the site so the proposal can be traced back to it.
 */
import type { Proposal } from '../../shared/schemas/entities';

/** `note(id)` gives the note's text in the active language. */
export function candidateTemplate(properties: Record<string, unknown>, note: (id: string) => string): Partial<Proposal> {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const template: Partial<Proposal> = {};
  if (typeof properties.name === 'string' && properties.name.trim()) template.name = properties.name.trim();
  const floorArea = number(properties.floor_area_m2);
  if (floorArea !== null && floorArea >= 0) template.floorAreaM2 = floorArea;
  const floorLevel = number(properties.floor_level);
  if (floorLevel !== null && Number.isInteger(floorLevel)) template.floorLevel = floorLevel;
  const id = properties.id === undefined || properties.id === null ? '' : String(properties.id);
  if (id) template.note = note(id);
  return template;
}
