// Every word the page shows, in Japanese (the default) and English. One dictionary, so a trainer
// switching languages mid-lesson sees every label change at once; dynamic text calls t().

const DICT = {
  title: { ja: 'LGWAN メール中継シミュレータ', en: 'LGWAN mail relay simulator' },
  subtitle: { ja: 'トレーナー用ダッシュボード', en: "Trainer's dashboard" },
  langButton: { ja: 'English', en: '日本語' },
  langButtonTitle: { ja: 'Switch to English', en: '日本語に切り替え' },
  live: { ja: 'ライブ', en: 'Live' },
  connecting: { ja: '接続中…', en: 'Connecting…' },
  disconnected: { ja: '切断 (再接続します)', en: 'Disconnected (retrying)' },
  diagram: { ja: 'ネットワーク構成と通信', en: 'Topology and live traffic' },
  legendRelay: { ja: 'メールの中継', en: 'mail relayed' },
  legendDns: { ja: 'DNS 問い合わせ', en: 'DNS question' },
  legendConfigured: { ja: '設定された経路 (Static / transport)', en: 'configured route (Static / transport)' },
  legendGateway: { ja: '境界をまたぐノード = ゲートウェイ', en: 'node across a boundary = gateway' },
  dnsServer: { ja: 'DNS サーバ', en: 'DNS server' },
  stopped: { ja: '停止中', en: 'stopped' },
  faulty: { ja: '障害注入中', en: 'fault injected' },
  cut: { ja: '切断', en: 'cut' },
  mailboxesShort: { ja: '通', en: 'msgs' },
  gateway: { ja: 'ゲートウェイ', en: 'gateway' },

  tabMessages: { ja: 'メッセージ', en: 'Messages' },
  tabSend: { ja: '送信', en: 'Send' },
  tabMailboxes: { ja: 'メールボックス', en: 'Mailboxes' },
  tabQueue: { ja: 'キュー', en: 'Queues' },
  tabControls: { ja: '操作・障害', en: 'Controls & faults' },

  searchFrom: { ja: '送信者', en: 'Sender' },
  searchTo: { ja: '宛先', en: 'Recipient' },
  searchSubject: { ja: '件名', en: 'Subject' },
  statusAll: { ja: 'すべての状態', en: 'Any status' },
  count: { ja: '{n} 通', en: '{n} messages' },
  countOf: { ja: '{n} / {total} 通', en: '{n} of {total} messages' },
  noMessages: { ja: 'まだメッセージはありません。「送信」タブからテストメールを送ってみましょう。', en: 'No messages yet. Send a test mail from the Send tab.' },
  noMatch: { ja: '条件に合うメッセージはありません', en: 'No message matches' },

  'status.delivered': { ja: '配送済み', en: 'delivered' },
  'status.queued': { ja: '配送中', en: 'in transit' },
  'status.deferred': { ja: '保留 (再送待ち)', en: 'deferred' },
  'status.failed': { ja: '配送失敗', en: 'failed' },

  route: { ja: '経路', en: 'Route' },
  routeHint: { ja: '右の一覧からメッセージを選ぶと、経路が番号付きの手順で表示されます (記事の図3のように)。', en: 'Pick a message on the right to see its route as numbered steps (like Figure 3 of the article).' },
  replay: { ja: '再生', en: 'Replay' },
  replayPrev: { ja: '前へ', en: 'Back' },
  replayNext: { ja: '次へ', en: 'Next' },
  replayStop: { ja: '停止', en: 'Stop' },
  replayStep: { ja: '手順 {i} / {n}', en: 'Step {i} of {n}' },
  why: { ja: '理由', en: 'Why' },
  receivedHeaders: { ja: 'Received: ヘッダ (最終メールボックスのメッセージより、新しい順)', en: 'Received: headers (from the message in the final mailbox, newest first)' },
  noReceived: { ja: 'まだメールボックスに届いていません', en: 'Not in a mailbox yet' },
  smtpHops: { ja: 'SMTP のやりとり (ホップごと)', en: 'SMTP dialogue of each hop' },
  smtpNote: { ja: 'C: はクライアント、S: はサーバ。S: 行はトレースに記録された応答です。', en: 'C: is the client, S: the server; the S: lines are the replies the trace recorded.' },
  finalMailbox: { ja: '最終メールボックス', en: 'Final mailbox' },
  openMailbox: { ja: 'メールボックスで開く', en: 'Open in Mailboxes' },
  messageIdLabel: { ja: 'Message-ID', en: 'Message-ID' },
  hops: { ja: '経由', en: 'Hops' },
  loading: { ja: '読み込み中…', en: 'Loading…' },

  'step.received': { ja: '受付', en: 'Accepted' },
  'step.dns': { ja: 'DNS', en: 'DNS' },
  'step.route': { ja: '経路の決定', en: 'Route' },
  'step.relay': { ja: '中継', en: 'Relay' },
  'step.delivered': { ja: '配送', en: 'Delivered' },
  'step.deferred': { ja: '保留', en: 'Deferred' },
  'step.failed': { ja: '失敗', en: 'Failed' },
  'step.rejected': { ja: '拒否', en: 'Rejected' },

  sendTitle: { ja: 'テストメールを送る', en: 'Send a test mail' },
  sendHint: { ja: '送信者のドメインを受け持つノードに SMTP で投函します。アドレスは一覧から選ぶか、直接入力できます。', en: "It is submitted over SMTP to the node hosting the sender's domain. Pick the addresses from the list or type them." },
  from: { ja: '送信者 (From)', en: 'From' },
  to: { ja: '宛先 (To、複数はカンマ区切り)', en: 'To (comma-separated)' },
  subject: { ja: '件名', en: 'Subject' },
  body: { ja: '本文', en: 'Body' },
  sendButton: { ja: '送信', en: 'Send' },
  defaultSubject: { ja: 'テストメール', en: 'Test mail' },
  defaultBody: { ja: 'ダッシュボードから送ったテストメールです。', en: 'A test mail sent from the dashboard.' },
  sent: { ja: '送信しました (ID {id})。経路を表示します。', en: 'Sent (id {id}). Showing its route.' },

  mailboxesTitle: { ja: 'メールボックス', en: 'Mailboxes' },
  mailboxesHint: { ja: 'メッセージを選ぶとヘッダ・本文・ソースを表示します。Thunderbird などのメールソフトでも下の設定で読めます。', en: 'Pick a message to see its headers, text and source. A mail client such as Thunderbird reads them with the settings below.' },
  noMailboxes: { ja: 'このトポロジにはメールボックスがありません', en: 'This topology has no mailboxes' },
  emptyMailbox: { ja: 'メッセージはありません', en: 'No messages' },
  thunderbird: { ja: 'メールソフト (Thunderbird) の設定', en: 'Mail client (Thunderbird) settings' },
  server: { ja: 'サーバ', en: 'Server' },
  port: { ja: 'ポート', en: 'Port' },
  security: { ja: '接続の保護', en: 'Connection security' },
  none: { ja: 'なし', en: 'None' },
  auth: { ja: '認証方式', en: 'Authentication' },
  normalPassword: { ja: '通常のパスワード', en: 'Normal password' },
  username: { ja: 'ユーザー名', en: 'Username' },
  password: { ja: 'パスワード', en: 'Password' },
  incomingImap: { ja: '受信 (IMAP)', en: 'Incoming (IMAP)' },
  incomingPop3: { ja: '受信 (POP3)', en: 'Incoming (POP3)' },
  outgoingSmtp: { ja: '送信 (SMTP)', en: 'Outgoing (SMTP)' },
  headers: { ja: 'ヘッダ', en: 'Headers' },
  text: { ja: '本文', en: 'Text' },
  raw: { ja: 'ソース', en: 'Source' },
  back: { ja: '← 戻る', en: '← Back' },

  queueTitle: { ja: 'キュー (配送待ちのメール)', en: 'Queues (mail waiting for delivery)' },
  queueEmpty: { ja: 'どのノードのキューも空です', en: 'Every queue is empty' },
  flush: { ja: '今すぐ再送', en: 'Flush' },
  flushAll: { ja: 'すべて今すぐ再送', en: 'Flush all' },
  refresh: { ja: '更新', en: 'Refresh' },
  node: { ja: 'ノード', en: 'Node' },
  state: { ja: '状態', en: 'State' },
  attempts: { ja: '試行', en: 'Tries' },
  nextAttempt: { ja: '次の再送', en: 'Next retry' },
  lastError: { ja: '前回のエラー', en: 'Last error' },
  'queue.active': { ja: '配送中', en: 'active' },
  'queue.deferred': { ja: '保留', en: 'deferred' },
  flushed: { ja: '{n} 通を再送します', en: 'Retrying {n} messages now' },
  inSeconds: { ja: '{s} 秒後', en: 'in {s} s' },
  now: { ja: 'まもなく', en: 'now' },

  controlsNode: { ja: 'ノード', en: 'Node' },
  controlsHint: { ja: '図のノードをクリックしても選べます。', en: 'Or click a node in the diagram.' },
  deliveryTitle: { ja: '配送方式', en: 'Delivery mode' },
  deliveryMx: { ja: 'MX配送 (DNS の MX を引く)', en: 'MX (look up the MX in DNS)' },
  deliveryStatic: { ja: 'Static配送 (スマートホストへ)', en: 'Static (to a smarthost)' },
  smarthost: { ja: 'スマートホスト', en: 'Smarthost' },
  apply: { ja: '適用', en: 'Apply' },
  lifecycle: { ja: 'ノードの停止・起動', en: 'Stop and start' },
  stopNode: { ja: '停止', en: 'Stop' },
  startNode: { ja: '起動', en: 'Start' },
  replyFault: { ja: '応答の障害 (SMTP の応答コード)', en: 'Reply fault (an SMTP reply code)' },
  stage: { ja: '段階', en: 'Stage' },
  code: { ja: 'コード', en: 'Code' },
  replyText: { ja: '応答文', en: 'Text' },
  fraction: { ja: '割合 (0〜1)', en: 'Fraction (0-1)' },
  inject: { ja: '注入', en: 'Inject' },
  latency: { ja: '応答の遅延 (ミリ秒)', en: 'Reply latency (ms)' },
  setLatency: { ja: '設定', en: 'Set' },
  clearFaults: { ja: 'このノードの障害を解除', en: "Clear this node's faults" },
  links: { ja: 'ネットワークとの接続', en: 'Network links' },
  disconnect: { ja: '切断', en: 'Cut' },
  connect: { ja: '再接続', en: 'Reconnect' },
  dnsTitle: { ja: 'DNS レコードとサーバ', en: 'DNS records and servers' },
  view: { ja: 'ビュー', en: 'View' },
  recordName: { ja: '名前', en: 'Name' },
  recordType: { ja: '型', en: 'Type' },
  recordData: { ja: 'データ', en: 'Data' },
  ttl: { ja: 'TTL', en: 'TTL' },
  addRecord: { ja: '追加', en: 'Add' },
  replaceRecord: { ja: '置き換え', en: 'Replace' },
  deleteRecord: { ja: '削除', en: 'Delete' },
  revertDns: { ja: '変更を元に戻す', en: 'Revert changes' },
  stopDns: { ja: 'DNS サーバ停止', en: 'Stop DNS server' },
  startDns: { ja: 'DNS サーバ起動', en: 'Start DNS server' },
  activeFaults: { ja: '現在の障害', en: 'Active faults' },
  noFaults: { ja: '障害はありません', en: 'No faults' },
  clearAll: { ja: 'すべて解除', en: 'Undo all' },
  faultStopped: { ja: '停止中のノード', en: 'Stopped nodes' },
  faultReplies: { ja: '応答の障害・遅延', en: 'Reply faults and latency' },
  faultLinks: { ja: '切断されたリンク', en: 'Cut links' },
  faultDns: { ja: '変更された DNS レコード', en: 'Changed DNS records' },
  faultDnsStopped: { ja: '停止中の DNS サーバ', en: 'Stopped DNS servers' },
  running: { ja: '稼働中', en: 'running' },
  confirmClose: { ja: '閉じる', en: 'Close' },
  networkError: { ja: 'シミュレーションに接続できません。lgwan-sim run が動いているか確かめてください', en: 'Cannot reach the simulation. Check that lgwan-sim run is running' },

  'role.municipality': { ja: '市区町村', en: 'municipality' },
  'role.prefecture': { ja: '都道府県', en: 'prefecture' },
  'role.lgwan-relay': { ja: 'LGWAN 中継', en: 'LGWAN relay' },
  'role.poi': { ja: 'POI (接続点)', en: 'POI' },
  'role.gss-gateway': { ja: '政府共通NW 接続', en: 'GSS gateway' },
  'role.ministry': { ja: '府省', en: 'ministry' },
  'role.asp': { ja: 'LGWAN-ASP', en: 'LGWAN-ASP' },
  'role.security-cloud': { ja: 'セキュリティクラウド', en: 'security cloud' },
  'role.internet-mta': { ja: 'インターネット MTA', en: 'Internet MTA' },
};

