import type { SandboxProvider, SandboxSeed } from './contract.js';
import { escapeHtml, page } from './html.js';

/** `GET /`: what is mounted where, and the demo credentials to click through with. */
export function renderIndexPage(opts: {
  publicUrl: string;
  mounts: { provider: SandboxProvider['id']; basePath: string }[];
  seed: SandboxSeed;
  control: boolean;
}): string {
  const mounts = opts.mounts
    .map((m) => `<tr><td>${escapeHtml(m.provider)}</td><td><code>${escapeHtml(opts.publicUrl + m.basePath)}</code></td></tr>`)
    .join('');
  const users = opts.seed.users
    .map(
      (u) =>
        `<tr><td>${escapeHtml(u.username)}</td><td>${escapeHtml(u.password)}</td><td>${u.id}</td><td>${escapeHtml(u.permissions.join(', ') || '(none)')}</td></tr>`,
    )
    .join('');
  const clients = opts.seed.clients
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.provider)}</td><td><code>${escapeHtml(c.clientId)}</code></td><td><code>${escapeHtml(c.clientSecret)}</code></td><td>${escapeHtml(c.redirectUris.join(' '))}</td></tr>`,
    )
    .join('');
  const meetings = opts.seed.meetings
    .map((m) => `<tr><td>${escapeHtml(m.meetingNumericId)}</td><td>${escapeHtml(m.moderatorPasscode)}</td><td>${escapeHtml(m.attendeePasscode)}</td></tr>`)
    .join('');
  return page(
    'OAuth sandbox',
    `<h1>OAuth sandbox</h1>
<p>Local emulators of upstream OAuth providers. Every credential below is a public demo value.</p>
<h2>Providers</h2><table><tr><th>provider</th><th>base URL</th></tr>${mounts}</table>
<h2>Demo users</h2><table><tr><th>username</th><th>password</th><th>id</th><th>Genesys permissions</th></tr>${users}</table>
<h2>Clients</h2><table><tr><th>provider</th><th>client id</th><th>secret (demo)</th><th>redirect URIs</th></tr>${clients}</table>
<h2>BlueJeans meetings</h2><table><tr><th>meeting id</th><th>moderator passcode</th><th>attendee passcode</th></tr>${meetings}</table>
<p>Control API: ${opts.control ? '<code>/_control</code> is enabled' : 'disabled'}.</p>`,
  );
}
