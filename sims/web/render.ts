/**
 * HTML for one screen of a sim, made from the same `ScreenView` the sim's `snapshot()` reads,
 * so the DOM a browser driver sees carries exactly the contract's IDs and values: the screen
 * root has the screen ID as `data-testid`, every control its control ID; repeated controls have
 * `data-item` (their index). Neighbouring repeated controls of equal length are laid out as rows
 * (an account with its passcode and countdown; a Creds field with its checkbox).
 */
import type { ControlView, ScreenView } from '../shared/view.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const attr = (name: string, value: string | number): string => ` ${name}="${escapeHtml(String(value))}"`;

/** A field's id (for its label), placeholder and accessible name. */
function fieldAttrs(control: ControlView): string {
  return attr('id', `field-${control.id}`) + (control.placeholder ? attr('placeholder', control.placeholder) : '') + (control.label ? attr('aria-label', control.label) : '');
}

/** A visible `<label>` above a field when the view gives one (issue 10: every input says what it wants). */
function labelled(control: ControlView, field: string): string {
  return control.label ? `<label class="field-label"${attr('for', `field-${control.id}`)}>${escapeHtml(control.label)}</label>${field}` : field;
}

function element(control: ControlView, item?: number): string {
  const id = attr('data-testid', control.id) + (item === undefined ? '' : attr('data-item', item));
  const entry = item === undefined ? undefined : control.items?.[item];
  const label = escapeHtml(entry?.text ?? control.text);
  const disabled = control.disabled || entry?.disabled ? ' disabled' : '';
  switch (control.kind) {
    case 'button':
      return `<button type="button" class="btn${control.secondary ? ' secondary' : ''}"${id} data-gesture="tap"${disabled}>${label}</button>`;
    case 'link':
      return `<a href="#" class="link"${id} data-gesture="tap">${label}</a>`;
    case 'tab':
      return `<button type="button" class="tab"${id} data-gesture="tap">${label}</button>`;
    case 'text': {
      // A pre-selected field that cannot be removed (seed 003 share step 2) shows a fixed tick.
      const fixed = entry?.checked && entry.disabled ? '<input type="checkbox" checked disabled aria-label="required">' : '';
      return `${fixed}<span class="value"${id}>${label}</span>`;
    }
    case 'input':
      return labelled(control, `<input class="field" autocomplete="off" spellcheck="false"${fieldAttrs(control)}${id} data-input${attr('value', control.text)}${disabled}>`);
    case 'pin':
      return labelled(control, `<input class="field pin" type="password" inputmode="numeric" autocomplete="off"${fieldAttrs(control)}${id} data-input${disabled}>`);
    case 'checkbox':
      return `<input type="checkbox"${id} data-gesture="tap"${entry?.checked ? ' checked' : ''}${disabled}>`;
    case 'file':
      return `<label class="upload">${label}<input type="file" accept="image/*"${id}></label>`;
    case 'video':
      return `<div class="camera"><video${id} autoplay muted playsinline></video><p class="camera-status">Starting camera…</p></div>`;
  }
}

/** Groups neighbouring repeated controls with the same number of items into one table of rows. */
function groups(controls: ControlView[]): ControlView[][] {
  const out: ControlView[][] = [];
  for (const control of controls) {
    const last = out.at(-1);
    const lead = last?.[0];
    if (lead?.items && control.items && lead.items.length === control.items.length && control.kind !== 'tab') last!.push(control);
    else out.push([control]);
  }
  return out;
}

function renderGroup(group: ControlView[]): string {
  const lead = group[0]!;
  const heading = lead.heading ? `<h2>${escapeHtml(lead.heading)}</h2>` : '';
  return heading + renderControls(group);
}

function renderControls(group: ControlView[]): string {
  const lead = group[0]!;
  const hint = lead.hint ? `<p class="hint">${escapeHtml(lead.hint)}</p>` : '';
  if (!lead.items) return `<div class="control control-${lead.kind}">${element(lead)}${hint}</div>`;
  if (lead.items.length === 0) return `<div class="rows empty"${attr('data-list', lead.id)}></div>`;
  const rows = lead.items.map((_, i) => `<li class="row">${group.map((c) => element(c, i)).join('')}</li>`);
  return `<ul class="rows"${attr('data-list', lead.id)}>${rows.join('')}</ul>`;
}

export function renderScreen(view: ScreenView): string {
  const tabs = view.controls.filter((c) => c.kind === 'tab');
  const main = view.controls.filter((c) => c.kind !== 'tab');
  return [
    `<section class="screen"${attr('data-testid', view.screen)}>`,
    `<h1>${escapeHtml(view.title)}</h1>`,
    ...view.body.filter((p) => p !== '').map((p) => `<p class="body">${escapeHtml(p)}</p>`),
    `<div class="controls">${groups(main).map(renderGroup).join('')}</div>`,
    tabs.length > 0 ? `<nav class="tabs">${tabs.map((t) => element(t)).join('')}</nav>` : '',
    '</section>',
  ].join('');
}

/**
 * Shown under an app that holds no pairing (issue 10): the organisation's server may still list
 * this device from an earlier run, and then every sign-on waits on a phone that is gone. Outside
 * the screen (no testID): a note for the person, not part of the app.
 */
export function startCleanNote(stateFile: string | undefined): string {
  const files = stateFile ? `delete the server's store (authconf.sqlite, or its --db FILE) and ${stateFile}` : "delete the server's store (authconf.sqlite, or its --db FILE)";
  return `This app holds no pairing yet. If the server still lists a device from an earlier run, sign-on waits for that device: to start clean, stop both servers, ${files} (or run both with :memory:), then start them and pair again.`;
}

export function renderPage(options: { sim: 'mobile' | 'desktop'; base: string; title: string; screen: string; note?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(options.base)}/assets/style.css">
</head>
<body class="sim-${options.sim}">
${options.note ? `<aside class="sim-note" data-sim-note>${escapeHtml(options.note)}</aside>` : ''}
<main id="app" class="device device-${options.sim}" data-sim="${options.sim}" data-base="${escapeHtml(options.base)}">${options.screen}</main>
<p id="notice" class="notice" role="status" hidden></p>
<canvas id="frame" hidden></canvas>
<script src="${escapeHtml(options.base)}/assets/app.js" data-jsqr="${escapeHtml(options.base)}/assets/jsQR.js"></script>
</body>
</html>`;
}