let lang = (() => {
  try {
    const saved = localStorage.getItem('lgwan-sim.lang');
    return saved === 'en' || saved === 'ja' ? saved : 'ja';
  } catch (e) {
    return 'ja';
  }
})();

const listeners = [];

export function currentLang() {
  return lang;
}

export function otherLang() {
  return lang === 'ja' ? 'en' : 'ja';
}

/** The word for key in the current language, with {name} filled from vars. */
export function t(key, vars) {
  const entry = DICT[key];
  let s = entry ? entry[lang] : key;
  if (vars) {
    for (const [k, v] of Object.entries(vars)) {
      s = s.split('{' + k + '}').join(String(v));
    }
  }
  return s;
}

/** A {ja, en} pair from the API, in the current language. */
export function pick(bilingual) {
  if (!bilingual) return '';
  return bilingual[lang] || bilingual.ja || bilingual.en || '';
}

export function setLang(next) {
  lang = next;
  try {
    localStorage.setItem('lgwan-sim.lang', next);
  } catch (e) {
    // Private windows may refuse storage; the page still switches.
  }
  applyStatic(document);
  for (const f of listeners) f(lang);
}

export function onLangChange(f) {
  listeners.push(f);
}

/** Fills every element that carries data-i18n (text), data-i18n-placeholder or data-i18n-title. */
export function applyStatic(root) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}
