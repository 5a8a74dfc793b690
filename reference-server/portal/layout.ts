/** The portal's page frame: inline CSS, no external assets, the screen's testID on its root. */
import type { PortalScreenId } from '../../models/testids.ts';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef1f5;color:#1f2933}
header{background:#16324f;color:#fff;padding:14px 28px;font-weight:600;letter-spacing:.2px;display:flex;justify-content:space-between;align-items:center}
header small{font-weight:400;opacity:.8}
main{max-width:520px;margin:40px auto;background:#fff;border-radius:10px;box-shadow:0 2px 12px rgba(22,50,79,.12);padding:32px 36px}
h1{font-size:22px;margin:0 0 8px}
p.lead{color:#52606d;margin:0 0 24px}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text],input[type=password]{width:100%;padding:10px 12px;border:1px solid #9aa5b1;border-radius:6px;font-size:16px}
input:focus{outline:2px solid #2680c2;border-color:#2680c2}
.actions{display:flex;gap:12px;margin-top:24px;flex-wrap:wrap}
button,.button{font-family:inherit;display:inline-block;padding:10px 20px;border-radius:6px;border:1px solid #2680c2;background:#2680c2;color:#fff;font-size:16px;font-weight:600;text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:#fff;color:#2680c2}
.error{background:#fde8e8;border:1px solid #f5a3a3;color:#8a1c1c;padding:10px 12px;border-radius:6px;margin:16px 0}
.error code{font-size:12px;opacity:.8}
.qr{display:block;margin:8px auto;width:240px;height:240px;image-rendering:pixelated;border:1px solid #e4e7eb;border-radius:6px}
.key{font:600 26px/1.2 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:2px;text-align:center;margin:12px 0 4px}
.hint{font-size:14px;color:#616e7c;text-align:center}
.choices{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:24px}
.choice{display:flex;flex-direction:column;align-items:center;gap:6px;border:1px solid #cbd2d9;border-radius:8px;padding:14px;text-align:center;text-decoration:none;color:#1f2933;font-weight:600;background:#f5f7fa}
.choice:hover{border-color:#2680c2;background:#e6f1fb}
.status{display:flex;align-items:center;gap:12px;padding:14px;border-radius:8px;background:#f5f7fa;margin:16px 0}
.spinner{width:20px;height:20px;border:3px solid #cbd2d9;border-top-color:#2680c2;border-radius:50%;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
.check{width:84px;height:84px;border-radius:50%;background:#2f9e44;color:#fff;font-size:52px;line-height:84px;text-align:center;margin:8px auto 16px}
.cross{width:84px;height:84px;border-radius:50%;background:#c92a2a;color:#fff;font-size:48px;line-height:84px;text-align:center;margin:8px auto 16px}
.center{text-align:center}
ul.devices{list-style:none;padding:0;margin:0}
ul.devices li{margin:8px 0}
ul.devices button{width:100%;text-align:left;background:#f5f7fa;color:#1f2933;border-color:#cbd2d9}
ul.devices button small{display:block;font-weight:400;color:#616e7c}
footer{text-align:center;color:#7b8794;font-size:13px;margin:24px}
`;

export interface PageOptions {
  title: string;
  screen: PortalScreenId;
  organization: string;
  body: string;
  /** Inline script (polling). */
  script?: string;
}

export function page({ title, screen, organization, body, script }: PageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(organization)}</title><style>${css}</style></head>
<body><header><span data-testid="portal-organization">${escapeHtml(organization)}</span><small>Secure sign-on</small></header>
<main data-testid="${screen}">${body}</main>
<footer>authconf reference server</footer>
${script ? `<script>${script}</script>` : ''}
</body></html>`;
}

/** Polls a JSON endpoint every second; follows `next` when it appears; shows `label` meanwhile. */
export function pollScript(statusUrl: string, statusTestId: string): string {
  return `(function(){var el=document.querySelector('[data-testid="${statusTestId}"]');
function tick(){fetch(${JSON.stringify(statusUrl)},{credentials:'same-origin',headers:{accept:'application/json'}})
.then(function(r){return r.json()}).then(function(j){if(j.label&&el)el.textContent=j.label;if(j.next){location.href=j.next}else{setTimeout(tick,1000)}})
.catch(function(){setTimeout(tick,2000)})}setTimeout(tick,1000)})();`;
}

/** Inline SVG icons (no emoji fonts or external assets needed). */
export const icons = {
  mobile: '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="#2680c2" stroke-width="2" aria-hidden="true"><rect x="6" y="2" width="12" height="20" rx="2"/><line x1="11" y1="18" x2="13" y2="18"/></svg>',
  desktop: '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="#2680c2" stroke-width="2" aria-hidden="true"><rect x="2" y="4" width="20" height="13" rx="2"/><line x1="8" y1="21" x2="16" y2="21"/><line x1="12" y1="17" x2="12" y2="21"/></svg>',
};
