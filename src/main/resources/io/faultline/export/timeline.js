(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);

  var COLORS = {
    text: '#d7dee6', muted: '#8b98a6', grid: '#222b35', line: '#26303b', accent: '#6cb6ff', note: '#f2cc60',
    ok: '#3fb950', fail: '#f85149', timeout: '#d2a8ff', unknown: '#6e7781', warn: '#e3b341', up: '#2d6a4f',
    util: '#58a6ff', await: '#ffa657', laneBg: 'rgba(0,0,0,0.22)'
  };
  var GUTTER = 210;
  var RIGHT = 12;
  var MAX_IN_VIEW_ROWS = 300;

  // ---------- time ----------
  function ms(iso) { return iso == null ? NaN : Date.parse(iso.slice(0, 23) + 'Z'); }
  function pad(n, w) { var s = String(n); while (s.length < (w || 2)) { s = '0' + s; } return s; }
  // The window's end is exclusive in nanoseconds; rounded up to the millisecond so an event in its last
  // millisecond (the data carry nanoseconds, the page milliseconds) stays inside.
  function msCeil(iso) { var t = ms(iso); return /^0*$/.test(iso.slice(23).replace(/\D/g, '')) ? t : t + 1; }
  var WIN = { from: ms(D.window.from), to: msCeil(D.window.to) };
  if (!(WIN.to > WIN.from)) { WIN.to = WIN.from + 1000; }
  var HOST = D.hosts.length ? D.hosts[0] : null;
  var OFFSETS = HOST ? HOST.utcOffsets.map(function (o) { return { from: ms(o.from), seconds: o.seconds, text: o.text }; }) : [];

  function offsetAt(t) {
    var found = null;
    for (var i = 0; i < OFFSETS.length; i++) {
      if (found === null || OFFSETS[i].from <= t) { found = OFFSETS[i]; }
    }
    return found;
  }
  function isoParts(t) { return new Date(t).toISOString(); }
  function fmtClock(t, withMs) {
    var s = isoParts(t);
    return withMs ? s.slice(11, 23) : s.slice(11, 19);
  }
  /** The end of a range: its clock time, with its date when the range crosses midnight (UTC). */
  function fmtUntil(from, to, withMs) {
    var a = isoParts(from), b = isoParts(to);
    return (a.slice(0, 10) === b.slice(0, 10) ? '' : b.slice(0, 10) + ' ') + fmtClock(to, withMs);
  }
  function fmtUtc(t, withMs) { var s = isoParts(t); return s.slice(0, 10) + ' ' + (withMs ? s.slice(11, 23) : s.slice(11, 19)) + ' UTC'; }
  function fmtHost(t, withMs) {
    var o = offsetAt(t);
    if (!o) { return HOST ? 'host zone ' + HOST.zone + ' unknown' : 'no host zone'; }
    var s = isoParts(t + o.seconds * 1000);
    return s.slice(0, 10) + ' ' + (withMs ? s.slice(11, 23) : s.slice(11, 19)) + ' ' + o.text;
  }
  function isoUtc(iso) { return iso.slice(0, 10) + ' ' + iso.slice(11, 23) + 'Z'; }
  function fmtDur(d) {
    if (d < 1000) { return Math.round(d) + ' ms'; }
    if (d < 60000) { return (d / 1000).toFixed(d < 10000 ? 2 : 1).replace(/\.?0+$/, '') + ' s'; }
    if (d < 3600000) { return Math.floor(d / 60000) + ' min' + (Math.round(d % 60000 / 1000) ? ' ' + Math.round(d % 60000 / 1000) + ' s' : ''); }
    if (d < 86400000) { return Math.floor(d / 3600000) + ' h' + (Math.round(d % 3600000 / 60000) ? ' ' + Math.round(d % 3600000 / 60000) + ' min' : ''); }
    return (d / 86400000).toFixed(1) + ' d';
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  // ---------- data ----------
  var events = D.events;
  var evTimes = new Float64Array(events.length);
  var evById = new Map();
  events.forEach(function (e, i) { evTimes[i] = ms(e.time); evById.set(e.id, e); });
  var spanById = new Map();
  D.spans.forEach(function (s) { s.t0 = ms(s.start); s.t1 = ms(s.end); spanById.set(s.id, s); });

  function containerOf(id) {
    if (!id) { return null; }
    for (var i = 0; i < D.containers.length; i++) {
      var c = D.containers[i];
      if (c.id === id || c.id.indexOf(id) === 0 || id.indexOf(c.id) === 0) { return c; }
    }
    return null;
  }
  function containerLabel(id) {
    var c = containerOf(id);
    if (c) { return c.name || c.id.slice(0, 12); }
    return id ? id.slice(0, 12) : 'unknown container';
  }
  function who(e) { return e.unit || e.identifier || e.source || ''; }

  var anns = D.annotations.slice().sort(function (a, b) { return ms(a.target.from) - ms(b.target.from); });
  var annNo = new Map();
  anns.forEach(function (a, i) { a.t0 = ms(a.target.from); a.t1 = ms(a.target.to); annNo.set(a.id, i + 1); });
  var annById = new Map(anns.map(function (a) { return [a.id, a]; }));

  function subject(a) {
    var t = a.target;
    if (t.type === 'event') {
      var e = evById.get(t.eventId);
      return e ? who(e) + ': ' + e.message : 'event ' + t.eventId;
    }
    if (t.type === 'span') {
      var s = spanById.get(t.spanId);
      if (!s) { return 'span ' + t.spanId; }
      return spanText(s);
    }
    return 'time range ' + fmtClock(a.t0) + ' – ' + fmtUntil(a.t0, a.t1) + ' UTC (' + fmtDur(a.t1 - a.t0) + ')';
  }
  function exitText(code) { return code === null || code === undefined ? 'exit unknown' : code === -1 ? 'exit -1 (no result: probe timed out)' : 'exit ' + code; }
  function spanText(s) {
    var name = containerLabel(s.containerId);
    if (s.kind === 'HEALTHCHECK_RUN') {
      return 'healthcheck run of ' + name + ', ' + exitText(s.exitCode) + ', took ' + fmtDur(s.durationNanos / 1e6)
          + (s.output ? ': ' + s.output.trim() : '');
    }
    return name + ' up for ' + fmtDur(s.durationNanos / 1e6) + ', ' + exitText(s.exitCode);
  }

  // ---------- lanes ----------
  function byContainer(kind) {
    var rows = new Map();
    D.spans.forEach(function (s) {
      if (s.kind !== kind) { return; }
      var key = containerOf(s.containerId) ? containerOf(s.containerId).id : (s.containerId || '?');
      if (!rows.has(key)) { rows.set(key, { id: s.containerId, spans: [] }); }
      rows.get(key).spans.push(s);
    });
    return Array.from(rows.values());
  }
  var healthRows = byContainer('HEALTHCHECK_RUN');
  var upRows = byContainer('CONTAINER_UP');
  var disks = new Map();
  D.series.forEach(function (s) {
    var key = s.host + ' ' + s.device;
    if (!disks.has(key)) { disks.set(key, { host: s.host, device: s.device, metrics: {} }); }
    disks.get(key).metrics[s.metric] = {
      unit: s.unit,
      t: Float64Array.from(s.points, function (p) { return ms(p[0]); }),
      v: s.points.map(function (p) { return p[1]; })
    };
  });
  var diskRows = Array.from(disks.values()).filter(function (d) { return d.metrics.util || d.metrics.await; });

  var AXIS_H = 40, NOTES_H = 54, HIST_H = 90, ROW_H = 20, SECTION_GAP = 10, DISK_H = 84;
  function layout() {
    var y = 0;
    var L = {};
    L.axis = { y: y, h: AXIS_H }; y += AXIS_H;
    L.notes = { y: y, h: NOTES_H }; y += NOTES_H;
    L.hist = { y: y, h: HIST_H }; y += HIST_H + SECTION_GAP;
    L.health = { y: y, h: Math.max(1, healthRows.length) * ROW_H }; y += L.health.h + SECTION_GAP;
    L.up = { y: y, h: upRows.length * ROW_H }; y += L.up.h + (upRows.length ? SECTION_GAP : 0);
    L.disks = { y: y, h: Math.max(1, diskRows.length) * DISK_H }; y += L.disks.h + 6;
    L.height = y;
    return L;
  }

  // ---------- canvas ----------
  var canvas = document.getElementById('timeline');
  var ctx = canvas.getContext('2d');
  var L = layout();
  // Opens on the log lines when they fill only a small part of the window (an import whose docker inspect
  // was taken days after the incident stretches it); Reset zoom shows the whole window.
  var view = { from: WIN.from, to: WIN.to };
  if (evTimes.length > 1 && (evTimes[evTimes.length - 1] - evTimes[0]) * 4 < WIN.to - WIN.from) {
    var evPad = Math.max(1000, (evTimes[evTimes.length - 1] - evTimes[0]) / 50);
    view = { from: evTimes[0] - evPad, to: evTimes[evTimes.length - 1] + evPad };
  }
  var width = 800;
  var cursorT = null;
  var selected = null;
  var flags = [];

  function plotW() { return Math.max(50, width - GUTTER - RIGHT); }
  function X(t) { return GUTTER + (t - view.from) / (view.to - view.from) * plotW(); }
  function T(x) { return view.from + (x - GUTTER) / plotW() * (view.to - view.from); }

  function resize() {
    var dpr = window.devicePixelRatio || 1;
    width = canvas.clientWidth || 800;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(L.height * dpr);
    canvas.style.height = L.height + 'px';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  function lowerBound(arr, t) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (arr[mid] < t) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5,
    36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5, 2592e6];
  function tickStep() {
    var span = view.to - view.from;
    for (var i = 0; i < STEPS.length; i++) { if (STEPS[i] / span * plotW() >= 100) { return STEPS[i]; } }
    return STEPS[STEPS.length - 1];
  }

  function text(s, x, y, color, align, font) {
    ctx.fillStyle = color || COLORS.text;
    ctx.textAlign = align || 'left';
    ctx.font = font || '12px system-ui, "DejaVu Sans", sans-serif';
    ctx.fillText(s, x, y);
  }

  function laneLabel(title, sub, y) {
    text(title, 10, y + 13, COLORS.text, 'left', '600 12px system-ui, "DejaVu Sans", sans-serif');
    if (sub) { text(sub, 10, y + 27, COLORS.muted, 'left', '11px system-ui, "DejaVu Sans", sans-serif'); }
  }

  function drawAxis() {
    var step = tickStep();
    var first = Math.ceil(view.from / step) * step;
    var withMs = step < 1000;
    var o = offsetAt((view.from + view.to) / 2);
    text('UTC', 10, 15, COLORS.muted);
    text(o ? 'host ' + o.text : 'host zone ?', 10, 32, COLORS.muted);
    ctx.strokeStyle = COLORS.grid;
    ctx.lineWidth = 1;
    for (var t = first; t <= view.to; t += step) {
      var x = Math.round(X(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, AXIS_H - 4); ctx.lineTo(x, L.height); ctx.stroke();
      var day = step >= 864e5;
      var utc = isoParts(t);
      text(day ? utc.slice(0, 10) : fmtClock(t, withMs), x + 3, 15, COLORS.text);
      if (o) {
        var local = isoParts(t + offsetAt(t).seconds * 1000);
        text(day ? local.slice(0, 10) : (withMs ? local.slice(11, 23) : local.slice(11, 19)), x + 3, 32, COLORS.muted);
      }
    }
  }

  function histogramCounts(buckets) {
    var all = new Float64Array(buckets), err = new Float64Array(buckets), warn = new Float64Array(buckets);
    var bw = (view.to - view.from) / buckets;
    if (D.histogram) {
      var h = D.histogram, hf = ms(h.from), ht = ms(h.to), fine = (ht - hf) / h.buckets;
      // spread each fine bucket over the display buckets it overlaps, in proportion to the overlap
      var i0 = Math.max(0, Math.floor((view.from - hf) / fine)), i1 = Math.min(h.buckets, Math.ceil((view.to - hf) / fine));
      for (var i = i0; i < i1; i++) {
        if (!h.all[i]) { continue; }
        var fa = hf + i * fine, fb = fa + fine;
        var k0 = Math.max(0, Math.floor((fa - view.from) / bw)), k1 = Math.min(buckets - 1, Math.floor((fb - view.from) / bw));
        for (var b = k0; b <= k1; b++) {
          var share = (Math.min(fb, view.from + (b + 1) * bw) - Math.max(fa, view.from + b * bw)) / fine;
          if (share <= 0) { continue; }
          all[b] += h.all[i] * share; err[b] += h.errors[i] * share; warn[b] += h.warnings[i] * share;
        }
      }
    } else {
      var end = lowerBound(evTimes, view.to);
      for (var j = lowerBound(evTimes, view.from); j < end; j++) {
        var k = Math.min(buckets - 1, Math.floor((evTimes[j] - view.from) / bw));
        all[k]++;
        var sev = events[j].severity;
        if (sev === 'ERR' || sev === 'CRIT' || sev === 'ALERT' || sev === 'EMERG') { err[k]++; } else if (sev === 'WARNING') { warn[k]++; }
      }
    }
    return { all: all, err: err, warn: warn, bw: bw };
  }

  function drawHistogram() {
    var y0 = L.hist.y, h = L.hist.h;
    ctx.fillStyle = COLORS.laneBg; ctx.fillRect(GUTTER, y0, plotW(), h);
    var buckets = Math.max(10, Math.floor(plotW() / 7));
    var c = histogramCounts(buckets);
    var max = 0;
    for (var i = 0; i < buckets; i++) { max = Math.max(max, c.all[i]); }
    laneLabel('Events', 'per ' + fmtDur(c.bw) + ', max ' + Math.round(max) + (D.histogram ? ' (all events)' : ''), y0);
    if (max === 0) { text('no events in view', GUTTER + 8, y0 + h / 2, COLORS.muted); return; }
    var bwPx = plotW() / buckets;
    for (var b = 0; b < buckets; b++) {
      if (!c.all[b]) { continue; }
      var x = GUTTER + b * bwPx;
      var H = Math.max(1, c.all[b] / max * (h - 6));
      var He = c.err[b] / max * (h - 6), Hw = c.warn[b] / max * (h - 6);
      var base = y0 + h;
      ctx.fillStyle = '#3d6d99'; ctx.fillRect(x, base - H, Math.max(1, bwPx - 1), H);
      if (Hw) { ctx.fillStyle = COLORS.warn; ctx.fillRect(x, base - He - Hw, Math.max(1, bwPx - 1), Hw); }
      if (He) { ctx.fillStyle = COLORS.fail; ctx.fillRect(x, base - He, Math.max(1, bwPx - 1), Math.max(1, He)); }
    }
  }

  function exitColor(code) {
    if (code === null || code === undefined) { return COLORS.unknown; }
    if (code === 0) { return COLORS.ok; }
    if (code === -1) { return COLORS.timeout; }
    return COLORS.fail;
  }

  function drawSpanRows(rows, y0, kind) {
    rows.forEach(function (row, r) {
      var y = y0 + r * ROW_H;
      ctx.fillStyle = r % 2 ? 'rgba(255,255,255,0.025)' : COLORS.laneBg; ctx.fillRect(GUTTER, y, plotW(), ROW_H);
      var c = containerOf(row.id);
      var name = containerLabel(row.id);
      var sub = '';
      if (kind === 'HEALTHCHECK_RUN' && c && c.healthcheck) {
        sub = ' every ' + fmtDur(c.healthcheck.intervalNanos / 1e6) + ', timeout ' + fmtDur(c.healthcheck.timeoutNanos / 1e6);
      } else if (kind === 'CONTAINER_UP' && c) {
        sub = ' restarts ' + c.restartCount + (c.restartPolicy ? ' (' + c.restartPolicy + ')' : '');
      }
      var subFont = '10px system-ui, "DejaVu Sans", sans-serif', nameFont = '12px system-ui, "DejaVu Sans", sans-serif';
      ctx.font = subFont;
      var subW = sub ? ctx.measureText(sub).width + 8 : 0;
      ctx.font = nameFont;
      // the name gives way to the settings when both do not fit the gutter
      text(clip((kind === 'HEALTHCHECK_RUN' ? '♥ ' : '▲ ') + name, GUTTER - 16 - subW), 10, y + 14, COLORS.text, 'left', nameFont);
      if (sub) { text(sub, GUTTER - 6, y + 14, COLORS.muted, 'right', subFont); }
      row.spans.forEach(function (s) {
        if (s.t1 < view.from || s.t0 > view.to) { return; }
        var x0 = Math.max(X(s.t0), GUTTER), x1 = Math.min(Math.max(X(s.t1), x0 + 3), GUTTER + plotW());
        if (kind === 'HEALTHCHECK_RUN') {
          ctx.fillStyle = exitColor(s.exitCode);
          ctx.fillRect(x0, y + 4, x1 - x0, ROW_H - 8);
        } else {
          ctx.fillStyle = COLORS.up; ctx.fillRect(x0, y + 5, x1 - x0, ROW_H - 10);
          if (s.exitCode !== null && s.exitCode !== undefined) {
            ctx.fillStyle = exitColor(s.exitCode); ctx.fillRect(x1 - 2, y + 2, 3, ROW_H - 4);
          }
        }
      });
    });
    if (!rows.length && kind === 'HEALTHCHECK_RUN') {
      ctx.fillStyle = COLORS.laneBg; ctx.fillRect(GUTTER, y0, plotW(), ROW_H);
      text('Healthchecks', 10, y0 + 14, COLORS.text);
      text('no healthcheck runs in this range', GUTTER + 8, y0 + 14, COLORS.muted);
    }
  }

  function niceCeil(v) {
    if (!(v > 0)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var n = v / p;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
  }

  function drawLine(m, y0, h, max, color, fill) {
    var i0 = Math.max(0, lowerBound(m.t, view.from) - 1), i1 = Math.min(m.t.length, lowerBound(m.t, view.to) + 1);
    if (i1 - i0 < 1) { return; }
    ctx.beginPath();
    var started = false, firstX = 0, lastX = 0;
    for (var i = i0; i < i1; i++) {
      if (m.v[i] === null) { continue; }
      var x = X(m.t[i]), y = y0 + h - Math.min(1, m.v[i] / max) * (h - 4);
      if (!started) { ctx.moveTo(x, y); firstX = x; started = true; } else { ctx.lineTo(x, y); }
      lastX = x;
    }
    if (!started) { return; }
    if (fill) {
      ctx.lineTo(lastX, y0 + h); ctx.lineTo(firstX, y0 + h); ctx.closePath();
      ctx.fillStyle = fill; ctx.fill();
    } else {
      ctx.strokeStyle = color; ctx.lineWidth = 1.5; ctx.stroke();
    }
  }

  function maxInView(m) {
    var max = 0;
    if (!m) { return max; }
    var i1 = lowerBound(m.t, view.to);
    for (var i = lowerBound(m.t, view.from); i < i1; i++) { if (m.v[i] !== null) { max = Math.max(max, m.v[i]); } }
    return max;
  }

  function drawDisks() {
    if (!diskRows.length) {
      ctx.fillStyle = COLORS.laneBg; ctx.fillRect(GUTTER, L.disks.y, plotW(), DISK_H);
      laneLabel('Disk IO', null, L.disks.y);
      text('no disk series in this range', GUTTER + 8, L.disks.y + DISK_H / 2, COLORS.muted);
      return;
    }
    diskRows.forEach(function (d, r) {
      var y0 = L.disks.y + r * DISK_H, h = DISK_H - 8;
      ctx.fillStyle = COLORS.laneBg; ctx.fillRect(GUTTER, y0, plotW(), h);
      ctx.strokeStyle = COLORS.grid; ctx.beginPath(); ctx.moveTo(GUTTER, y0 + 4.5); ctx.lineTo(GUTTER + plotW(), y0 + 4.5); ctx.stroke();
      laneLabel('Disk ' + d.device, D.hosts.length > 1 ? d.host : null, y0);
      var utilMax = Math.max(100, maxInView(d.metrics.util));
      if (d.metrics.util) {
        drawLine(d.metrics.util, y0, h, utilMax, null, 'rgba(88,166,255,0.35)');
        drawLine(d.metrics.util, y0, h, utilMax, COLORS.util, null);
        text('util % (0–' + utilMax + ')', 10, y0 + 46, COLORS.util, 'left', '11px system-ui, "DejaVu Sans", sans-serif');
      }
      if (d.metrics.await) {
        var awaitMax = niceCeil(maxInView(d.metrics.await));
        drawLine(d.metrics.await, y0, h, awaitMax, COLORS.await, null);
        text('await ' + (d.metrics.await.unit || 'ms') + ' (0–' + awaitMax + ')', 10, y0 + 61, COLORS.await, 'left', '11px system-ui, "DejaVu Sans", sans-serif');
      }
    });
  }

  function drawMarkers() {
    var top = L.notes.y + L.notes.h;
    ctx.save();
    ctx.beginPath(); ctx.rect(GUTTER, 0, plotW(), L.height); ctx.clip();
    anns.forEach(function (a) {
      var x0 = X(a.t0), x1 = X(a.t1), sel = selected === a.id;
      if (x1 < GUTTER - 20 || x0 > width) { return; }
      if (x1 - x0 >= 3) {
        ctx.fillStyle = sel ? 'rgba(242,204,96,0.16)' : 'rgba(242,204,96,0.09)';
        ctx.fillRect(x0, top, x1 - x0, L.height - top);
        ctx.fillStyle = 'rgba(242,204,96,0.55)';
        ctx.fillRect(x0, top, 1, L.height - top);
        ctx.fillRect(x1 - 1, top, 1, L.height - top);
      } else {
        ctx.strokeStyle = sel ? COLORS.note : 'rgba(242,204,96,0.7)'; ctx.lineWidth = sel ? 2 : 1;
        ctx.setLineDash([4, 3]);
        ctx.beginPath(); ctx.moveTo(Math.round(x0) + 0.5, top); ctx.lineTo(Math.round(x0) + 0.5, L.height); ctx.stroke();
        ctx.setLineDash([]); ctx.lineWidth = 1;
      }
    });
    ctx.restore();
  }

  function clip(s, px) {
    if (ctx.measureText(s).width <= px) { return s; }
    var lo = 0, hi = s.length;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (ctx.measureText(s.slice(0, mid) + '…').width <= px) { lo = mid; } else { hi = mid - 1; } }
    return lo > 3 ? s.slice(0, lo) + '…' : '';
  }

  function drawFlags() {
    var y0 = L.notes.y, h = L.notes.h;
    laneLabel('Notes & links', plural(anns.length, 'note') + ', ' + plural(D.links.length, 'link'), y0 + 14);
    flags = [];
    ctx.save();
    ctx.beginPath(); ctx.rect(GUTTER - 12, 0, plotW() + 24, L.height); ctx.clip();
    D.links.forEach(function (l) {
      var a = annById.get(l.from), b = annById.get(l.to);
      if (!a || !b) { return; }
      var xa = X(a.t0), xb = X(b.t0), yb = y0 + h - 18;
      var top = y0 + 6;
      var colour = lateCause(l) ? COLORS.fail : COLORS.accent;
      ctx.strokeStyle = colour; ctx.lineWidth = 1.6;
      ctx.setLineDash(lateCause(l) ? [5, 3] : []);
      ctx.beginPath(); ctx.moveTo(xa, yb); ctx.bezierCurveTo(xa, top, xb, top, xb, yb); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colour;
      ctx.beginPath(); ctx.moveTo(xb, yb + 1); ctx.lineTo(xb - 4, yb - 7); ctx.lineTo(xb + 4, yb - 7); ctx.closePath(); ctx.fill();
      var mx = (xa + xb) / 2, my = top + 0.25 * (yb - top) + 1;
      ctx.font = '600 11px system-ui, "DejaVu Sans", sans-serif';
      var label = (lateCause(l) ? '⚠ ' : '') + l.label;
      var tw = ctx.measureText(label).width + 10;
      ctx.fillStyle = '#151b22'; ctx.fillRect(mx - tw / 2, my - 10, tw, 14);
      text(label, mx, my + 1, colour, 'center', '600 11px system-ui, "DejaVu Sans", sans-serif');
      ctx.lineWidth = 1;
    });
    anns.forEach(function (a) {
      var x0 = X(a.t0), sel = selected === a.id;
      if (x0 < GUTTER - 11 || x0 > width - RIGHT + 11) { return; }
      var fw = 22, fh = 16, fx = x0 - fw / 2, fy = y0 + h - fh - 2;
      ctx.fillStyle = COLORS.note; roundRect(fx, fy, fw, fh, 8); ctx.fill();
      if (sel) { ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2; roundRect(fx, fy, fw, fh, 8); ctx.stroke(); ctx.lineWidth = 1; }
      text(String(annNo.get(a.id)), x0, fy + 12, '#1b1b1b', 'center', '700 11px system-ui, "DejaVu Sans", sans-serif');
      flags.push({ id: a.id, x: fx, y: fy, w: fw, h: fh });
    });
    ctx.font = '12px system-ui, "DejaVu Sans", sans-serif';
    flags.forEach(function (f, i) {
      var next = i + 1 < flags.length ? flags[i + 1].x : width - RIGHT;
      var room = Math.min(320, next - (f.x + f.w) - 10);
      if (room < 60) { return; }
      var s = clip(annById.get(f.id).note, room);
      if (s) { text(s, f.x + f.w + 5, f.y + 12, COLORS.note, 'left', '12px system-ui, "DejaVu Sans", sans-serif'); }
    });
    ctx.restore();
  }

  function roundRect(x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y); ctx.lineTo(x + w - r, y); ctx.quadraticCurveTo(x + w, y, x + w, y + r);
    ctx.lineTo(x + w, y + h - r); ctx.quadraticCurveTo(x + w, y + h, x + w - r, y + h);
    ctx.lineTo(x + r, y + h); ctx.quadraticCurveTo(x, y + h, x, y + h - r);
    ctx.lineTo(x, y + r); ctx.quadraticCurveTo(x, y, x + r, y); ctx.closePath();
  }

  function drawCursor() {
    if (cursorT === null || cursorT < view.from || cursorT > view.to) { return; }
    var x = Math.round(X(cursorT)) + 0.5;
    ctx.strokeStyle = 'rgba(215,222,230,0.6)'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x, AXIS_H); ctx.lineTo(x, L.height); ctx.stroke();
  }

  function draw() {
    ctx.clearRect(0, 0, width, L.height);
    drawAxis();
    drawMarkers();
    drawHistogram();
    drawSpanRows(healthRows, L.health.y, 'HEALTHCHECK_RUN');
    if (upRows.length) { drawSpanRows(upRows, L.up.y, 'CONTAINER_UP'); }
    drawDisks();
    drawFlags();
    drawCursor();
    document.getElementById('view').textContent = 'view ' + fmtUtc(view.from, view.to - view.from < 60000) + ' – '
        + fmtUntil(view.from, view.to, view.to - view.from < 60000) + ' (' + fmtDur(view.to - view.from) + ')';
  }

  var frame = 0;
  function redraw() {
    if (!frame) { frame = requestAnimationFrame(function () { frame = 0; draw(); }); }
    scheduleInView();
  }

  function setView(from, to) {
    var full = WIN.to - WIN.from;
    var span = Math.min(full, Math.max(10, to - from));
    from = Math.max(WIN.from, Math.min(from, WIN.to - span));
    view = { from: from, to: from + span };
    redraw();
  }

  function focus(id) {
    var a = annById.get(id);
    if (!a) { return; }
    selected = id;
    var len = a.t1 - a.t0;
    var margin = Math.max(len * 0.6, 45000);
    setView(a.t0 - margin, a.t1 + margin);
    document.querySelectorAll('[data-ann]').forEach(function (n) { n.classList.toggle('selected', n.getAttribute('data-ann') === id); });
    canvas.scrollIntoView({ block: 'nearest' });
  }

  // ---------- interaction ----------
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var rect = canvas.getBoundingClientRect();
    var x = Math.max(GUTTER, Math.min(width - RIGHT, e.clientX - rect.left));
    var t = T(x);
    var f = Math.exp(e.deltaY * 0.0015);
    var span = (view.to - view.from) * f;
    var from = t - (t - view.from) * f;
    setView(from, from + span);
  }, { passive: false });

  var drag = null;
  canvas.addEventListener('mousedown', function (e) {
    drag = { x: e.clientX, from: view.from, to: view.to, moved: false };
    canvas.classList.add('dragging');
  });
  window.addEventListener('mousemove', function (e) {
    var rect = canvas.getBoundingClientRect();
    var x = e.clientX - rect.left, y = e.clientY - rect.top;
    if (drag) {
      var dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2) { drag.moved = true; }
      var dt = -dx / plotW() * (drag.to - drag.from);
      setView(drag.from + dt, drag.to + dt);
    }
    if (x >= GUTTER && x <= width - RIGHT && y >= 0 && y <= L.height) {
      cursorT = T(x);
      var hover = flags.filter(function (f) { return x >= f.x && x <= f.x + f.w && y >= f.y && y <= f.y + f.h; })[0];
      document.getElementById('cursor').textContent = hover
          ? 'note [' + annNo.get(hover.id) + ']: ' + annById.get(hover.id).note + ' (click to zoom)'
          : 'cursor ' + fmtUtc(cursorT, true) + '  ·  ' + fmtHost(cursorT, true) + (HOST ? ' (' + HOST.name + ', ' + HOST.zone + ')' : '');
      if (!frame) { frame = requestAnimationFrame(function () { frame = 0; draw(); }); }
    }
  });
  window.addEventListener('mouseup', function (e) {
    if (drag && !drag.moved) {
      var rect = canvas.getBoundingClientRect();
      var x = e.clientX - rect.left, y = e.clientY - rect.top;
      flags.forEach(function (f) { if (x >= f.x && x <= f.x + f.w && y >= f.y && y <= f.y + f.h) { focus(f.id); } });
    }
    drag = null;
    canvas.classList.remove('dragging');
  });
  document.getElementById('reset').addEventListener('click', function () { selected = null; setView(WIN.from, WIN.to); });
  window.addEventListener('resize', resize);

  // ---------- DOM ----------
  function el(tag, cls, content) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (content !== undefined && content !== null) { n.textContent = String(content); }
    return n;
  }

  function renderMeta() {
    var meta = document.getElementById('meta');
    var healthRuns = D.spans.filter(function (s) { return s.kind === 'HEALTHCHECK_RUN'; }).length;
    var parts = [
      ['Window ', fmtUtc(WIN.from) + ' – ' + fmtUntil(WIN.from, WIN.to) + ' UTC (' + fmtDur(WIN.to - WIN.from) + ')'],
      [HOST ? ' · host ' + HOST.name + ' (' + HOST.zone + ') ' : ' · ', HOST ? fmtHost(WIN.from) + ' – ' + (fmtHost(WIN.from).slice(0, 10) === fmtHost(WIN.to).slice(0, 10) ? fmtHost(WIN.to).slice(11) : fmtHost(WIN.to)) : 'no host'],
      [' · ', (events.length + (D.eventsOmitted || 0)) + ' events'],
      [' · ', healthRuns + ' healthcheck runs'],
      [' · ', plural(anns.length, 'note')],
      [' · ', plural(D.links.length, 'link')],
      [' · ', plural(D.diagnostics.length, 'diagnostic')]
    ];
    parts.forEach(function (p) { meta.appendChild(document.createTextNode(p[0])); meta.appendChild(el('b', null, p[1])); });
    if (D.eventsOmitted) {
      var o = document.getElementById('omitted');
      o.hidden = false;
      o.textContent = D.eventsOmitted + ' of ' + (events.length + D.eventsOmitted) + ' events in range were left out of this file to keep it small ('
          + events.length + ' embedded: every annotated event and an even sample); the histogram counts all of them.';
    }
  }

  function renderNotes() {
    var list = document.getElementById('notes');
    if (!anns.length) { list.appendChild(el('li', 'empty', 'No notes in this range.')); return; }
    anns.forEach(function (a) {
      var li = el('li');
      li.setAttribute('data-ann', a.id);
      li.appendChild(el('span', 'badge', annNo.get(a.id)));
      li.appendChild(el('span', 'when', fmtUtc(a.t0) + '  ·  ' + fmtHost(a.t0)));
      li.appendChild(el('span', 'note-text', a.note));
      var subj = el('span', 'subject', subject(a));
      subj.title = subject(a);
      li.appendChild(subj);
      if (a.tags.length) { li.appendChild(el('span', 'subject', 'tags: ' + a.tags.join(', '))); }
      li.addEventListener('click', function () { focus(a.id); });
      list.appendChild(li);
    });
  }

  function chainNode(id) {
    var a = annById.get(id);
    var note = a.note.length > 70 ? a.note.slice(0, 69) + '…' : a.note;
    var n = el('span', 'node', '[' + annNo.get(id) + '] ' + note);
    n.title = a.note + '\n' + subject(a);
    n.setAttribute('data-ann', id);
    n.addEventListener('click', function () { focus(id); });
    return n;
  }

  function chains() {
    var incoming = new Map(), outgoing = new Map();
    D.links.forEach(function (l) {
      incoming.set(l.to, (incoming.get(l.to) || 0) + 1);
      if (!outgoing.has(l.from)) { outgoing.set(l.from, []); }
      outgoing.get(l.from).push(l);
    });
    var used = new Set(), rows = [];
    function walk(start) {
      var row = [];
      var l = start;
      while (l && !used.has(l.id)) {
        used.add(l.id);
        row.push(l);
        var next = (outgoing.get(l.to) || []).filter(function (n) { return !used.has(n.id); });
        l = next.length === 1 && (incoming.get(l.to) || 0) === 1 ? next[0] : null;
      }
      return row;
    }
    var ordered = D.links.slice().sort(function (x, y) { return annById.get(x.from).t0 - annById.get(y.from).t0; });
    ordered.forEach(function (l) { if (!used.has(l.id) && !incoming.has(l.from)) { rows.push(walk(l)); } });
    ordered.forEach(function (l) { if (!used.has(l.id)) { rows.push(walk(l)); } });
    return rows;
  }

  /** True when the export's time-order check found the cause later than its effect beyond the clocks' uncertainty. */
  function lateCause(l) {
    return !!(l.timeOrder && l.timeOrder.verdict === 'CAUSE_AFTER_EFFECT');
  }

  function renderChain() {
    var box = document.getElementById('chain');
    if (!D.links.length) { box.appendChild(el('div', 'empty', 'No causal links in this range.')); return; }
    chains().forEach(function (row) {
      var div = el('div', 'row');
      div.appendChild(chainNode(row[0].from));
      row.forEach(function (l) {
        var late = lateCause(l);
        var arrow = el('span', late ? 'arrow warn' : 'arrow', (late ? '⚠ —' : '—') + l.label + '→');
        if (l.timeOrder) { arrow.title = l.timeOrder.message; }
        div.appendChild(arrow);
        div.appendChild(chainNode(l.to));
      });
      row.forEach(function (l) { if (l.note) { div.appendChild(el('span', 'link-note', '[' + annNo.get(l.from) + '] ' + l.label + ' [' + annNo.get(l.to) + ']: ' + l.note)); } });
      row.forEach(function (l) {
        if (l.timeOrder && l.timeOrder.verdict !== 'IN_ORDER') {
          var warn = el('span', lateCause(l) ? 'link-warning' : 'link-note', (lateCause(l) ? '⚠ ' : '') + l.timeOrder.message);
          warn.setAttribute('data-link', l.id);
          div.appendChild(warn);
        }
      });
      box.appendChild(div);
    });
  }

  function row(table, cells, header) {
    var tr = el('tr');
    cells.forEach(function (c) {
      var td = el(header ? 'th' : 'td', header ? null : c[1], c[0]);
      if (c[1] === 'who') { td.title = String(c[0]); }
      tr.appendChild(td);
    });
    table.appendChild(tr);
    return tr;
  }

  function renderEvidence() {
    var table = document.getElementById('evidence');
    row(table, [['#'], ['UTC'], ['host time'], ['host'], ['who'], ['severity'], ['evidence'], ['note']], true);
    if (!anns.length) { var tr = row(table, [['No annotated evidence in this range.', 'empty']]); tr.firstChild.colSpan = 8; return; }
    anns.forEach(function (a) {
      var t = a.target, cells;
      if (t.type === 'event' && evById.has(t.eventId)) {
        var e = evById.get(t.eventId);
        cells = [[annNo.get(a.id)], [isoUtc(e.time), 't'], [fmtHost(ms(e.time), true), 't'], [e.host, 'nw'], [who(e), 'who'],
          [e.severity, 'sev-' + e.severity], [e.message + (e.truncated ? ' [cut by the pager]' : ''), 'msg'], [a.note]];
      } else if (t.type === 'span' && spanById.has(t.spanId)) {
        var s = spanById.get(t.spanId);
        cells = [[annNo.get(a.id)], [isoUtc(s.start), 't'], [fmtHost(s.t0, true), 't'], [s.host, 'nw'],
          [containerLabel(s.containerId), 'who'], [s.kind === 'HEALTHCHECK_RUN' ? 'health' : 'state'], [spanText(s), 'msg'], [a.note]];
      } else {
        cells = [[annNo.get(a.id)], [isoUtc(t.from), 't'], [fmtHost(a.t0, true), 't'], [HOST ? HOST.name : '', 'nw'], [t.type, 'who'],
          [''], [subject(a), 'msg'], [a.note]];
      }
      var tr2 = row(table, cells);
      tr2.className = 'clickable';
      tr2.setAttribute('data-ann', a.id);
      tr2.addEventListener('click', function () { focus(a.id); });
    });
  }

  var inViewTimer = 0;
  function scheduleInView() {
    clearTimeout(inViewTimer);
    inViewTimer = setTimeout(renderInView, 150);
  }
  function renderInView() {
    var table = document.getElementById('inview');
    table.textContent = '';
    var i0 = lowerBound(evTimes, view.from), i1 = lowerBound(evTimes, view.to);
    var n = i1 - i0;
    document.getElementById('inview-title').textContent = 'Events in view: ' + n + (D.eventsOmitted ? ' of the embedded sample' : '')
        + (n > MAX_IN_VIEW_ROWS ? ' (the first ' + MAX_IN_VIEW_ROWS + ' shown; zoom in for the rest)' : '');
    row(table, [['UTC'], ['host time'], ['host'], ['who'], ['severity'], ['message']], true);
    for (var i = i0; i < Math.min(i1, i0 + MAX_IN_VIEW_ROWS); i++) {
      var e = events[i];
      row(table, [[isoUtc(e.time), 't'], [fmtHost(evTimes[i], true), 't'], [e.host, 'nw'], [who(e), 'who'],
        [e.severity, 'sev-' + e.severity], [e.message + (e.truncated ? ' [cut]' : ''), 'msg']]);
    }
  }

  function renderAbout() {
    var box = document.getElementById('about');
    var ul = el('ul');
    D.hosts.forEach(function (h) {
      ul.appendChild(el('li', null, 'host ' + h.name + ': zone ' + h.zone + (h.utcOffsets.length ? ' (' + h.utcOffsets.map(function (o) { return o.text; }).join(' → ') + ')' : ' (unknown zone)')
          + ', clock offset ' + h.clockOffsetMs + ' ms ± ' + h.offsetUncertaintyMs + ' ms'));
    });
    D.containers.forEach(function (c) {
      var hc = c.healthcheck ? 'healthcheck every ' + fmtDur(c.healthcheck.intervalNanos / 1e6) + ', timeout ' + fmtDur(c.healthcheck.timeoutNanos / 1e6)
          + ', retries ' + c.healthcheck.retries : 'no healthcheck';
      ul.appendChild(el('li', null, 'container ' + (c.name || c.id.slice(0, 12)) + ' (' + (c.image || '?') + '): ' + hc
          + '; restart policy ' + (c.restartPolicy || '?') + ', restarts ' + c.restartCount + (c.healthStatus ? ', health ' + c.healthStatus : '')));
    });
    box.appendChild(ul);
    if (D.diagnostics.length) {
      var dl = el('ul');
      D.diagnostics.forEach(function (d) { dl.appendChild(el('li', 'diag', d.text)); });
      box.appendChild(el('div', null, D.diagnostics.length + ' diagnostics:'));
      box.appendChild(dl);
    } else {
      box.appendChild(el('div', 'empty', 'No diagnostics.'));
    }
  }

  function renderLegend() {
    var lg = document.getElementById('legend');
    [[COLORS.ok, 'healthcheck exit 0'], [COLORS.fail, 'exit ≠ 0'], [COLORS.timeout, 'exit -1: probe gave no result (timeout)'],
      [COLORS.unknown, 'exit unknown'], [COLORS.up, 'container up'], [COLORS.util, 'disk util %'], [COLORS.await, 'disk await'],
      [COLORS.note, 'note'], [COLORS.accent, 'causal link']].forEach(function (p) {
      var s = el('span');
      var i = el('i'); i.style.background = p[0];
      s.appendChild(i); s.appendChild(document.createTextNode(p[1]));
      lg.appendChild(s);
    });
  }

  renderMeta();
  renderNotes();
  renderChain();
  renderEvidence();
  renderAbout();
  renderLegend();
  var linked = decodeURIComponent(location.hash.slice(1));
  if (annById.has(linked)) { focus(linked); }
  renderInView();
  resize();
  document.body.setAttribute('data-rendered', '1');
})();
