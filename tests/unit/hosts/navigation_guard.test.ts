/**
 * Electron's navigation guards (electron/main/security.ts registers them on every web contents):
 * only the app's own pages, in the main frame, may be navigated to; IPC only from them.
 */
import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender, navigationAllowed } from '../../../electron/main/navigation_guard';

describe('navigation guard', () => {
  it('knows the app origin exactly', () => {
    expect(isAppUrl('app://siting/index.html')).toBe(true);
    expect(isAppUrl('app://siting/')).toBe(true);
    expect(isAppUrl('app://siting/assets/index-abc.js?x=1#y')).toBe(true);
    for (const url of [
      'app://siting.evil.example/index.html',
      'app://siting@evil.example/index.html',
      'app://sitingx/index.html',
      'app://evil/siting/',
      'file:///etc/passwd',
      'https://siting/index.html',
      'http://127.0.0.1:3000/',
      'javascript:alert(1)',
      'app:siting/index.html',
      'not a url',
      '',
    ]) {
      expect({ url, app: isAppUrl(url) }).toEqual({ url, app: false });
    }
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('lets the main frame go to app pages only, and no subframe anywhere', () => {
    expect(navigationAllowed({ url: 'app://siting/index.html', isMainFrame: true })).toBe(true);
    expect(navigationAllowed({ url: 'https://tile.openstreetmap.org/', isMainFrame: true })).toBe(false);
    expect(navigationAllowed({ url: 'app://siting/index.html', isMainFrame: false })).toBe(false);
    expect(navigationAllowed({ url: 'https://evil.example/', isMainFrame: false })).toBe(false);
  });

  it('takes IPC only from the main frame of an app page', () => {
    const main = { url: 'app://siting/index.html', parent: null };
    expect(isTrustedSender(main)).toBe(true);
    // a subframe of our own origin (the app has none) and frames of other origins are refused
    expect(isTrustedSender({ url: 'app://siting/index.html', parent: main })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: main })).toBe(false);
    // a frame that is gone (Electron gives null) or a sender without a frame
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
