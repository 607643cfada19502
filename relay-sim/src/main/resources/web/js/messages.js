// The message list: every tracked message, newest first, filtered by sender, recipient, subject
// and status. Only the rows in view are in the DOM (a virtual list), so a thousand messages, or
// ten thousand, scroll and filter at once.

import { t } from './i18n.js';

const ROW_H = 58;
const OVERSCAN = 6;

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export class MessageList {
  constructor(root, { onSelect, nodeName }) {
    this.root = root;
    this.onSelect = onSelect;
    this.nodeName = nodeName;
    this.all = [];
    this.shown = [];
    this.selected = null;
    this.viewport = root.querySelector('.vlist');
    this.spacer = root.querySelector('.vlist-spacer');
    this.rows = root.querySelector('.vlist-rows');
    this.countEl = root.querySelector('.message-count');
    this.emptyEl = root.querySelector('.message-empty');
    this.inputs = {
      from: root.querySelector('[name=filter-from]'),
      to: root.querySelector('[name=filter-to]'),
      subject: root.querySelector('[name=filter-subject]'),
      status: root.querySelector('[name=filter-status]'),
    };
    for (const i of Object.values(this.inputs)) i.addEventListener('input', () => this.refilter());
    this.viewport.addEventListener('scroll', () => this.paint(), { passive: true });
    this.rows.addEventListener('click', (ev) => {
      const row = ev.target.closest('.msg-row');
      if (row) this.select(row.dataset.id, true);
    });
    this.rows.addEventListener('keydown', (ev) => {
      const row = ev.target.closest('.msg-row');
      if (row && ev.key === 'Enter') this.select(row.dataset.id, true);
    });
    new ResizeObserver(() => this.paint()).observe(this.viewport);
  }

  setMessages(list) {
    this.all = list.slice().reverse();
    this.refilter();
  }

  byId(id) {
    return this.all.find((m) => m.id === id || m.messageId === id);
  }

  refilter() {
    const f = (i) => i.value.trim().toLowerCase();
    const from = f(this.inputs.from);
    const to = f(this.inputs.to);
    const subject = f(this.inputs.subject);
    const status = this.inputs.status.value;
    this.shown = this.all.filter(
      (m) =>
        (!from || m.from.toLowerCase().includes(from)) &&
        (!to || m.to.some((r) => r.toLowerCase().includes(to))) &&
        (!subject || (m.subject || '').toLowerCase().includes(subject)) &&
        (!status || m.status === status));
    const filtered = from || to || subject || status;
    this.countEl.textContent = filtered ? t('countOf', { n: this.shown.length, total: this.all.length }) : t('count', { n: this.all.length });
    this.countEl.dataset.count = String(this.shown.length);
    this.emptyEl.hidden = this.shown.length > 0;
    this.emptyEl.textContent = this.all.length ? t('noMatch') : t('noMessages');
    this.spacer.style.height = `${this.shown.length * ROW_H}px`;
    this.paint();
  }

  paint() {
    const top = this.viewport.scrollTop;
    const h = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(this.shown.length, Math.ceil((top + h) / ROW_H) + OVERSCAN);
    let html = '';
    for (let i = first; i < last; i++) {
      const m = this.shown[i];
      const sel = m.id === this.selected ? ' selected' : '';
      const hops = (m.hops || []).map((h) => esc(this.nodeName(h))).join(' → ');
      html +=
        `<div class="msg-row${sel}" role="option" tabindex="0" data-id="${esc(m.id)}" data-status="${esc(m.status)}" style="top:${i * ROW_H}px">` +
        `<div class="msg-line1"><span class="chip status-${esc(m.status)}">${esc(t('status.' + m.status))}</span>` +
        `<span class="msg-subject">${esc(m.subject || '—')}</span></div>` +
        `<div class="msg-line2"><span class="msg-from">${esc(m.from)}</span> → <span class="msg-to">${esc(m.to.join(', '))}</span>` +
        `<span class="msg-hops">${hops}</span></div></div>`;
    }
    this.rows.innerHTML = html;
  }

  select(id, fromClick) {
    this.selected = id;
    this.paint();
    if (fromClick && this.onSelect) this.onSelect(id);
  }

  /** Scrolls the selected message into view (after sending one from the form). */
  reveal(id) {
    const i = this.shown.findIndex((m) => m.id === id);
    if (i >= 0) {
      const top = i * ROW_H;
      if (top < this.viewport.scrollTop || top > this.viewport.scrollTop + this.viewport.clientHeight - ROW_H) this.viewport.scrollTop = top;
      this.paint();
    }
  }
}
