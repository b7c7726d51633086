// API tests against the real server (issue 3): a fresh data folder with the demo, `parindex serve` on a free
// port, and every JSON response checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { OpenApi } from './openapi_check.mjs';
import { cli, demoPassword, prepare, repo, start } from './server.mjs';

const openapi = new OpenApi(join(repo, 'docs', 'api', 'openapi.yaml'));

let folder;
let server;
let base;
let checked = 0;

/** One logged-in (or anonymous) client: keeps the session cookie and the CSRF token. */
class Client {
  cookie = '';
  csrf = '';

  /** Sends a request, checks the status and the JSON body against the OpenAPI document, returns both. */
  async call(method, path, { status, body, headers = {}, raw } = {}) {
    const sent = { ...headers };
    if (this.cookie && !('Cookie' in sent)) sent.Cookie = this.cookie;
    let payload = raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      sent['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(base + path, { method, headers: sent, body: payload });
    const text = await response.text();
    if (status !== undefined) assert.equal(response.status, status, `${method} ${path}: ${text}`);
    const type = response.headers.get('content-type') ?? '';
    let json = null;
    if (type.startsWith('application/json') && path.startsWith('/api')) {
      json = JSON.parse(text);
      const pathOnly = path.split('?')[0];
      let schema = openapi.responseSchema(method, pathOnly, response.status);
      if (!schema) {
        assert.ok(response.status >= 400, `${method} ${pathOnly} ${response.status} is not in openapi.yaml`);
        schema = { $ref: '#/components/schemas/Error' };
      }
      assert.deepEqual(openapi.validate(schema, json), [], `${method} ${path} ${response.status}: ${text}`);
      checked++;
    }
    if (json?.error) {
      assert.equal(json.error.request_id, response.headers.get('x-request-id'), 'the error names the request id');
    }
    return { response, text, json };
  }

  async login(username, password = demoPassword) {
    const { response, json } = await this.call('POST', '/api/session', { body: { username, password }, status: 200 });
    this.cookie = response.headers.get('set-cookie').split(';')[0];
    this.csrf = json.csrf_token;
    return { response, json };
  }
}

/** A raw request (no URL normalisation, any method and path). */
function rawRequest(path, { method = 'GET' } = {}) {
  const url = new URL(base);
  return new Promise((resolveRequest, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolveRequest({ status: response.statusCode, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A GET with the response's bytes as they came (fetch would decompress them). */
function rawGet(path, headers = {}) {
  const url = new URL(base);
  return new Promise((resolveRequest, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolveRequest({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

before(async () => {
  folder = prepare();
  server = start(folder.data, folder.web);
  base = await server.url;
});

after(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  folder?.cleanup();
});

describe('the server', () => {
  test('prints its real URL for --listen 127.0.0.1:0', () => {
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(base).port, '0');
  });

  test('health needs no login and carries a request id', async () => {
    const { response, json } = await new Client().call('GET', '/api/health', { status: 200 });
    assert.deepEqual(json, { status: 'ok' });
    assert.match(response.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  test('keeps a sane X-Request-Id of the client', async () => {
    const { response } = await new Client().call('GET', '/api/health', {
      status: 200,
      headers: { 'X-Request-Id': 'client-req-42' },
    });
    assert.equal(response.headers.get('x-request-id'), 'client-req-42');
    const odd = await new Client().call('GET', '/api/health', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    assert.match(odd.response.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  });

  test('logs one line per request with the request id, method, path, status and time', async () => {
    await new Client().call('GET', '/api/health', { headers: { 'X-Request-Id': 'log-check-1' } });
    await new Promise((r) => setTimeout(r, 100));
    assert.match(server.log(), /\d{4}-\d\d-\d\dT[\d:.]+Z log-check-1 GET \/api\/health 200 \d+us/);
  });

  test('unknown API paths are 404 and wrong methods 405 with Allow', async () => {
    const client = new Client();
    const missing = await client.call('GET', '/api/nothing-here', { status: 404 });
    assert.equal(missing.json.error.code, 'not_found');
    const wrong = await client.call('PUT', '/api/health', { status: 405 });
    assert.equal(wrong.response.headers.get('allow'), 'GET');
    assert.equal(wrong.json.error.code, 'invalid_input');
  });

  test('a body over the limit is 413 in the error shape', async () => {
    const { json } = await new Client().call('POST', '/api/session', {
      status: 413,
      raw: 'x'.repeat(22 * 1024 * 1024),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(json.error.code, 'invalid_input');
  });

  test('a header over 16 KiB is 431 in the error shape', async () => {
    const { json } = await new Client().call('GET', '/api/health', {
      status: 431,
      headers: { 'X-Padding': 'p'.repeat(20 * 1024) },
    });
    assert.equal(json.error.code, 'invalid_input');
  });

  test('malformed JSON is 400 naming the line and column', async () => {
    const { json } = await new Client().call('POST', '/api/session', {
      status: 400,
      raw: '{\n  "username": tru\n}',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(json.error.details[0].line, 2);
    assert.ok(json.error.details[0].column > 1);
  });

  test('the OpenAPI document resolves every $ref', () => {
    for (const ref of openapi.refs()) openapi.resolve(ref);
    assert.ok(Object.keys(openapi.doc.paths).length >= 10);
  });
});

describe('logins and sessions', () => {
  test('401 without a login on every protected endpoint', async () => {
    const client = new Client();
    for (const path of [
      '/api/session',
      '/api/units',
      '/api/units/lakhe/results?year=2023',
      '/api/groups?year=2023',
      '/api/groups/hadong-wards/ranking?year=2023',
      '/api/frameworks',
      '/api/frameworks/hadong-2023',
      '/api/check?year=2023',
    ]) {
      const { json } = await client.call('GET', path, { status: 401 });
      assert.equal(json.error.code, 'unauthenticated');
    }
  });

  test('a demo login sets the HttpOnly SameSite=Strict cookie and returns the user and CSRF token', async () => {
    const client = new Client();
    const { response, json } = await client.login('vanphong.lakhe');
    const cookie = response.headers.get('set-cookie');
    assert.match(cookie, /^parindex_session=[0-9a-f]+; HttpOnly; SameSite=Strict; Path=\/$/);
    assert.equal(json.user.username, 'vanphong.lakhe');
    assert.equal(json.user.role, 'coordinator');
    assert.equal(json.user.unit, 'lakhe');
    assert.equal(json.must_change_password, false);
    const current = await client.call('GET', '/api/session', { status: 200 });
    assert.equal(current.json.csrf_token, client.csrf);
  });

  test('every demo role logs in', async () => {
    for (const username of ['thamdinh', 'vanphong.lakhe', 'tuphap.lakhe', 'chutich.lakhe', 'xem.lakhe']) {
      await new Client().login(username);
    }
  });

  test('a wrong password is 401', async () => {
    const { json } = await new Client().call('POST', '/api/session', {
      status: 401,
      body: { username: 'xem.lakhe', password: 'not-the-password' },
    });
    assert.equal(json.error.code, 'unauthenticated');
  });

  test('state-changing requests without the CSRF token are 403 and change nothing', async () => {
    const client = new Client();
    await client.login('chutich.lakhe');
    const logout = await client.call('DELETE', '/api/session', { status: 403 });
    assert.equal(logout.json.error.code, 'forbidden');
    await client.call('DELETE', '/api/session', { status: 403, headers: { 'X-CSRF-Token': 'wrong' } });
    await client.call('POST', '/api/session/password', {
      status: 403,
      body: { old_password: demoPassword, new_password: 'a-new-password-2025' },
    });
    // Still logged in, and the old password still works.
    await client.call('GET', '/api/session', { status: 200 });
    await new Client().login('chutich.lakhe');
    // With the token, logout works and the cookie is cleared.
    const done = await client.call('DELETE', '/api/session', { status: 204, headers: { 'X-CSRF-Token': client.csrf } });
    assert.match(done.response.headers.get('set-cookie'), /Max-Age=0/);
    await client.call('GET', '/api/session', { status: 401 });
  });

  test('password change with the CSRF token', async () => {
    const client = new Client();
    await client.login('tuphap.lakhe');
    const wrong = await client.call('POST', '/api/session/password', {
      status: 400,
      headers: { 'X-CSRF-Token': client.csrf },
      body: { old_password: 'not-it', new_password: 'a-new-password-2025' },
    });
    assert.equal(wrong.json.error.details[0].field, 'old_password');
    await client.call('POST', '/api/session/password', {
      status: 204,
      headers: { 'X-CSRF-Token': client.csrf },
      body: { old_password: demoPassword, new_password: 'a-new-password-2025' },
    });
    await client.call('GET', '/api/session', { status: 200 });
    await new Client().login('tuphap.lakhe', 'a-new-password-2025');
  });
});

describe('results and rankings', () => {
  test('results for lakhe 2023 equal the CLI JSON byte for byte', async () => {
    const client = new Client();
    await client.login('vanphong.lakhe');
    const { text } = await client.call('GET', '/api/units/lakhe/results?year=2023', { status: 200 });
    const expected = cli(folder.data, ['results', '--unit', 'lakhe', '--year', '2023', '--format', 'json']);
    assert.equal(text, expected);
    const again = await client.call('GET', '/api/units/lakhe/results?year=2023', { status: 200 });
    assert.equal(again.text, expected);
  });

  test('a viewer of lakhe reads published results of other units, not unpublished ones', async () => {
    const client = new Client();
    await client.login('xem.lakhe');
    await client.call('GET', '/api/units/lakhe/results?year=2023', { status: 200 });
    // 2023 is published: its results and rankings are public.
    await client.call('GET', '/api/units/baolam/results?year=2023', { status: 200 });
    await client.call('GET', '/api/groups/caoloc-communes/ranking?year=2023', { status: 200 });
    // The 2024 practice year is final, not published: another ward's results are refused.
    const { json } = await client.call('GET', '/api/units/hd-mau-01/results?year=2024', { status: 403 });
    assert.equal(json.error.code, 'forbidden');
  });

  test('the appraiser reads the units of its groups', async () => {
    const client = new Client();
    await client.login('thamdinh');
    await client.call('GET', '/api/units/baolam/results?year=2023', { status: 200 });
    const check = await client.call('GET', '/api/check?year=2023', { status: 200 });
    assert.equal(check.json.count, check.json.findings.length);
  });

  test('bad years are 400 with details naming the parameter, in Vietnamese or English', async () => {
    const client = new Client();
    await client.login('xem.lakhe');
    for (const query of ['', '?year=', '?year=abc', '?year=23']) {
      const { json } = await client.call('GET', `/api/units/lakhe/results${query}`, { status: 400 });
      assert.equal(json.error.code, 'invalid_input');
      assert.equal(json.error.details[0].field, 'year');
      assert.match(json.error.message, /Tham số year/);
    }
    const english = await client.call('GET', '/api/units/lakhe/results?year=abc', {
      status: 400,
      headers: { 'Accept-Language': 'en-US,en;q=0.9' },
    });
    assert.match(english.json.error.message, /Invalid parameter year/);
  });

  test('an unknown year or unit is 404', async () => {
    const client = new Client();
    await client.login('xem.lakhe');
    await client.call('GET', '/api/units/lakhe/results?year=2001', { status: 404 });
  });

  test('the ranking pages and searches', async () => {
    const client = new Client();
    await client.login('xem.lakhe');
    const whole = await client.call('GET', '/api/groups/hadong-wards/ranking?year=2023&limit=1000', { status: 200 });
    assert.equal(whole.json.total, 17);
    assert.equal(whole.json.rows.length, 17);
    const cliRanking = JSON.parse(
      cli(folder.data, ['ranking', '--group', 'hadong-wards', '--year', '2023', '--format', 'json']),
    );
    assert.deepEqual(whole.json.rows, cliRanking.rows);
    assert.equal(whole.json.tie_rule, cliRanking.tie_rule);

    const first = await client.call('GET', '/api/groups/hadong-wards/ranking?year=2023', { status: 200 });
    assert.equal(first.json.rows.length, 17, 'the default page of 50 holds the whole group');
    const page = await client.call('GET', '/api/groups/hadong-wards/ranking?year=2023&offset=5&limit=5', {
      status: 200,
    });
    assert.equal(page.json.total, 17);
    assert.equal(page.json.offset, 5);
    assert.deepEqual(page.json.rows, cliRanking.rows.slice(5, 10));
    const last = await client.call('GET', '/api/groups/hadong-wards/ranking?year=2023&offset=15&limit=5', {
      status: 200,
    });
    assert.deepEqual(last.json.rows, cliRanking.rows.slice(15));

    const search = await client.call('GET', `/api/groups/hadong-wards/ranking?year=2023&q=${encodeURIComponent('la khê')}`, {
      status: 200,
    });
    assert.deepEqual(
      search.json.rows.map((row) => row.unit),
      ['lakhe'],
    );
    const folded = await client.call('GET', '/api/groups/hadong-wards/ranking?year=2023&q=LA+KHE', { status: 200 });
    assert.equal(folded.json.total, 1);
    for (const bad of ['limit=0', 'limit=x', 'offset=-1', 'limit=10001']) {
      const { json } = await client.call('GET', `/api/groups/hadong-wards/ranking?year=2023&${bad}`, { status: 400 });
      assert.equal(json.error.details[0].field, bad.split('=')[0]);
    }
  });

  test('the whole ranking and a unit\'s results are gzip-compressed when the client accepts gzip', async () => {
    const client = new Client();
    await client.login('xem.lakhe');
    for (const path of ['/api/groups/hadong-wards/ranking?year=2023', '/api/units/lakhe/results?year=2023']) {
      const plain = await rawGet(path, { Cookie: client.cookie });
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-encoding'], undefined, `${path}: identity without Accept-Encoding`);
      assert.equal(plain.headers.vary, 'Accept-Encoding');
      assert.ok(plain.body.length > 1024, `${path} is larger than 1 KiB`);
      for (const accept of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.5']) {
        const packed = await rawGet(path, { Cookie: client.cookie, 'Accept-Encoding': accept });
        assert.equal(packed.status, 200);
        assert.equal(packed.headers['content-encoding'], 'gzip', `${path} with Accept-Encoding: ${accept}`);
        assert.equal(packed.headers.vary, 'Accept-Encoding');
        assert.equal(Number(packed.headers['content-length']), packed.body.length);
        assert.ok(packed.body.length < plain.body.length);
        assert.ok(gunzipSync(packed.body).equals(plain.body), `${path}: the gzip bytes inflate to the plain body`);
      }
      for (const accept of ['gzip;q=0', 'identity', 'br']) {
        const refused = await rawGet(path, { Cookie: client.cookie, 'Accept-Encoding': accept });
        assert.equal(refused.headers['content-encoding'], undefined, `${path} with Accept-Encoding: ${accept}`);
        assert.ok(refused.body.equals(plain.body));
      }
    }
    const cliRanking = cli(folder.data, ['ranking', '--group', 'hadong-wards', '--year', '2023', '--format', 'json']);
    const whole = await rawGet('/api/groups/hadong-wards/ranking?year=2023', {
      Cookie: client.cookie,
      'Accept-Encoding': 'gzip',
    });
    assert.deepEqual(JSON.parse(gunzipSync(whole.body)).rows, JSON.parse(cliRanking).rows);
    const small = await rawGet('/api/health', { 'Accept-Encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined, 'small bodies are sent as they are');
  });

  test('groups, units and frameworks', async () => {
    const client = new Client();
    await client.login('vanphong.lakhe');
    // 2023 is published: every group's ranking is public; 2024 is not: only the group of lakhe.
    const published = await client.call('GET', '/api/groups?year=2023', { status: 200 });
    assert.deepEqual(
      published.json.groups.map((group) => group.code),
      ['caoloc-communes', 'hadong-wards', 'seed001-district', 'seed001-province'],
    );
    const groups = await client.call('GET', '/api/groups?year=2024', { status: 200 });
    assert.deepEqual(
      groups.json.groups.map((group) => group.code),
      ['hadong-wards'],
    );
    assert.equal(groups.json.groups[0].members, 17);
    const admin = new Client();
    await admin.login('thamdinh');
    const all = await admin.call('GET', '/api/groups', { status: 200 });
    assert.ok(all.json.groups.length >= 2);
    const units = await client.call('GET', '/api/units', { status: 200 });
    assert.ok(units.json.units.some((unit) => unit.code === 'lakhe' && unit.demo === false));
    const frameworks = await client.call('GET', '/api/frameworks', { status: 200 });
    assert.ok(frameworks.json.frameworks.length >= 1);
    const code = frameworks.json.frameworks[0].code;
    const tree = await client.call('GET', `/api/frameworks/${code}`, { status: 200 });
    assert.ok(tree.json.nodes.length > 0);
    await client.call('GET', '/api/frameworks/no-such-framework', { status: 404 });
  });
});

describe('the web application', () => {
  test('index.html, hashed assets and client-side routes', async () => {
    const index = await fetch(base + '/');
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const html = await index.text();
    const script = await fetch(base + '/assets/index-4f9a2c1b.js');
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const css = await fetch(base + '/assets/index-4f9a2c1b.css');
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const svg = await fetch(base + '/favicon.svg');
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    const route = await fetch(base + '/units/lakhe?year=2023');
    assert.equal(route.status, 200);
    assert.equal(await route.text(), html);
    const missing = await fetch(base + '/assets/index-00000000.js');
    assert.equal(missing.status, 404);
  });

  test('path traversal is refused', async () => {
    for (const path of ['/../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%2e%2e/secret.txt', '/.hidden']) {
      const response = await rawRequest(path);
      assert.equal(response.status, 400, path);
      assert.doesNotMatch(response.text, /outside the web folder/);
    }
  });
});

describe('shutdown', () => {
  test('SIGTERM finishes the request in flight, then the process exits 0', async () => {
    const url = new URL(base);
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise((resolveConnect) => socket.once('connect', resolveConnect));
    const body = JSON.stringify({ username: 'xem.lakhe', password: demoPassword });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    const closed = new Promise((resolveClose) => socket.on('close', resolveClose));
    // Half a request, then the signal, then the rest: the server must still answer it.
    socket.write(
      `POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
        body.slice(0, 10),
    );
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    socket.write(body.slice(10));
    await closed;
    assert.match(answer, /^HTTP\/1\.1 200 OK/);
    assert.match(answer, /Connection: close/i);
    const { code, signal } = await server.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    assert.ok(checked > 40, `${checked} JSON responses checked against openapi.yaml`);
  });
});
