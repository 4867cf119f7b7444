// The extension must come up by itself when the user opens an OKR file.
import * as assert from 'node:assert/strict';
import { activeExtension, closeAllEditors, EXTENSION_ID, openDocument, writeWorkspaceFile } from './helpers';

suite('activation', () => {
  teardown(closeAllEditors);

  test(`${EXTENSION_ID} activates when an *.okr.md file is opened`, async () => {
    const uri = writeWorkspaceFile(
      'integration/activation.okr.md',
      '# Activation check\n\n## O1: Be activated\n\n- KR1: The extension is active (0/1)\n',
    );
    const doc = await openDocument(uri);
    assert.equal(doc.languageId, 'markdown', 'an *.okr.md file should open as Markdown');
    const ext = await activeExtension();
    assert.ok(ext.isActive);
  });
});
