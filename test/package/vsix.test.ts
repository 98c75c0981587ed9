import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../support/lspClient';

/** What a user installs: `npm run package` builds the .vsix, and it holds exactly what ships. */
describe('the packaged extension', function () {
  this.timeout(180_000);
  let entries: string[];
  let manifest: { main: string; bin: Record<string, string>; contributes: { yamlValidation: { url: string }[] } };

  before(function () {
    execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'pipe' });
    const vsix = path.join(repoRoot, 'dist', 'annotated-reading.vsix');
    entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter((e) => e.startsWith('extension/') && !e.endsWith('/'));
    manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
  });

  it('holds the bundles, grammars, schemas, README, CHANGELOG and licence', function () {
    for (const file of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'syntaxes/article.tmLanguage.json', 'schemas/annotations.schema.json', 'schemas/notes.schema.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
      assert.ok(entries.some((e) => e.toLowerCase() === `extension/${file}`.toLowerCase()), `${file} missing from ${entries.join(', ')}`);
    }
  });

  it('holds nothing else: no sources, tests, source maps, node_modules or sample annotations', function () {
    const unexpected = entries.filter((e) => /\.ts$|\.map$|node_modules|\/test\/|\/sample\/|\/annotations\/|\/out\//.test(e));
    assert.deepEqual(unexpected, []);
  });

  it('points its entry points and schema at files it holds', function () {
    const has = (relative: string) => entries.includes('extension/' + relative.replace(/^\.\//, ''));
    assert.ok(has(manifest.main), manifest.main);
    for (const bin of Object.values(manifest.bin)) assert.ok(has(bin), bin);
    for (const validation of manifest.contributes.yamlValidation) assert.ok(has(validation.url), validation.url);
  });
});
