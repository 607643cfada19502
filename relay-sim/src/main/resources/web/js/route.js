// A message's events (GET /api/messages/{id}) as the numbered steps of the article's Figure 3,
// the same reading as the CLI's `trace` (RouteSteps.java): the submission, each DNS question with
// its answer, the route decision with why, each relay, and the delivery, deferral or failure.
// Each step also says which nodes it involves, so Replay can draw it on the diagram.

const SMTP_DEFAULT_PORT = '25';

/** ①..⑳, then (21), (22)... */
export function circled(n) {
  return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : `(${n})`;
}

function attr(e, k) {
  return (e.attributes && e.attributes[k]) || '';
}

/** Events grouped by visit (one node's copy, its queue id), in the order the visits began. */
function byVisit(events) {
  const start = new Map();
  const visit = (e) => (e.queueId ? `${e.node}/${e.queueId}` : `seq:${e.seq}`);
  for (const e of events) if (!start.has(visit(e))) start.set(visit(e), e.seq);
  return [...events].sort((a, b) => start.get(visit(a)) - start.get(visit(b)) || a.seq - b.seq);
}

/** "town-b.lg.jp. 300 IN MX 10 relay.lgwan.jp." → "10 relay.lgwan.jp." */
export function recordData(line) {
  const t = line.trim().split(/\s+/);
  const i = t.indexOf('IN');
  return i >= 0 && i + 2 < t.length ? t.slice(i + 2).join(' ') : line.trim();
}

function answerText(answer) {
  if (!answer) return { ja: '(応答待ち)', en: '(no answer yet)' };
  switch (attr(answer, 'rcode')) {
    case 'NXDOMAIN':
      return { ja: '存在しないドメイン (NXDOMAIN)', en: 'no such domain (NXDOMAIN)' };
    case 'SERVFAIL':
      return { ja: 'サーバ障害 (SERVFAIL)', en: 'server failure (SERVFAIL)' };
    case 'TIMEOUT':
      return { ja: '応答なし (タイムアウト)', en: 'no answer (timeout)' };
    default: {
      const data = attr(answer, 'answer').split(';').filter((r) => r.trim()).map(recordData);
      if (!data.length) return { ja: 'レコードなし (NODATA)', en: 'no such record (NODATA)' };
      const s = data.join(', ');
      return { ja: s, en: s };
    }
  }
}

/**
 * @param message the detail document with events
 * @param topo {nodes: Map id → node, networks: Map name → network}
 * @returns [{n, kind, node, peer, view, text:{ja,en}, why:{ja,en}|null, event}]
 */
export function routeSteps(message, topo) {
  const events = byVisit(message.events || []);
  const name = (id) => {
    const n = topo.nodes.get(id);
    return n && n.label && n.label !== id ? `${n.label} (${id})` : id;
  };
  const netName = (v) => {
    const n = topo.networks.get(v);
    return n && n.label ? n.label : v;
  };
  const steps = [];
  const routeOf = new Map(); // node → its latest ROUTE_CHOSEN, explains the relay after it
  const mxAnswers = new Map(); // node|domain → MX answer text
  let firstReceived = true;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const node = name(e.node);
    switch (e.type) {
      case 'received': {
        if (!firstReceived) break;
        firstReceived = false;
        const to = attr(e, 'to').split(',').join(', ');
        steps.push({
          kind: 'received',
          node: e.node,
          text: {
            ja: `${node} が ${attr(e, 'client')} から ${attr(e, 'from')} → ${to} のメールを受け付けました`,
            en: `${node} accepted a mail from ${attr(e, 'from')} to ${to} (client ${attr(e, 'client')})`,
          },
          event: e,
        });
        break;
      }
      case 'dns-query': {
        const answer = events.slice(i + 1).find(
          (a) => a.type === 'dns-answer' && a.node === e.node && attr(a, 'query') === attr(e, 'query') && attr(a, 'qtype') === attr(e, 'qtype'));
        const result = answerText(answer);
        const net = netName(attr(e, 'view'));
        const q = attr(e, 'qtype');
        if (q === 'MX' && answer) mxAnswers.set(`${e.node}|${attr(e, 'query')}`, { result, net });
        steps.push({
          kind: 'dns',
          node: e.node,
          view: attr(e, 'view'),
          answered: !!answer && !['NXDOMAIN', 'SERVFAIL', 'TIMEOUT'].includes(attr(answer, 'rcode')),
          text: {
            ja: `${node} が ${net} の DNS (${attr(e, 'server')}) に問い合わせ: ${attr(e, 'query')} の ${q} は? → ${result.ja}`,
            en: `${node} asked ${net} DNS (${attr(e, 'server')}): ${q} ${attr(e, 'query')}? → ${result.en}`,
          },
          event: e,
        });
        break;
      }
      case 'route-chosen': {
        routeOf.set(e.node, e);
        const step = routeStep(e, node, mxAnswers);
        if (step) steps.push(step);
        break;
      }
      case 'relayed': {
        const next = attr(e, 'nextNode');
        const connected = events.slice(0, i).reverse().find(
          (c) => c.type === 'connected' && c.node === e.node && attr(c, 'nextHop') === attr(e, 'nextHop'));
        const where = connected ? `${attr(e, 'nextHop')} ${bracket(attr(connected, 'address'))}` : attr(e, 'nextHop');
        const via = next ? ` (${name(next)})` : '';
        steps.push({
          kind: 'relay',
          node: e.node,
          peer: next,
          text: {
            ja: `${node} が ${where}${via} へ転送しました: ${attr(e, 'reply')}`,
            en: `${node} relayed to ${where}${via}: ${attr(e, 'reply')}`,
          },
          why: whyOf(routeOf.get(e.node), mxAnswers),
          connected,
          event: e,
        });
        break;
      }
      case 'delivered':
        steps.push({
          kind: 'delivered',
          node: e.node,
          mailbox: attr(e, 'mailbox'),
          text: {
            ja: `${node} が ${attr(e, 'mailbox')} のメールボックスに配送しました`,
            en: `${node} delivered to ${attr(e, 'mailbox')}'s mailbox`,
          },
          event: e,
        });
        break;
      case 'deferred':
        steps.push({
          kind: 'deferred',
          node: e.node,
          text: {
            ja: `${node} で一時的に失敗しました。${attr(e, 'nextAttempt')} に再送します: ${attr(e, 'reason')}`,
            en: `${node} deferred the mail; next attempt ${attr(e, 'nextAttempt')}: ${attr(e, 'reason')}`,
          },
          event: e,
        });
        break;
      case 'failed':
        steps.push({
          kind: 'failed',
          node: e.node,
          text: {
            ja: `${node} で配送できませんでした (${attr(e, 'recipients')}): ${attr(e, 'reason')}`,
            en: `${node} gave up on ${attr(e, 'recipients')}: ${attr(e, 'reason')}`,
          },
          event: e,
        });
        break;
      case 'rejected':
        steps.push({
          kind: 'rejected',
          node: e.node,
          text: {
            ja: `${node} が ${attr(e, 'stage')} の段階で拒否しました: ${attr(e, 'reply')}`,
            en: `${node} rejected it at ${attr(e, 'stage')}: ${attr(e, 'reply')}`,
          },
          event: e,
        });
        break;
      default:
        break;
    }
  }
  steps.forEach((s, i) => (s.n = i + 1));
  return steps;
}

