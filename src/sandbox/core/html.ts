/**
 * HTML for the sandbox's browser-facing pages. Every interpolated value goes
 * through escapeHtml: the pages echo query parameters (state, redirect URIs)
 * chosen by whoever crafted the link, so nothing may reach the markup raw.
 */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]);
}

/** No scripts, no framing: the pages are plain forms and must stay that way. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
label{display:block;margin:.75rem 0 .25rem}input[type=text],input[type=password]{width:100%;padding:.4rem}
button{margin-top:1rem;padding:.5rem 1.5rem}.error{color:#a00;border:1px solid #a00;padding:.5rem}
.hint{color:#666;font-size:.85rem;margin-top:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

export interface LoginPageOptions {
  title: string;
  action: string;
  hidden: Record<string, string>;
  fields?: 'password' | 'meeting';
  error?: string;
  /** Shown under the form so a developer can click through without vendor credentials. */
  hint?: string;
}

export function renderLoginPage(opts: LoginPageOptions): string {
  const hidden = Object.entries(opts.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const fields =
    opts.fields === 'meeting'
      ? `<label for="meetingNumericId">Meeting ID</label><input type="text" id="meetingNumericId" name="meetingNumericId" autocomplete="off">
<label for="meetingPasscode">Passcode</label><input type="password" id="meetingPasscode" name="meetingPasscode" autocomplete="off">`
      : `<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username">
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password">`;
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : '';
  const hint = opts.hint ? `<p class="hint">${escapeHtml(opts.hint)}</p>` : '';
  return page(
    opts.title,
    `<h1>${escapeHtml(opts.title)}</h1>
<p>Sandbox emulator: no real account is involved.</p>
${error}
<form method="post" action="${escapeHtml(opts.action)}">
${hidden}
${fields}
<button type="submit">Sign in</button>
</form>${hint}`,
  );
}
