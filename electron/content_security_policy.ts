/**
 * The renderer's Content-Security-Policy, sent as a header by both hosts (Electron's app:// protocol and
 * the local HTTP host) — frame-ancestors only works as a header. https: in img/connect lets a basemap
 * URL the user sets load; 'wasm-unsafe-eval' lets the optimiser's HiGHS WebAssembly compile in a worker.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "worker-src 'self' blob:",
  'child-src blob:',
  "connect-src 'self' https:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
