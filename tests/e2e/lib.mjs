// Helpers for the browser tests: start the real ParIndex server on a fresh demo data folder and
// drive Debian's Chromium through playwright-core (installed as a devDependency of web/).
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const webRequire = createRequire(join(repoRoot, 'web', 'package.json'));
const { chromium } = webRequire('playwright-core');

export const PASSWORD = process.env.PARINDEX_DEMO_PASSWORD ?? 'demo-parindex-2024';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Starts `parindex serve` on a fresh demo data folder (or one prepared by `setup(cli, data)`) and
 * resolves to { url, stop }.
 * With PARINDEX_URL set, uses that server instead (for example `npm run dev:mock` in web/).
 */
export async function startServer({ setup } = {}) {
  if (process.env.PARINDEX_URL) return { url: process.env.PARINDEX_URL.replace(/\/$/, ''), stop: async () => {} };
  // Relative paths are taken from the repository root, as tests/api does.
  const binary = resolve(repoRoot, process.env.PARINDEX_BINARY ?? 'build/debug/src/app/parindex');
  const webDist = process.env.PARINDEX_WEB ?? join(repoRoot, 'web', 'dist');
  if (!existsSync(binary)) throw new Error(`PARINDEX_BINARY not found: ${binary}`);
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`${webDist}/index.html missing: run "npm run build" in web/`);
  let help = '';
  try {
    help = execFileSync(binary, ['serve', '--help'], { stdio: 'pipe' }).toString();
  } catch (error) {
    help = String(error?.stdout ?? '');
  }
  if (!help.includes('--listen')) {
    throw new Error(`${binary} has no "serve" command: build it (cmake --build) or set PARINDEX_BINARY`);
  }
  const data = mkdtempSync(join(tmpdir(), 'parindex-e2e-'));
  execFileSync(binary, ['init', '--data', data], { stdio: 'pipe' });
  const cli = (args, input) =>
    execFileSync(binary, [...args, '--data', data], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  // Without a setup, the demo; a setup gets `cli(args, stdin)` to import its own fixture and users.
  if (setup) await setup(cli, data);
  else cli(['demo']);
  const child = spawn(binary, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--web', webDist], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    // The debug build runs under AddressSanitizer: give it time to start.
    const timer = setTimeout(() => reject(new Error(`server did not print its URL in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before printing its URL:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(data, { recursive: true, force: true });
  };
  return { url, stop };
}

/** A fresh Chromium profile; `phone` emulates a 390×844 phone. Resolves to { context, page, close }. */
export async function openBrowser({ phone = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'parindex-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

export async function login(page, baseUrl, username, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Saves a screenshot into PARINDEX_SCREENSHOTS (e.g. docs/images) when that is set. */
export async function screenshot(page, name, options = {}) {
  const dir = process.env.PARINDEX_SCREENSHOTS;
  if (!dir) return;
  const target = resolve(repoRoot, dir);
  mkdirSync(target, { recursive: true });
  // Let charts finish their entry animation.
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(target, `${name}.png`), ...options });
}

/**
 * Runs `body(page)` in a fresh browser logged in as `username` on `server`; when it fails and PARINDEX_SCREENSHOTS
 * is set, the page is saved as failure-TAG-USERNAME.png. `options` go to openBrowser (e.g. { phone: true }).
 */
export async function asUser(server, username, body, { tag = 'test', ...options } = {}) {
  const browser = await openBrowser(options);
  const { page } = browser;
  try {
    await login(page, server.url, username);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await body(page);
  } catch (error) {
    if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, `failure-${tag}-${username}`, { fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

/** GET through the page's session (its cookie): the JSON of a 200 answer, failing the test otherwise. */
export async function fetchJson(page, baseUrl, path) {
  const response = await page.request.get(`${baseUrl}${path}`);
  if (response.status() !== 200) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}
