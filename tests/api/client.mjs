// One API client for the API tests: keeps the session cookie and the CSRF token, checks statuses, and checks
// every JSON response against docs/api/openapi.yaml (errors against the Error schema, with the request id).
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { OpenApi } from './openapi_check.mjs';
import { cli, demoPassword, prepare, repo, start } from './server.mjs';

export const openapi = new OpenApi(join(repo, 'docs', 'api', 'openapi.yaml'));

export class Client {
  /** The server's base URL, set once the test's server runs. */
  static base = '';

  cookie = '';
  csrf = '';
  session = null;
  last = null;

  constructor(username = null) {
    this.username = username;
  }

  /**
   * Sends a request and checks the status (`status`: one or a list) and the JSON body against openapi.yaml.
   * `csrf`: true sends the session's token on state-changing requests, false sends none, 'wrong' a wrong one.
   */
  async call(method, path, { status, body, headers = {}, raw, csrf = true } = {}) {
    const sent = { ...headers };
    if (this.cookie) sent.Cookie = this.cookie;
    if (csrf === 'wrong') sent['X-CSRF-Token'] = 'not-the-token';
    else if (csrf && this.csrf && method !== 'GET') sent['X-CSRF-Token'] = this.csrf;
    let payload = raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      sent['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(Client.base + path, { method, headers: sent, body: payload });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    if (status !== undefined) {
      const expected = Array.isArray(status) ? status : [status];
      assert.ok(
        expected.includes(response.status),
        `${this.username ?? 'no session'} ${method} ${path}: ${response.status} ${text}`,
      );
    }
    let json = null;
    const download = /^attachment/.test(response.headers.get('content-disposition') ?? '');
    if ((response.headers.get('content-type') ?? '').startsWith('application/json') && !download) {
      json = JSON.parse(text);
      const pathOnly = path.split('?')[0];
      let schema = openapi.responseSchema(method, pathOnly, response.status);
      if (!schema) {
        assert.ok(response.status >= 400, `${method} ${pathOnly} ${response.status} is not in openapi.yaml`);
        schema = { $ref: '#/components/schemas/Error' };
      }
      assert.deepEqual(openapi.validate(schema, json), [], `${method} ${path} ${response.status}: ${text}`);
      if (json.error) assert.equal(json.error.request_id, response.headers.get('x-request-id'));
    }
    return { response, text, json, bytes };
  }

  /**
   * Logs in (expecting `status`); on success keeps the cookie, the CSRF token and the session in `session`.
   * The response body (the session, or the error) is in `last` either way.
   */
  async login(password, status = 200) {
    const { response, json } = await this.call('POST', '/api/session', {
      body: { username: this.username, password },
      status,
    });
    this.last = json;
    if (status === 200) {
      assert.equal(json.user.username, this.username);
      this.cookie = response.headers.get('set-cookie').split(';')[0];
      this.csrf = json.csrf_token;
      this.session = json;
    }
    return this;
  }
}

/**
 * Starts a server on a fresh copy of the demo data, points Client at it and fills `as` with sessions: `as.admin` for
 * an administrator quan-tri made with `adminPassword` (when given), then one per entry of `demoUsers` (name → demo
 * username). `setup(data)` runs before the server starts (more CLI commands on the data folder). Returns { env, server }
 * for stopDemoServer.
 */
export async function startDemoServer(as, { adminPassword, demoUsers = {}, setup } = {}) {
  const env = prepare();
  if (adminPassword) {
    cli(env.data, ['user', 'add', 'quan-tri', '--role', 'administrator', '--password-stdin'], `${adminPassword}\n`);
  }
  setup?.(env.data);
  const server = start(env.data, env.web);
  Client.base = await server.url;
  if (adminPassword) as.admin = await new Client('quan-tri').login(adminPassword);
  for (const [name, username] of Object.entries(demoUsers)) as[name] = await new Client(username).login(demoPassword);
  return { env, server };
}

/** Stops a server of startDemoServer and removes its data folder. */
export async function stopDemoServer({ env, server } = {}) {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  env?.cleanup();
}
