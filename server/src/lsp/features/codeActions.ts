import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { format, localeOf, type Finding, type OkrDocument } from '../../core/index';
import { DIAGNOSTIC_SOURCE } from '../convert';
import type { ServerFeature } from '../context';

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Quick fixes for the findings under the cursor, plus disable comments. */
export function codeActions(
  textDoc: TextDocument,
  doc: OkrDocument,
  findings: Finding[],
  diagnostics: Diagnostic[],
  uiLocale: string,
): CodeAction[] {
  const locale = localeOf(uiLocale);
  const out: CodeAction[] = [];
  for (const diag of diagnostics) {
    if (diag.source !== DIAGNOSTIC_SOURCE) continue;
    const f = findings.find((x) => x.rule === diag.code && sameRange(x.range, diag.range));
    if (!f) continue;
    for (const fix of f.fixes ?? []) {
      if (fix.edits.length === 0 && fix.select) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: fix.isPreferred,
          command: { title: fix.title, command: 'okr.selectRange', arguments: [textDoc.uri, fix.select] },
        });
        continue;
      }
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: fix.isPreferred,
        edit: { changes: { [textDoc.uri]: fix.edits as TextEdit[] } },
      });
    }
    const line = diag.range.start.line;
    const fmEnd = doc.frontMatter ? doc.frontMatter.range.end.line + 1 : 0;
    // A comment inside the front matter would break the YAML: only the file-wide form is offered there.
    if (line >= fmEnd) {
      const indent = /^\s*/.exec(doc.text.split(/\r\n|\n|\r/)[line] ?? '')?.[0] ?? '';
      out.push({
        title: format(locale, 'fix.disable-line', { rule: f.rule }),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        edit: {
          changes: {
            [textDoc.uri]: [
              {
                range: { start: { line, character: 0 }, end: { line, character: 0 } },
                newText: `${indent}<!-- okr-disable-next-line ${f.rule} -->${doc.eol}`,
              },
            ],
          },
        },
      });
    }
    out.push({
      title: format(locale, 'fix.disable-file', { rule: f.rule }),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: {
        changes: {
          [textDoc.uri]: [
            {
              range: { start: { line: fmEnd, character: 0 }, end: { line: fmEnd, character: 0 } },
              newText: `<!-- okr-disable-file ${f.rule} -->${doc.eol}`,
            },
          ],
        },
      },
    });
  }
  return out;
}

export const codeActionsFeature: ServerFeature = {
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  register(ctx) {
    ctx.connection.onCodeAction((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return [];
      return codeActions(
        entry.text,
        entry.doc,
        ctx.findings(entry.text.uri),
        params.context.diagnostics,
        ctx.uiLocale(),
      );
    });
  },
};
