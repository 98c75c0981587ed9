import type { SeverityOverrides } from '../core/providers/diagnostics';
import type { DateHintMode } from '../core/providers/inlayHints';
import { defaultArticleGlobs } from '../node/files';

/** The `annotatedReading.*` settings, as the server uses them. Descriptions live in package.json. */
export interface Settings {
  annotationsFolder: string;
  articleGlobs: string[];
  dateHints: DateHintMode;
  severity: SeverityOverrides;
  maxArticleSizeMB: number;
  /** Code lenses counting each paragraph's claims and cited claims. */
  citationCoverage: boolean;
}

export const defaultSettings: Settings = {
  annotationsFolder: 'annotations',
  articleGlobs: defaultArticleGlobs,
  dateHints: 'ambiguous',
  severity: {},
  maxArticleSizeMB: 10,
  citationCoverage: true,
};

const severities = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Takes whatever the client sent and keeps each valid field; every invalid one is named in `problems`. */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const settings = { ...defaultSettings };
  const take = <K extends keyof Settings>(key: K, valid: (v: unknown) => boolean, describe: string) => {
    const value = input[key];
    if (value === undefined || value === null) return;
    if (valid(value)) settings[key] = value as Settings[K];
    else problems.push(`annotatedReading.${key} must be ${describe}; using the default.`);
  };
  take('annotationsFolder', (v) => typeof v === 'string' && v.trim() !== '', 'a folder path');
  take('articleGlobs', (v) => Array.isArray(v) && v.every((g) => typeof g === 'string'), 'a list of glob patterns');
  take('dateHints', (v) => v === 'off' || v === 'ambiguous' || v === 'all', '"off", "ambiguous" or "all"');
  take('severity', (v) => !!v && typeof v === 'object' && Object.values(v).every((s) => severities.has(s as string)), 'an object of code → error|warning|information|hint|off');
  take('maxArticleSizeMB', (v) => typeof v === 'number' && v > 0, 'a positive number');
  take('citationCoverage', (v) => typeof v === 'boolean', 'true or false');
  settings.articleGlobs = settings.articleGlobs.filter((glob) => {
    const problem = globProblem(glob);
    if (problem) problems.push(`annotatedReading.articleGlobs: "${glob}" ${problem}; it is ignored.`);
    return !problem;
  });
  return { settings, problems };
}

const closers: Record<string, string> = { '{': '}', '(': ')' };

/**
 * Why a glob cannot mean what was written, or undefined. picomatch reads an unclosed `[`, `{` or `(`
 * literally instead of failing, so such a glob would silently match nothing.
 */
function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'is empty';
  const open: string[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '\\') {
      i++;
    } else if (char === '[') {
      // A class runs to the next `]`; one right after `[`, `[!` or `[^` is a member, not the end.
      let end = i + 1;
      if (glob[end] === '!' || glob[end] === '^') end++;
      if (glob[end] === ']') end++;
      while (end < glob.length && glob[end] !== ']') end += glob[end] === '\\' ? 2 : 1;
      if (end >= glob.length) return 'has an unclosed "["';
      i = end;
    } else if (char in closers) {
      open.push(char);
    } else if (open.length && char === closers[open[open.length - 1]]) {
      open.pop();
    }
  }
  return open.length ? `has an unclosed "${open[open.length - 1]}"` : undefined;
}
