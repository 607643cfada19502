// Send a test mail: from and to picked from the topology's mailboxes (a datalist) or typed. The
// server checks every field; its refusal is shown under the form in both languages.

import { post } from './api.js';
import { t } from './i18n.js';

export class SendForm {
  constructor(form, { onSent, showError, clearError }) {
    this.form = form;
    this.onSent = onSent;
    this.showError = showError;
    this.clearError = clearError;
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.send();
    });
  }

  /** Fills the address lists and sensible defaults: Figure 1's A市 → B町 when they exist. */
  setTopology(topology) {
    const list = this.form.querySelector('#mailbox-addresses');
    const addresses = topology.nodes.flatMap((n) => (n.mailboxes || []).map((m) => m.address));
    list.innerHTML = addresses.map((a) => `<option value="${a}"></option>`).join('');
    const from = this.form.elements.from;
    const to = this.form.elements.to;
    if (!from.value && addresses.length) from.value = addresses[0];
    if (!to.value && addresses.length) {
      const domain = (a) => a.split('@')[1];
      to.value = addresses.find((a) => domain(a) !== domain(from.value)) || addresses[addresses.length - 1];
    }
    this.fillDefaults();
  }

  fillDefaults() {
    const f = this.form.elements;
    if (!f.subject.dataset.touched) f.subject.value = t('defaultSubject');
    if (!f.body.dataset.touched) f.body.value = t('defaultBody');
    f.subject.oninput = () => (f.subject.dataset.touched = '1');
    f.body.oninput = () => (f.body.dataset.touched = '1');
  }

  async send() {
    const f = this.form.elements;
    const button = this.form.querySelector('button[type=submit]');
    this.clearError(this.form);
    button.disabled = true;
    try {
      const to = f.to.value.split(',').map((s) => s.trim()).filter(Boolean);
      const r = await post('/api/send', { from: f.from.value.trim(), to, subject: f.subject.value, body: f.body.value });
      this.onSent(r);
    } catch (e) {
      this.showError(this.form, e);
    } finally {
      button.disabled = false;
    }
  }
}
