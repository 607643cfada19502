// The topology as the article's figures draw it: each network a band (LGWAN, 政府共通ネットワーク,
// the Internet, a LAN), its nodes inside, its DNS server at the band's left, and gateways (nodes on
// two networks) straddling the boundary between their bands. Plain SVG, laid out here.
//
// Live traffic is drawn by one animation loop: an envelope moves along the link of each relay, a
// DNS question and its answer travel between a node and its DNS server, and a deferral, failure or
// rejection is flagged at the node. At most MAX_FLIGHTS move at once, so a burst of a thousand
// messages stays smooth (the rest only thicken the traffic links).

import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const BOX_W = 226;
const BOX_H = 92;
const COL_GAP = 64;
const ROW_GAP = 30;
const DNS_W = 120;
const BAND_PAD = 22;
const LABEL_H = 34;
const MAX_FLIGHTS = 40;
const CURVE_ROOM = 56;

const PALETTE = [
  { fill: '#eaf2fd', stroke: '#5b8fd6', text: '#1d4f91' }, // LGWAN blue
  { fill: '#eaf7ee', stroke: '#4fa86a', text: '#1f6b37' }, // government green
  { fill: '#fdf1e6', stroke: '#d98a3d', text: '#8a4a0f' }, // Internet orange
  { fill: '#f3edfb', stroke: '#8a6cc9', text: '#4e2f8a' }, // LAN purple
  { fill: '#eef3f4', stroke: '#6f8f96', text: '#30474c' },
];

function paletteFor(net, index) {
  const k = `${net.name} ${net.label || ''}`.toLowerCase();
  if (k.includes('lgwan')) return PALETTE[0];
  if (k.includes('gov') || k.includes('gss') || k.includes('政府') || k.includes('kasumi')) return PALETTE[1];
  if (k.includes('internet') || k.includes('インターネット')) return PALETTE[2];
  if (k.includes('lan') || k.includes('庁内')) return PALETTE[3];
  return PALETTE[index % PALETTE.length];
}

const ROLE_COLOR = {
  municipality: '#2f6fbf',
  prefecture: '#2f6fbf',
  'lgwan-relay': '#0d8a8a',
  poi: '#c76b1a',
  'gss-gateway': '#3c9a55',
  ministry: '#3c9a55',
  asp: '#7b5bc0',
  'security-cloud': '#b0413e',
  'internet-mta': '#b36b00',
};

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function text(parent, x, y, content, attrs) {
  const e = el('text', Object.assign({ x, y }, attrs || {}), parent);
  e.textContent = content;
  return e;
}

/** Shortens a string to fit about maxChars wide characters (Japanese counts double). */
function fit(s, maxUnits) {
  let units = 0;
  let out = '';
  for (const ch of s) {
    units += ch.charCodeAt(0) > 0xff ? 2 : 1;
    if (units > maxUnits) return out + '…';
    out += ch;
  }
  return out;
}

export class Diagram {
  constructor(container, { onNodeClick }) {
    this.container = container;
    this.onNodeClick = onNodeClick;
    this.svg = el('svg', { class: 'diagram', role: 'img' });
    container.appendChild(this.svg);
    this.pos = new Map(); // node id → {x, y} centre
    this.dnsPos = new Map(); // view → {x, y}
    this.nodeEls = new Map();
    this.edges = new Map(); // "a>b" → {count, line}
    this.flights = [];
    this.running = false;
    this.replayStep = null;
  }

