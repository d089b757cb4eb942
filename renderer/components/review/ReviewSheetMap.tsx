import { useTranslation } from 'react-i18next';
import type { ReviewSheet } from '../../../shared/usecases/review_sheet';
import { layoutSheetMap, SHEET_MAP_COLORS as COLORS } from '../../../shared/usecases/review_sheet_map';
import { useFormatters } from '../../i18n/format';

/** Map frame on the A4 sheet, millimetres (the legend column takes the rest of the 182 mm line). */
export const SHEET_MAP_MM = { width: 128, height: 58 } as const;

/**
 * The review sheet's location map as SVG in millimetres (viewBox units = mm): the estate, its care
 * rooms, the nearest community health station with the measured line, the service-radius circles,
 * a north arrow and a scale bar of a round length, at the round scale layoutSheetMap chose. Vector
 * only (no WebGL), so it prints sharp; the legend sits beside the frame.
 */
export function ReviewSheetMap({ map }: { map: ReviewSheet['map'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const hasPlace = map.polygons.length > 0 || map.point !== null || map.careRooms.length > 0;
  if (!hasPlace) return <p className="sheet-muted">{t('sheet.map.noMap')}</p>;
  const { width, height } = SHEET_MAP_MM;
  const layout = layoutSheetMap(map, width, height);
  const bar = layout.scaleBar;
  const half = Math.floor(bar.segments / 2);
  const unit = bar.unit === 'km' ? 1000 : 1;
  const barX = 5;
  const barY = height - 6;
  return (
    <div className="sheet-map" data-testid="sheet-map" data-scale={layout.scaleDenominator} data-scale-bar-m={bar.lengthM}>
      <svg className="sheet-map-frame" width={`${width}mm`} height={`${height}mm`} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('sheet.sections.map')}>
        <defs>
          <clipPath id="sheet-map-clip">
            <rect x={0} y={0} width={width} height={height} />
          </clipPath>
        </defs>
        <rect x={0} y={0} width={width} height={height} fill="#fbfcfc" />
        <g clipPath="url(#sheet-map-clip)">
          {layout.circles.map((circle, k) => (
            <circle key={`c${k}`} data-testid="sheet-map-radius" cx={circle.x} cy={circle.y} r={circle.radiusMm} fill={COLORS.radius} fillOpacity={0.06} stroke={COLORS.radius} strokeWidth={0.3} strokeDasharray="1.5 1" />
          ))}
          {layout.polygons.map((ring, k) => (
            <polygon key={`p${k}`} points={ring.map(([x, y]) => `${x},${y}`).join(' ')} fill={COLORS.estate} fillOpacity={0.15} stroke={COLORS.estate} strokeWidth={0.4} />
          ))}
          {layout.point && <rect data-testid="sheet-map-estate" x={layout.point[0] - 1.6} y={layout.point[1] - 1.6} width={3.2} height={3.2} fill={COLORS.estate} fillOpacity={0.25} stroke={COLORS.estate} strokeWidth={0.4} />}
          {layout.link && <line x1={layout.link.from[0]} y1={layout.link.from[1]} x2={layout.link.to[0]} y2={layout.link.to[1]} stroke={COLORS.link} strokeWidth={0.25} strokeDasharray="0.8 0.6" />}
          {layout.station && (
            <g data-testid="sheet-map-station">
              <rect x={layout.station.x - 1.5} y={layout.station.y - 1.5} width={3} height={3} fill="#ffffff" stroke={COLORS.station} strokeWidth={0.4} />
              <path d={`M ${layout.station.x - 1} ${layout.station.y} H ${layout.station.x + 1} M ${layout.station.x} ${layout.station.y - 1} V ${layout.station.y + 1}`} stroke={COLORS.station} strokeWidth={0.5} />
            </g>
          )}
          {layout.careRooms.map((room) => (
            <g key={room.number} data-testid="sheet-map-room">
              <circle cx={room.x} cy={room.y} r={1.2} fill={COLORS.room} stroke="#ffffff" strokeWidth={0.3} />
              {layout.careRooms.length > 1 && (
                <text x={room.x + 1.6} y={room.y - 1.2} fontSize={2.4} fill={COLORS.room}>
                  {room.number}
                </text>
              )}
            </g>
          ))}
        </g>
        {/* North arrow, top right. */}
        <g transform={`translate(${width - 7} 4)`}>
          <path d="M 0 0 L 2.2 6 L 0 4.8 L -2.2 6 Z" fill="#1d2327" />
          <text x={0} y={9.6} fontSize={2.8} textAnchor="middle" fill="#1d2327">
            {t('sheet.map.north')}
          </text>
        </g>
        {/* Scale bar, bottom left: the print pipeline's bar (shared/print/map_frame.ts scaleBar) — its segments, 0, the middle and the length. */}
        <g data-testid="sheet-map-scale-bar" data-length-mm={bar.lengthMm} data-segments={bar.segments}>
          <rect x={barX - 1.5} y={barY - 4.2} width={bar.lengthMm + 10} height={6.4} fill="#ffffff" fillOpacity={0.85} />
          {Array.from({ length: bar.segments }, (_, i) => (
            <rect key={i} x={barX + (i * bar.lengthMm) / bar.segments} y={barY} width={bar.lengthMm / bar.segments} height={1} fill={i % 2 === 0 ? '#1d2327' : '#ffffff'} stroke="#1d2327" strokeWidth={0.2} />
          ))}
          <text x={barX} y={barY - 1} fontSize={2.3} textAnchor="middle" fill="#1d2327">
            0
          </text>
          <text x={barX + (half * bar.lengthMm) / bar.segments} y={barY - 1} fontSize={2.3} textAnchor="middle" fill="#1d2327">
            {format.number((bar.lengthM * half) / bar.segments / unit)}
          </text>
          <text x={barX + bar.lengthMm} y={barY - 1} fontSize={2.3} textAnchor="middle" fill="#1d2327">
            {format.number(bar.lengthM / unit)}
          </text>
          <text x={barX + bar.lengthMm + 2.2} y={barY + 1} fontSize={2.3} fill="#1d2327">
            {bar.unit === 'km' ? 'km' : t('sheet.units.m')}
          </text>
        </g>
        <rect x={0} y={0} width={width} height={height} fill="none" stroke="#1d2327" strokeWidth={0.3} />
      </svg>
      <div className="sheet-map-legend">
        <p className="sheet-map-legend-title">{t('sheet.map.legend')}</p>
        <ul>
          <li>
            <LegendSymbol kind="estate" /> {t('sheet.map.estate')}
          </li>
          {map.careRooms.length > 0 && (
            <li>
              <LegendSymbol kind="room" /> {t('sheet.map.careRoom')}
            </li>
          )}
          {map.station && (
            <li>
              <LegendSymbol kind="station" /> {t('sheet.map.station')}
            </li>
          )}
          {layout.link && (
            <li>
              <LegendSymbol kind="link" /> {t('sheet.map.link')}
            </li>
          )}
          {map.radius && (
            <li>
              <LegendSymbol kind="radius" /> {t('sheet.map.radius', { radius: format.count(map.radius.radiusM) })}
            </li>
          )}
        </ul>
        <p>{t('sheet.map.scale', { denominator: format.count(layout.scaleDenominator) })}</p>
        <p className="sheet-muted">{t('sheet.map.projection', { lon: layout.centre[0].toFixed(4), lat: layout.centre[1].toFixed(4) })}</p>
      </div>
    </div>
  );
}

function LegendSymbol({ kind }: { kind: 'estate' | 'room' | 'station' | 'link' | 'radius' }) {
  return (
    <svg width="5mm" height="3.2mm" viewBox="0 0 5 3.2" aria-hidden="true" className="sheet-legend-symbol">
      {kind === 'estate' && <rect x={0.9} y={0.1} width={3} height={3} fill={COLORS.estate} fillOpacity={0.25} stroke={COLORS.estate} strokeWidth={0.4} />}
      {kind === 'room' && <circle cx={2.5} cy={1.6} r={1.2} fill={COLORS.room} />}
      {kind === 'station' && (
        <g>
          <rect x={1} y={0.1} width={3} height={3} fill="#ffffff" stroke={COLORS.station} strokeWidth={0.4} />
          <path d="M 1.5 1.6 H 3.5 M 2.5 0.6 V 2.6" stroke={COLORS.station} strokeWidth={0.5} />
        </g>
      )}
      {kind === 'link' && <line x1={0.2} y1={1.6} x2={4.8} y2={1.6} stroke={COLORS.link} strokeWidth={0.3} strokeDasharray="0.8 0.6" />}
      {kind === 'radius' && <rect x={0.3} y={0.3} width={4.4} height={2.6} rx={1.3} fill={COLORS.radius} fillOpacity={0.06} stroke={COLORS.radius} strokeWidth={0.3} strokeDasharray="1.5 1" />}
    </svg>
  );
}
