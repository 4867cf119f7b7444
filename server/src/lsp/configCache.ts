// `.okr.json` / `.okr.yaml` chains per document folder, read once and kept until such a file changes.
// Reading is asynchronous and diagnostics are not: the first check of a folder runs with what is
// known (nothing), and the document is re-checked as soon as the chain has been read.
import { configsOf, loadConfigChain, type ConfigFile, type OkrConfig } from '../core/index';
import type { WorkspaceFs } from '../core/workspace/files';

export class ConfigCache {
  private readonly chains = new Map<string, ConfigFile[]>();
  private readonly loading = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(
    private readonly fs: () => WorkspaceFs | undefined,
    private readonly roots: () => string[],
    private readonly loaded: (folder: string) => void,
  ) {}

  private folderOf(uri: string): string {
    return uri.slice(0, uri.lastIndexOf('/'));
  }

  /** The configs for a document, in increasing priority; [] while they are being read. */
  configsFor(uri: string): OkrConfig[] {
    const fs = this.fs();
    if (!fs || !uri.startsWith('file:')) return [];
    const folder = this.folderOf(uri);
    const chain = this.chains.get(folder);
    if (chain) return configsOf(chain);
    if (!this.loading.has(folder)) {
      const gen = this.generation;
      const p = loadConfigChain(fs, uri, this.roots())
        .catch(() => [] as ConfigFile[])
        .then((c) => {
          this.loading.delete(folder);
          if (gen !== this.generation) return;
          this.chains.set(folder, c);
          if (c.length) this.loaded(folder);
        });
      this.loading.set(folder, p);
    }
    return [];
  }

  /** Problems of the config files that apply to a document (for messages). */
  filesFor(uri: string): ConfigFile[] {
    return this.chains.get(this.folderOf(uri)) ?? [];
  }

  /** A config file changed, appeared or went away: forget everything (chains are cheap to re-read). */
  clear(): void {
    this.generation++;
    this.chains.clear();
    this.loading.clear();
  }

  /** Resolves when every pending read is done (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.loading.values()]);
  }
}
