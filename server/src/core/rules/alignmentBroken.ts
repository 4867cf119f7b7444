import { Utils, URI } from 'vscode-uri';
import { textOf } from '../fixes/edits';
import type { AlignmentLink, OkrDocument } from '../model';
import type { LinkResolution, WorkspaceIndex } from '../workspace/index';
import type { Fix, Rule, RuleContext } from './types';

export const alignmentBroken: Rule = {
  meta: {
    id: 'alignment-broken',
    description:
      'An alignment link (or `parent`) whose file, objective or key result does not exist, or that leaves the workspace.',
    defaultSeverity: 'error',
    fixable: true,
    crossFile: true,
    docs: 'docs/rules/alignment-broken.md',
  },
  check(ctx) {
    const index = ctx.index;
    if (!index) return [];
    const out: ReturnType<Rule['check']> = [];
    let parentDone = false;
    const resolve = index.resolverFor(ctx.doc.uri);
    for (const o of ctx.doc.objectives) {
      for (const link of o.alignsTo) {
        // The parent is copied onto every objective without a line of its own: report it once.
        if (link.fromParent) {
          if (parentDone) continue;
          parentDone = true;
        }
        const r = resolve(link.href);
        if (r.status === 'ok' || r.status === 'external') continue;
        out.push({
          range: link.hrefRange,
          message: message(ctx, link, r),
          fixes: link.fromParent ? [] : suggestions(ctx, index, link, r),
        });
      }
    }
    return out;
  },
};

function message(ctx: RuleContext, link: AlignmentLink, r: LinkResolution): string {
  if (r.status === 'no-target')
    return ctx.msg('alignment-broken.no-target', { href: link.href, file: fileName(r.uri), fragment: r.fragment });
  if (r.status === 'outside') return ctx.msg('alignment-broken.outside', { href: link.href });
  return ctx.msg('alignment-broken.no-file', { href: link.href });
}

function fileName(uri: string): string {
  try {
    return Utils.basename(URI.parse(uri));
  } catch {
    return uri;
  }
}

/** A relative link from one document to another, with `#fragment`. */
function relativeHref(fromUri: string, toUri: string, fragment: string): string {
  const from = URI.parse(fromUri).path.split('/').slice(0, -1);
  const to = URI.parse(toUri).path.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const ups = from.length - i;
  const rel = [...Array(ups).fill('..'), ...to.slice(i)].join('/');
  const path = ups === 0 ? `./${to.slice(i).join('/')}` : rel;
  const enc = /[\s<>()]/.test(path) ? `<${path}${fragment ? `#${fragment}` : ''}>` : null;
  return enc ?? `${path}${fragment ? `#${fragment}` : ''}`;
}

function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (!x || !y) return 0;
  // Character bigram overlap (Dice): robust for IDs (`o1.kr5` ~ `o1.kr4`) and titles in any script.
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const gx = grams(x);
  const gy = grams(y);
  let common = 0;
  for (const [g, n] of gx) common += Math.min(n, gy.get(g) ?? 0);
  const total = Math.max(1, x.length - 1 + y.length - 1);
  return (2 * common) / total;
}

/** The closest existing objectives and key results, as replacement links (best first, at most 3). */
function suggestions(ctx: RuleContext, index: WorkspaceIndex, link: AlignmentLink, r: LinkResolution): Fix[] {
  if (r.status === 'outside') return [];
  const hashAt = link.href.indexOf('#');
  const fragment = hashAt >= 0 ? decode(link.href.slice(hashAt + 1)) : '';
  let docs: OkrDocument[];
  if (r.status === 'no-target') docs = [r.doc];
  else {
    // No such file: look at files with a similar name.
    const wanted =
      decode(link.href.slice(0, hashAt >= 0 ? hashAt : undefined))
        .split('/')
        .pop() ?? '';
    docs = index
      .all()
      .filter((d) => d.uri !== ctx.doc.uri && index.inside(d.uri))
      .map((d) => ({ d, s: similarity(wanted, fileName(d.uri)) }))
      .filter((x) => x.s >= 0.4)
      .sort((a, b) => b.s - a.s)
      .slice(0, 2)
      .map((x) => x.d);
  }
  const candidates: { href: string; label: string; score: number }[] = [];
  // A link into the right file keeps its path as written; only the fragment changes.
  const raw = textOf(ctx.doc, link.hrefRange);
  const angle = raw.startsWith('<') && raw.endsWith('>');
  const inner = angle ? raw.slice(1, -1) : raw;
  const rawPath = inner.includes('#') ? inner.slice(0, inner.lastIndexOf('#')) : inner;
  const hrefTo = (d: OkrDocument, frag: string) =>
    r.status === 'no-target'
      ? `${angle ? '<' : ''}${rawPath}#${frag}${angle ? '>' : ''}`
      : relativeHref(ctx.doc.uri, d.uri, frag);
  // `o1.kr5` when O1 has four key results: O1 itself is the closest target.
  const parentId = /^(o\d+)\.kr\d+$/i.exec(fragment)?.[1].toLowerCase();
  for (const d of docs) {
    for (const o of d.objectives) {
      const oid = o.id.toLowerCase();
      candidates.push({
        href: hrefTo(d, oid),
        label: `${fileName(d.uri)} ${o.id}: ${o.title}`,
        score:
          oid === parentId
            ? 2
            : Math.max(similarity(fragment, oid), similarity(fragment, o.slug), similarity(link.text, o.title)),
      });
      for (const k of o.keyResults) {
        const kid = `${oid}.${k.id.toLowerCase()}`;
        candidates.push({
          href: hrefTo(d, kid),
          label: `${fileName(d.uri)} ${o.id}.${k.id}: ${k.title}`,
          score: Math.max(similarity(fragment, kid), similarity(link.text, k.title)) - 0.01,
        });
      }
    }
  }
  return candidates
    .filter((c) => c.score > 0.2)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((c, i) => ({
      title: ctx.msg('fix.replace-link', { target: c.label.length > 70 ? `${c.label.slice(0, 69)}…` : c.label }),
      isPreferred: i === 0 ? true : undefined,
      edits: [{ range: link.hrefRange, newText: c.href }],
    }));
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
