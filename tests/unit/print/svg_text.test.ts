/**
 * Text in the sheet's SVG (shared/print/svg.ts): titles and names come from the project file, which
 * may come from anyone; they must stay text (markup characters escaped) and must not make the SVG
 * unreadable (characters XML 1.0 cannot hold are dropped), or the preview and the PNG would fail.
 */
import { describe, expect, it } from 'vitest';
import { displayListToSvg, escapeXml } from '../../../shared/print/svg';

function textSvg(text: string): string {
  return displayListToSvg({ widthMm: 10, heightMm: 10, items: [{ kind: 'text', xMm: 1, yMm: 2, sizeMm: 3, anchor: 'start', color: '#212121', text, haloMm: 0.5 }] });
}

describe('text in the sheet SVG', () => {
  it('escapes markup characters in a name', () => {
    const svg = textSvg('<script>alert("x")</script> & <img src=x onerror=y>');
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;';
    // the halo and the text itself
    expect(svg.split(`>${escaped}</text>`)).toHaveLength(3);
    expect(svg).not.toMatch(/<script|<img/);
  });

  it('drops characters XML cannot hold and keeps Chinese, emoji and the rest', () => {
    expect(escapeXml('武汉\u0001市\u0008\u000B\u001F\uFFFE\uFFFF 😀\tA\nB\uD800C\uDC00')).toBe('武汉市 😀\tA\nBC');
    expect(textSvg('a\u0000b')).toContain('>ab</text>');
  });
});
