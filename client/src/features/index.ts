// Every client feature, one folder each. A feature gets the extension context and the running client.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { alignmentMapFeature } from './alignmentMap/index';
import { alignmentViewFeature } from './alignmentView/index';
import { checkInFeature } from './checkIn/index';
import { newFileFeature } from './newFile/index';
import { objectivesViewFeature } from './objectivesView/index';

export interface ClientFeature {
  /** Registered at activation, before the server starts (commands, views): must be cheap. */
  activate?(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void;
  /** Registered once the language client runs. */
  started?(context: vscode.ExtensionContext, client: LanguageClient): void;
}

export const features: ClientFeature[] = [
  objectivesViewFeature,
  alignmentViewFeature,
  alignmentMapFeature,
  newFileFeature,
  checkInFeature,
];
