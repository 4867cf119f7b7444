// Alignment navigation: definition, document links, references, rename, completion and the
// "N aligned below" code lens. Every answer comes from the workspace index's alignment graph.
import {
  CompletionItemKind,
  ResponseError,
  type CompletionItem,
  type DocumentLink,
  type Location,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { OkrDocument } from '../../core/index';
import { ALIGN_KEYWORD } from '../../core/lang/tables';
import { format } from '../../core/messages';
import { assessObjective, elapsedOf } from '../../core/progress';
import { alignedCount, type ObjectiveNode } from '../../core/workspace/alignment';
import { normalizeUri } from '../../core/workspace/index';
import { isSlim, sourceMatches } from '../../core/workspace/slim';
import { linkAt, objectiveAt, relativeHref, renameObjective, renameTarget } from '../../core/workspace/navigate';
import type { OkrEntry, ServerContext, ServerFeature } from '../context';

/** Client command that turns plain arguments into `editor.action.showReferences`. */
export const SHOW_ALIGNED_COMMAND = 'okr.showAligned';

const pct = (p: number | null) => (p === null ? '–' : `${Math.round(p * 100)}%`);
const LEVEL_ORDER: Record<string, number> = { company: 0, department: 1, team: 2, individual: 3 };

function nodeOf(ctx: ServerContext, entry: OkrEntry, index: number): ObjectiveNode | undefined {
  return ctx.index.node(entry.doc.uri, index);
}

/** Where a resolved link lands: the key result's line, the objective's heading, or the file's top. */
function targetOf(ctx: ServerContext, fromUri: string, href: string): { uri: string; range: Range } | null {
  const r = ctx.index.resolve(fromUri, href);
  if (r.status !== 'ok') return null;
  const range = r.keyResult?.range ??
    r.objective?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri: r.doc.uri, range };
}

/** Links into an objective (or one of its key results) from everywhere, as locations. */
function inbound(ctx: ServerContext, node: ObjectiveNode, krId?: string): Location[] {
  const graph = ctx.index.alignment();
  const out: Location[] = [];
  for (const e of node.children) {
    if (krId && e.keyResult?.id !== krId) continue;
    const from = graph.nodes.get(e.from);
    if (from) out.push({ uri: from.doc.uri, range: e.link.fromParent ? from.objective.titleRange : e.link.range });
  }
  return out;
}

/**
 * Source texts of the closed files whose links a rename rewrites: the index keeps no text of
 * closed files (core/workspace/slim.ts), so they are read again, and used only when they are the
 * text the index was built from. A file changed on disk meanwhile is indexed again (the graph
 * follows), then read once more.
 */
async function linkingTexts(
  ctx: ServerContext,
  uri: string,
  objectiveIndex: number,
): Promise<Map<OkrDocument, string>> {
  const texts = new Map<OkrDocument, string>();
  for (let pass = 0; pass < 2; pass++) {
    const node = ctx.index.node(uri, objectiveIndex);
    if (!node) break;
    const graph = ctx.index.alignment();
    const docs = new Set<OkrDocument>([node.doc]);
    for (const e of node.children) {
      const from = graph.nodes.get(e.from);
      if (from) docs.add(from.doc);
    }
    let stale = false;
    for (const d of docs) {
      if (!isSlim(d) || texts.has(d)) continue;
      const full = await ctx.fullDocument(d.uri);
      if (full && sourceMatches(d, full.text)) texts.set(d, full.text);
      else stale = true;
    }
    if (!stale) break;
  }
  return texts;
}

