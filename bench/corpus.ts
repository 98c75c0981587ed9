/**
 * The benchmark's workspace: N generated articles in the style of the seed corpus (actors, dates of
 * every form the recogniser reads, footnote markers and a reference list, some citations broken on
 * purpose) and annotation files with 5,000 actors and 10,000 aliases. Everything comes from a seeded
 * PRNG, so a given (N, seed) always yields the same bytes; a stamp file lets later runs reuse it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Random } from './random';
import * as words from './vocabulary';

/** Bump whenever the generator or the stamp changes, so that a corpus from an older version is rebuilt. */
const generatorVersion = 2;

const actorCounts = { person: 3000, country: 600, organization: 800, media: 300, place: 300 } as const;
type GeneratedKind = keyof typeof actorCounts;
const actorsPerFile = 500;
const articlesPerMetadataFile = 1000;
const averageArticleLength = 6400;
const longArticleLength = 100 * 1024;

export interface CorpusOptions {
  articles: number;
  seed: number;
}

export interface Corpus {
  root: string;
  /** Workspace-relative, '/'-separated paths. */
  articles: string[];
  annotations: string[];
  /** The one article of about 100 KB, for the edit-to-diagnostics benchmark. */
  longArticle: string;
  actors: number;
  aliases: number;
  /** UTF-8 bytes of all articles. */
  bytes: number;
  /** True when an existing corpus with the same stamp was reused. */
  reused: boolean;
}

/** What generation produces, as the stamp file keeps it. */
type CorpusContents = Omit<Corpus, 'root' | 'reused'>;

interface Stamp {
  generatorVersion: number;
  seed: number;
  contents: CorpusContents;
}

/** The corpus for these options under the OS temp dir, generated unless a matching one is already there. */
export function ensureCorpus(options: CorpusOptions): Corpus {
  const root = path.join(os.tmpdir(), `annotated-reading-bench-${options.articles}`);
  const stampPath = path.join(root, '.bench-stamp.json');
  const existing = readStamp(stampPath);
  if (existing?.generatorVersion === generatorVersion && existing.seed === options.seed && existing.contents.articles.length === options.articles) {
    return { ...existing.contents, root, reused: true };
  }
  fs.rmSync(root, { recursive: true, force: true });
  const contents = generateCorpus(root, options);
  const stamp: Stamp = { generatorVersion, seed: options.seed, contents };
  fs.writeFileSync(stampPath, JSON.stringify(stamp));
  return { ...contents, root, reused: false };
}

