/**
 * Escaping for the HTML report. Every name in it comes from a pull request's manifests, so every piece of text goes
 * through escapeHtml (element text and quoted attribute values alike) and data for the script goes through
 * jsonForScript (no `<`, `>`, `&` or line separators survive, so `</script>` cannot close the element).
 */
import { escapeControl } from '../core/escape.js';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a double/single-quoted attribute value; control and bidi characters made visible. */
export function escapeHtml(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

/** JSON that is inert inside `<script type="application/json">`: the HTML tokenizer never sees `<`, `>` or `&`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A stable hue (0–359) for a workload, so its pods share a colour in every report (FNV-1a, no randomness). */
export function hue(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 360;
}