export const alignmentFeature: ServerFeature = {
  capabilities: () => ({
    definitionProvider: true,
    referencesProvider: true,
    documentLinkProvider: { resolveProvider: false },
    renameProvider: { prepareProvider: true },
  }),
  register(ctx) {
    const c = ctx.connection;

    c.onDefinition((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return null;
      const at = linkAt(entry.doc, params.position);
      if (!at) return null;
      const t = targetOf(ctx, entry.doc.uri, at.link.href);
      return t ? { uri: t.uri, range: t.range } : null;
    });

    c.onDocumentLinks((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return [];
      const out: DocumentLink[] = [];
      // Objectives without a line share the front matter's `parent`: one link for it.
      const seen = new Set<string>();
      for (const o of entry.doc.objectives) {
        for (const link of o.alignsTo) {
          const key = `${link.hrefRange.start.line}:${link.hrefRange.start.character}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const t = targetOf(ctx, entry.doc.uri, link.href);
          if (!t) continue;
          const { line, character } = t.range.start;
          out.push({ range: link.hrefRange, target: `${t.uri}#L${line + 1},${character + 1}` });
        }
      }
      return out;
    });

    c.onReferences((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return [];
      const pos = params.position;
      const at = objectiveAt(entry.doc, pos);
      let node: ObjectiveNode | undefined;
      let krId: string | undefined;
      let declaration: Range | undefined;
      if (at) {
        node = nodeOf(ctx, entry, at.index);
        declaration = at.objective.range;
      } else {
        // On a key result line: the objectives aligned to that key result.
        entry.doc.objectives.forEach((o, i) => {
          const kr = o.keyResults.find((k) => k.range.start.line === pos.line);
          if (kr && !node) {
            node = nodeOf(ctx, entry, i);
            krId = kr.id;
            declaration = kr.range;
          }
        });
      }
      if (!node) return [];
      const refs = inbound(ctx, node, krId);
      if (params.context.includeDeclaration && declaration) refs.unshift({ uri: entry.doc.uri, range: declaration });
      return refs;
    });

    c.onPrepareRename((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return null;
      const t = renameTarget(entry.doc, params.position);
      if (!t) throw new ResponseError(0, format(ctx.uiLocale(), 'alignment.rename.notHere'));
      return { range: t.range, placeholder: t.placeholder };
    });

    c.onRenameRequest(async (params): Promise<WorkspaceEdit> => {
      const first = ctx.okrDocument(params.textDocument.uri);
      const at = first && renameTarget(first.doc, params.position);
      const texts = at ? await linkingTexts(ctx, first.doc.uri, at.index) : new Map<OkrDocument, string>();
      // Read again after the files were read: the editor may have sent an edit meanwhile.
      const entry = ctx.okrDocument(params.textDocument.uri);
      const t = entry && renameTarget(entry.doc, params.position);
      if (!entry || !t) throw new ResponseError(0, format(ctx.uiLocale(), 'alignment.rename.notHere'));
      const r = renameObjective(
        ctx.index,
        entry.doc.uri,
        t.index,
        t.part,
        params.newName,
        (d) => texts.get(d) ?? d.text,
      );
      if ('error' in r) throw new ResponseError(0, format(ctx.uiLocale(), r.error));
      const changes: WorkspaceEdit['changes'] = {};
      for (const [uri, edits] of r.edits) changes[uri] = edits;
      return { changes };
    });

    ctx.addCompletionProvider((entry, position) => completions(ctx, entry, position));

    ctx.addCodeLensProvider((entry) => {
      if (ctx.settings().codeLens?.enabled === false) return [];
      const out = [];
      // The file's nodes in one lookup: a key per objective cost a millisecond per answer in a big file.
      for (const node of ctx.index.nodesOf(entry.doc.uri)) {
        if (node.children.length === 0) continue;
        const locale = ctx.uiLocale();
        let title = format(locale, 'alignment.lens.alignedBelow', { count: alignedCount(node) });
        if (node.contributing !== null) {
          title += ` · ${format(locale, 'alignment.lens.contributing', { percent: pct(node.contributing) })}`;
        }
        const range = node.objective.range;
        out.push({
          range,
          command: {
            title,
            command: SHOW_ALIGNED_COMMAND,
            arguments: [entry.doc.uri, range.start, inbound(ctx, node)],
          },
        });
      }
      return out;
    });
  },
};

