/**
 * The report's inline script: status filters and a text search on the requirement and path
 * lists (the search reads each row's `data-search`: ids and text, not the evidence), copy buttons
 * for repro lines, zoom and pan on the diagrams (wheel zooms at the pointer, drag pans, buttons
 * zoom in and out, fit the whole diagram or show it at 100 %), every `<details>` opened and every
 * diagram shown whole for printing. The page works without it.
 */
export const script = `
(function () {
  function setupFilter(group) {
    var target = document.getElementById(group.getAttribute('data-target'));
    if (!target) return;
    var buttons = group.querySelectorAll('button[data-status]');
    var search = group.querySelector('input[type=search]');
    var current = 'all';
    function apply() {
      var text = search ? search.value.trim().toLowerCase() : '';
      target.querySelectorAll('[data-status]').forEach(function (row) {
        var okStatus = current === 'all' || row.getAttribute('data-status') === current;
        var haystack = row.hasAttribute('data-search') ? row.getAttribute('data-search') : row.textContent;
        var okText = !text || haystack.toLowerCase().indexOf(text) >= 0;
        row.classList.toggle('hidden', !(okStatus && okText));
      });
    }
    buttons.forEach(function (button) {
      button.addEventListener('click', function () {
        current = button.getAttribute('data-status');
        buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b === button)); });
        apply();
      });
    });
    if (search) search.addEventListener('input', apply);
  }
  document.querySelectorAll('.filters[data-target]').forEach(setupFilter);
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source) return;
      var text = source.textContent;
      var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
      else { var range = document.createRange(); range.selectNodeContents(source); var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range); }
    });
  });
  function setupDiagram(wrap) {
    var svg = wrap.querySelector('svg.diagram');
    var tools = wrap.parentNode.querySelector('.diagram-tools');
    if (!svg || !tools) return;
    var W = Number(svg.getAttribute('data-width')), H = Number(svg.getAttribute('data-height'));
    if (!(W > 0 && H > 0)) return;
    var view = { x: 0, y: 0, w: W, h: H };
    var heightPx = H;
    var readout = tools.querySelector('.zoom-level');
    function widthPx() { return wrap.clientWidth || W; }
    function scale() { return widthPx() / view.w; }
    function apply() {
      svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' '));
      if (readout) readout.textContent = Math.round(scale() * 100) + ' %';
    }
    function show(s, cx, cy) {
      view.w = widthPx() / s; view.h = heightPx / s;
      view.x = cx - view.w / 2; view.y = cy - view.h / 2;
      apply();
    }
    function initial() {
      var s = Math.min(1, widthPx() / W);
      heightPx = Math.max(160, Math.min(H * s, window.innerHeight * 0.8));
      svg.style.height = heightPx + 'px';
      view = { x: 0, y: 0, w: widthPx() / s, h: heightPx / s };
      view.x = (W - view.w) / 2;
      apply();
    }
    function zoomAt(factor, px, py) {
      var s = Math.max(0.1, Math.min(4, scale() * factor));
      var sx = view.x + px * view.w / widthPx(), sy = view.y + py * view.h / heightPx;
      view.w = widthPx() / s; view.h = heightPx / s;
      view.x = sx - px * view.w / widthPx(); view.y = sy - py * view.h / heightPx;
      apply();
    }
    wrap.classList.add('zoomable');
    tools.classList.add('on');
    svg.removeAttribute('width'); svg.removeAttribute('height');
    initial();
    wrap.addEventListener('wheel', function (event) {
      event.preventDefault();
      var box = svg.getBoundingClientRect();
      zoomAt(Math.pow(1.0015, -event.deltaY), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    var drag = null;
    wrap.addEventListener('pointerdown', function (event) {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY };
      wrap.classList.add('dragging');
      if (wrap.setPointerCapture) wrap.setPointerCapture(event.pointerId);
    });
    wrap.addEventListener('pointermove', function (event) {
      if (!drag) return;
      view.x -= (event.clientX - drag.x) * view.w / widthPx();
      view.y -= (event.clientY - drag.y) * view.h / heightPx;
      drag = { x: event.clientX, y: event.clientY };
      apply();
    });
    function endDrag() { drag = null; wrap.classList.remove('dragging'); }
    wrap.addEventListener('pointerup', endDrag);
    wrap.addEventListener('pointercancel', endDrag);
    tools.addEventListener('click', function (event) {
      var action = event.target && event.target.getAttribute && event.target.getAttribute('data-zoom');
      if (action === 'in') zoomAt(1.25, widthPx() / 2, heightPx / 2);
      else if (action === 'out') zoomAt(0.8, widthPx() / 2, heightPx / 2);
      else if (action === 'fit') show(Math.min(widthPx() / W, heightPx / H), W / 2, H / 2);
      else if (action === 'reset') { show(1, W / 2, 0); view.y = 0; view.x = Math.min(0, (W - view.w) / 2); apply(); }
    });
    window.addEventListener('resize', initial);
    window.addEventListener('beforeprint', function () { svg.style.height = ''; svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H); });
    window.addEventListener('afterprint', initial);
  }
  document.querySelectorAll('.diagram-wrap').forEach(setupDiagram);
  function openTarget() {
    var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { d.setAttribute('data-was-open', String(d.open)); d.open = true; }); });
  window.addEventListener('afterprint', function () { document.querySelectorAll('details').forEach(function (d) { d.open = d.getAttribute('data-was-open') === 'true'; }); });
})();
`;
