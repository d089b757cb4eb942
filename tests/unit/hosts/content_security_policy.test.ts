/**
 * The renderer's Content-Security-Policy admits remote content only from the origins of the basemap
 * set in the project's settings (an XYZ template's host, with a subdomain placeholder as a wildcard,
 * or a style's host), not from every https: address.
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/content_security_policy';
import { basemapOrigins } from '../../../shared/ipc/basemap_origins';

/** The policy's directives by name. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('basemap origins', () => {
  it('are the https origins a basemap URL loads from, with {placeholders} in the host as a wildcard subdomain', () => {
    expect(basemapOrigins('')).toEqual([]);
    expect(basemapOrigins('  ')).toEqual([]);
    expect(basemapOrigins('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual(['https://tile.openstreetmap.org']);
    expect(basemapOrigins('https://{s}.tile.example.com/{z}/{x}/{y}.png')).toEqual(['https://*.tile.example.com']);
    expect(basemapOrigins('https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}')).toEqual([
      'https://*.is.autonavi.com',
    ]);
    expect(basemapOrigins('https://tiles.{s}.example.org/{z}/{x}/{y}.png')).toEqual(['https://*.example.org']);
    expect(basemapOrigins('https://demotiles.maplibre.org/style.json')).toEqual(['https://demotiles.maplibre.org']);
    expect(basemapOrigins('https://Maps.Example.com:8443/{z}/{x}/{y}.png')).toEqual(['https://maps.example.com:8443']);
    // 瓦片.example.cn in the ASCII form a policy names it by (Python: '瓦片'.encode('idna') == b'xn--h1xv9c').
    expect(basemapOrigins('https://xn--h1xv9c.example.cn/{z}/{x}/{y}.png')).toEqual(['https://xn--h1xv9c.example.cn']);
  });

  it('are none for what the app refuses to load or a policy cannot say', () => {
    expect(basemapOrigins('http://tile.example.com/{z}/{x}/{y}.png')).toEqual([]);
    expect(basemapOrigins('not a url')).toEqual([]);
    expect(basemapOrigins("https://a.example.com;script-src 'unsafe-inline'/{z}/{x}/{y}.png")).toEqual([]);
    expect(basemapOrigins('https://a.example.com,https://b.example.com/x.json')).toEqual([]);
    expect(basemapOrigins('https://{s}/{z}/{x}/{y}.png')).toEqual([]);
    expect(basemapOrigins('https://{s}.com/{z}/{x}/{y}.png')).toEqual([]);
    expect(basemapOrigins('https://user@tile.example.com/{z}/{x}/{y}.png')).toEqual([]);
    expect(basemapOrigins('https://瓦片.example.cn/{z}/{x}/{y}.png')).toEqual([]);
    expect(basemapOrigins('https://127.0.0.1:8080/{z}/{x}/{y}.png')).toEqual(['https://127.0.0.1:8080']);
  });
});

describe('content security policy', () => {
  it('offline (no basemap): no remote origin at all', () => {
    const policy = directives(contentSecurityPolicy(''));
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
  });

  it('with a basemap: its origins in connect-src and img-src, never https: as a whole', () => {
    const text = contentSecurityPolicy('https://{s}.tile.example.com/{z}/{x}/{y}.png');
    const policy = directives(text);
    expect(policy['connect-src']).toEqual(["'self'", 'https://*.tile.example.com']);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://*.tile.example.com']);
    expect(text).not.toMatch(/(^|\s)https:(\s|;|$)/);
    // Everything else is as offline.
    const offline = directives(contentSecurityPolicy(''));
    for (const name of Object.keys(offline).filter((n) => n !== 'connect-src' && n !== 'img-src')) expect(policy[name]).toEqual(offline[name]);
  });
});
