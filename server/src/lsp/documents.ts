// One parse per document version, shared by every feature.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseOkr, type OkrDocument } from '../core/index';

export class ParseCache {
  private readonly cache = new Map<string, OkrDocument>();
  parses = 0;

  constructor(private maxSize: () => number) {}

  get(doc: TextDocument): OkrDocument {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    this.parses++;
    const parsed = parseOkr(doc.getText(), doc.uri, doc.version, { maxSize: this.maxSize() });
    this.cache.set(doc.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }
}