/** Completion of alignment targets (after an alignment keyword or inside `](`) and of `@` owners. */
function completions(ctx: ServerContext, entry: OkrEntry, position: Position): CompletionItem[] {
  const line = entry.text.getText({ start: { line: position.line, character: 0 }, end: position });
  const mention = /(?:^|[\s(（,，])@([^\s@]*)$/u.exec(line);
  if (mention) return ownerItems(ctx, position, mention[1].length);
  const inLink = /\]\(<?([^)\s>]*)$/.exec(line);
  const keyword = ALIGN_KEYWORD.exec(line);
  if (!inLink && !keyword) return [];
  if (!inLink && keyword) {
    // After the keyword, outside any link: only where a new link can start.
    const rest = line.slice(keyword[0].length);
    if (/\[[^\]]*$|\]\([^)]*$/.test(rest)) return [];
  }
  const typed = inLink ? inLink[1] : '';
  const replace: Range = {
    start: { line: position.line, character: position.character - typed.length },
    end: position,
  };
  // Typed right after an ASCII colon (the `:` trigger): keep the usual space before the link.
  const lead = !inLink && line.endsWith(':') ? ' ' : '';
  const here = entry.doc.uri;
  const today = ctx.today();
  const locale = ctx.uiLocale();
  const items: CompletionItem[] = [];
  const docs = ctx.index
    .all()
    .filter((d) => !d.skipped)
    .sort(
      (a, b) => (LEVEL_ORDER[a.level ?? ''] ?? 4) - (LEVEL_ORDER[b.level ?? ''] ?? 4) || a.uri.localeCompare(b.uri),
    );
  docs.forEach((doc: OkrDocument, di) => {
    const same = normalizeUri(doc.uri) === normalizeUri(here);
    const elapsed = elapsedOf(doc.period, today);
    doc.objectives.forEach((o, oi) => {
      const owner = o.owner ?? doc.owner ?? format(locale, 'alignment.completion.noOwner');
      const a = assessObjective(o, elapsed);
      const status = a.status ? ` · ${format(locale, `progress.status.${a.status}`)}` : '';
      const add = (label: string, fragment: string, progress: number | null, title: string, order: number) => {
        const href = relativeHref(here, doc.uri, fragment);
        items.push({
          label,
          labelDetails: { description: owner },
          kind: fragment.includes('.') ? CompletionItemKind.Field : CompletionItemKind.Class,
          detail: format(locale, 'alignment.completion.detail', { owner, progress: pct(progress) + status }),
          documentation: title,
          filterText: `${typed}${label} ${owner} ${href}`,
          sortText: `${String(same ? 9 : (LEVEL_ORDER[doc.level ?? ''] ?? 4))}${String(di).padStart(4, '0')}${String(oi).padStart(3, '0')}${String(order).padStart(3, '0')}`,
          textEdit: { range: replace, newText: inLink ? href : `${lead}[${owner} · ${label.split(':')[0]}](${href})` },
        });
      };
      add(`${o.id}: ${o.title}`, o.id.toLowerCase(), o.progress, o.title, 0);
      o.keyResults.forEach((k, ki) =>
        add(`${o.id}.${k.id}: ${k.title}`, `${o.id}.${k.id}`.toLowerCase(), k.progress, k.title, ki + 1),
      );
    });
  });
  return items;
}

function ownerItems(ctx: ServerContext, position: Position, typedLength: number): CompletionItem[] {
  const names = new Map<string, string>();
  for (const doc of ctx.index.all()) {
    if (doc.owner) names.set(doc.owner, doc.level ?? '');
    for (const s of doc.sections) names.set(s.title, doc.level ?? '');
    for (const o of doc.objectives) for (const m of o.mentions) if (!names.has(m.name)) names.set(m.name, '');
  }
  const range: Range = { start: { line: position.line, character: position.character - typedLength }, end: position };
  return [...names]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, level]) => {
      // A mention ends at the first space, so multi-word names are written joined.
      const text = name.replace(/\s+/g, '');
      return {
        label: `@${text}`,
        kind: CompletionItemKind.Reference,
        detail: level ? `${name} · ${level}` : name,
        filterText: `@${text} ${name}`,
        textEdit: {
          range: { ...range, start: { ...range.start, character: range.start.character - 1 } },
          newText: `@${text}`,
        },
      };
    });
}
