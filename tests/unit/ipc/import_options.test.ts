/** The import options as every host validates them (the contract's input schemas). */
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';

const file = { path: '/data/grid.tif' };

describe('import options crossing the IPC / HTTP boundary', () => {
  it('refuses replace together with append, naming the field', () => {
    const parsed = contract['layer:import:start'].input.safeParse({ layer: 'population', file, options: { replace: true, append: true } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['options', 'append'] });
    expect(parsed.error?.issues[0].message).toMatch(/replace and append exclude each other/);
  });

  it('takes either one alone, and none', () => {
    for (const options of [{ replace: true }, { append: true }, {}]) {
      expect(contract['layer:import:start'].input.safeParse({ layer: 'population', file, options }).success).toBe(true);
    }
    expect(contract['layer:import'].input.parse({ layer: 'facilities', file }).options).toEqual({});
  });
});
