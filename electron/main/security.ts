/**
 * Electron security checklist in one place: a privileged custom protocol for the renderer (no file://),
 * CSP on every document, no navigation (of any frame) away from the app, no new windows, no
 * permissions, IPC only from our own frames. The fuses of the packaged binary are in
 * electron-builder.yml (electronFuses).
 */
import { app, net, protocol, session, type WebContents } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, navigationAllowed } from './navigation_guard';
export { isTrustedSender } from './navigation_guard';

export { APP_ORIGIN, APP_SCHEME };

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } },
  ]);
}

/**
 * Serves the built renderer folder under app://siting/, refusing anything outside it. Pages get the
 * Content-Security-Policy `policy()` gives at the time (it follows the open project's basemap).
 */
export function serveRenderer(rendererDir: string, policy: () => string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response('malformed percent-escape in the path', { status: 400 });
    }
    const relative = normalize(pathname).replace(/^([/\\])+/, '');
    let file = join(root, relative || 'index.html');
    if (!file.startsWith(root + sep)) return new Response('forbidden', { status: 403 });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    if (extname(file) === '.html') headers.set('Content-Security-Policy', policy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(event)) event.preventDefault();
  });
  // Every frame's navigations, subframes included (will-navigate sees only the main frame's).
  contents.on('will-frame-navigate', (event) => {
    if (!navigationAllowed(event)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(event)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
