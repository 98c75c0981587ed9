import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text';

describe('LineIndex: offsets and LSP positions', function () {
  it('handles \\n, \\r\\n and lone \\r line breaks as LSP does', function () {
    const lines = new LineIndex('a\nbc\r\nd\re');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(8), { line: 3, character: 0 });
    assert.equal(lines.lineText(1), 'bc');
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 4);
  });

  it('never puts a position between the \\r and \\n of a line break', function () {
    const lines = new LineIndex('ab\r\ncd');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
  });

  it('counts UTF-16 code units, so astral characters take two', function () {
    const lines = new LineIndex('😀 Seoul');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 3 });
    assert.equal(lines.offsetAt({ line: 0, character: 3 }), 3);
  });

  it('clamps positions outside the text', function () {
    const lines = new LineIndex('one\ntwo');
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(100), { line: 1, character: 3 });
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 7);
    assert.equal(lines.offsetAt({ line: -1, character: 0 }), 0);
  });
});