function bracket(address) {
  const colon = address.lastIndexOf(':');
  if (colon < 0) return `[${address}]`;
  const port = address.slice(colon + 1);
  return port === SMTP_DEFAULT_PORT ? `[${address.slice(0, colon)}]` : `[${address.slice(0, colon)}]:${port}`;
}

/** Static, transport and implicit MX get a step of their own; plain MX is told by its DNS step. */
function routeStep(e, node, mxAnswers) {
  const domain = attr(e, 'domain');
  const to = attr(e, 'candidates').split(',').join(', ');
  const text = {
    static: {
      ja: `${node} は Static配送方式: ${domain} 宛もスマートホスト ${to} へ渡します`,
      en: `${node} uses Static delivery: mail for ${domain} goes to the smarthost ${to}`,
    },
    transport: {
      ja: `${node} の転送設定 (transport) により ${domain} 宛は ${to} へ`,
      en: `${node}'s transport override sends mail for ${domain} to ${to}`,
    },
    'implicit-mx': {
      ja: `${domain} には MX がないため、${node} はその A レコード ${to} へ直接送ります (implicit MX)`,
      en: `${domain} has no MX, so ${node} sends to its A record ${to} (implicit MX)`,
    },
  }[attr(e, 'method')];
  return text ? { kind: 'route', node: e.node, text, why: whyOf(e, mxAnswers), event: e } : null;
}

/** Why the next hop: "MX 10 relay.lgwan.jp (LGWAN DNS)" or "Static: smarthost [smtp.poi.lgwan.jp]". */
export function whyOf(route, mxAnswers) {
  if (!route) return null;
  const domain = attr(route, 'domain');
  const hosts = attr(route, 'candidates').split(',').map((c) => c.replace(/\[[^\]]*\](:\d+)?$/, '')).join(', ');
  switch (attr(route, 'method')) {
    case 'mx': {
      const mx = mxAnswers.get(`${route.node}|${domain}`);
      const rec = mx ? mx.result.en : hosts;
      const net = mx ? mx.net : 'DNS';
      return { ja: `MX ${rec} (${net} の DNS より)`, en: `MX ${rec} from ${net} DNS` };
    }
    case 'static': {
      // The smarthost as configured ([host] = no MX lookup), from the router's own words.
      const m = /smarthost (\S+)/.exec(route.detail || '');
      const host = m ? m[1] : hosts;
      return { ja: `Static: スマートホスト ${host}`, en: `static: smarthost ${host}` };
    }
    case 'transport': {
      const m = /transport entry (\S+) → (\S+?)\.(\s|$)/.exec(route.detail || '');
      const entry = m ? `${m[1]} → ${m[2]}` : `${domain} → ${hosts}`;
      return { ja: `transport: ${entry}`, en: `transport: ${entry}` };
    }
    case 'implicit-mx':
      return { ja: `MX なし → A レコード ${hosts}`, en: `no MX → A record ${hosts}` };
    default:
      return { ja: route.detailJa, en: route.detail };
  }
}
