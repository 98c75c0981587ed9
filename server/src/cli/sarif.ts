import type { LineIndex } from '../core/text';
import type { Finding } from '../core/types';

export interface FileReport {
  path: string;
  lines: LineIndex;
  findings: readonly Finding[];
}

const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0, the format code-scanning services read. Lines and columns are 1-based there. */
export function formatSarif(reports: readonly FileReport[]) {
  const rules = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'annotated-reading', rules: rules.map((id) => ({ id })) } },
        results: reports.flatMap((report) =>
          report.findings.map((f) => {
            const start = report.lines.positionAt(f.start);
            const end = report.lines.positionAt(f.end);
            return {
              ruleId: f.code,
              level: level[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: report.path },
                    region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}
