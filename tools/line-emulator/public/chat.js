// The LINE app, as far as an emulated resident needs it. Everything the bot or the user wrote
// is untrusted: it only ever reaches the page through textContent and text nodes, never as markup.

const LANGUAGES = [
  ['ja', '日本語'], ['en', 'English'], ['zh-Hans', '简体中文'], ['zh-Hant', '繁體中文'], ['ko', '한국어'],
  ['vi', 'Tiếng Việt'], ['ne', 'नेपाली'], ['id', 'Bahasa Indonesia'], ['tl', 'Tagalog'], ['th', 'ไทย'],
  ['pt', 'Português'], ['es', 'Español'], ['my', 'မြန်မာ'],
];
const POLL_MS = 1000;
const STORAGE_KEY = 'line-emulator:resident';

const $ = (id) => document.getElementById(id);
const view = {
  select: $('resident-select'), newToggle: $('new-resident-toggle'), newForm: $('new-resident'),
  newName: $('new-name'), newLanguage: $('new-language'), status: $('friend-status'),
  follow: $('follow'), unfollow: $('unfollow'), log: $('log'), quick: $('quick-replies'),
  composer: $('composer'), text: $('text'),
};

let users = [];
let userId = localStorage.getItem(STORAGE_KEY) ?? '';
let lastSeq = 0;
let lastEntry;
let quickRepliesFor;
let typingRow;

/** Creates an element whose text is set with textContent only. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

async function api(path, body) {
  const response = await fetch(`/_emulator${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, data: await response.json().catch(() => ({})) };
}

async function loadUsers() {
  const { data } = await api('/users');
  users = data.users ?? [];
  const options = users.map((u) => {
    const option = el('option', '', `${u.displayName} (${u.language})`);
    option.value = u.userId;
    return option;
  });
  if (options.length === 0) options.push(Object.assign(el('option', '', 'No residents yet: create one'), { value: '' }));
  view.select.replaceChildren(...options);
  if (!users.some((u) => u.userId === userId)) selectUser(users[0]?.userId ?? '');
  view.select.value = userId;
  const user = users.find((u) => u.userId === userId);
  view.status.textContent = user ? (user.blocked ? 'Blocked' : 'Friend') : '';
  for (const button of [view.follow, view.unfollow, ...view.composer.querySelectorAll('button')]) button.disabled = !user;
}

function selectUser(id) {
  userId = id;
  localStorage.setItem(STORAGE_KEY, id);
  lastSeq = 0;
  lastEntry = undefined;
  quickRepliesFor = undefined;
  view.log.replaceChildren();
  view.quick.replaceChildren();
}

async function send(spec) {
  if (!userId) return;
  const { status, data } = await api('/send', { userId, ...spec });
  if (status !== 200) addSystem(data.message ?? `Could not send (${status})`, true);
  await Promise.all([poll(), loadUsers()]);
}

async function poll() {
  if (!userId) return;
  const forUser = userId;
  const { data } = await api(`/messages?userId=${encodeURIComponent(forUser)}&after=${lastSeq}`);
  if (forUser !== userId || !data.messages) return;
  for (const entry of data.messages) {
    if (entry.seq <= lastSeq) continue;
    renderEntry(entry);
    lastSeq = entry.seq;
    lastEntry = entry;
  }
  lastSeq = Math.max(lastSeq, data.lastSeq ?? 0);
  renderTyping(Boolean(data.loadingUntil));
  renderQuickReplies();
}

function scrollDown() {
  view.log.scrollTop = view.log.scrollHeight;
}

function addSystem(text, isError = false) {
  view.log.insertBefore(el('div', isError ? 'system error' : 'system', text), typingRow?.isConnected ? typingRow : null);
  scrollDown();
}

function addRow(side, content, { sender, meta, blocked } = {}) {
  const row = el('div', `row ${side}${blocked ? ' blocked' : ''}`);
  if (sender) row.append(el('div', 'sender', sender));
  const bubble = el('div', 'bubble');
  bubble.append(...(Array.isArray(content) ? content : [content]));
  row.append(bubble);
  if (meta) row.append(el('div', 'meta', meta));
  view.log.insertBefore(row, typingRow?.isConnected ? typingRow : null);
  scrollDown();
}

const time = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function renderEntry(entry) {
  if (entry.from === 'user') renderUserEntry(entry);
  else renderBotEntry(entry);
}

function renderUserEntry(entry) {
  const { event } = entry;
  const meta = time(entry.timestamp);
  if (event.type === 'follow') addSystem(event.follow?.isUnblocked ? 'You unblocked the bot' : 'You added the bot as a friend');
  else if (event.type === 'unfollow') addSystem('You blocked the bot');
  else if (event.type === 'postback') {
    if (entry.displayText !== undefined) addRow('user', document.createTextNode(entry.displayText), { meta });
    else addSystem(`postback: ${event.postback.data}`);
  } else if (event.type === 'message') addRow('user', userMessageContent(event.message), { meta });
  if (entry.webhookStatus !== undefined && (entry.webhookStatus < 200 || entry.webhookStatus > 299)) {
    addSystem(entry.webhookStatus === 0 ? 'Bot unreachable (webhook failed)' : `Webhook answered ${entry.webhookStatus}`, true);
  }
}

function userMessageContent(message) {
  switch (message.type) {
    case 'text':
      return document.createTextNode(message.text);
    case 'image': {
      const img = el('img');
      img.alt = 'image';
      img.src = `/_emulator/content/${encodeURIComponent(message.id)}`;
      return img;
    }
    case 'sticker':
      return document.createTextNode(`🙂 Sticker ${message.packageId}/${message.stickerId}`);
    case 'location':
      return document.createTextNode(`📍 ${message.title ?? ''}\n${message.address ?? ''}`);
    case 'file':
      return document.createTextNode(`📄 ${message.fileName}`);
    default:
      return document.createTextNode(`[${message.type}]`);
  }
}

function renderBotEntry(entry) {
  const meta = `${time(entry.timestamp)} · ${entry.via}${entry.blocked ? ' · not delivered (blocked)' : ''}`;
  for (const message of entry.messages) {
    addRow('bot', botMessageContent(message), { sender: message.sender?.name, meta, blocked: entry.blocked });
  }
}

function botMessageContent(message) {
  switch (message.type) {
    case 'text':
    case 'textV2':
      return document.createTextNode(message.text);
    case 'sticker':
      return document.createTextNode(`🙂 Sticker ${message.packageId}/${message.stickerId}`);
    case 'image':
    case 'video':
      // Shown as text: loading the bot's URLs would make the page depend on the network.
      return document.createTextNode(`[${message.type}] ${message.originalContentUrl}`);
    case 'audio':
      return document.createTextNode('[audio]');
    case 'location':
      return document.createTextNode(`📍 ${message.title}\n${message.address}`);
    case 'template':
      return templateContent(message);
    default:
      // flex, imagemap, coupon: LINE's own fallback is the altText.
      return [el('div', 'card-kind', message.type), document.createTextNode(message.altText ?? '')];
  }
}

function templateContent(message) {
  const { template } = message;
  const parts = [el('div', 'card-kind', `template · ${template.type}`), el('div', '', message.altText)];
  const columns = template.columns ?? [template];
  for (const column of columns) {
    if (column.title) parts.push(el('div', 'card-title', column.title));
    if (column.text) parts.push(el('div', '', column.text));
    const actions = column.actions ?? (column.action ? [column.action] : []);
    if (actions.length) {
      const box = el('div', 'card-actions');
      box.append(...actions.map(actionButton));
      parts.push(box);
    }
  }
  return parts;
}

function actionButton(action) {
  const button = el('button', '', action.label ?? action.text ?? action.type);
  button.type = 'button';
  const run = actionRunner(action);
  if (run) button.addEventListener('click', run);
  else button.disabled = true;
  return button;
}

/** What tapping an action does, or undefined when the emulator cannot do it. */
function actionRunner(action) {
  switch (action.type) {
    case 'message':
      return () => send({ event: 'text', text: action.text });
    case 'postback':
      return () => send({ event: 'postback', data: action.data, displayText: action.displayText });
    case 'location':
      return () => send({ event: 'location' });
    case 'camera':
    case 'cameraRoll':
      return () => send({ event: 'image' });
    case 'uri':
      // Only web links: a javascript: URI from the bot must never run here.
      return /^https?:\/\//i.test(action.uri ?? '') ? () => window.open(action.uri, '_blank', 'noopener') : undefined;
    default:
      return undefined;
  }
}

