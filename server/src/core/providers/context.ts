import type { DocumentAnalysis } from '../analysis';
import type { CancellationToken, Position } from '../types';
import type { WorkspaceModel } from '../workspace';

/** What every per-document feature receives: the workspace, the document and the request's token. */
export interface FeatureRequest {
  model: WorkspaceModel;
  uri: string;
  token: CancellationToken;
}

export interface PositionRequest extends FeatureRequest {
  position: Position;
}

/** The analysis and cursor offset for a request on an open article, or undefined elsewhere. */
export function articleAt(request: PositionRequest): { analysis: DocumentAnalysis; offset: number } | undefined {
  const analysis = request.model.analysis(request.uri, request.token);
  return analysis && { analysis, offset: analysis.lines.offsetAt(request.position) };
}
