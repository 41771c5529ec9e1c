import type { DashboardProcess } from './dashboard-process';

export interface ApiAnswer {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

/** A browser-like client of a dashboard's HTTP API: JSON bodies, and the session cookie it was given. */
export class SessionClient {
  cookie = '';

  constructor(private readonly dashboard: DashboardProcess) {}

  async call(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const res = await fetch(this.dashboard.url(path, 'http'), {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0].endsWith('=') ? '' : set.split(';')[0];
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
  }
}
