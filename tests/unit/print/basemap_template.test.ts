/**
 * Printing with the Tianditu preset: the project keeps the template with {tk}; the print fills in the
 * user's key (from the preferences, never the project) and refuses with a reason code when there is none.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { basemapTemplate, redactKey } from '../../../electron/services/print/basemap_tiles';
import { BASEMAP_PRESETS } from '../../../renderer/map/basemap';

const reasonOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof InputError ? error.reason : 'not an InputError';
  }
  return undefined;
};

describe('print basemap template', () => {
  const tianditu = BASEMAP_PRESETS.tianditu;
  it('fills the user key into the project’s Tianditu template', () => {
    expect(tianditu).toContain('{tk}');
    const filled = basemapTemplate('project', tianditu, 'abc123DEF');
    expect(filled).toBe(tianditu.replace('{tk}', 'abc123DEF'));
    expect(filled).not.toContain('{tk}');
  });
  it('refuses without a key, or with a key that is not letters and digits', () => {
    expect(reasonOf(() => basemapTemplate('project', tianditu, ''))).toBe('print_basemap_key_missing');
    expect(reasonOf(() => basemapTemplate('project', tianditu, 'a&b=c'))).toBe('print_basemap_key_missing');
  });
  it('leaves other templates as they are', () => {
    const osm = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
    expect(basemapTemplate('project', osm, '')).toBe(osm);
    expect(basemapTemplate(osm, '', '')).toBe(osm);
  });
  it('keeps the key out of what messages quote', () => {
    const filled = basemapTemplate('project', tianditu, 'abc123DEF').replace('{x}', '1').replace('{y}', '2').replace('{z}', '3');
    expect(redactKey(filled)).not.toContain('abc123DEF');
    expect(redactKey(filled)).toContain('tk=…');
    expect(redactKey('https://a.example/{z}/{x}/{y}.png?tk={tk}')).toContain('tk={tk}');
  });
});
