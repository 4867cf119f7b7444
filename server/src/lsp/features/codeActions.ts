import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, format, localeOf, type Finding, type OkrDocument } from '../../core/index';
import { DIAGNOSTIC_SOURCE } from '../convert';
import type { ServerFeature } from '../context';

/** Fix-on-save and "Fix all" menus ask for this kind (`editor.codeActionsOnSave: { "source.fixAll.okr": … }`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.okr`;

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Quick fixes for the findings under the cursor, fix-all per rule, plus disable comments. */
export function codeActions(
  textDoc: TextDocument,
  doc: OkrDocument,
  findings: Finding[],
  diagnostics: Diagnostic[],
  uiLocale: string,
  only?: string[],
): CodeAction[] {
  const locale = localeOf(uiLocale);
  const out: CodeAction[] = [];
  if (wants(only, FIX_ALL_KIND)) {
    // Unattended: fixes that leave a placeholder for the user to fill are not applied on save.
    const edits = fixAllEdits(findings, { unattended: true });
    if (edits.length) {
      out.push({
        title: format(localeOf(doc.lang), 'fix.all-okr'),
        kind: FIX_ALL_KIND,
        edit: { changes: { [textDoc.uri]: edits as TextEdit[] } },
      });
    }
  }
  if (!wants(only, CodeActionKind.QuickFix)) return out;
  const fixAllDone = new Set<string>();
  for (const diag of diagnostics) {
    if (diag.source !== DIAGNOSTIC_SOURCE) continue;
    const f = findings.find((x) => x.rule === diag.code && sameRange(x.range, diag.range));
    if (!f) continue;
    for (const fix of f.fixes ?? []) {
      const select = fix.select
        ? { title: fix.title, command: 'okr.selectRange', arguments: [textDoc.uri, fix.select] }
        : undefined;
      if (fix.edits.length === 0) {
        if (select)
          out.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diag],
            isPreferred: fix.isPreferred,
            command: select,
          });
        continue;
      }
      // The edit is applied first, then the command selects what is left to fill in.
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: fix.isPreferred,
        edit: { changes: { [textDoc.uri]: fix.edits as TextEdit[] } },
        ...(select ? { command: select } : {}),
      });
    }
    const sameRule = findings.filter((x) => x.rule === f.rule && x.fixes?.some((k) => k.isPreferred && k.edits.length));
    if (sameRule.length > 1 && !fixAllDone.has(f.rule)) {
      fixAllDone.add(f.rule);
      const edits = fixAllEdits(findings, { rule: f.rule });
      if (edits.length)
        out.push({
          title: format(locale, 'fix.all', { rule: f.rule }),
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostics.filter((d) => d.code === f.rule && d.source === DIAGNOSTIC_SOURCE),
          edit: { changes: { [textDoc.uri]: edits as TextEdit[] } },
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
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } }),
  register(ctx) {
    ctx.connection.onCodeAction((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return [];
      return withVersion(
        codeActions(
          entry.text,
          entry.doc,
          ctx.findings(entry.text.uri),
          params.context.diagnostics,
          ctx.uiLocale(),
          params.context.only,
        ),
        entry.text,
      );
    });
  },
};

/**
 * Edits computed for one version of the document carry that version (`documentChanges`), so the
 * editor refuses to apply them to a newer text instead of changing the wrong characters.
 */
export function withVersion(actions: CodeAction[], textDoc: TextDocument): CodeAction[] {
  for (const a of actions) {
    const changes = a.edit?.changes;
    if (!changes || a.edit?.documentChanges) continue;
    // `changes` stays for clients without versioned edits; the spec has clients prefer `documentChanges`.
    a.edit = {
      changes,
      documentChanges: Object.entries(changes).map(([uri, edits]) => ({
        textDocument: { uri, version: uri === textDoc.uri ? textDoc.version : null },
        edits,
      })),
    };
  }
  return actions;
}
