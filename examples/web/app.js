// The demo frontend: plain ES modules, no framework. Everything it knows about the BFF
// goes through the typed client package (packages/client). It runs on its own origin,
// so it proves the CORS + cookie + CSRF setup described in docs/frontend.md.
// The client package (packages/client), transpiled by the demo server.
import { createBffClient, loginFailureOf, loginUrl } from '/client/index.js';
import { BFF_URL } from './config.js';

// Friendly words for the codes a failed login or an API call can carry.
const MESSAGES = {
  provider_refused: 'The provider refused the login (or you cancelled it).',
  account_linked_elsewhere: 'That provider account is already linked to another user.',
  login_binding_missing: 'This login was started in another browser or expired. Try again.',
  login_state_invalid: 'This login expired or was already used. Try again.',
  reauth_required: 'The link to this provider no longer works: log in with it again.',
  provider_not_linked: 'This provider is not linked yet: link it first.',
};

// One example call per sandbox provider kind (the relay allowlist of the default providers).
const SAMPLE_CALLS = {
  bluejeans: (subject) => `v1/user/${subject}`,
  genesys: () => 'api/v2/users/me',
  calcom: () => 'v2/me',
  phonecom: (subject) => `accounts/${subject}`,
  generic: () => 'me',
};

const here = `${location.origin}/`;
const $ = (id) => document.getElementById(id);
const client = createBffClient({ baseUrl: BFF_URL, onLoginRequired: showLoginRequired });

function notice(text, { link, kind = 'error' } = {}) {
  const box = $('notice');
  box.replaceChildren(text);
  box.className = kind;
  box.dataset.kind = kind;
  if (link) {
    const a = Object.assign(document.createElement('a'), { href: link.href, textContent: link.text, className: 'button' });
    a.dataset.action = 'login-again';
    box.append(' ', a);
  }
  box.hidden = false;
}

function showLoginRequired(answer) {
  const text = MESSAGES[answer.code] ?? answer.code;
  notice(`${text} (${answer.code})`, answer.loginUrl ? { link: { href: withReturnTo(answer.loginUrl), text: `Log in with ${answer.provider ?? 'the provider'}` } } : {});
}

/**
 * The BFF's loginUrl has no returnTo unless a call sent X-Return-To (which would make every
 * cross-origin GET preflighted): add ours, so the login comes back here.
 */
function withReturnTo(url) {
  const u = new URL(url);
  if (!u.searchParams.has('returnTo')) u.searchParams.set('returnTo', here);
  return u.toString();
}

function button(text, onClick, dataset = {}) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  Object.assign(b.dataset, dataset);
  b.addEventListener('click', onClick);
  return b;
}

function linkButton(provider, verb) {
  const a = Object.assign(document.createElement('a'), { href: loginUrl(BFF_URL, provider.id, here), textContent: `${verb} ${provider.displayName}`, className: 'button' });
  a.dataset.provider = provider.id;
  return a;
}

/** A failed login or link came back as ?error=<code>&requestId=<id>: say so, then clean the address bar. */
function showLoginFailure() {
  const failure = loginFailureOf(location);
  if (!failure) return;
  const text = MESSAGES[failure.error] ?? 'The login did not complete.';
  notice(`${text} (${failure.error}; request id ${failure.requestId ?? 'none'})`);
  $('notice').dataset.error = failure.error;
  history.replaceState(null, '', location.pathname);
}

async function relayCall(provider, subject) {
  const path = (SAMPLE_CALLS[provider.kind] ?? (() => ''))(subject);
  const res = await client.relay(provider.id, path);
  const body = await res.text();
  $('relay-result').textContent = `GET /v1/api/${provider.id}/${path} -> ${res.status}\n${body.slice(0, 2000)}`;
  $('relay-result').dataset.status = String(res.status);
  $('relay-result').dataset.provider = provider.id;
}

async function renderSessions(currentId) {
  const { data } = await client.GET('/v1/sessions');
  const items = (data?.sessions ?? []).map((s) => {
    const li = document.createElement('li');
    li.dataset.sessionId = s.id;
    li.append(`${s.kind} session from ${new Date(s.createdAt).toLocaleString()}${s.id === currentId ? ' (this one)' : ''} `);
    li.append(button('End this session', async () => {
      const { response } = await client.DELETE('/v1/sessions/{id}', { params: { path: { id: s.id } } });
      if (response.status === 204 && s.id === currentId) return render();
      await renderSessions(currentId);
    }, { action: 'end-session' }));
    return li;
  });
  $('sessions').replaceChildren(...items);
}

async function render() {
  const [{ data: providers }, me] = await Promise.all([client.GET('/v1/auth/providers'), client.GET('/v1/auth/me')]);
  const list = providers ?? [];
  document.body.dataset.state = me.data ? 'signed-in' : 'signed-out';
  $('signed-out').hidden = Boolean(me.data);
  $('signed-in').hidden = !me.data;
  if (!me.data) {
    $('login-buttons').replaceChildren(...list.map((p) => linkButton(p, 'Log in with')));
    return;
  }
  const { user, linkedAccounts, session } = me.data;
  $('user-name').textContent = user.displayName;
  $('user-id').textContent = user.id;
  $('session-id').textContent = session.id;
  $('session-kind').textContent = session.kind;
  $('linked').replaceChildren(...linkedAccounts.map((a) => Object.assign(document.createElement('li'), { textContent: `${a.provider}: ${a.subject} (${a.status})` })));
  const linked = new Set(linkedAccounts.map((a) => a.provider));
  $('link-buttons').replaceChildren(...list.filter((p) => !linked.has(p.id)).map((p) => linkButton(p, 'Link')));
  const subjectOf = (id) => linkedAccounts.find((a) => a.provider === id)?.subject ?? '';
  // Every provider gets a button: an unlinked one shows the provider_not_linked state.
  $('relay-buttons').replaceChildren(...list.map((p) => button(`Call ${p.displayName}`, () => relayCall(p, subjectOf(p.id)), { relay: p.id })));
  await renderSessions(session.id);
}

$('logout').addEventListener('click', async () => {
  await client.POST('/v1/auth/logout', { params: { query: {} } });
  notice('Logged out.', { kind: 'info' });
  await render();
});

showLoginFailure();
render().catch((error) => notice(`Cannot reach the BFF at ${BFF_URL}: ${error.message}. Is it running with CORS_ORIGINS=${location.origin}?`));
