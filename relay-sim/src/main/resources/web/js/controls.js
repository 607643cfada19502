// Controls and faults: switch a node between MX and Static delivery, stop and start it, make it
// answer with a reply code or slowly, cut its links; edit, delete and revert DNS records and stop
// a DNS server; see and undo every active fault. Each button is one call of the HTTP API.

import { get, post, put, del, seg } from './api.js';
import { t } from './i18n.js';

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export class ControlPanel {
  constructor(root, { topology, faults, toastDone, showError, clearError, changed }) {
    this.root = root;
    this.topology = topology; // () → the latest topology document
    this.faults = faults; // () → the latest faults document
    this.toastDone = toastDone;
    this.showError = showError;
    this.clearError = clearError;
    this.changed = changed; // reload topology and faults after an action
    this.nodeId = null;
    this.view = null;
  }

  selectNode(id) {
    this.nodeId = id;
    this.render();
  }

  render() {
    const topo = this.topology();
    if (!topo) return;
    if (!this.nodeId || !topo.nodes.some((n) => n.id === this.nodeId)) {
      const preferred = topo.nodes.find((n) => n.role === 'municipality') || topo.nodes[0];
      this.nodeId = preferred ? preferred.id : null;
    }
    if (!this.view && topo.dns.length) this.view = topo.dns[0].view;
    const node = topo.nodes.find((n) => n.id === this.nodeId);
    const faults = this.faults() || {};
    const stopped = (faults.stoppedNodes || []).includes(this.nodeId);
    const cut = new Set((faults.cutLinks || []).filter((l) => l.node === this.nodeId).map((l) => l.network));
    const staticMode = node && node.delivery.mode === 'static';
    const hosts = topo.nodes.filter((n) => n.id !== this.nodeId).sort((a, b) => (a.role === 'poi' ? -1 : 0) - (b.role === 'poi' ? -1 : 0));
    const currentHost = staticMode ? node.delivery.smarthost : hosts.length ? `[${hosts[0].hostname}]` : '';

    let html = `<form class="card" data-form="node"><div class="row"><label>${esc(t('controlsNode'))}
      <select name="node">${topo.nodes.map((n) => `<option value="${esc(n.id)}"${n.id === this.nodeId ? ' selected' : ''}>${esc(n.label || n.id)} (${esc(n.id)})</option>`).join('')}</select></label>
      <span class="chip ${stopped ? 'status-failed' : 'status-delivered'}">${esc(stopped ? t('stopped') : t('running'))}</span>
      <span class="muted small">${esc(t('controlsHint'))}</span></div></form>`;

    html += `<form class="card" data-form="delivery"><h4>${esc(t('deliveryTitle'))}</h4>
      <div class="row"><label class="radio"><input type="radio" name="mode" value="mx"${staticMode ? '' : ' checked'}> ${esc(t('deliveryMx'))}</label>
      <label class="radio"><input type="radio" name="mode" value="static"${staticMode ? ' checked' : ''}> ${esc(t('deliveryStatic'))}</label></div>
      <div class="row"><label>${esc(t('smarthost'))} <input name="smarthost" list="smarthost-list" value="${esc(currentHost)}" autocomplete="off"></label>
      <datalist id="smarthost-list">${hosts.map((n) => `<option value="[${esc(n.hostname)}]">${esc(n.label || n.id)}</option>`).join('')}</datalist>
      <button class="btn primary" type="submit">${esc(t('apply'))}</button></div><div class="form-error" role="alert" hidden></div></form>`;

    html += `<form class="card" data-form="lifecycle"><h4>${esc(t('lifecycle'))}</h4><div class="row">
      <button class="btn danger" type="button" data-do="stop"${stopped ? ' disabled' : ''}>■ ${esc(t('stopNode'))}</button>
      <button class="btn" type="button" data-do="start"${stopped ? '' : ' disabled'}>▶ ${esc(t('startNode'))}</button></div>
      <div class="form-error" role="alert" hidden></div></form>`;

    html += `<form class="card" data-form="fault"><h4>${esc(t('replyFault'))}</h4><div class="row">
      <label>${esc(t('stage'))} <select name="stage">${['connect', 'mail', 'rcpt', 'data'].map((s) => `<option${s === 'rcpt' ? ' selected' : ''}>${s}</option>`).join('')}</select></label>
      <label>${esc(t('code'))} <input name="code" value="451" size="4" inputmode="numeric"></label>
      <label>${esc(t('replyText'))} <input name="text" value="4.3.0 try again later" size="18"></label>
      <label>${esc(t('fraction'))} <input name="fraction" value="1" size="3"></label>
      <button class="btn danger" type="submit">${esc(t('inject'))}</button></div>
      <div class="row"><label>${esc(t('latency'))} <input name="latencyMs" value="2000" size="6" inputmode="numeric"></label>
      <button class="btn" type="button" data-do="latency">${esc(t('setLatency'))}</button>
      <button class="btn" type="button" data-do="clear">${esc(t('clearFaults'))}</button></div>
      <div class="form-error" role="alert" hidden></div></form>`;

    html += `<form class="card" data-form="links"><h4>${esc(t('links'))}</h4><div class="row">`;
    for (const s of node ? node.smtp : []) {
      const isCut = cut.has(s.network);
      html += `<span class="link-item">${esc(s.network)} <code>${esc(s.host)}</code> ${isCut ? `<span class="chip status-failed">✂ ${esc(t('cut'))}</span>` : ''}
        <button class="btn small${isCut ? '' : ' danger'}" type="button" data-link="${esc(s.network)}" data-action="${isCut ? 'connect' : 'disconnect'}">${esc(isCut ? t('connect') : t('disconnect'))}</button></span>`;
    }
    html += `</div><div class="form-error" role="alert" hidden></div></form>`;

    html += `<form class="card" data-form="dns"><h4>${esc(t('dnsTitle'))}</h4><div class="row">
      <label>${esc(t('view'))} <select name="view">${topo.dns.map((d) => `<option${d.view === this.view ? ' selected' : ''}>${esc(d.view)}</option>`).join('')}</select></label>
      <button class="btn small" type="button" data-do="dns-stop">${esc(t('stopDns'))}</button>
      <button class="btn small" type="button" data-do="dns-start">${esc(t('startDns'))}</button>
      <button class="btn small" type="button" data-do="dns-revert">${esc(t('revertDns'))}</button></div>
      <div class="row"><label>${esc(t('recordName'))} <input name="name" value="town-b.lg.jp" size="16"></label>
      <label>${esc(t('recordType'))} <select name="type">${['MX', 'A', 'CNAME', 'TXT', 'NS'].map((x) => `<option>${x}</option>`).join('')}</select></label>
      <label>${esc(t('recordData'))} <input name="data" value="10 relay.lgwan.jp." size="18"></label>
      <label>${esc(t('ttl'))} <input name="ttl" value="300" size="5" inputmode="numeric"></label></div>
      <div class="row"><button class="btn" type="button" data-do="dns-add">${esc(t('addRecord'))}</button>
      <button class="btn" type="button" data-do="dns-replace">${esc(t('replaceRecord'))}</button>
      <button class="btn danger" type="button" data-do="dns-delete">${esc(t('deleteRecord'))}</button></div>
      <div class="form-error" role="alert" hidden></div></form>`;

    html += `<div class="card"><div class="panel-bar"><h4>${esc(t('activeFaults'))}</h4><span class="spacer"></span><button class="btn small" type="button" data-do="clear-all">${esc(t('clearAll'))}</button></div>${this.faultsHtml(faults)}<div class="form-error" role="alert" hidden></div></div>`;
    this.root.innerHTML = html;
    this.wire();
  }

  faultsHtml(f) {
    const items = [];
    if ((f.stoppedNodes || []).length) items.push(`${esc(t('faultStopped'))}: ${f.stoppedNodes.map(esc).join(', ')}`);
    for (const n of f.nodes || []) {
      const parts = n.replies.map((r) => `${r.stage} ${r.code} ${r.text}${r.fraction < 1 ? ` (${Math.round(r.fraction * 100)}%)` : ''}`);
      if (n.latencyMs) parts.push(`${n.latencyMs} ms`);
      items.push(`${esc(t('faultReplies'))}: <b>${esc(n.node)}</b> ${esc(parts.join('; '))}`);
    }
    if ((f.cutLinks || []).length) items.push(`${esc(t('faultLinks'))}: ${f.cutLinks.map((l) => esc(`${l.node} ✂ ${l.network}`)).join(', ')}`);
    for (const d of f.dnsChanges || []) items.push(`${esc(t('faultDns'))}: ${esc(JSON.stringify(d).replace(/[{}"]/g, ' '))}`);
    if ((f.stoppedDns || []).length) items.push(`${esc(t('faultDnsStopped'))}: ${f.stoppedDns.map(esc).join(', ')}`);
    return items.length ? `<ul class="fault-list">${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : `<p class="muted">${esc(t('noFaults'))}</p>`;
  }

  wire() {
    const r = this.root;
    const form = (name) => r.querySelector(`[data-form=${name}]`);
    form('node').elements.node.addEventListener('change', (ev) => this.selectNode(ev.target.value));
    const id = seg(this.nodeId);
    const run = async (card, f) => {
      this.clearError(card);
      try {
        const res = await f();
        if (res && res.message) this.toastDone(res.message);
        await this.changed();
      } catch (e) {
        this.showError(card, e);
      }
    };
    const delivery = form('delivery');
    delivery.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const mode = delivery.elements.mode.value;
      const body = mode === 'static' ? { mode, smarthost: delivery.elements.smarthost.value.trim() } : { mode };
      run(delivery, () => put(`/api/nodes/${id}/delivery`, body));
    });
    const life = form('lifecycle');
    for (const b of life.querySelectorAll('[data-do]')) b.addEventListener('click', () => run(life, () => post(`/api/nodes/${id}/${b.dataset.do}`)));
    const fault = form('fault');
    const num = (v) => (v.trim() === '' || isNaN(Number(v)) ? v : Number(v));
    fault.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const e = fault.elements;
      run(fault, () => post(`/api/nodes/${id}/faults`, { stage: e.stage.value, code: num(e.code.value), text: e.text.value, fraction: num(e.fraction.value) }));
    });
    fault.querySelector('[data-do=latency]').addEventListener('click', () => run(fault, () => post(`/api/nodes/${id}/faults`, { latencyMs: num(fault.elements.latencyMs.value) })));
    fault.querySelector('[data-do=clear]').addEventListener('click', () => run(fault, () => del(`/api/nodes/${id}/faults`)));
    const links = form('links');
    for (const b of links.querySelectorAll('[data-link]')) b.addEventListener('click', () => run(links, () => post(`/api/nodes/${id}/networks/${seg(b.dataset.link)}/${b.dataset.action}`)));
    const dns = form('dns');
    dns.elements.view.addEventListener('change', (ev) => (this.view = ev.target.value));
    const view = () => seg(dns.elements.view.value);
    const record = () => {
      const e = dns.elements;
      return { name: e.name.value.trim(), type: e.type.value, data: e.data.value, ttl: num(e.ttl.value) };
    };
    const dnsDo = {
      'dns-stop': () => post(`/api/dns/${view()}/stop`),
      'dns-start': () => post(`/api/dns/${view()}/start`),
      'dns-revert': () => del(`/api/dns/${view()}/changes`),
      'dns-add': () => post(`/api/dns/${view()}/records`, record()),
      'dns-replace': () => put(`/api/dns/${view()}/records`, record()),
      'dns-delete': () => del(`/api/dns/${view()}/records?name=${encodeURIComponent(record().name)}&type=${encodeURIComponent(record().type)}`),
    };
    for (const b of dns.querySelectorAll('[data-do]')) b.addEventListener('click', () => run(dns, dnsDo[b.dataset.do]));
    const all = r.querySelector('[data-do=clear-all]');
    all.addEventListener('click', () => run(all.closest('.card'), () => del('/api/faults')));
  }
}

export async function loadFaults() {
  return get('/api/faults');
}