function readStamp(stampPath: string): Stamp | undefined {
  try {
    return JSON.parse(fs.readFileSync(stampPath, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

function generateCorpus(root: string, options: CorpusOptions): CorpusContents {
  const actors = generateActors(new Random(options.seed));
  const cast = castByKind(actors);
  const write = (relativePath: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relativePath)), { recursive: true });
    fs.writeFileSync(path.join(root, relativePath), text);
    return relativePath;
  };

  const annotations: string[] = [];
  for (let i = 0; i * actorsPerFile < actors.length; i++) {
    annotations.push(write(`annotations/actors-${pad(i, 2)}.yaml`, actorsYaml(actors.slice(i * actorsPerFile, (i + 1) * actorsPerFile))));
  }

  const articles: string[] = [];
  const metadata: ArticleMetadata[] = [];
  let bytes = 0;
  for (let i = 0; i < options.articles; i++) {
    // Each article has its own stream, so the N = 1,000 corpus is the first tenth of the N = 10,000 one.
    const random = new Random(options.seed ^ Math.imul(i + 1, 0x9e3779b1));
    const file = i === 0 ? 'articles/long-read.txt' : `articles/article-${pad(i, 5)}.txt`;
    const article = new ArticleWriter(random, cast).write(i === 0 ? longArticleLength : Math.round(averageArticleLength * (0.7 + 0.6 * random.next())));
    articles.push(write(file, article.text));
    metadata.push({ file, ...article.meta });
    bytes += Buffer.byteLength(article.text);
  }
  for (let i = 0; i * articlesPerMetadataFile < metadata.length; i++) {
    annotations.push(write(`annotations/articles-${pad(i, 2)}.yaml`, articlesYaml(metadata.slice(i * articlesPerMetadataFile, (i + 1) * articlesPerMetadataFile))));
  }
  return { articles, annotations, longArticle: articles[0], actors: actors.length, aliases: actors.reduce((n, a) => n + a.aliases.length, 0), bytes };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---- Actors ---------------------------------------------------------------------------------------

interface GeneratedActor {
  id: string;
  name: string;
  kind: GeneratedKind;
  /** A unique single word first, then a multi-word variant. */
  aliases: [string, string];
  summary: string;
  roles: { title: string; org: string; from: string; to?: string }[];
}

/** Invented capitalised words, each used once across the whole annotation set. */
class UniqueWords {
  private readonly taken = new Set<string>([...words.givenNames, ...words.monthNames]);

  constructor(private readonly random: Random) {}

  word(): string {
    for (;;) {
      let word = '';
      const syllables = this.random.int(2, 3);
      for (let i = 0; i < syllables; i++) word += this.random.pick(words.onsets) + this.random.pick(words.vowels) + this.random.pick(words.codas);
      word = word[0].toUpperCase() + word.slice(1);
      if (word.length >= 5 && word.length <= 12 && this.claim(word)) return word;
    }
  }

  acronym(): string {
    for (;;) {
      let acronym = '';
      const length = this.random.int(3, 4);
      for (let i = 0; i < length; i++) acronym += String.fromCharCode(65 + this.random.int(0, 25));
      if (this.claim(acronym)) return acronym;
    }
  }

  private claim(word: string): boolean {
    if (this.taken.has(word)) return false;
    this.taken.add(word);
    return true;
  }
}

function generateActors(random: Random): GeneratedActor[] {
  const unique = new UniqueWords(random);
  const actors: GeneratedActor[] = [];
  const ids = new Set<string>();
  const add = (kind: GeneratedKind, name: string, aliases: [string, string], summary: string) => {
    let id = slug(name);
    if (ids.has(id)) id += `-${actors.length}`;
    ids.add(id);
    const actor: GeneratedActor = { id, name, kind, aliases, summary, roles: [] };
    actors.push(actor);
    return actor;
  };

  for (let i = 0; i < actorCounts.country; i++) {
    const root = unique.word();
    add('country', `${random.pick(words.statePrefixes)} ${root}`, [root, unique.word()], `An invented state; its capital gives the second alias.`);
  }
  for (let i = 0; i < actorCounts.organization; i++) {
    const root = unique.word();
    const noun = random.pick(words.organisationNouns);
    add('organization', `${root} ${noun}`, [unique.acronym(), `${root} ${noun.split(' ').pop()}`], `An invented ${noun.toLowerCase()}.`);
  }
  for (let i = 0; i < actorCounts.media; i++) {
    const root = unique.word();
    add('media', `${root} ${random.pick(words.mediaNouns)}`, [unique.acronym(), `${root} Online`], 'An invented news outlet.');
  }
  for (let i = 0; i < actorCounts.place; i++) {
    const root = unique.word();
    add('place', `${root} ${random.pick(words.placeNouns)}`, [root, `Greater ${root}`], 'An invented region.');
  }
  const employers = actors.filter((a) => a.kind === 'country' || a.kind === 'organization');
  for (let i = 0; i < actorCounts.person; i++) {
    const family = unique.word();
    // A third of the people carry a double-barrelled family name, written with a hyphen.
    const fullFamily = random.chance(1 / 3) ? `${family}-${unique.word()}` : family;
    const person = add('person', `${random.pick(words.givenNames)} ${fullFamily}`, [family, `${random.pick(words.personTitles)} ${family}`], 'An invented official.');
    const start = random.int(2005, 2020);
    const end = start + random.int(1, 4);
    person.roles.push({ title: random.pick(words.roleTitles), org: random.pick(employers).id, from: `${start}-${pad(random.int(1, 12), 2)}`, to: `${end}-${pad(random.int(1, 12), 2)}` });
    if (random.chance(0.5)) person.roles.push({ title: random.pick(words.roleTitles), org: random.pick(employers).id, from: `${end}-${pad(random.int(1, 12), 2)}` });
  }
  return actors;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function actorsYaml(actors: readonly GeneratedActor[]): string {
  const lines = ['# Generated for the benchmark: invented actors only.', 'actors:'];
  for (const actor of actors) {
    lines.push(`  - id: ${actor.id}`, `    name: ${JSON.stringify(actor.name)}`, `    kind: ${actor.kind}`, `    aliases: [${actor.aliases.map((a) => JSON.stringify(a)).join(', ')}]`, `    summary: ${JSON.stringify(actor.summary)}`);
    if (actor.roles.length) lines.push('    roles:');
    for (const role of actor.roles) {
      lines.push(`      - title: ${JSON.stringify(role.title)}`, `        org: ${role.org}`, `        from: ${role.from}`);
      if (role.to) lines.push(`        to: ${role.to}`);
    }
  }
  return lines.join('\n') + '\n';
}

interface ArticleMetadata {
  file: string;
  title: string;
  source: string;
  author: string;
  published: string;
}

function articlesYaml(articles: readonly ArticleMetadata[]): string {
  const lines = ['# Generated for the benchmark.', 'articles:'];
  for (const a of articles) {
    lines.push(`  - file: ${a.file}`, `    title: ${JSON.stringify(a.title)}`, `    source: ${JSON.stringify(a.source)}`, `    author: ${a.author}`, `    published: ${a.published}`);
  }
  return lines.join('\n') + '\n';
}

// ---- Articles -------------------------------------------------------------------------------------

type Cast = Record<GeneratedKind, GeneratedActor[]>;

function castByKind(actors: readonly GeneratedActor[]): Cast {
  const cast: Cast = { person: [], country: [], organization: [], media: [], place: [] };
  for (const actor of actors) cast[actor.kind].push(actor);
  return cast;
}

/** How a citation is broken on purpose, in about one article in five. */
const breakages = ['missing-entry', 'unused-entry', 'missing-url', 'unclosed-quote', 'impossible-access-date', 'duplicate-label', 'missing-opening-quote'] as const;
type Breakage = (typeof breakages)[number];

const slotKinds: Readonly<Record<string, GeneratedKind>> = { P: 'person', C: 'country', O: 'organization', L: 'place', M: 'media' };

/** Writes one article: a few actors of each kind mentioned throughout, dated events, and cited sources. */
class ArticleWriter {
  private readonly actors: Record<GeneratedKind, GeneratedActor[]>;
  private readonly mentioned = new Set<string>();
  private readonly published: { year: number; month: number; day: number };
  private citations = 0;

  constructor(
    private readonly random: Random,
    cast: Cast,
  ) {
    const choose = (kind: GeneratedKind, count: number) => {
      const chosen = new Set<GeneratedActor>();
      while (chosen.size < count) chosen.add(random.pick(cast[kind]));
      return [...chosen];
    };
    this.actors = { person: choose('person', random.int(4, 7)), country: choose('country', random.int(2, 4)), organization: choose('organization', 2), media: choose('media', 4), place: choose('place', 2) };
    this.published = { year: random.int(2021, 2024), month: random.int(1, 12), day: random.int(1, 28) };
  }

  write(targetLength: number): { text: string; meta: Omit<ArticleMetadata, 'file'> } {
    const author = this.actors.person[0];
    const title = this.fill(this.random.pick(words.titleTemplates));
    const lead = [0, 1, 2].map(() => this.sentence(false)).join('\n');
    const paragraphs: string[] = [];
    let length = 0;
    // References take about 190 characters each; stop the body when the whole is near the target.
    while (length + this.citations * 190 + 400 < targetLength) {
      const paragraph = Array.from({ length: this.random.int(4, 7) }, () => this.sentence(true)).join(' ');
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    const breakage = this.random.chance(0.2) ? this.random.pick(breakages) : undefined;
    if (breakage === 'missing-entry') paragraphs.push(`${this.fill(this.random.pick(words.sentenceTemplates)).slice(0, -1)}.[${this.citations + 1}]`);
    const references = this.references(breakage);
    const bio = `${author.name} is a researcher at the ${this.random.pick(this.actors.organization).name}, working on ${this.random.pick(words.topics)} and ${this.random.pick(words.topics)}. Before that, ${author.aliases[0]} covered ${this.random.pick(this.actors.place).name} for the ${this.random.pick(this.actors.media).name}.`;
    const text = ['Analysis', title, lead, 'Share', 'This post is also available in: Türkçe Русский', ...paragraphs, '', references.join('\n\n'), `${author.name}\n${author.name}\n${bio}`, 'Similar Posts'].join('\n\n') + '\n';
    const { year, month, day } = this.published;
    return { text, meta: { title, source: this.actors.media[0].name, author: author.id, published: `${year}-${pad(month, 2)}-${pad(day, 2)}` } };
  }

  /** A sentence from a template or a connective generic one, with a footnote marker now and then. */
  private sentence(citable: boolean): string {
    const text = this.random.chance(0.8) ? this.fill(this.random.pick(words.sentenceTemplates)) : `${this.random.pick(words.connectors)}, ${this.random.pick(words.genericClauses)}.`;
    if (!citable || !this.random.chance(0.3)) return text;
    // Mostly a new source; sometimes one cited before. Markers go after the full stop or before it.
    const label = this.citations > 0 && this.random.chance(0.15) ? this.random.int(1, this.citations) : ++this.citations;
    return this.random.chance(0.6) ? `${text}[${label}]` : `${text.slice(0, -1)}[${label}].`;
  }

  /** Fills a template's slots; two slots of one kind name two different actors. */
  private fill(template: string): string {
    const used = new Set<GeneratedActor>();
    const filled = template.replace(/\{([A-Z])\}/g, (_, slot: string) => {
      if (slot === 'W') return this.when();
      if (slot === 'T' || slot === 'X') return this.random.pick(words.topics);
      const unused = this.actors[slotKinds[slot]].filter((actor) => !used.has(actor));
      const actor = this.random.pick(unused);
      used.add(actor);
      return this.mention(actor);
    });
    return filled[0].toUpperCase() + filled.slice(1);
  }

  /** The full name on first mention; later mostly the single-word alias, sometimes the other forms. */
  private mention(actor: GeneratedActor): string {
    if (!this.mentioned.has(actor.id)) {
      this.mentioned.add(actor.id);
      return actor.name;
    }
    const roll = this.random.next();
    return roll < 0.7 ? actor.aliases[0] : roll < 0.85 ? actor.aliases[1] : actor.name;
  }

  /** A dated phrase in one of the forms analysts write, around the publication date. */
  private when(): string {
    const year = this.random.int(this.published.year - 15, this.published.year);
    const month = this.random.int(1, 12);
    const day = this.random.int(1, 28);
    const monthName = words.monthNames[month - 1];
    switch (this.random.int(0, 11)) {
      case 0: return `on ${monthName} ${day}, ${year}`;
      case 1: return `on ${day} ${monthName} ${year}`;
      case 2: return `on ${pad(day, 2)}.${pad(month, 2)}.${year}`;
      case 3: return `on ${year}-${pad(month, 2)}-${pad(day, 2)}`;
      case 4: return `in ${monthName} ${year}`;
      case 5: return `in ${monthName} of ${year}`;
      case 6: return `in ${year}`;
      case 7: return `in ${this.random.pick(['early ', 'late ', 'mid-'])}${year}`;
      case 8: return `over ${monthName} ${Math.min(day, 20)}-${Math.min(day, 20) + this.random.int(2, 8)}`;
      case 9: return `in ${year - this.random.int(1, 5)}–${year}`;
      case 10: return `this ${monthName}`;
      default: return 'last year';
    }
  }

  private references(breakage: Breakage | undefined): string[] {
    const { year, month, day } = this.published;
    const accessed = `${pad(Math.max(1, day - 1), 2)}.${pad(month, 2)}.${year}`;
    const count = this.citations + (breakage === 'unused-entry' ? 1 : 0);
    const broken = this.random.int(1, Math.max(1, count));
    const entries: string[] = [];
    for (let n = 1; n <= count; n++) {
      const outlet = this.random.pick(this.actors.media).name;
      const title = `${this.random.pick(this.actors.country).aliases[0]} ${this.random.pick(['Weighs', 'Signs', 'Rejects', 'Delays', 'Backs', 'Questions'])} ${titleCase(this.random.pick(words.topics))}`;
      const url = `https://www.${slug(outlet)}.example/${this.random.pick(['world', 'politics', 'economy', 'security'])}/${slug(title)}`;
      const label = breakage === 'duplicate-label' && n === broken && n > 1 ? n - 1 : n;
      const quoted = n !== broken ? `“${title}”` : breakage === 'unclosed-quote' ? `“${title}` : breakage === 'missing-opening-quote' ? `${title}”` : `“${title}”`;
      const link = n === broken && breakage === 'missing-url' ? '' : ` ${url},`;
      const date = n === broken && breakage === 'impossible-access-date' ? `31.02.${year}` : accessed;
      entries.push(`[${label}] ${quoted}, ${outlet},${link} (Access Date: ${date}).`);
    }
    return entries;
  }
}

function titleCase(text: string): string {
  return text.replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}
