// Rules reach the Problems panel through the language server: known problems give the
// expected diagnostic codes on the expected lines, and plain Markdown is left alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  openDocument,
  waitForDiagnostics,
  writeWorkspaceFile,
} from './helpers';

/** Diagnostics published by this extension (other extensions may add their own). */
const ours = (ds: readonly vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => d.source === 'okr');

suite('diagnostics', () => {
  teardown(closeAllEditors);

  test('an objective with no key results gets objective-without-krs on its heading', async () => {
    const text = '# Sales OKRs\n\n## O1: Grow revenue\n\nWe will talk about key results later.\n';
    const uri = writeWorkspaceFile('integration/objective-without-krs.okr.md', text);
    const heading = text.split('\n').indexOf('## O1: Grow revenue');
    await openDocument(uri);

    const all = await waitForDiagnostics(uri, (d) => codeOf(d) === 'objective-without-krs');
    const hit = all.find((d) => codeOf(d) === 'objective-without-krs');
    assert.ok(hit, `no objective-without-krs diagnostic; got:\n  ${describeDiagnostics(all)}`);
    assert.equal(hit.source, 'okr', `unexpected source; got:\n  ${describeDiagnostics(all)}`);
    assert.equal(hit.range.start.line, heading, `expected on line ${heading + 1}; got:\n  ${describeDiagnostics(all)}`);
  });

  test('a key result with a [number] placeholder gets template-placeholder', async () => {
    const text = '# Sales OKRs\n\n## O1: Grow revenue\n\n- KR1: Increase monthly revenue to [number] EUR\n';
    const uri = writeWorkspaceFile('integration/template-placeholder.okr.md', text);
    const krLine = text.split('\n').findIndex((l) => l.includes('[number]'));
    await openDocument(uri);

    const all = await waitForDiagnostics(uri, (d) => codeOf(d) === 'template-placeholder');
    const hit = all.find((d) => codeOf(d) === 'template-placeholder');
    assert.ok(hit, `no template-placeholder diagnostic; got:\n  ${describeDiagnostics(all)}`);
    assert.equal(hit.source, 'okr');
    assert.equal(hit.range.start.line, krLine, `expected on line ${krLine + 1}; got:\n  ${describeDiagnostics(all)}`);
  });

  test('a plain notes.md (not *.okr.md) gets no OKR diagnostics', async () => {
    // Content that would be flagged in an OKR file.
    const notes = writeWorkspaceFile(
      'integration/notes.md',
      '# Notes\n\n## O1: Grow revenue\n\n- KR1: [number] leads\n',
    );
    await openDocument(notes);
    // Then an OKR file with a known problem: once its diagnostics arrive, the extension has
    // handled everything opened before it, so silence on notes.md is a real answer.
    const okr = writeWorkspaceFile('integration/after-notes.okr.md', '# Later\n\n## O1: Grow revenue\n');
    await openDocument(okr);
    await waitForDiagnostics(okr, (d) => d.source === 'okr');

    const onNotes = ours(vscode.languages.getDiagnostics(notes));
    assert.equal(onNotes.length, 0, `notes.md should have no OKR diagnostics; got:\n  ${describeDiagnostics(onNotes)}`);
  });
});
