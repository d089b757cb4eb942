/**
 * The remote origins a basemap URL (Settings.basemapUrl: an XYZ tile template or a MapLibre style
 * URL) loads from, as Content-Security-Policy host sources. Both hosts admit only these in the
 * renderer's connect-src and img-src (electron/content_security_policy.ts), and the renderer loads
 * itself again when the basemap moves to an origin its policy does not admit.
 */

/** A CSP host: lower-case ASCII labels or an IPv4 address. */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * The https origins of `url`, [] for none (empty, not https, or not expressible as a policy source).
 * A {placeholder} in the host name ({prefix}, {s}) stands for any subdomain at and left of it. An
 * internationalised host name must be written in its ASCII form (xn--…), as a policy names it.
 *
 * @example
 * basemapOrigins('https://{s}.tile.example.com/{z}/{x}/{y}.png'); // ['https://*.tile.example.com']
 * basemapOrigins('https://demotiles.maplibre.org/style.json'); // ['https://demotiles.maplibre.org']
 * basemapOrigins(''); // []
 */
export function basemapOrigins(url: string): string[] {
  const authority = /^https:\/\/([^/?#\\]*)/i.exec(url.trim())?.[1];
  if (authority === undefined) return [];
  const [, host, port] = /^(.*?)(?::(\d{1,5}))?$/.exec(authority) ?? [];
  const labels = host.toLowerCase().split('.');
  const lastPlaceholder = labels.findLastIndex((label) => /[{}]/.test(label));
  const fixed = labels.slice(lastPlaceholder + 1).join('.');
  const wildcard = lastPlaceholder >= 0;
  if (!HOST.test(fixed)) return [];
  // "*.com" would admit a whole top-level domain.
  if (wildcard && !fixed.includes('.')) return [];
  return [`https://${wildcard ? '*.' : ''}${fixed}${port ? `:${port}` : ''}`];
}
