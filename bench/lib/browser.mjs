// A cookie-keeping client that follows redirects by hand and fills login and
// consent forms, enough to log into oidc-provider or the sandbox like a person.
export class Browser {
  cookies = new Map();

  async request(url, init = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Starts at `startUrl` and fills forms until a non-redirect, non-form answer arrives. */
  async login(startUrl, user) {
    let url = startUrl;
    let res = await this.request(url);
    for (let hop = 0; hop < 25; hop++) {
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).toString();
        res = await this.request(url);
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]*)"/i.exec(html)?.[1];
      if (!action) return { status: res.status, url, body: html };
      const fields = {};
      for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
        const name = /name="([^"]*)"/.exec(input[0])?.[1];
        if (name) fields[name] = (/value="([^"]*)"/.exec(input[0])?.[1] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
      }
      if (html.includes('name="username"')) Object.assign(fields, { username: user.username, password: user.password });
      if (html.includes('name="login"')) Object.assign(fields, { login: user.username, password: user.password });
      url = new URL(action.replace(/&amp;/g, '&'), url).toString();
      res = await this.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    }
    throw new Error(`login from ${startUrl} did not settle`);
  }
}