  /** Lays out and draws the whole topology (on load, and when the language changes). */
  render(topology, state) {
    this.topology = topology;
    this.state = state || { faults: null };
    const svg = this.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    this.pos.clear();
    this.dnsPos.clear();
    this.nodeEls.clear();
    const edgeCounts = new Map([...this.edges].map(([k, v]) => [k, v.count]));
    this.edges.clear();

    const defs = el('defs', null, svg);
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8a97a8' }, marker);
    const marker2 = el('marker', { id: 'arrow-hot', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#e0492f' }, marker2);

    const nets = topology.networks;
    const netIndex = new Map(nets.map((n, i) => [n.name, i]));
    const nodeNets = (n) => n.smtp.map((s) => s.network).filter((x) => netIndex.has(x));
    // A gateway sits on the boundary of two bands next to each other; any other node sits in
    // the band of its first network.
    const inBand = nets.map(() => []);
    const onBoundary = nets.map(() => []); // boundary below band i
    for (const n of topology.nodes) {
      const ns = nodeNets(n).map((x) => netIndex.get(x)).sort((a, b) => a - b);
      if (ns.length >= 2 && ns[1] - ns[0] === 1) onBoundary[ns[0]].push(n);
      else inBand[ns.length ? netIndex.get(nodeNets(n)[0]) : 0].push(n);
    }
    const maxInBand = Math.max(1, ...inBand.map((b) => b.length), ...onBoundary.map((b) => b.length));
    const cols = Math.max(4, Math.min(maxInBand, Math.ceil(Math.sqrt(maxInBand * 3.2))));
    const innerW = cols * BOX_W + (cols - 1) * COL_GAP;
    const width = BAND_PAD + DNS_W + BAND_PAD * 2 + innerW + BAND_PAD;
    const x0 = BAND_PAD + DNS_W + BAND_PAD * 2;

    const layerBands = el('g', null, svg);
    this.layerEdges = el('g', { class: 'edges' }, svg);
    this.layerConfigured = el('g', { class: 'configured' }, svg);
    this.layerRoute = el('g', { class: 'route-overlay' }, svg);
    const layerNodes = el('g', null, svg);
    this.layerFlights = el('g', { class: 'flights' }, svg);
    this.layerFlags = el('g', { class: 'flags' }, svg);

    const placeRow = (list, yCenter) => {
      // Centred rows, like the figures; wraps when a band has more nodes than columns.
      const rows = Math.ceil(list.length / cols);
      for (let r = 0; r < rows; r++) {
        const row = list.slice(r * cols, (r + 1) * cols);
        const rowW = row.length * BOX_W + (row.length - 1) * COL_GAP;
        const left = x0 + (innerW - rowW) / 2;
        row.forEach((n, i) => {
          this.pos.set(n.id, { x: left + i * (BOX_W + COL_GAP) + BOX_W / 2, y: yCenter + r * (BOX_H + ROW_GAP) });
        });
      }
    };

    let y = BAND_PAD;
    const bands = [];
    nets.forEach((net, i) => {
      const top = y;
      const above = i > 0 && onBoundary[i - 1].length > 0;
      const below = onBoundary[i].length > 0;
      y += above ? BOX_H / 2 + 16 : 0;
      y += LABEL_H;
      const rows = Math.max(1, Math.ceil(inBand[i].length / cols));
      const firstRowCentre = y + BOX_H / 2;
      placeRow(inBand[i], firstRowCentre);
      y += rows * BOX_H + (rows - 1) * ROW_GAP;
      // Room under the last row for links that bow around the nodes between their ends.
      const under = below ? BOX_H / 2 + 18 : CURVE_ROOM;
      y += under;
      bands.push({ net, top, bottom: y, rowsTop: firstRowCentre - BOX_H / 2, contentBottom: y - under });
      if (below) {
        // Gateways straddle this boundary; the next band starts here.
        const rowsB = Math.ceil(onBoundary[i].length / cols);
        placeRow(onBoundary[i], y);
        y += (rowsB - 1) * (BOX_H + ROW_GAP);
      }
    });
    const height = y + BAND_PAD;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('aria-label', topology.name);
    this.width = width;
    this.height = height;

    bands.forEach((b, i) => {
      const p = paletteFor(b.net, i);
      el('rect', { x: BAND_PAD / 2, y: b.top, width: width - BAND_PAD, height: b.bottom - b.top, rx: 18, fill: p.fill, stroke: p.stroke, 'stroke-width': 2, class: 'band' }, layerBands);
      const labelY = b.top + (i > 0 && onBoundary[i - 1].length ? BOX_H / 2 + 16 : 0) + 26;
      text(layerBands, BAND_PAD + 6, labelY, b.net.label || b.net.name, { class: 'band-label', fill: p.text });
      text(layerBands, width - BAND_PAD - 4, labelY, b.net.cidr, { class: 'band-cidr', fill: p.text, 'text-anchor': 'end' });
      // The DNS server of this network (a view), at the left of its band.
      const dns = (topology.dns || []).find((d) => d.view === b.net.name);
      if (dns) {
        const cy = (b.rowsTop + b.contentBottom) / 2;
        const cx = BAND_PAD + DNS_W / 2 + 4;
        this.dnsPos.set(dns.view, { x: cx, y: cy });
        const g = el('g', { class: 'dns-server', 'data-view': dns.view, transform: `translate(${cx},${cy})` }, layerNodes);
        el('path', { d: 'M-46,-24 a46,10 0 0,0 92,0 v44 a46,10 0 0,1 -92,0 z', fill: '#fff', stroke: p.stroke, 'stroke-width': 2 }, g);
        el('ellipse', { cx: 0, cy: -24, rx: 46, ry: 10, fill: '#fff', stroke: p.stroke, 'stroke-width': 2 }, g);
        text(g, 0, 4, 'DNS', { class: 'dns-title', 'text-anchor': 'middle', fill: p.text });
        text(g, 0, 22, `${dns.host}:${dns.port}`, { class: 'dns-addr', 'text-anchor': 'middle' });
        text(g, 0, 48, t('dnsServer'), { class: 'dns-caption', 'text-anchor': 'middle' });
        this.dnsEls = this.dnsEls || new Map();
        this.dnsEls.set(dns.view, g);
        if (this.state.faults && (this.state.faults.stoppedDns || []).includes(dns.view)) g.classList.add('stopped');
      }
    });

    // Configured routes: Static smarthosts and transport entries, as dashed arrows.
    const byHost = new Map(topology.nodes.map((n) => [n.hostname.toLowerCase(), n.id]));
    const hostOf = (spec) => spec.replace(/^\[/, '').replace(/\](:\d+)?$/, '').replace(/:\d+$/, '').toLowerCase();
    for (const n of topology.nodes) {
      const targets = new Set();
      if (n.delivery && n.delivery.mode === 'static' && n.delivery.smarthost) targets.add(byHost.get(hostOf(n.delivery.smarthost)));
      for (const spec of Object.values(n.transport || {})) targets.add(byHost.get(hostOf(spec)));
      for (const to of targets) {
        if (to && to !== n.id) this.line(this.layerConfigured, n.id, to, { class: 'configured-link', 'marker-end': 'url(#arrow)' });
      }
    }

    const faults = this.state.faults || {};
    const stopped = new Set(faults.stoppedNodes || []);
    const faulty = new Set((faults.nodes || []).map((f) => f.node));
    const cut = new Map();
    for (const l of faults.cutLinks || []) cut.set(l.node, (cut.get(l.node) || []).concat(l.network));

    for (const n of topology.nodes) {
      const p = this.pos.get(n.id);
      const g = el('g', { class: 'node', 'data-node': n.id, transform: `translate(${p.x - BOX_W / 2},${p.y - BOX_H / 2})`, tabindex: 0 }, layerNodes);
      if (stopped.has(n.id)) g.classList.add('stopped');
      const gateway = nodeNets(n).length >= 2;
      if (gateway) g.classList.add('gateway');
      el('rect', { class: 'node-box', width: BOX_W, height: BOX_H, rx: 10 }, g);
      el('rect', { width: 7, height: BOX_H, rx: 3, fill: ROLE_COLOR[n.role] || '#607080' }, g);
      text(g, 16, 18, t('role.' + n.role) + (gateway ? ` · ${t('gateway')}` : ''), { class: 'node-role', fill: ROLE_COLOR[n.role] || '#607080' });
      text(g, 16, 39, fit(n.label || n.id, 21), { class: 'node-label' });
      text(g, 16, 57, fit(n.hostname, 29), { class: 'node-host' });
      const staticMode = n.delivery && n.delivery.mode === 'static';
      const badge = staticMode ? `Static → ${n.delivery.smarthost}` : 'MX';
      const bw = Math.min(BOX_W - 24, 16 + badge.length * 6.7);
      el('rect', { x: 14, y: 65, width: bw, height: 20, rx: 10, class: staticMode ? 'badge-static' : 'badge-mx' }, g);
      text(g, 14 + bw / 2, 79, fit(badge, 31), { class: 'badge-text', 'text-anchor': 'middle' });
      if ((n.mailboxes || []).length && !staticMode) {
        text(g, BOX_W - 10, 80, `✉ ${n.mailboxes.length}`, { class: 'node-mailboxes', 'text-anchor': 'end' });
      }
      if (stopped.has(n.id)) text(g, BOX_W / 2, -6, `■ ${t('stopped')}`, { class: 'node-state stopped-text', 'text-anchor': 'middle' });
      else if (faulty.has(n.id)) text(g, BOX_W / 2, -6, `⚡ ${t('faulty')}`, { class: 'node-state faulty-text', 'text-anchor': 'middle' });
      if (cut.has(n.id)) text(g, BOX_W / 2, BOX_H + 16, `✂ ${cut.get(n.id).join(', ')} ${t('cut')}`, { class: 'node-state cut-text', 'text-anchor': 'middle' });
      const title = el('title', null, g);
      title.textContent = `${n.label} (${n.id})\n${n.hostname}\n${n.smtp.map((s) => `${s.network} ${s.host}:${s.port}`).join('\n')}${gateway ? '\n' + t('gateway') : ''}`;
      g.addEventListener('click', () => this.onNodeClick && this.onNodeClick(n.id));
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') this.onNodeClick && this.onNodeClick(n.id); });
      this.nodeEls.set(n.id, g);
    }

    for (const [k, count] of edgeCounts) {
      const [a, b] = k.split('>');
      for (let i = 0; i < Math.min(count, 1); i++) this.countEdge(a, b, count);
    }
    if (this.routeSteps) this.showRoute(this.routeSteps, this.replayStep);
  }

  /**
   * The path between two nodes' box edges (not centres, so arrows stay visible): straight, or
   * bowed below the row when nodes stand in between, so a link never seems to pass through them.
   */
  geometry(a, b) {
    const p = this.pos.get(a);
    const q = this.pos.get(b);
    if (!p || !q) return null;
    const sameRow = Math.abs(p.y - q.y) < 1;
    if (sameRow && Math.abs(q.x - p.x) > BOX_W + COL_GAP + 1) {
      const dir = q.x > p.x ? 1 : -1;
      const s = { x: p.x + dir * BOX_W * 0.25, y: p.y + BOX_H / 2 + 2 };
      const e = { x: q.x - dir * BOX_W * 0.25, y: q.y + BOX_H / 2 + 2 };
      const c = { x: (s.x + e.x) / 2, y: s.y + (CURVE_ROOM - 12) * 2 };
      return { s, c, e };
    }
    const [s, e] = this.clip(p, q);
    return { s, c: null, e };
  }

  line(layer, a, b, attrs) {
    const g = this.geometry(a, b);
    if (!g) return null;
    const d = g.c ? `M${g.s.x},${g.s.y} Q${g.c.x},${g.c.y} ${g.e.x},${g.e.y}` : `M${g.s.x},${g.s.y} L${g.e.x},${g.e.y}`;
    const path = el('path', Object.assign({ d, fill: 'none' }, attrs), layer);
    path.geometry = g;
    return path;
  }

  /** Where the straight line between two centres leaves each box. */
  clip(p, q) {
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const tx = dx === 0 ? Infinity : (BOX_W / 2 + 4) / Math.abs(dx);
    const ty = dy === 0 ? Infinity : (BOX_H / 2 + 4) / Math.abs(dy);
    const k = Math.min(tx, ty, 0.5);
    return [{ x: p.x + dx * k, y: p.y + dy * k }, { x: q.x - dx * k, y: q.y - dy * k }];
  }

  /** A point along a geometry, u from 0 to 1. */
  static at(g, u) {
    if (!g.c) return { x: g.s.x + (g.e.x - g.s.x) * u, y: g.s.y + (g.e.y - g.s.y) * u };
    const f = (x, y, z) => (1 - u) * (1 - u) * x + 2 * (1 - u) * u * y + u * u * z;
    return { x: f(g.s.x, g.c.x, g.e.x), y: f(g.s.y, g.c.y, g.e.y) };
  }

  /** A traffic link between two nodes, thicker as more mail passes. */
  countEdge(a, b, total) {
    const key = `${a}>${b}`;
    let edge = this.edges.get(key);
    if (!edge) {
      const line = this.line(this.layerEdges, a, b, { class: 'traffic-link', 'marker-end': 'url(#arrow)' });
      if (!line) return;
      const label = el('text', { class: 'traffic-count', 'text-anchor': 'middle' }, this.layerEdges);
      edge = { count: 0, line, label };
      this.edges.set(key, edge);
    }
    edge.count = total !== undefined ? total : edge.count + 1;
    edge.line.setAttribute('stroke-width', String(Math.min(9, 2 + Math.log2(edge.count + 1))));
    const mid = Diagram.at(edge.line.geometry, 0.5);
    edge.label.setAttribute('x', mid.x);
    edge.label.setAttribute('y', mid.y - 6);
    edge.label.textContent = String(edge.count);
  }

  /** One trace event from the live stream. */
  onEvent(e) {
    const a = e.attributes || {};
    switch (e.type) {
      case 'relayed':
        if (a.nextNode) {
          this.countEdge(e.node, a.nextNode);
          this.flyAlong(this.geometry(e.node, a.nextNode), 'mail', 900);
        }
        break;
      case 'dns-query': {
        const d = this.dnsPos.get(a.view);
        if (d) this.fly(this.pos.get(e.node), d, 'dns-q', 450, `${a.qtype} ${a.query}?`);
        break;
      }
      case 'dns-answer': {
        const d = this.dnsPos.get(a.view);
        const bad = ['NXDOMAIN', 'SERVFAIL', 'TIMEOUT'].includes(a.rcode);
        const short = bad ? a.rcode : (a.answer || '').split(';').filter(Boolean).map((r) => r.trim().split(/\s+/).slice(-2).join(' ')).join(', ') || 'NODATA';
        if (d) this.fly(d, this.pos.get(e.node), bad ? 'dns-bad' : 'dns-a', 450, short);
        break;
      }
      case 'delivered':
        this.flag(e.node, '✓', 'flag-ok');
        break;
      case 'deferred':
        this.flag(e.node, '! ' + t('step.deferred'), 'flag-warn');
        break;
      case 'failed':
        this.flag(e.node, '× ' + t('step.failed'), 'flag-bad');
        break;
      case 'rejected':
        this.flag(e.node, '× ' + t('step.rejected'), 'flag-bad');
        break;
      default:
        break;
    }
  }

  flyAlong(g, kind, duration) {
    if (g) this.fly(g.s, g.e, kind, duration, null, g);
  }

  fly(from, to, kind, duration, label, geometry) {
    if (!from || !to || document.hidden) return;
    if (this.flights.length >= MAX_FLIGHTS) return;
    const g = el('g', { class: `flight ${kind}` }, this.layerFlights);
    if (kind === 'mail') {
      el('rect', { x: -15, y: -10, width: 30, height: 20, rx: 3 }, g);
      el('path', { d: 'M-15,-10 L0,2 L15,-10' }, g);
    } else {
      el('circle', { r: 11 }, g);
      text(g, 0, 5, kind === 'dns-q' ? '?' : kind === 'dns-bad' ? '!' : '✓', { 'text-anchor': 'middle' });
      if (label) text(g, 16, -12, label, { class: 'flight-label' });
    }
    this.flights.push({ g, from, to, geometry, start: performance.now(), duration });
    this.loop();
  }

  flag(nodeId, label, cls) {
    const p = this.pos.get(nodeId);
    if (!p || document.hidden) return;
    const g = el('g', { class: `flag ${cls}`, transform: `translate(${p.x + BOX_W / 2 - 10},${p.y - BOX_H / 2 - 4})` }, this.layerFlags);
    const w = 16 + label.length * 10;
    el('rect', { x: -w / 2, y: -14, width: w, height: 24, rx: 12 }, g);
    text(g, 0, 3, label, { 'text-anchor': 'middle' });
    setTimeout(() => g.remove(), 3500);
  }

  loop() {
    if (this.running) return;
    this.running = true;
    const tick = (now) => {
      this.flights = this.flights.filter((f) => {
        const k = Math.min(1, (now - f.start) / f.duration);
        const ease = k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2;
        const at = f.geometry ? Diagram.at(f.geometry, ease) : { x: f.from.x + (f.to.x - f.from.x) * ease, y: f.from.y + (f.to.y - f.from.y) * ease };
        f.g.setAttribute('transform', `translate(${at.x},${at.y})`);
        if (k >= 1) {
          f.g.remove();
          return false;
        }
        return true;
      });
      if (this.flights.length) requestAnimationFrame(tick);
      else this.running = false;
    };
    requestAnimationFrame(tick);
  }

  /**
   * Draws a message's route on the diagram with the step numbers of Figure 3; with `current`, the
   * steps after it are hidden and that step is highlighted (Replay).
   */
  showRoute(steps, current) {
    this.routeSteps = steps;
    this.replayStep = current === undefined ? null : current;
    const layer = this.layerRoute;
    if (!layer) return;
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    for (const g of this.nodeEls.values()) g.classList.remove('on-route', 'current');
    if (!steps) return;
    const perNode = new Map();
    const badge = (x, y, n, hot) => {
      const g = el('g', { class: 'step-badge' + (hot ? ' hot' : ''), transform: `translate(${x},${y})` }, layer);
      el('circle', { r: 14 }, g);
      text(g, 0, 5, String(n), { 'text-anchor': 'middle' });
    };
    for (const s of steps) {
      if (current !== null && current !== undefined && s.n > current) break;
      const hot = s.n === current;
      const p = this.pos.get(s.node);
      if (!p) continue;
      const ng = this.nodeEls.get(s.node);
      if (ng) ng.classList.add('on-route');
      if (hot && ng) ng.classList.add('current');
      if (s.kind === 'relay' && s.peer && this.pos.get(s.peer)) {
        const line = this.line(layer, s.node, s.peer, { class: 'route-link' + (hot ? ' hot' : ''), 'marker-end': hot ? 'url(#arrow-hot)' : 'url(#arrow)' });
        const pg = this.nodeEls.get(s.peer);
        if (pg) pg.classList.add('on-route');
        if (line) {
          const mid = Diagram.at(line.geometry, 0.5);
          badge(mid.x, mid.y, s.n, hot);
        }
      } else if (s.kind === 'dns' && this.dnsPos.get(s.view)) {
        // A curve over the row, from the top of the node to the top of its DNS server, so it never
        // hides behind the boxes in between.
        const d = this.dnsPos.get(s.view);
        const a = { x: p.x, y: p.y - BOX_H / 2 };
        const b = { x: d.x, y: d.y - 30 };
        const c = { x: (a.x + b.x) / 2, y: Math.min(a.y, b.y) - 40 - Math.abs(a.x - b.x) * 0.08 };
        el('path', { d: `M${a.x},${a.y} Q${c.x},${c.y} ${b.x},${b.y}`, fill: 'none', class: 'route-dns' + (hot ? ' hot' : '') }, layer);
        const k = perNode.get('dns' + s.node) || 0;
        perNode.set('dns' + s.node, k + 1);
        const u = Math.min(0.85, 0.2 + 0.22 * k);
        const q = (x, y, z) => (1 - u) * (1 - u) * x + 2 * (1 - u) * u * y + u * u * z;
        badge(q(a.x, c.x, b.x), q(a.y, c.y, b.y), s.n, hot);
      } else {
        const k = perNode.get(s.node) || 0;
        perNode.set(s.node, k + 1);
        badge(p.x - BOX_W / 2 + 14 + k * 30, p.y + BOX_H / 2 + 16, s.n, hot);
      }
    }
    // Put the route above the traffic but below the nodes' labels.
  }

  /** Animates one step of a replay. */
  animateStep(s) {
    if (!s) return;
    if (s.kind === 'relay') this.flyAlong(this.geometry(s.node, s.peer), 'mail', 1100);
    else if (s.kind === 'dns') {
      const d = this.dnsPos.get(s.view);
      this.fly(this.pos.get(s.node), d, 'dns-q', 600);
      setTimeout(() => this.fly(d, this.pos.get(s.node), s.answered ? 'dns-a' : 'dns-bad', 600), 600);
    } else if (s.kind === 'delivered') this.flag(s.node, '✓ ' + t('step.delivered'), 'flag-ok');
    else if (s.kind === 'deferred') this.flag(s.node, '! ' + t('step.deferred'), 'flag-warn');
    else if (s.kind === 'failed' || s.kind === 'rejected') this.flag(s.node, '× ' + t('step.' + s.kind), 'flag-bad');
  }

  select(nodeId) {
    for (const [id, g] of this.nodeEls) g.classList.toggle('selected', id === nodeId);
  }
}
