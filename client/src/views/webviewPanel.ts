import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  /** The bundled script under dist/webview/, e.g. 'timeline'. */
  script: string;
  title: string;
  /** The page's own styles; everything takes the theme's colours from VS Code's CSS variables. */
  styles: string;
}

/**
 * One panel per kind of view: shown again (not duplicated) when its command runs twice, and told to
 * redraw through `post` when the workspace changes. Scripts run only with the page's nonce; the page
 * loads nothing from the network.
 */
export class WebviewPanel<ToWebview, FromWebview> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly viewType: string,
    private readonly page: WebviewPage,
    private readonly onMessage: (message: FromWebview) => void,
  ) {}

  get visible(): boolean {
    return !!this.panel;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const distWebview = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(this.viewType, this.page.title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [distWebview],
      retainContextWhenHidden: true,
    });
    panel.webview.html = this.html(panel.webview, vscode.Uri.joinPath(distWebview, `${this.page.script}.js`));
    panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message), undefined, this.disposables);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    this.panel = panel;
  }

  post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private html(webview: vscode.Webview, script: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${this.page.title}</title>
<style nonce="${nonce}">${baseStyles}${this.page.styles}</style>
</head>
<body>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
  }
}

const baseStyles = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 8px 12px; }
select, button { color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 2px 4px; font: inherit; }
.toolbar { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
.empty { color: var(--vscode-descriptionForeground); margin-top: 24px; }
svg text { fill: var(--vscode-editor-foreground); }
.axis path, .axis line { stroke: var(--vscode-editorRuler-foreground, var(--vscode-descriptionForeground)); }
.axis text { fill: var(--vscode-descriptionForeground); }
[role="button"]:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
[role="button"] { cursor: pointer; }
.kind-person { fill: var(--vscode-charts-blue); }
.kind-country { fill: var(--vscode-charts-green); }
.kind-organization { fill: var(--vscode-charts-orange); }
.kind-media { fill: var(--vscode-charts-purple); }
.kind-place { fill: var(--vscode-charts-yellow); }
.kind-other { fill: var(--vscode-charts-red); }
`;
