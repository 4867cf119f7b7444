// One parse per document version, shared by every feature.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseOkr, type OkrDocument } from '../core/index';
import { CheckCache } from '../core/checkCache';
import { BuildMemo } from '../core/parse/memo';
import { SectionParser } from '../core/parse/sections';

/**
 * Re-parse only the sections an edit touched (proven equal to a full parse by
 * test/core/sections.test.ts). OKR_INCREMENTAL_PARSE=0 turns it off, for comparison.
 */
export const INCREMENTAL_PARSE = typeof process === 'undefined' || process.env?.OKR_INCREMENTAL_PARSE !== '0';

export class ParseCache {
  private readonly cache = new Map<string, OkrDocument>();
  /** Per open document: the mdast of each section, reused across versions. */
  private readonly sections = new Map<string, SectionParser>();
  /** Per open document: the builder's key results of the last version, reused when their lines come back. */
  private readonly memos = new Map<string, BuildMemo>();
  /** Per open document: findings of the objectives the builder reused, from the last check. */
  private readonly checks = new Map<string, CheckCache>();
  parses = 0;

  constructor(
    private maxSize: () => number,
    private readonly incremental = INCREMENTAL_PARSE,
  ) {}

  get(doc: TextDocument): OkrDocument {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    this.parses++;
    let markdown;
    let memo;
    if (this.incremental) {
      let sp = this.sections.get(doc.uri);
      if (!sp) this.sections.set(doc.uri, (sp = new SectionParser()));
      markdown = sp.parseMarkdown;
      memo = this.memos.get(doc.uri);
      if (!memo) this.memos.set(doc.uri, (memo = new BuildMemo()));
    }
    const parsed = parseOkr(doc.getText(), doc.uri, doc.version, { maxSize: this.maxSize(), markdown, memo });
    this.cache.set(doc.uri, parsed);
    return parsed;
  }

  /** The check cache of an open document (none without incremental parsing: no objective is reused). */
  checkCache(uri: string): CheckCache | undefined {
    if (!this.incremental) return undefined;
    let c = this.checks.get(uri);
    if (!c) this.checks.set(uri, (c = new CheckCache()));
    return c;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
    this.checks.delete(uri);
    this.sections.delete(uri);
    this.memos.delete(uri);
  }
}
