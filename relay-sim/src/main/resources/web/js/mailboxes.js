// Mailboxes: each node's mailboxes, their messages (headers, text, raw source) read through the
// API from the same store IMAP serves, and the settings a trainee types into Thunderbird.

import { get, seg } from './api.js';
import { t } from './i18n.js';

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export class MailboxPanel {
  constructor(root, { toastError, topology }) {
    this.root = root;
    this.toastError = toastError;
    this.topology = topology;
    this.view = { kind: 'list' };
    this.part = 'headers';
  }

  async refresh() {
    try {
      if (this.view.kind === 'list') {
        this.boxes = await get('/api/mailboxes');
      } else if (this.view.kind === 'box') {
        this.messages = await get(`/api/mailboxes/${seg(this.view.address)}/messages`);
      } else {
        this.mail = await get(`/api/mailboxes/${seg(this.view.address)}/messages/${seg(this.view.key)}`);
      }
    } catch (e) {
      this.toastError(e);
      return;
    }
    this.render();
  }

  open(address, key) {
    this.view = key ? { kind: 'mail', address, key } : { kind: 'box', address };
    return this.refresh();
  }

  render() {
    const v = this.view;
    if (v.kind === 'list') this.root.innerHTML = this.listHtml();
    else if (v.kind === 'box') this.root.innerHTML = this.boxHtml();
    else this.root.innerHTML = this.mailHtml();
    for (const b of this.root.querySelectorAll('[data-open]')) b.addEventListener('click', () => this.open(b.dataset.open));
    for (const b of this.root.querySelectorAll('[data-mail]')) b.addEventListener('click', () => this.open(this.view.address, b.dataset.mail));
    for (const b of this.root.querySelectorAll('[data-part]')) b.addEventListener('click', () => { this.part = b.dataset.part; this.render(); });
    const back = this.root.querySelector('[data-back]');
    if (back) back.addEventListener('click', () => {
      this.view = this.view.kind === 'mail' ? { kind: 'box', address: this.view.address } : { kind: 'list' };
      this.refresh();
    });
  }

  listHtml() {
    const boxes = this.boxes || [];
    if (!boxes.length) return `<p class="hint">${esc(t('noMailboxes'))}</p>`;
    let html = `<p class="hint">${esc(t('mailboxesHint'))}</p>`;
    let node = null;
    for (const b of boxes) {
      if (b.node !== node) {
        if (node !== null) html += '</div>';
        node = b.node;
        html += `<div class="mb-node"><h4>${esc(b.nodeLabel || b.node)} <span class="muted">${esc(b.hostname)}</span></h4>`;
      }
      html += `<button type="button" class="mb-box" data-open="${esc(b.address)}"><span>✉ ${esc(b.address)}</span><span class="chip">${b.messages} ${esc(t('mailboxesShort'))}</span></button>`;
    }
    return html + '</div>';
  }

  settingsHtml(b) {
    const node = this.topology().nodes.find((n) => n.id === b.node);
    const smtp = node && node.smtp.length ? node.smtp[0] : null;
    const row = (label, host, port) =>
      `<tr><th>${esc(label)}</th><td><code>${esc(host)}</code></td><td><code>${esc(port)}</code></td><td>${esc(t('none'))}</td><td>${esc(t('normalPassword'))}</td></tr>`;
    return (
      `<div class="settings"><h4>${esc(t('thunderbird'))}</h4><table class="grid"><thead><tr><th></th><th>${esc(t('server'))}</th><th>${esc(t('port'))}</th><th>${esc(t('security'))}</th><th>${esc(t('auth'))}</th></tr></thead><tbody>` +
      (b.imap ? row(t('incomingImap'), b.imap.host, b.imap.port) : '') +
      (b.pop3 ? row(t('incomingPop3'), b.pop3.host, b.pop3.port) : '') +
      (smtp ? row(t('outgoingSmtp'), smtp.host, smtp.port) : '') +
      `</tbody></table><div class="creds">${esc(t('username'))}: <code>${esc(b.address)}</code> &nbsp; ${esc(t('password'))}: <code>${esc(b.password)}</code></div></div>`
    );
  }

  boxHtml() {
    const b = (this.boxes || []).find((x) => x.address === this.view.address) || { address: this.view.address };
    let html = `<button type="button" class="btn small" data-back>${esc(t('back'))}</button><h3>✉ ${esc(b.address)}</h3>`;
    const list = this.messages || [];
    if (!list.length) html += `<p class="muted">${esc(t('emptyMailbox'))}</p>`;
    else {
      html += '<div class="mb-messages">';
      for (const m of list.slice().reverse()) {
        html += `<button type="button" class="mb-message" data-mail="${m.index}"><span class="mb-subject">${esc(m.subject || '—')}</span><span class="muted">${esc(m.from)} · ${esc(m.date ? new Date(m.date).toLocaleString() : '')}</span></button>`;
      }
      html += '</div>';
    }
    if (b.node) html += this.settingsHtml(b);
    return html;
  }

  mailHtml() {
    const m = this.mail;
    if (!m) return '';
    const tabs = ['headers', 'text', 'raw']
      .map((p) => `<button type="button" class="tab-mini${this.part === p ? ' active' : ''}" data-part="${p}">${esc(t(p))}</button>`)
      .join('');
    let body;
    if (this.part === 'headers') {
      body = '<table class="grid headers">' + m.headers.map((h) => `<tr><th>${esc(h.name)}</th><td>${esc(h.value)}</td></tr>`).join('') + '</table>';
    } else if (this.part === 'text') {
      body = `<pre class="mail-text">${esc(m.text)}</pre>`;
    } else {
      body = `<pre class="mail-raw">${esc(m.raw)}</pre>`;
    }
    return (
      `<button type="button" class="btn small" data-back>${esc(t('back'))}</button>` +
      `<h3>${esc(m.subject || '—')}</h3><div class="muted">${esc(m.from)} → ${esc(m.to)}</div>` +
      `<div class="tabs-mini">${tabs}</div><div class="mail-part">${body}</div>`
    );
  }
}
