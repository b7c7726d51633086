// Starts the real `parindex serve` on a fresh data folder (init + demo) and a free port, for the API tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = resolve(repo, process.env.PARINDEX_BINARY ?? 'build/debug/src/app/parindex');
export const demoPassword = 'demo-parindex-2024';

/** Runs the command line on the data folder and returns its stdout. */
export function cli(data, args, input) {
  return execFileSync(binary, [...args, '--data', data], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A data folder with the demo and a small built web application. */
export function prepare() {
  const root = mkdtempSync(join(tmpdir(), 'parindex-api-'));
  const data = join(root, 'data');
  cli(data, ['init']);
  cli(data, ['demo']);
  const web = join(root, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ParIndex</title><div id="root"></div>');
  writeFileSync(join(web, 'assets', 'index-4f9a2c1b.js'), 'console.log("parindex");');
  writeFileSync(join(web, 'assets', 'index-4f9a2c1b.css'), 'body{margin:0}');
  writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'secret.txt'), 'outside the web folder');
  return { root, data, web, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Starts the server; resolves once it printed its URL. */
export function start(data, web, extra = []) {
  const child = spawn(binary, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--web', web, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  const url = new Promise((resolveUrl, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed in 60 s; stderr: ${stderr}`)), 60000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /ParIndex đang chạy tại (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
  return { child, url, exited, log: () => stderr };
}
