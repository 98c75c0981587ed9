import type { Diagnostic } from 'vscode-languageserver-types';
import type { LineIndex } from '../text';
import type { Finding, Severity } from '../types';
import type { FeatureRequest } from './context';

/** Per-code overrides from the settings: a different severity, or 'off' to hide the code. */
export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

const lspSeverity = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** Diagnostics for an article or an annotation file, whichever the URI is. */
export function diagnostics(request: FeatureRequest, overrides: SeverityOverrides = {}): Diagnostic[] {
  const { model, uri, token } = request;
  const analysis = model.analysis(uri, token);
  if (analysis) return toDiagnostics(analysis.findings, analysis.lines, overrides);
  const lines = model.annotationLines(uri);
  return lines ? toDiagnostics([...model.annotations.index.findings(uri), ...model.notes.findings(uri)], lines, overrides) : [];
}

function toDiagnostics(findings: readonly Finding[], lines: LineIndex, overrides: SeverityOverrides): Diagnostic[] {
  const shown: Diagnostic[] = [];
  for (const finding of findings) {
    const severity = overrides[finding.code] ?? finding.severity;
    if (severity === 'off') continue;
    shown.push({ range: lines.range(finding), severity: lspSeverity[severity], code: finding.code, source: 'annotated-reading', message: finding.message });
  }
  return shown;
}
