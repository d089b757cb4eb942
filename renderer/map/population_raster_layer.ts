/**
 * Draws a PopulationRaster on a MapLibre map: off-screen canvases behind `canvas` sources and
 * `raster` layers with nearest-neighbour sampling (cells stay crisp squares when zoomed in) — one
 * for the population classes and one that shades the cells outside every service circle on large
 * grids (where outlining them as polygons would cost seconds per analysis).
 * Sources and layers exist from style load on (a transparent 1 × 1 image until data arrives), so
 * visibility, opacity and draw order can be set at any time.
 */
import type * as maplibregl from 'maplibre-gl';
import type { ClassBreaks } from '../../shared/map_style/class_breaks';
import type { Corners, PopulationRaster } from './population_raster';

export const POPULATION_RASTER = 'population-raster';
export const UNCOVERED_SHADE = 'uncovered-shade';
/** Shade of uncovered cells on large grids (UNCOVERED_HATCH's colour, translucent). */
export const UNCOVERED_SHADE_RGBA: readonly [number, number, number, number] = [38, 50, 56, 120];

/** What MapLibre's CanvasSource offers beyond the Source interface (the class is not exported). */
interface CanvasSourceLike {
  play(): void;
  pause(): void;
  setCoordinates(coordinates: Corners): unknown;
}

/** Somewhere harmless for the empty 1 × 1 image. */
const NOWHERE: Corners = [[0, 0.0001], [0.0001, 0.0001], [0.0001, 0], [0, 0]];

/** One canvas-backed raster layer. */
class CanvasLayer {
  private readonly canvas: HTMLCanvasElement;

  constructor(
    private readonly map: maplibregl.Map,
    readonly id: string,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = 1;
    this.canvas.height = 1;
  }

  install(beforeId: string, opacity: number): void {
    this.map.addSource(this.id, { type: 'canvas', canvas: this.canvas, coordinates: NOWHERE, animate: false });
    this.map.addLayer(
      { id: this.id, type: 'raster', source: this.id, paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0, 'raster-opacity': opacity } },
      beforeId,
    );
  }

  /** Paints a widthPx × heightPx image with `draw` and places it at `corners`; null clears it. */
  show(image: { widthPx: number; heightPx: number; corners: Corners; draw: (pixels: Uint8ClampedArray) => void } | null): void {
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('the browser gave no 2D canvas context for the population image');
    if (!image) {
      this.canvas.width = 1;
      this.canvas.height = 1;
      context.clearRect(0, 0, 1, 1);
      this.refresh(NOWHERE);
      return;
    }
    this.canvas.width = image.widthPx;
    this.canvas.height = image.heightPx;
    const data = context.createImageData(image.widthPx, image.heightPx);
    image.draw(data.data);
    context.putImageData(data, 0, 0);
    this.refresh(image.corners);
  }

  /**
   * Places the image and uploads the canvas to the GPU. A paused canvas source re-uploads only while
   * "playing", so it plays for two frames (the first may come before its tile exists) and pauses.
   */
  private refresh(corners: Corners): void {
    const source = this.map.getSource(this.id) as unknown as CanvasSourceLike | undefined;
    if (!source) throw new Error(`map source ${this.id} is missing`);
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

export class PopulationRasterLayer {
  private readonly classes: CanvasLayer;
  private readonly shade: CanvasLayer;
  private raster: PopulationRaster | null = null;

  constructor(map: maplibregl.Map) {
    this.classes = new CanvasLayer(map, POPULATION_RASTER);
    this.shade = new CanvasLayer(map, UNCOVERED_SHADE);
  }

  /** Adds the sources and layers right under `beforeId`; call once the style has loaded. */
  install(beforeId: string): void {
    this.classes.install(beforeId, 1);
    this.shade.install(beforeId, 1);
  }

  get current(): PopulationRaster | null {
    return this.raster;
  }

  /** Paints `values` of `raster` in the class colours and shows the image (null: nothing). */
  show(raster: PopulationRaster | null, values: Float64Array | null, classes: ClassBreaks | null): void {
    const sameGrid = raster === this.raster;
    this.raster = raster;
    this.classes.show(raster && values ? { widthPx: raster.widthPx, heightPx: raster.heightPx, corners: raster.corners(), draw: (pixels) => raster.paint(pixels, values, classes) } : null);
    // Another grid: the shade of the old one no longer fits (the controller shades the new one).
    if (!sameGrid) this.shade.show(null);
  }

  /** Shades the cells flagged in `mask` (one byte per cell; null: none). */
  shadeCells(mask: Uint8Array | null): void {
    const raster = this.raster;
    this.shade.show(raster && mask ? { widthPx: raster.widthPx, heightPx: raster.heightPx, corners: raster.corners(), draw: (pixels) => raster.paintMask(pixels, mask, UNCOVERED_SHADE_RGBA) } : null);
  }
}
