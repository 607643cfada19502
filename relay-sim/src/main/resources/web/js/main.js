// The dashboard: loads the topology and the messages already tracked, draws them, then follows
// the trace over Server-Sent Events. Data is refetched at most a few times a second however fast
// events come, so a burst of a thousand messages costs a handful of requests.

import { get } from './api.js';
import { t, pick, setLang, currentLang, otherLang, applyStatic, onLangChange } from './i18n.js';
import { Diagram } from './diagram.js';
import { MessageList } from './messages.js';
import { RouteView } from './routeview.js';
import { MailboxPanel } from './mailboxes.js';
import { QueuePanel } from './queue.js';
import { SendForm } from './send.js';
import { ControlPanel, loadFaults } from './controls.js';

const $ = (s) => document.querySelector(s);

const state = {
  topology: null,
  faults: null,
  topo: { nodes: new Map(), networks: new Map() },
  tab: 'messages',
};

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Calls f at most once per `ms`, after the last request (trailing), never twice at once. */
function throttle(f, ms) {
  let timer = null;
  let running = false;
  let again = false;
  const fire = async () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await f();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(fire, ms);
  };
  return schedule;
}

// ---- messages in both languages: toasts, and errors under the form that caused them ----

function bilingualHtml(b) {
  const main = b[currentLang()] || b.ja || b.en;
  const other = b[otherLang()];
  return `<div class="msg-main">${esc(main)}</div>${other && other !== main ? `<div class="msg-other">${esc(other)}</div>` : ''}`;
}

