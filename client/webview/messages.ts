// Messages between the extension and its webviews. The webviews only draw what the server computed:
// data comes in, and the reader's choices (a filter, a click) go out for the extension to act on.
import type { ConnectionsResult, TimelineResult, ViewRange } from '../../server/src/protocol';

export type TimelineToWebview = { type: 'data'; data: TimelineResult; selectedActor: string; selectedArticle: string };
export type TimelineFromWebview =
  | { type: 'ready' }
  | { type: 'filter'; actorId: string; uri: string }
  | { type: 'open'; uri: string; range: ViewRange };

export type ConnectionsToWebview = { type: 'data'; data: ConnectionsResult };
export type ConnectionsFromWebview = { type: 'ready' } | { type: 'showMentions'; actorId: string };
