/**
 * Draws the walking-time image (painted in the worker, see workers/travel_time_image.ts) on the map:
 * an off-screen canvas behind a `canvas` source and a `raster` layer with nearest-neighbour sampling,
 * so cells stay crisp squares. Like the population image, the source exists from installation on
 * (a transparent 1 × 1 image until data arrives).
 */
import type * as maplibregl from 'maplibre-gl';
import type { TravelTimeImage } from '../workers/travel_time_image';
import type { Corners } from './population_raster';

export const TRAVEL_TIME_IMAGE = 'analysis-travel-image';

/** What MapLibre's CanvasSource offers beyond the Source interface (the class is not exported). */
interface CanvasSourceLike {
  play(): void;
  pause(): void;
  setCoordinates(coordinates: Corners): unknown;
}

const NOWHERE: Corners = [[0, 0.0001], [0.0001, 0.0001], [0.0001, 0], [0, 0]];

export class TravelTimeLayer {
  private readonly canvas: HTMLCanvasElement;

  constructor(private readonly map: maplibregl.Map) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = 1;
    this.canvas.height = 1;
  }

  /** Adds the source and the layer under `beforeId`; call once the style has loaded. */
  install(beforeId: string | undefined): void {
    this.map.addSource(TRAVEL_TIME_IMAGE, { type: 'canvas', canvas: this.canvas, coordinates: NOWHERE, animate: false });
    this.map.addLayer(
      {
        id: TRAVEL_TIME_IMAGE,
        type: 'raster',
        source: TRAVEL_TIME_IMAGE,
        paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0, 'raster-opacity': 0.92 },
      },
      beforeId,
    );
  }

  /** Shows the image (null: nothing). */
  show(image: TravelTimeImage | null): void {
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('the browser gave no 2D canvas context for the walking-time image');
    if (!image) {
      this.canvas.width = 1;
      this.canvas.height = 1;
      context.clearRect(0, 0, 1, 1);
      this.refresh(NOWHERE);
      return;
    }
    this.canvas.width = image.widthPx;
    this.canvas.height = image.heightPx;
    context.putImageData(new ImageData(image.pixels as Uint8ClampedArray<ArrayBuffer>, image.widthPx, image.heightPx), 0, 0);
    this.refresh(image.corners);
  }

  /**
   * Places the image and uploads the canvas. A paused canvas source re-uploads only while playing, so
   * it plays for two frames (the first may come before its tile exists) and pauses again.
   */
  private refresh(corners: Corners): void {
    const source = this.map.getSource(TRAVEL_TIME_IMAGE) as unknown as CanvasSourceLike | undefined;
    if (!source) return;
    source.setCoordinates(corners);
    source.play();
    let frames = 0;
    const onRender = () => {
      frames += 1;
      if (frames < 2) return;
      this.map.off('render', onRender);
      source.pause();
    };
    this.map.on('render', onRender);
    this.map.triggerRepaint();
  }
}
