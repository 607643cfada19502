// Queues: what each node holds (Postfix's mailq), with the next retry, and flush (postqueue -f).

import { get, post, seg } from './api.js';
import { t } from './i18n.js';

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export class QueuePanel {
  constructor(root, { toastError, toastDone, nodeName }) {
    this.root = root;
    this.toastError = toastError;
    this.toastDone = toastDone;
    this.nodeName = nodeName;
    this.entries = [];
  }

  async refresh() {
    try {
      this.entries = await get('/api/queue');
    } catch (e) {
      this.toastError(e);
      return;
    }
    this.render();
  }

  render() {
    const now = Date.now();
    let html =
      `<div class="panel-bar"><h3>${esc(t('queueTitle'))}</h3><span class="spacer"></span>` +
      `<button type="button" class="btn" data-refresh>${esc(t('refresh'))}</button>` +
      `<button type="button" class="btn primary" data-flush="">${esc(t('flushAll'))}</button></div>`;
    if (!this.entries.length) {
      html += `<p class="muted queue-empty">${esc(t('queueEmpty'))}</p>`;
    } else {
      const byNode = new Map();
      for (const e of this.entries) byNode.set(e.node, (byNode.get(e.node) || []).concat(e));
      for (const [node, list] of byNode) {
        html += `<div class="queue-node"><div class="panel-bar"><h4>${esc(this.nodeName(node))} <span class="chip">${list.length}</span></h4><span class="spacer"></span><button type="button" class="btn small" data-flush="${esc(node)}">${esc(t('flush'))}</button></div>`;
        html += `<table class="grid queue"><thead><tr><th>ID</th><th>From → To</th><th>${esc(t('state'))}</th><th>${esc(t('attempts'))}</th><th>${esc(t('nextAttempt'))}</th><th>${esc(t('lastError'))}</th></tr></thead><tbody>`;
        for (const e of list) {
          let next = '—';
          if (e.nextAttempt) {
            const s = Math.round((Date.parse(e.nextAttempt) - now) / 1000);
            next = s <= 0 ? t('now') : t('inSeconds', { s });
          }
          html += `<tr class="queue-${esc(e.state)}"><td><code>${esc(e.queueId)}</code></td><td>${esc(e.from || '<>')} → ${esc(e.to.join(', '))}<div class="muted small">${esc(e.subject || '')}</div></td><td><span class="chip status-${e.state === 'deferred' ? 'deferred' : 'queued'}">${esc(t('queue.' + e.state))}</span></td><td>${e.attempts}</td><td>${esc(next)}</td><td class="small">${esc(e.lastError || '')}</td></tr>`;
        }
        html += '</tbody></table></div>';
      }
    }
    this.root.innerHTML = html;
    this.root.querySelector('[data-refresh]').addEventListener('click', () => this.refresh());
    for (const b of this.root.querySelectorAll('[data-flush]')) {
      b.addEventListener('click', async () => {
        try {
          const r = await post('/api/queue/flush' + (b.dataset.flush ? `?node=${seg(b.dataset.flush)}` : ''));
          this.toastDone({ ja: `${r.flushed} 通を再送します`, en: `Retrying ${r.flushed} messages now` });
          this.refresh();
        } catch (e) {
          this.toastError(e);
        }
      });
    }
  }
}
