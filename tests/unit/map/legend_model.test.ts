/**
 * The legend model reads the map style: every entry's swatch carries the paint values of the layers
 * it stands for in buildMapStyle(), the uncovered symbol is shown over the very class colours, and
 * groups taken off the map (suppressed, or without data) get no entry.
 */
import { describe, expect, it } from 'vitest';
import { quantileBreaks } from '../../../shared/map_style/class_breaks';
import { composite, legendEntries, type LegendInput } from '../../../renderer/map/legend_model';
import { buildMapStyle } from '../../../renderer/map/map_style';
import { UNCOVERED_SHADE_RGBA } from '../../../renderer/map/population_raster_layer';
import { LAYER_CATALOG, type CatalogGroup } from '../../../renderer/map/layer_catalog';

const style = buildMapStyle();
const paint = (id: string, property: string): unknown => (style.layers.find((layer) => layer.id === id) as { paint?: Record<string, unknown> } | undefined)?.paint?.[property];

const classes = quantileBreaks(Float64Array.from({ length: 100 }, (_, i) => i), 5);
const base: LegendInput = {
  drawn: () => true,
  classes,
  classDomain: 'view',
  uncoveredCells: 12,
  uncoveredDisplay: 'outline',
  uncoveredShade: false,
  circles: 9,
  proposalCircles: 2,
  radiusM: 1000,
  proposals: 3,
  estatePolygons: 1,
  estatePoints: 4,
  roads: 10,
  candidates: 0,
  boundaries: 1,
  studyAreas: 0,
  labelled: 20,
};

describe('legend model = map style', () => {
  it('takes each swatch from the paint of its layers', () => {
    const entries = new Map(legendEntries(base).map((entry) => [entry.group, entry]));
    const circles = entries.get('circles')?.swatch;
    expect(circles).toMatchObject({ kind: 'ring', fill: paint('circles-fill', 'fill-color'), fillOpacity: paint('circles-fill', 'fill-opacity'), stroke: paint('circles-line', 'line-color') });
    expect(entries.get('estates')?.swatch).toMatchObject({
      kind: 'fill',
      fill: paint('estates-fill', 'fill-color'),
      fillOpacity: paint('estates-fill', 'fill-opacity'),
      stroke: paint('estates-line', 'line-color'),
      strokeWidth: paint('estates-line', 'line-width'),
    });
    expect(entries.get('boundaries')?.swatch).toMatchObject({ color: paint('boundary-line', 'line-color'), width: paint('boundary-line', 'line-width') });
    expect(entries.get('proposalCircles')?.swatch).toMatchObject({ stroke: paint('proposal-circles-line', 'line-color'), fill: paint('proposal-circles-fill', 'fill-color') });
    const labels = entries.get('labels')?.swatch;
    expect(labels?.kind === 'text' && labels.colors).toEqual(LAYER_CATALOG.labels.map((id) => paint(id, 'text-color')));
    const uncovered = entries.get('uncovered')?.swatch;
    expect(uncovered).toMatchObject({ kind: 'uncovered', display: 'outline', stroke: paint('uncovered-area-line', 'line-color'), strokeWidth: paint('uncovered-area-line', 'line-width') });
    // Drawn over the class colours: exactly the ramp the population layer paints.
    expect(uncovered?.kind === 'uncovered' && uncovered.shaded).toEqual(classes?.colors);
  });

  it('draws the study area (mask and outline) only when one is chosen, swatch from its layers', () => {
    expect(legendEntries(base).some((entry) => entry.group === 'studyArea')).toBe(false);
    const entry = legendEntries({ ...base, studyAreas: 2 }).find((found) => found.group === 'studyArea');
    expect(entry?.count).toBe(2);
    expect(entry?.swatch).toMatchObject({
      kind: 'fill',
      fill: paint('study-area-mask', 'fill-color'),
      fillOpacity: paint('study-area-mask', 'fill-opacity'),
      stroke: paint('study-area-line', 'line-color'),
      strokeWidth: paint('study-area-line', 'line-width'),
    });
    expect(legendEntries({ ...base, studyAreas: 2, drawn: (group) => group !== 'studyArea' }).some((found) => found.group === 'studyArea')).toBe(false);
  });

  it('counts the scenario’s proposals in the service circles', () => {
    const circles = legendEntries(base).find((entry) => entry.group === 'circles');
    expect(circles?.count).toBe(11);
    expect(circles?.proposals).toBe(2);
  });

  it('shows the shade composited over each class colour on large grids', () => {
    const uncovered = legendEntries({ ...base, uncoveredShade: true }).find((entry) => entry.group === 'uncovered')?.swatch;
    expect(uncovered?.kind === 'uncovered' && uncovered.display).toBe('shade');
    const a = UNCOVERED_SHADE_RGBA[3] / 255;
    const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt((classes?.colors[0] ?? '').slice(1 + i, 3 + i), 16));
    const expected = `#${[r, g, b].map((c, i) => Math.round(UNCOVERED_SHADE_RGBA[i] * a + c * (1 - a)).toString(16).padStart(2, '0')).join('')}`;
    expect(uncovered?.kind === 'uncovered' && uncovered.shaded[0]).toBe(expected);
    expect(composite('#ffffff', [0, 0, 0, 255])).toBe('#000000');
  });

  it('lists no group that is not drawn', () => {
    const hidden: CatalogGroup[] = ['circles', 'uncovered'];
    const groups = legendEntries({ ...base, drawn: (group) => !hidden.includes(group) }).map((entry) => entry.group);
    for (const group of hidden) expect(groups).not.toContain(group);
    expect(groups).toContain('estates');
    const empty = legendEntries({ ...base, estatePolygons: 0, estatePoints: 0, roads: 0, proposals: 0, proposalCircles: 0, uncoveredCells: null, labelled: 0, boundaries: 0 }).map((entry) => entry.group);
    expect(empty).toEqual(['circles']);
  });
});
