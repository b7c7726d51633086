// Writes NAME.gz and NAME.br next to each text asset of dist/ (over 1 KiB), so that the C++ server
// can send the precompressed file when the browser accepts gzip or brotli (Content-Encoding).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const textual = /\.(js|mjs|css|html|svg|json|txt|map)$/;
let before = 0;
let afterGzip = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (textual.test(name) && statSync(path).size > 1024) {
      const data = readFileSync(path);
      const gz = gzipSync(data, { level: 9 });
      const br = brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      });
      writeFileSync(path + '.gz', gz);
      writeFileSync(path + '.br', br);
      before += data.length;
      afterGzip += gz.length;
    }
  }
}

walk(dist);
console.log(`precompressed dist/: ${(before / 1024).toFixed(0)} KiB -> ${(afterGzip / 1024).toFixed(0)} KiB gzip (+ .br)`);
