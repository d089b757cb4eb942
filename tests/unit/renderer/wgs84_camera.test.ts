/**
 * The camera in WGS84 (renderer/map/wgs84_camera.ts): over a GCJ-02 basemap MapLibre's camera sits
 * in GCJ-02, ~500 m from the WGS84 the project stores. Reading the centre gives WGS84 (within 1 m
 * of the iterative inverse), and moving to a WGS84 place puts the camera on its GCJ-02 position.
 */
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';
import { haversineM } from '../../../shared/geodesy/haversine';
import type { BasemapCrs } from '../../../renderer/map/coordinate_shift';
import { Wgs84Camera, type Camera } from '../../../renderer/map/wgs84_camera';

/** A camera that records the calls MapLibre's would get (all in the drawing system). */
function fakeCamera(centre: [number, number], zoom = 12) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  let current = { lng: centre[0], lat: centre[1] };
  let currentZoom = zoom;
  const camera: Camera = {
    getCenter: () => current,
    getZoom: () => currentZoom,
    jumpTo: (options) => {
      calls.push({ method: 'jumpTo', args: [options] });
      current = { lng: options.center[0], lat: options.center[1] };
      if (options.zoom !== undefined) currentZoom = options.zoom;
    },
    easeTo: (options) => calls.push({ method: 'easeTo', args: [options] }),
    fitBounds: (bounds, options) => calls.push({ method: 'fitBounds', args: [bounds, options] }),
  };
  return { camera, calls };
}

/** Jianghan, Wuhan (a block of the sample area). */
const SITE: [number, number] = [114.2745, 30.6165];

describe('Wgs84Camera', () => {
  it('reads the GCJ-02 camera centre as WGS84, within 1 m of the inverse and ~500 m from the raw centre', () => {
    const displayCentre = wgs84ToGcj02(...SITE);
    const { camera } = fakeCamera(displayCentre);
    let crs: BasemapCrs = 'gcj02';
    const wgs = new Wgs84Camera(camera, () => crs);
    const [lon, lat] = wgs.center();
    const inverse = gcj02ToWgs84(...displayCentre);
    expect(haversineM(lon, lat, inverse[0], inverse[1])).toBeLessThan(1);
    expect(haversineM(lon, lat, SITE[0], SITE[1])).toBeLessThan(1);
    const unconverted = haversineM(displayCentre[0], displayCentre[1], SITE[0], SITE[1]);
    expect(unconverted).toBeGreaterThan(300);
    expect(unconverted).toBeLessThan(800);
    // Over a WGS84 basemap the camera is the data's system: no conversion.
    crs = 'wgs84';
    expect(wgs.center()).toEqual(displayCentre);
  });

  it('jumps and eases to the GCJ-02 position of a WGS84 place, zooming in to minZoom only', () => {
    const { camera, calls } = fakeCamera([114.3, 30.58], 12);
    const wgs = new Wgs84Camera(camera, () => 'gcj02');
    wgs.easeTo(...SITE, { minZoom: 14, duration: 300 });
    wgs.jumpTo(...SITE, { minZoom: 10 });
    const [eased, jumped] = calls as unknown as Array<{ args: [{ center: [number, number]; zoom: number; duration?: number }] }>;
    expect(eased.args[0].center).toEqual(wgs84ToGcj02(...SITE));
    expect(eased.args[0]).toMatchObject({ zoom: 14, duration: 300 });
    expect(jumped.args[0]).toMatchObject({ center: wgs84ToGcj02(...SITE), zoom: 12 });
    // Round trip: the centre read back is the place (< 1 m).
    const [lon, lat] = wgs.center();
    expect(haversineM(lon, lat, SITE[0], SITE[1])).toBeLessThan(1);
  });

  it('fits a WGS84 box by its shifted corners', () => {
    const { camera, calls } = fakeCamera([114.3, 30.58]);
    const wgs = new Wgs84Camera(camera, () => 'gcj02');
    const box: [number, number, number, number] = [114.25, 30.55, 114.35, 30.62];
    wgs.fitTo(box, { padding: 60, maxZoom: 16, duration: 350 });
    const [[southWest, northEast], options] = calls[0].args as [[[number, number], [number, number]], unknown];
    const corners = [wgs84ToGcj02(box[0], box[1]), wgs84ToGcj02(box[2], box[1]), wgs84ToGcj02(box[2], box[3]), wgs84ToGcj02(box[0], box[3])];
    expect(southWest[0]).toBe(Math.min(...corners.map((c) => c[0])));
    expect(southWest[1]).toBe(Math.min(...corners.map((c) => c[1])));
    expect(northEast[0]).toBe(Math.max(...corners.map((c) => c[0])));
    expect(northEast[1]).toBe(Math.max(...corners.map((c) => c[1])));
    expect(options).toEqual({ padding: 60, maxZoom: 16, duration: 350 });
    wgs.fitTo([Number.NaN, 0, 1, 1]);
    expect(calls).toHaveLength(1);
  });
});
