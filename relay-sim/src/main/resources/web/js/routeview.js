// One message's route: the numbered steps of Figure 3 with why each next hop was chosen, the
// Received: headers of the copy in the final mailbox, the SMTP dialogue of each hop, and Replay,
// which walks the diagram through the route one step at a time.

import { get, seg } from './api.js';
import { t, pick } from './i18n.js';
import { routeSteps, circled } from './route.js';

const REPLAY_MS = 1700;

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export class RouteView {
  constructor(root, { diagram, topo, openMailbox, toastError }) {
    this.root = root;
    this.diagram = diagram;
    this.topo = topo; // {nodes: Map, networks: Map}
    this.openMailbox = openMailbox;
    this.toastError = toastError;
    this.message = null;
    this.steps = [];
    this.received = null;
    this.replayAt = null;
    this.timer = null;
    this.reloadTimer = null;
  }

  get current() {
    return this.message;
  }

  /** @param messageId when known (a mail just sent): its events are followed even mid-fetch */
  async show(id, messageId) {
    this.stopReplay();
    this.id = id;
    this.watch = messageId || null;
    this.received = null;
    this.dirty = false;
    let m;
    try {
      m = await get(`/api/messages/${seg(id)}`);
    } catch (e) {
      this.toastError(e);
      return;
    }
    if (this.id !== id) return;
    this.message = m;
    this.watch = m.messageId;
    this.steps = routeSteps(this.message, this.topo);
    this.render();
    this.diagram.showRoute(this.steps);
    this.loadReceived();
    // Events that came while the message was being fetched: read it again.
    if (this.dirty) this.onEvent({ messageId: m.messageId, type: 'delivered' });
  }

  /** Called for every live event: a step of the shown message reloads it (at most every 300 ms). */
  onEvent(e) {
    if (!this.watch || e.messageId !== this.watch) return;
    if (!this.message || this.message.messageId !== this.watch) {
      this.dirty = true; // still fetching it
      return;
    }
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(async () => {
      this.reloadTimer = null;
      if (this.replayAt !== null) return; // a replay keeps its steps still
      try {
        const m = await get(`/api/messages/${seg(this.message.id)}`);
        if (!this.message || m.messageId !== this.message.messageId) return;
        this.message = m;
        this.steps = routeSteps(m, this.topo);
        this.render();
        this.diagram.showRoute(this.steps);
        if (m.status === 'delivered' || e.type === 'delivered') this.loadReceived();
      } catch (err) {
        // The next event retries.
      }
    }, 300);
  }

  async loadReceived() {
    const delivered = this.steps.find((s) => s.kind === 'delivered');
    if (!delivered || !this.message) return;
    const m = this.message;
    try {
      const doc = await get(`/api/mailboxes/${seg(delivered.mailbox)}/messages/${seg(m.messageId)}`);
      if (this.message === m) {
        this.received = doc.received || [];
        this.render();
      }
    } catch (e) {
      // A mailbox that is not ours (a test's generated events): no headers to show.
      if (this.message === m) {
        this.received = false;
        this.render();
      }
    }
  }

  render() {
    const m = this.message;
    if (!m) {
      this.root.innerHTML = `<p class="hint">${esc(t('routeHint'))}</p>`;
      return;
    }
    const name = (id) => {
      const n = this.topo.nodes.get(id);
      return n ? n.label || id : id;
    };
    const replaying = this.replayAt !== null;
    let html =
      `<div class="route-head"><div><div class="route-subject">${esc(m.subject || '—')}</div>` +
      `<div class="route-addr">${esc(m.from)} → ${esc(m.to.join(', '))}</div>` +
      `<div class="route-meta">ID ${esc(m.id)} · ${esc(t('messageIdLabel'))} &lt;${esc(m.messageId)}&gt;</div></div>` +
      `<div class="route-actions"><span class="chip big status-${esc(m.status)}">${esc(t('status.' + m.status))}</span>` +
      `<div class="replay-buttons">` +
      `<button type="button" class="btn" data-act="prev" ${replaying ? '' : 'disabled'}>◀ ${esc(t('replayPrev'))}</button>` +
      `<button type="button" class="btn primary" data-act="${replaying ? 'stop' : 'play'}">${replaying ? '■ ' + esc(t('replayStop')) : '▶ ' + esc(t('replay'))}</button>` +
      `<button type="button" class="btn" data-act="next" ${replaying ? '' : 'disabled'}>${esc(t('replayNext'))} ▶</button>` +
      `</div>${replaying ? `<div class="replay-pos">${esc(t('replayStep', { i: this.replayAt, n: this.steps.length }))}</div>` : ''}</div></div>`;
    html += `<div class="route-hops">${esc(t('hops'))}: ${(m.hops || []).map((h) => esc(name(h))).join(' <span class="arrow">→</span> ')}</div>`;
    html += '<ol class="route-steps">';
    for (const s of this.steps) {
      const state = replaying ? (s.n === this.replayAt ? ' current' : s.n > this.replayAt ? ' later' : '') : '';
      html +=
        `<li class="route-step kind-${s.kind}${state}" data-step="${s.n}" data-kind="${s.kind}">` +
        `<span class="step-no">${circled(s.n)}</span>` +
        `<div class="step-body"><span class="step-kind">${esc(t('step.' + s.kind))}</span> ${esc(pick(s.text))}` +
        (s.why ? `<div class="step-why"><b>${esc(t('why'))}:</b> ${esc(pick(s.why))}</div>` : '') +
        `</div></li>`;
    }
    html += '</ol>';

    const delivered = this.steps.filter((s) => s.kind === 'delivered');
    html += '<div class="route-columns">';
    html += `<section><h4>${esc(t('finalMailbox'))}</h4>`;
    if (delivered.length) {
      for (const d of delivered) {
        html += `<div class="mailbox-line">✉ <b>${esc(d.mailbox)}</b> @ ${esc(name(d.node))} <button type="button" class="btn small" data-mailbox="${esc(d.mailbox)}">${esc(t('openMailbox'))}</button></div>`;
      }
    } else {
      html += `<div class="muted">${esc(t('noReceived'))}</div>`;
    }
    html += `<h4>${esc(t('receivedHeaders'))}</h4>`;
    if (this.received && this.received.length) {
      html += '<ol class="received">' + this.received.map((r) => `<li><code>Received: ${esc(r)}</code></li>`).join('') + '</ol>';
    } else {
      html += `<div class="muted">${esc(delivered.length && this.received === null ? t('loading') : t('noReceived'))}</div>`;
    }
    html += '</section>';
    html += `<section><h4>${esc(t('smtpHops'))}</h4><div class="muted small">${esc(t('smtpNote'))}</div>`;
    for (const s of this.steps.filter((x) => x.kind === 'relay')) {
      html += `<pre class="smtp">${esc(this.dialogue(s, m))}</pre>`;
    }
    html += '</section></div>';
    this.root.innerHTML = html;

    for (const b of this.root.querySelectorAll('[data-act]')) b.addEventListener('click', () => this.act(b.dataset.act));
    for (const b of this.root.querySelectorAll('[data-mailbox]')) b.addEventListener('click', () => this.openMailbox(b.dataset.mailbox, m.messageId));
    const cur = this.root.querySelector('.route-step.current');
    if (cur) cur.scrollIntoView({ block: 'nearest' });
  }

  /** The SMTP dialogue of one hop, from the CONNECTED and RELAYED events. */
  dialogue(step, m) {
    const from = this.topo.nodes.get(step.node);
    const to = this.topo.nodes.get(step.peer);
    const a = step.event.attributes || {};
    const c = step.connected ? step.connected.attributes || {} : {};
    const ehloReply = step.connected ? (step.connected.detail.split('SMTP: ')[1] || '') : '';
    const lines = [
      `# ${from ? from.hostname : step.node} → ${a.nextHop || ''} ${c.address ? '[' + c.address + ']' : ''}${to ? ' (' + (to.label || to.id) + ')' : ''}`,
      `C: EHLO ${from ? from.hostname : step.node}`,
    ];
    if (ehloReply) lines.push(...ehloReply.split(/ (?=250[- ])/).map((r) => `S: ${r}`));
    lines.push(`C: MAIL FROM:<${m.from}>`);
    for (const r of (a.recipients || m.to.join(',')).split(',')) lines.push(`C: RCPT TO:<${r.trim()}>`);
    lines.push('C: DATA', '   … (message) …', 'C: .', `S: ${a.reply || ''}`);
    return lines.join('\n');
  }

  act(what) {
    if (what === 'play') {
      this.replayAt = 0;
      this.advance(1);
      this.timer = setInterval(() => {
        if (this.replayAt >= this.steps.length) this.stopReplay();
        else this.advance(1);
      }, REPLAY_MS);
    } else if (what === 'stop') {
      this.stopReplay();
    } else if (what === 'next') {
      this.pause();
      this.advance(1);
    } else if (what === 'prev') {
      this.pause();
      this.advance(-1);
    }
  }

  advance(d) {
    const n = Math.max(1, Math.min(this.steps.length, (this.replayAt || 0) + d));
    this.replayAt = n;
    this.diagram.showRoute(this.steps, n);
    this.diagram.animateStep(this.steps[n - 1]);
    this.render();
  }

  pause() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  stopReplay() {
    this.pause();
    if (this.replayAt === null) return;
    this.replayAt = null;
    this.diagram.showRoute(this.steps);
    if (this.message) this.render();
  }
}
