/**
 * The data model every concern module produces. Kept in one place so that providers depend on
 * shapes, not on how each recogniser works.
 */
import type { Finding, Span } from './types';

// ---- Annotations ----------------------------------------------------------------------------

export const actorKinds = ['person', 'country', 'organization', 'media', 'place', 'other'] as const;
export type ActorKind = (typeof actorKinds)[number];
/** Other words annotation files use for the kinds, read as the kind they stand for. */
export const actorKindSynonyms: Readonly<Record<string, ActorKind>> = {
  individual: 'person',
  state: 'country',
  nation: 'country',
  organisation: 'organization',
  alliance: 'organization',
  institution: 'organization',
  party: 'organization',
  company: 'organization',
  ngo: 'organization',
  outlet: 'media',
  newspaper: 'media',
  broadcaster: 'media',
  city: 'place',
  region: 'place',
};

/** A partial date as written in annotation files: YYYY, YYYY-MM or YYYY-MM-DD. */
export type PartialDate = string;

export interface Role {
  title: string;
  org?: string;
  from?: PartialDate;
  to?: PartialDate;
  /** Where `org` was written, when parsed from a file (for unknown-actor findings). */
  orgSource?: SourceSpan;
}

/** Where a value was written: the annotation file's URI and the span of the value in it. */
export interface SourceSpan extends Span {
  uri: string;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  summary?: string;
  background?: string;
  roles: Role[];
  links: string[];
  /** Name order for back-references; absent means inferred. */
  family?: 'first' | 'last';
  /** The whole entry, and its `id` value, in the annotation file. */
  source: SourceSpan;
  idSource: SourceSpan;
  /** Where the name and each alias (in `aliases` order) were written, when parsed from a file. */
  nameSource?: SourceSpan;
  aliasSources?: SourceSpan[];
}

export interface ArticleMeta {
  file: string;
  title?: string;
  source?: string;
  author?: string;
  /** YYYY-MM-DD (or a partial date); the reference for relative dates. */
  published?: PartialDate;
  url?: string;
  sourceSpan: SourceSpan;
  /** Where `file` and `author` were written, when parsed from a file. */
  fileSource?: SourceSpan;
  authorSource?: SourceSpan;
}

/** One parsed annotation file: what it declares and what is wrong with it. */
export interface AnnotationFile {
  uri: string;
  actors: Actor[];
  articles: ArticleMeta[];
  findings: Finding[];
}

// ---- Mentions -------------------------------------------------------------------------------

export interface ActorMention extends Span {
  actorId: string;
  /** The text as it stands in the article, without a possessive suffix. */
  text: string;
  /** True for a bare family name that refers back to an earlier full-name mention. */
  backReference?: boolean;
}

export type DatePrecision = 'year' | 'month' | 'day';

export interface DateMention extends Span {
  text: string;
  /** ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or START/END. Absent when relative and unresolvable. */
  value?: string;
  precision: DatePrecision;
  /** Written relative to the publication date ("this June", "last year"). */
  relative: boolean;
  /** Numeric forms whose reading depends on a convention (06.02.2024). */
  ambiguous: boolean;
}

// ---- Citations ------------------------------------------------------------------------------

export interface CitationMarker extends Span {
  /** "1" for [1], "note" for [^note]. */
  label: string;
  footnote: boolean;
}

export interface Reference extends Span {
  label: string;
  footnote: boolean;
  /** The span of the label token ("[1]" or "[^note]:") at the entry's start. */
  labelSpan: Span;
  /** The entry's text after the label. */
  body: string;
  title?: string;
  outlet?: string;
  url?: string;
  urlSpan?: Span;
  /** ISO YYYY-MM-DD when an access date was found and valid. */
  accessed?: string;
}

export interface CitationAnalysis {
  markers: CitationMarker[];
  references: Reference[];
  /** Span of the reference list, when there is one. */
  referenceList?: Span;
  findings: Finding[];
}
