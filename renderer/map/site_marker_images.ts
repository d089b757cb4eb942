/**
 * Numbered markers for suggested sites, drawn on a canvas (the offline map style has no glyphs, so
 * the rank cannot be a text label): a pin in the site colour with the rank in white.
 */
import type * as maplibregl from 'maplibre-gl';
import { SITE_COLOR } from './analysis_style';

const PIXEL_RATIO = 2;
const WIDTH = 30;
const HEIGHT = 38;

function drawMarker(rank: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * PIXEL_RATIO;
  canvas.height = HEIGHT * PIXEL_RATIO;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context for the site markers');
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  const cx = WIDTH / 2;
  const r = 12;
  const cy = r + 2;
  // Pin: a circle with a point at the bottom centre (the site's position).
  context.beginPath();
  context.moveTo(cx, HEIGHT - 1);
  context.lineTo(cx - r * 0.62, cy + r * 0.78);
  context.arc(cx, cy, r, Math.PI * 0.71, Math.PI * 0.29);
  context.closePath();
  context.fillStyle = SITE_COLOR;
  context.strokeStyle = '#ffffff';
  context.lineWidth = 2;
  context.fill();
  context.stroke();
  context.fillStyle = '#ffffff';
  context.font = `bold ${rank >= 10 ? 11 : 13}px system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(String(rank), cx, cy + 0.5);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** Adds the images `site-marker-1` … `site-marker-<count>` that are missing. */
export function ensureSiteMarkers(map: maplibregl.Map, count: number): void {
  for (let rank = 1; rank <= count; rank++) {
    const name = `site-marker-${rank}`;
    if (!map.hasImage(name)) map.addImage(name, drawMarker(rank), { pixelRatio: PIXEL_RATIO });
  }
}
