/**
 * The page around the report: its CSS (light and dark by prefers-color-scheme, system fonts only), the small
 * script for the heat-map (everything else works without JavaScript) and a Content-Security-Policy that allows
 * no network at all and only this script — so even text that slipped past escaping could not load or run anything.
 */
import { createRequire } from 'node:module';
import { escapeHtml } from './html-escape.js';

export const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#59636e;--card:#f6f8fa;--line:#d1d9e0;--fill:#2f81f7;--over:#cf222e;--ok:#1a7f37;--warn:#9a6700;--l:88%;--s:65%}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#161b22;--line:#3d444d;--fill:#4493f8;--over:#f85149;--ok:#3fb950;--warn:#d29922;--l:32%;--s:45%}}
*{box-sizing:border-box}
body{margin:0;padding:16px 24px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:12px 0 6px}h4{font-size:14px;margin:0 0 6px;overflow-wrap:anywhere}
small,.muted,.hint{color:var(--muted)}
.summary{display:flex;gap:16px;flex-wrap:wrap;margin:4px 0}.summary b{font-size:16px}
.zones{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:16px}.stack{display:grid;gap:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.node{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
.node.cordoned{border-style:dashed;opacity:.85}.node.tainted{border-left:4px solid var(--warn)}
.marks{list-style:none;margin:0 0 6px;padding:0;display:flex;flex-wrap:wrap;gap:4px}
.marks li{font-size:12px;border-radius:4px;padding:0 5px;border:1px solid var(--warn);color:var(--warn);overflow-wrap:anywhere}.marks li.cordon{border-color:var(--over);color:var(--over)}
.bar{display:grid;grid-template-columns:56px 1fr auto;gap:6px;align-items:center;font-size:12px}
.track{height:8px;background:var(--line);border-radius:4px;overflow:hidden}.fill{display:block;height:100%;background:var(--fill)}
.bar.over .fill{background:var(--over)}.bar-value{color:var(--muted);font-variant-numeric:tabular-nums}
.pods{display:flex;flex-wrap:wrap;gap:4px;margin-top:8px}
.pod{position:relative;display:inline-block;font-size:12px;padding:1px 6px;border-radius:10px;background:hsl(var(--h,210) var(--s) var(--l));border:1px solid var(--line);cursor:default;overflow-wrap:anywhere}
.pod.running{background:transparent;color:var(--muted);border-style:dashed}
.pod:focus{outline:2px solid var(--fill);outline-offset:1px}
.tip{display:none;position:absolute;z-index:10;left:0;top:100%;margin-top:4px;min-width:220px;max-width:360px;padding:6px 8px;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:6px;box-shadow:0 4px 12px rgba(0,0,0,.2);white-space:normal}
.tip>span{display:block}.tip-head{font-weight:600}.tip ul{margin:2px 0 0;padding-left:16px}
.pod:hover .tip,.pod:focus .tip,.pod:focus-within .tip{display:block}
.lane{list-style:none;padding:0;margin:0;display:grid;gap:6px}.lane li{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.reason{color:var(--over)}.ok{color:var(--ok)}.warn{color:var(--warn)}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.ep{display:inline-block;font-size:12px;border:1px solid var(--line);border-radius:4px;padding:0 4px;margin:1px}
.strip{display:flex;flex-wrap:wrap;gap:2px}
.cell{display:block;width:12px;height:12px;border-radius:2px;background:color-mix(in srgb,var(--over) calc(var(--u)*1%),var(--line))}
.cell.cordoned{outline:1px dashed var(--fg)}.cell:focus,.cell.sel{outline:2px solid var(--fill)}
#node-detail{margin-top:12px}
.rollout{border:1px solid var(--line);border-radius:8px;padding:10px;margin:12px 0}.rollout.is-stalled{border-color:var(--over)}
.rollout-body{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}figure{margin:0}
.chart .old{fill:var(--muted)}.chart .new{fill:hsl(var(--h) 60% 50%)}.chart .avail{fill:var(--ok)}
.chart .axis{stroke:var(--line)}.chart .desired{stroke:var(--fg);stroke-dasharray:4 3}.chart .tick{fill:var(--muted);font-size:10px;text-anchor:end}
.chart .pending rect{stroke:var(--warn);stroke-width:1.5}.chart .stalled rect{fill:var(--over);opacity:.5}
.key{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px;border-radius:2px}.key.old{background:var(--muted)}.key.new{background:hsl(var(--h) 60% 50%)}.key.avail{background:var(--ok);border-radius:50%}.key.desired{border-top:2px dashed var(--fg);height:0}
.steps{margin:0;padding-left:24px;max-height:320px;overflow:auto;flex:1;min-width:280px}.steps .wave{list-style:none;color:var(--muted)}.steps .pending{color:var(--warn)}.steps .stalled{color:var(--over)}
.badge{font-size:12px;border-radius:4px;padding:0 6px;border:1px solid}.badge.bad{color:var(--over)}
.changes{list-style:none;padding:0}.changes pre{overflow:auto;background:var(--card);padding:8px;font-size:12px}
.changes .added summary{color:var(--ok)}.changes .removed summary{color:var(--over)}
.sev-error{color:var(--over)}.sev-warning{color:var(--warn)}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`;

/** Heat-map mode only: a click on a cell shows that node's card, built with textContent from the page's JSON. */
export const SCRIPT = `(function(){
var data=document.getElementById('kp-data');var panel=document.getElementById('node-detail');
if(!data||!panel)return;var d=JSON.parse(data.textContent);var names=['cpu','memory','pods'];
function q(s){var m=/^([0-9.]+)([a-zA-Z]*)$/.exec(s);if(!m)return 0;var u={m:1e-3,k:1e3,M:1e6,G:1e9,T:1e12,Ki:1024,Mi:1048576,Gi:1073741824,Ti:1099511627776}[m[2]];return parseFloat(m[1])*(u||1);}
function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!=null)e.textContent=x;return e;}
function show(i){var n=d.nodes[i];if(!n)return;panel.textContent='';var a=el('article','node');a.setAttribute('data-node',n[0]);
a.appendChild(el('h4',null,n[0]+' ('+n[1]+')'));if(n[2].length){var ul=el('ul','marks');n[2].forEach(function(m){ul.appendChild(el('li','taint',m));});a.appendChild(ul);}
var bars=el('div','bars');n[3].forEach(function(b,k){var r=q(b[0]),al=q(b[1]);var f=al>0?r/al:(r>0?1:0);var row=el('div','bar'+(f>1?' over':''));
row.appendChild(el('span','bar-name',names[k]));var tr=el('span','track');var fi=el('span','fill');fi.style.width=Math.min(100,Math.round(f*100))+'%';tr.appendChild(fi);row.appendChild(tr);row.appendChild(el('span','bar-value',b[0]+' / '+b[1]));bars.appendChild(row);});
a.appendChild(bars);var pods=el('div','pods');n[4].forEach(function(p){var o=d.owners[d.pods[p][0]];var c=el('span','pod',o[0]+d.pods[p][1]);c.style.setProperty('--h',o[1]);pods.appendChild(c);});
if(!n[4].length)pods.appendChild(el('span','empty','no planned pods'));a.appendChild(pods);panel.appendChild(a);
var old=document.querySelector('.cell.sel');if(old)old.classList.remove('sel');var cell=document.querySelector('.cell[data-i="'+i+'"]');if(cell)cell.classList.add('sel');}
document.addEventListener('click',function(ev){var t=ev.target;if(t&&t.classList&&t.classList.contains('cell')){ev.preventDefault();show(+t.getAttribute('data-i'));}});
})();`;

// node:crypto is loaded (and the script hashed) only when a page is written, not at every start.
const require = createRequire(import.meta.url);
let csp: string | undefined;

/** No network (default-src 'none'), inline styles, this one script, data: images only. */
export function contentSecurityPolicy(): string {
  if (csp !== undefined) return csp;
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return csp;
}

export function page(title: string, body: string, data: string | null): string {
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark">` +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head>\n<body>\n${body}\n` +
    (data !== null ? `<script type="application/json" id="kp-data">${data}</script>\n` : '') +
    `<script>${SCRIPT}</script>\n</body></html>\n`
  );
}
