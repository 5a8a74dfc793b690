/**
 * The report's inline script: status filters and a text search on the requirement and path
 * lists, copy buttons for repro lines, every `<details>` opened for printing. Works without it.
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
        var okText = !text || row.textContent.toLowerCase().indexOf(text) >= 0;
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
