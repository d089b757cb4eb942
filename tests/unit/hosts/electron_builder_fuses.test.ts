/**
 * The packaged app's Electron fuses, as the installed electron-builder reads electron-builder.yml:
 * the configuration passes its schema, and the fuses that let a packaged binary run other code are
 * off (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, app code outside the asar, file:// privileges)
 * and cookie encryption on.
 */
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { REPO_ROOT } from '../../helpers/paths';

describe('electron-builder configuration', () => {
  it('validates against the installed electron-builder schema and flips the hardening fuses', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });
});
