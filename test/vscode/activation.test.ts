import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('extension activation', () => {
  it('activates and registers the article language', async () => {
    const extension = vscode.extensions.getExtension('annotated-reading.annotated-reading');
    assert.ok(extension, 'the extension is not loaded in this VS Code');
    // Activate explicitly rather than racing the onLanguage activation event.
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.ok((await vscode.languages.getLanguages()).includes('article'), 'no "article" language is registered');
  });
});
