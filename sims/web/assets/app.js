// The web build's page script (plain browser JavaScript, no build step). It renders what the
// server sends, posts the user's gestures, polls for new screens (requests, countdowns), and,
// on the capture screen, scans with the camera (getUserMedia + jsQR, in this page) or an
// uploaded image (converted to PNG and sent to the sim core, which decodes it).
(function () {
  'use strict';
  var root = document.getElementById('app');
  var sim = root.getAttribute('data-sim');
  var base = root.getAttribute('data-base') + '/' + sim;
  var busy = false;
  var camera = null;
  var lastHtml = root.innerHTML;
  // jsQR (250 KB) is loaded when a capture screen first opens the camera, not with every page.
  var jsQrUrl = document.currentScript && document.currentScript.getAttribute('data-jsqr');
  var jsQrLoading = null;
  function loadJsQr() {
    if (window.jsQR) return Promise.resolve();
    if (!jsQrLoading) {
      jsQrLoading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = jsQrUrl;
        script.onload = resolve;
        script.onerror = function () { jsQrLoading = null; reject(new Error('jsQR did not load')); };
        document.head.appendChild(script);
      });
    }
    return jsQrLoading;
  }

  // Gestures reach the server one at a time, in the order the user made them.
  var queue = Promise.resolve();
  function post(path, body) {
    var sent = queue.then(function () {
      return fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, json: json }; }); });
    });
    queue = sent.catch(function () {});
    return sent;
  }

  function render(html) {
    if (html === lastHtml) return;
    lastHtml = html;
    stopCamera();
    root.innerHTML = html;
    // Paired now: the start-clean note under an unpaired app no longer applies.
    if (/data-testid="(mobile-otp|mobile-accounts|mobile-auth-request|desktop-otp)"/.test(html)) {
      var note = document.querySelector('[data-sim-note]');
      if (note) note.hidden = true;
    }
    var first = root.querySelector('input[data-input]');
    if (first) first.focus();
    startCameraIfShown();
  }

  function gesture(body) {
    busy = true;
    return post('/gesture', body).then(function (res) {
      busy = false;
      if (res.ok) render(res.json.screen);
      else console.warn('gesture refused', res.json);
      if (res.ok && typeof res.json.clipboard === 'string') copyText(res.json.clipboard);
      return res;
    }, function (err) { busy = false; console.error(err); });
  }

  // Copy puts the OTP on the browser's real clipboard, where a paste finds it (seed 002 step 6: copy, then paste).
  // navigator.clipboard needs a secure context (https, or http on 127.0.0.1 / localhost); elsewhere, the
  // older execCommand('copy') on a hidden field. The page says which happened, for a person to see.
  function copyText(text) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      note(ok ? 'Copied.' : 'Copy failed: select the code and copy it by hand.');
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { note('Copied.'); }, fallback);
    } else fallback();
  }

  function note(text) {
    var el = document.getElementById('notice');
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
    clearTimeout(note.timer);
    note.timer = setTimeout(function () { el.hidden = true; }, 3000);
  }

  root.addEventListener('click', function (event) {
    var target = event.target.closest('[data-gesture]');
    if (!target || target.disabled) return;
    if (target.tagName === 'A') event.preventDefault();
    var body = { kind: 'tap', control: target.getAttribute('data-testid') };
    var item = target.getAttribute('data-item');
    if (item !== null) body.item = Number(item);
    gesture(body);
  });

  root.addEventListener('input', function (event) {
    var target = event.target;
    if (!target.hasAttribute('data-input')) return;
    post('/gesture', { kind: 'type', control: target.getAttribute('data-testid'), text: target.value });
  });

  root.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !event.target.hasAttribute('data-input')) return;
    // Enter submits: the screen's main action (not a list row, a tab or a secondary button).
    var next = [].slice.call(root.querySelectorAll('button.btn[data-gesture]:not(.secondary)')).filter(function (b) { return !b.closest('.row'); })[0];
    if (next) {
      var value = event.target.value;
      post('/gesture', { kind: 'type', control: event.target.getAttribute('data-testid'), text: value }).then(function () { next.click(); });
    }
  });

  root.addEventListener('change', function (event) {
    var input = event.target;
    if (input.type !== 'file' || !input.files || !input.files[0]) return;
    imageToPngBase64(input.files[0]).then(function (b64) { gesture({ kind: 'scan-image', image: b64 }); });
  });

  // Any image the browser can show becomes PNG bytes, which the sim core decodes with jsQR.
  function imageToPngBase64(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        var data = canvas.toDataURL('image/png');
        resolve(data.slice(data.indexOf(',') + 1));
      };
      img.onerror = function () {
        // Not an image the browser can read: send the raw bytes; the core shows QR_UNREADABLE.
        URL.revokeObjectURL(url);
        file.arrayBuffer().then(function (buf) {
          var bytes = new Uint8Array(buf), s = '';
          for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
          resolve(btoa(s));
        }, reject);
      };
      img.src = url;
    });
  }

  // ---- camera: getUserMedia frames decoded by jsQR in the page ----
  function startCameraIfShown() {
    var video = root.querySelector('video[data-testid="capture-video"]');
    if (!video || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      if (video) status('No camera here: choose an image instead.');
      return;
    }
    var session = { stream: null, stopped: false, timer: 0 };
    camera = session;
    loadJsQr().then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    }).then(function (stream) {
      if (session.stopped) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
      session.stream = stream;
      video.srcObject = stream;
      status('Point the camera at the QR code.');
      tick(session, video);
    }, function (err) {
      status('Camera unavailable (' + err.name + '): choose an image instead.');
    });
  }

  function tick(session, video) {
    if (session.stopped) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      var canvas = document.getElementById('frame');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var ctx = canvas.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(video, 0, 0);
      var frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
      if (code && code.data) {
        stopCamera();
        status('QR code found.');
        gesture({ kind: 'scan-text', text: code.data });
        return;
      }
    }
    session.timer = setTimeout(function () { tick(session, video); }, 150);
  }

  function stopCamera() {
    if (!camera) return;
    camera.stopped = true;
    clearTimeout(camera.timer);
    if (camera.stream) camera.stream.getTracks().forEach(function (t) { t.stop(); });
    camera = null;
  }

  function status(text) {
    var el = root.querySelector('.camera-status');
    if (el) el.textContent = text;
  }

  // ---- polling: requests arrive, countdowns tick (?poll=0: the driver delivers pushes itself) ----
  var polling = new URLSearchParams(location.search).get('poll') !== '0';
  setInterval(function () {
    if (!polling || busy || document.hidden) return;
    var focused = document.activeElement && document.activeElement.hasAttribute && document.activeElement.hasAttribute('data-input');
    fetch(base + '/screen?refresh=1').then(function (r) { return r.json(); }).then(function (json) {
      if (busy) return;
      var screenId = (json.snapshot && json.snapshot.screen) || '';
      var current = root.querySelector('[data-testid].screen');
      var sameScreen = current && current.getAttribute('data-testid') === screenId;
      if (focused && sameScreen) return; // do not wipe what the user is typing
      render(json.screen);
    }, function () {});
  }, 1000);

  startCameraIfShown();
})();