function toast(b, kind) {
  const box = document.createElement('div');
  box.className = `toast ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.innerHTML = bilingualHtml(b);
  box.addEventListener('click', () => box.remove());
  $('#toasts').appendChild(box);
  setTimeout(() => box.remove(), kind === 'error' ? 9000 : 5000);
}

const toastDone = (b) => toast(b, 'done');
const toastError = (e) => toast(e.bilingual || { ja: String(e), en: String(e) }, 'error');

function showError(container, e) {
  const box = container.querySelector('.form-error');
  const b = e.bilingual || { ja: String(e.message || e), en: String(e.message || e) };
  if (!box) return toastError(e);
  box.innerHTML = bilingualHtml(b);
  box.hidden = false;
}

function clearError(container) {
  const box = container.querySelector('.form-error');
  if (box) {
    box.hidden = true;
    box.innerHTML = '';
  }
}

// ---- the parts of the page ----

const nodeName = (id) => {
  const n = state.topo.nodes.get(id);
  return n ? n.label || id : id;
};

const diagram = new Diagram($('#diagram'), {
  onNodeClick: (id) => {
    diagram.select(id);
    controls.selectNode(id);
    showTab('controls');
  },
});

const routeView = new RouteView($('#route'), {
  diagram,
  topo: state.topo,
  toastError,
  openMailbox: (address, messageId) => {
    showTab('mailboxes');
    mailboxes.open(address, messageId);
  },
});

const list = new MessageList($('#messages'), {
  nodeName,
  onSelect: (id) => routeView.show(id),
});

const mailboxes = new MailboxPanel($('#mailboxes'), { toastError, topology: () => state.topology });
const queue = new QueuePanel($('#queue'), { toastError, toastDone, nodeName });
const controls = new ControlPanel($('#controls'), {
  topology: () => state.topology,
  faults: () => state.faults,
  toastDone,
  showError,
  clearError,
  changed: () => reloadTopology(),
});
const sendForm = new SendForm($('#send-form'), {
  showError,
  clearError,
  onSent: async (r) => {
    toastDone({ ja: `送信しました (ID ${r.id})。経路を表示します`, en: `Sent (id ${r.id}). Showing its route` });
    const shown = routeView.show(r.id, r.messageId);
    await reloadMessages();
    showTab('messages');
    list.select(r.id);
    list.reveal(r.id);
    await shown;
  },
});

function showTab(name) {
  state.tab = name;
  for (const b of document.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.tab === name);
  for (const p of document.querySelectorAll('.tab-panel')) p.hidden = p.dataset.panel !== name;
  if (name === 'mailboxes') mailboxes.refresh();
  if (name === 'queue') queue.refresh();
  if (name === 'controls') controls.render();
  if (name === 'messages') list.paint();
}

for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => showTab(b.dataset.tab));

$('#lang').addEventListener('click', () => setLang(otherLang()));
onLangChange(() => {
  diagram.render(state.topology, { faults: state.faults });
  list.refilter();
  routeView.render();
  sendForm.fillDefaults();
  if (state.tab === 'mailboxes') mailboxes.render();
  if (state.tab === 'queue') queue.render();
  if (state.tab === 'controls') controls.render();
  renderHeader();
  const live = $('#live');
  live.querySelector('span').textContent = t({ live: 'live', down: 'disconnected' }[live.dataset.state] || 'connecting');
});

function renderHeader() {
  const topo = state.topology;
  if (!topo) return;
  $('#topology-name').textContent = topo.name;
  const lines = (topo.description || '').trim().split('\n');
  // The files write the description Japanese first, English second.
  $('#topology-description').textContent = (currentLang() === 'en' && lines[1] ? lines[1] : lines[0]) || '';
  document.title = `${t('title')} — ${topo.name}`;
}

// ---- data ----

async function reloadTopology() {
  const [topology, faults] = await Promise.all([get('/api/topology'), loadFaults()]);
  state.topology = topology;
  state.faults = faults;
  state.topo.nodes.clear();
  for (const n of topology.nodes) state.topo.nodes.set(n.id, n);
  state.topo.networks.clear();
  for (const n of topology.networks) state.topo.networks.set(n.name, n);
  diagram.render(topology, { faults });
  renderHeader();
  if (state.tab === 'controls') controls.render();
}

async function reloadMessages() {
  const messages = await get('/api/messages');
  list.setMessages(messages);
  return messages;
}

const messagesSoon = throttle(() => reloadMessages().catch(() => {}), 500);
const topologySoon = throttle(() => reloadTopology().catch(() => {}), 300);
const queueSoon = throttle(() => (state.tab === 'queue' ? queue.refresh() : null), 1000);
const mailboxesSoon = throttle(() => (state.tab === 'mailboxes' ? mailboxes.refresh() : null), 1000);

function connectEvents() {
  const status = $('#live');
  const source = new EventSource('/api/events');
  status.dataset.state = 'connecting';
  status.querySelector('span').textContent = t('connecting');
  source.onopen = () => {
    status.dataset.state = 'live';
    status.querySelector('span').textContent = t('live');
    messagesSoon(); // whatever happened while we were away
  };
  source.onerror = () => {
    status.dataset.state = 'down';
    status.querySelector('span').textContent = t('disconnected');
  };
  source.addEventListener('trace', (m) => {
    let e;
    try {
      e = JSON.parse(m.data);
    } catch (err) {
      return;
    }
    diagram.onEvent(e);
    routeView.onEvent(e);
    if (e.type === 'fault') topologySoon();
    if (e.messageId) messagesSoon();
    if (['received', 'deferred', 'relayed', 'delivered', 'failed'].includes(e.type)) queueSoon();
    if (e.type === 'delivered') mailboxesSoon();
  });
}

async function start() {
  applyStatic(document);
  $('#live span').textContent = t('connecting');
  try {
    await reloadTopology();
  } catch (e) {
    toastError(e);
    return;
  }
  sendForm.setTopology(state.topology);
  const messages = await reloadMessages().catch((e) => {
    toastError(e);
    return [];
  });
  connectEvents();
  // Open on the first message (Figure 1's mail in the demo), its route drawn on the diagram.
  const wanted = new URLSearchParams(location.search).get('message');
  const first = wanted || (messages.length ? messages[0].id : null);
  if (first) {
    list.select(first);
    await routeView.show(first);
  } else {
    routeView.render();
  }
  document.body.dataset.ready = 'true';
  window.lgwanReady = performance.now();
}

start();

// For the browser tests and the curious: how the page sees itself.
window.lgwanDashboard = { state, list, diagram, routeView, pick };
