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
}

export const defaultSettings: Settings = {
  annotationsFolder: 'annotations',
  articleGlobs: defaultArticleGlobs,
  dateHints: 'ambiguous',
  severity: {},
  maxArticleSizeMB: 10,
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
  return { settings, problems };
}
