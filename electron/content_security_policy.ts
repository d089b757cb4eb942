/**
 * The renderer's Content-Security-Policy, sent as a header by both hosts (Electron's app:// protocol and
 * the local HTTP host) with every page — frame-ancestors only works as a header. Remote content comes
 * only from the basemap the open project's settings name (shared/ipc/basemap_origins.ts), in
 * connect-src (tiles, styles, glyphs) and img-src; without a basemap the page loads nothing remote.
 * 'wasm-unsafe-eval' lets the optimiser's HiGHS WebAssembly compile in a worker.
 */
import { basemapOrigins } from '../shared/ipc/basemap_origins';

/** The policy for a page whose project has `basemapUrl` ('' = offline). */
export function contentSecurityPolicy(basemapUrl: string): string {
  const remote = basemapOrigins(basemapUrl);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...remote].join(' '),
    "worker-src 'self' blob:",
    'child-src blob:',
    ["connect-src 'self'", ...remote].join(' '),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy without a basemap. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy('');

/**
 * The policy for the project open in `session` now: its basemap's origins, none without a project or
 * when its settings cannot be read.
 */
export function sessionContentSecurityPolicy(session: { readonly isOpen: boolean; readonly store: { settings(): { basemapUrl: string } } }): string {
  try {
    return contentSecurityPolicy(session.isOpen ? session.store.settings().basemapUrl : '');
  } catch {
    return CONTENT_SECURITY_POLICY;
  }
}
