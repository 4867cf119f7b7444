// Server health: if the language server crashes, restart it (a bounded number of times) and say so once.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './policy';

export const restartPolicy = new RestartPolicy();

/** The LanguageClient's error handler (clientOptions.errorHandler). */
export function serverErrorHandler(policy: RestartPolicy = restartPolicy): ErrorHandler {
  return {
    error(): ErrorHandlerResult {
      // A single write/read error on the connection: keep going; a real crash ends in closed().
      return { action: ErrorAction.Continue, handled: true };
    },
    closed(): CloseHandlerResult {
      const d = policy.closed();
      if (d.action === 'restart') {
        if (d.notify) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('The OKR language server stopped unexpectedly and was restarted.'),
          );
        }
        return { action: CloseAction.Restart, handled: true };
      }
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The OKR language server stopped {0} times in {1} minutes and was not restarted. Run "OKR: Restart OKR language server" to try again.',
          d.crashes,
          d.minutes,
        ),
      );
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}
