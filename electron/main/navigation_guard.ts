/**
 * Which URLs the app's windows may go to and take IPC from: only the app's own pages, served under
 * app://siting/ (security.ts serves them and registers these guards). Pure functions, so they are
 * tested without the Electron runtime.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'siting';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for a page of the app (app://siting/…), judged on the parsed URL, not a string prefix. */
export function isAppUrl(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Whether a navigation (will-navigate, will-frame-navigate, will-redirect) may go on: the main frame
 * to an app page. The app has no frames of its own, so a subframe navigates nowhere.
 */
export function navigationAllowed(navigation: { url: string; isMainFrame: boolean }): boolean {
  return navigation.isMainFrame && isAppUrl(navigation.url);
}

/**
 * True when an IPC message comes from the main frame of our own renderer origin: not from a
 * navigated or injected frame, nor from a subframe (the app has none; an embedded frame of our
 * origin could only come from content we did not write).
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
