/**
 * Reading a page the way the testID contract allows: by `data-testid` only. No browser: a small
 * tolerant scan of the HTML for elements carrying `data-testid`, their text (tags stripped,
 * entities decoded) or, for inputs and images, their value/src attribute.
 */
import type { ScreenSnapshot } from '../../../models/testids.ts';

export interface TestIdElement {
  id: string;
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return ENTITIES[e] ?? String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) attrs[m[1]!.toLowerCase()] = decodeEntities(m[3] ?? m[4] ?? '');
  return attrs;
}

const VOID = new Set(['input', 'img', 'br', 'hr', 'meta', 'link']);

/** Every element with a `data-testid`, in document order. */
export function testIdElements(html: string): TestIdElement[] {
  const out: TestIdElement[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*\bdata-testid\s*=\s*["'][^"']+["'][^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    const attrs = attributes(m[2]!);
    let text = '';
    if (!VOID.has(tag)) {
      // Inner text up to the matching close tag (same-tag nesting counted).
      const start = m.index! + m[0].length;
      const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
      re.lastIndex = start;
      let depth = 1;
      let end = html.length;
      for (let t = re.exec(html); t; t = re.exec(html)) {
        depth += t[1] ? -1 : 1;
        if (depth === 0) {
          end = t.index;
          break;
        }
      }
      text = decodeEntities(html.slice(start, end).replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
    } else {
      text = attrs.value ?? attrs.src ?? '';
    }
    out.push({ id: attrs['data-testid']!, tag, attrs, text });
  }
  return out;
}

/** The page as a snapshot: the first element whose testID is a screen ID names the screen. */
export function snapshotOf<S extends string>(html: string, screens: readonly S[]): ScreenSnapshot<S, string> {
  const elements = testIdElements(html);
  const screen = elements.find((e) => (screens as readonly string[]).includes(e.id))?.id as S | undefined;
  const values: Record<string, string | string[]> = {};
  for (const e of elements) {
    if (e.id === screen) continue;
    const existing = values[e.id];
    values[e.id] = existing === undefined ? e.text : [...(Array.isArray(existing) ? existing : [existing]), e.text];
  }
  return { screen: (screen ?? ('(no screen)' as S)), values };
}
