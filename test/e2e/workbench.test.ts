// The extension in a real VS Code workbench (code-server + headless Chromium, set up by
// scripts/vscode-env.sh), driven as a reader would: click, look, hover. Needs `npm run build` first.
// Screenshots land in .artifacts/e2e/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  openFileFromExplorer,
  repoRoot,
  screenshot,
  waitForEditorText,
  waitForLanguageMode,
} from '../support/codeServer';
import { useWorkbench } from '../support/workbenchSession';

const sampleDir = path.join(repoRoot, 'sample');

/** The first sample article and the start of its first substantial line (a kicker like "Analysis" could
 *  match by chance), as the editor should show it. */
function firstSampleArticle(): { relativePath: string; opening: string } {
  const articles = fs.readdirSync(path.join(sampleDir, 'articles')).filter((name) => name.endsWith('.txt')).sort();
  assert.ok(articles.length > 0, 'sample/articles has no .txt article');
  const text = fs.readFileSync(path.join(sampleDir, 'articles', articles[0]), 'utf8');
  const line = text.split(/\r\n|\r|\n/).find((candidate) => candidate.trim().length >= 20);
  assert.ok(line, `${articles[0]} has no line of 20 characters or more`);
  return { relativePath: `articles/${articles[0]}`, opening: line.trim().slice(0, 40) };
}

/** The display name the extension gives its `article` language (the status bar shows it). */
function articleLanguageName(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const language = manifest.contributes?.languages?.find((candidate: { id: string }) => candidate.id === 'article');
  assert.ok(language?.aliases?.[0], 'package.json contributes no "article" language with an alias');
  return language.aliases[0];
}

describe('the extension in a VS Code workbench', function () {
  this.timeout(120_000);
  const session = useWorkbench('workbench', () => sampleDir, { temporary: false });

  it('opens a sample article from the explorer as an article and shows its text', async () => {
    const article = firstSampleArticle();
    await openFileFromExplorer(session.page, article.relativePath);
    await waitForEditorText(session.page, article.opening);
    await waitForLanguageMode(session.page, articleLanguageName());
    await screenshot(session.page, 'article-open');
  });
});