function renderQuickReplies() {
  // Rebuilding the buttons on every poll could swallow a click in progress.
  if (quickRepliesFor === lastEntry) return;
  quickRepliesFor = lastEntry;
  // LINE shows quick replies only while their message is the latest one in the chat.
  const messages = lastEntry?.from === 'bot' ? lastEntry.messages : [];
  const items = (messages.at(-1)?.quickReply?.items ?? []).filter((item) => item.action);
  view.quick.replaceChildren(...items.map((item) => actionButton(item.action)));
}

function renderTyping(show) {
  if (show && !typingRow?.isConnected) {
    typingRow = el('div', 'row bot typing');
    typingRow.append(el('div', 'bubble', '•••'));
    view.log.append(typingRow);
    scrollDown();
  } else if (!show && typingRow?.isConnected) typingRow.remove();
}

view.newLanguage.replaceChildren(...LANGUAGES.map(([code, name]) => Object.assign(el('option', '', `${name} (${code})`), { value: code })));
view.newToggle.addEventListener('click', () => {
  view.newForm.hidden = !view.newForm.hidden;
  if (!view.newForm.hidden) view.newName.focus();
});
view.newForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const { status, data } = await api('/users', { displayName: view.newName.value.trim(), language: view.newLanguage.value });
  if (status !== 201 && status !== 200) return addSystem(data.message ?? 'Could not create the resident', true);
  view.newForm.reset();
  view.newForm.hidden = true;
  selectUser(data.userId);
  await loadUsers();
});
view.select.addEventListener('change', () => {
  selectUser(view.select.value);
  void loadUsers().then(poll);
});
view.follow.addEventListener('click', () => send({ event: 'follow' }));
view.unfollow.addEventListener('click', () => send({ event: 'unfollow' }));
view.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = view.text.value;
  if (!text.trim()) return;
  view.text.value = '';
  void send({ event: 'text', text });
});
for (const button of view.composer.querySelectorAll('[data-send]')) {
  button.addEventListener('click', () => send({ event: button.dataset.send }));
}

let tick = 0;
async function loop() {
  try {
    // Residents change less often (tests and benchmarks add them), so refresh them every 3 ticks.
    if (tick++ % 3 === 0) await loadUsers();
    await poll();
  } catch {
    // The emulator restarting is normal during development; the next tick retries.
  }
  setTimeout(loop, POLL_MS);
}
void loop();
