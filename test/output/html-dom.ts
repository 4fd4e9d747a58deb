/**
 * Reading the HTML report as a browser would: parse5 implements the WHATWG parsing algorithm (the one browsers run),
 * so "valid" means no parse error and "cannot inject" means the parsed tree has no element or attribute we did not write.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export interface Dom {
  errors: string[];
  elements: Element[];
}

export function parseHtml(html: string): Dom {
  const errors: string[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  const elements: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) elements.push(n);
    const kids = 'content' in n && n.content ? n.content.childNodes : 'childNodes' in n ? n.childNodes : [];
    for (const k of kids) walk(k);
  };
  walk(doc);
  return { errors, elements };
}

export function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(e: Element, cls: string): boolean {
  return (attr(e, 'class') ?? '').split(/\s+/).includes(cls);
}

/** All text under an element, as the parser decoded it. */
export function text(e: Node): string {
  if (e.nodeName === '#text') return (e as DefaultTreeAdapterMap['textNode']).value;
  const kids = 'childNodes' in e ? e.childNodes : [];
  return kids.map(text).join('');
}

export function byClass(dom: Dom, tag: string, cls: string): Element[] {
  return dom.elements.filter((e) => e.tagName === tag && hasClass(e, cls));
}
