import type { FacilityStatus } from '../../shared/schemas/entities';
import { FACILITY_KIND_COLORS, PROPOSED_OPACITY, STATUS_RING } from '../../shared/map_style/facility_style';

/** `#rrggbb` with the alpha of `opacity` (0..1) as `#rrggbbaa`. */
function withAlpha(color: string, opacity: number): string {
  return `${color}${Math.round(opacity * 255).toString(16).padStart(2, '0')}`;
}

/**
 * The legend picture of a facility status, as the map draws it (map_style.ts): a solid dot for
 * existing facilities; a dark outer ring for planned ones; ring and faded dot for proposed ones.
 */
export function StatusSwatch({ status, color = FACILITY_KIND_COLORS.other }: { status: FacilityStatus; color?: string }) {
  const unbuilt = status !== 'existing';
  return (
    <span
      className="swatch swatch-dot"
      data-status-swatch={status}
      style={{
        background: status === 'proposed' ? withAlpha(color, PROPOSED_OPACITY) : color,
        // A white band, then the dark edge: the ring the map draws around unbuilt facilities.
        boxShadow: unbuilt ? `0 0 0 2px #fff, 0 0 0 3.5px ${STATUS_RING}` : undefined,
        margin: unbuilt ? '0 3px' : undefined,
      }}
      aria-hidden="true"
    />
  );
}
