/** One answer, its body read. */
export interface BrowserAnswer {
  url: URL;
  status: number;
  headers: Headers;
  body: string;
}

/**
 * What a browser does for a login across sites, without a browser: plain
 * fetch, redirects not followed (the test decides), cookies kept per host
 * (paths and SameSite ignored: the dashboard's own tests check those attributes).
 */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: URL): Promise<BrowserAnswer> {
    return this.send(url, { method: 'GET' });
  }

  async postForm(url: URL, form: Record<string, string>): Promise<BrowserAnswer> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** The cookies kept for `url`'s host, as a Cookie header would send them. */
  cookies(url: URL): Map<string, string> {
    let jar = this.jars.get(url.host);
    if (!jar) this.jars.set(url.host, (jar = new Map<string, string>()));
    return jar;
  }

  private async send(url: URL, init: RequestInit): Promise<BrowserAnswer> {
    const jar = this.cookies(url);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return { url, status: res.status, headers: res.headers, body: await res.text() };
  }
}
