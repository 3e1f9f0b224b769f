// Fails the build when the JavaScript a first visit loads (the entry script and what index.html preloads) is over
// 200 KB gzipped. Screens loaded later, on first use, do not count: they are what keeps the first load small.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 200 * 1024;
const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
].map((match) => match[1]);
if (scripts.length === 0) {
  console.error(`no script found in ${dist}/index.html`);
  process.exit(1);
}
let total = 0;
for (const script of new Set(scripts)) {
  const size = gzipSync(readFileSync(join(dist, script.replace(/^\//, '')))).length;
  total += size;
  console.log(`initial script ${script}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (limit ${LIMIT_BYTES / 1024} KB)`);
if (total > LIMIT_BYTES) {
  console.error('the initial JavaScript is over the limit: load more screens on first use');
  process.exit(1);
}
