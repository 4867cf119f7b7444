// "OKR: Open alignment map": a webview that draws the cascade from `okr/alignmentGraph`.
// The page is built by html.ts (pure); this file only owns the panel and its messages.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClientFeature } from '../index';
import { onIndexChanged, reveal, t } from '../objectivesView/shared';
import { makeNonce, mapHtml, type MapData } from './html';

let panel: vscode.WebviewPanel | undefined;

async function openMap(context: vscode.ExtensionContext, getClient: () => Promise<LanguageClient>): Promise<void> {
  if (panel) {
    panel.reveal();
    return;
  }
  const client = await getClient();
  const load = () => client.sendRequest<MapData>('okr/alignmentGraph');
  let data = await load();
  const p = vscode.window.createWebviewPanel('okr.alignmentMap', t('alignment.map.title'), vscode.ViewColumn.Active, {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
  });
  panel = p;
  p.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'okr.svg');
  p.webview.html = mapHtml({
    cspSource: p.webview.cspSource,
    nonce: makeNonce(randomBytes(32)),
    data,
    lang: vscode.env.language,
    strings: {
      title: t('alignment.map.title'),
      empty: t('alignment.map.empty'),
      hidden: t('alignment.map.hidden', { count: '{count}' }),
      help: t('alignment.map.help'),
      label: t('alignment.map.label'),
    },
  });
  let disposed = false;
  const subs: vscode.Disposable[] = [
    p.webview.onDidReceiveMessage((m: { type?: string; uri?: unknown; line?: unknown }) => {
      if (m?.type !== 'open' || typeof m.uri !== 'string') return;
      // Only places the map was given: the page never names a file of its own.
      const known = data.nodes.some((n) => n.uri === m.uri) || data.files.some((f) => f.uri === m.uri);
      if (!known) return;
      void reveal({ uri: m.uri, line: typeof m.line === 'number' ? m.line : 0 });
    }),
    onIndexChanged(client, async () => {
      const next = await load().catch(() => null);
      // The panel may have closed while the server answered: posting then throws.
      if (disposed || !next) return;
      data = next;
      void p.webview.postMessage({ type: 'data', data }).then(undefined, () => undefined);
    }),
  ];
  p.onDidDispose(() => {
    disposed = true;
    panel = undefined;
    for (const s of subs) s.dispose();
  });
}

export const alignmentMapFeature: ClientFeature = {
  activate(context, getClient) {
    context.subscriptions.push(
      vscode.commands.registerCommand('okr.openAlignmentMap', () => openMap(context, getClient)),
    );
  },
};
