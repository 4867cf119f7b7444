// `.okr.json` / `.okr.yaml` files: found from a file's folder upwards, nearest wins. Pure: the
// file system comes in as a WorkspaceFs, so the server, the command line and tests share it.
import { parse as parseYaml } from 'yaml';
import type { OkrConfig } from './config';
import type { WorkspaceFs } from './workspace/files';

/** Names read in each folder, in this order; the first that exists is that folder's config. */
export const CONFIG_FILE_NAMES = ['.okr.json', '.okr.yaml', '.okr.yml'];

export interface ConfigFile {
  uri: string;
  config: OkrConfig | null;
  /** Why the file could not be used (it is then ignored, never half-applied). */
  error: string | null;
}

export function isConfigFileUri(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return CONFIG_FILE_NAMES.includes(name);
}

/** Reads one config file's text: JSON or YAML, an object with optional `profile` and `rules`. */
export function parseConfigText(text: string, uri: string): ConfigFile {
  let data: unknown;
  try {
    data = uri.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    return { uri, config: null, error: (e as Error).message.split('\n')[0] };
  }
  if (data === null || data === undefined) return { uri, config: {}, error: null };
  if (typeof data !== 'object' || Array.isArray(data)) return { uri, config: null, error: 'not an object' };
  const d = data as Record<string, unknown>;
  const config: OkrConfig = {};
  if (d.profile !== undefined) {
    if (typeof d.profile !== 'string') return { uri, config: null, error: '"profile" must be a string' };
    config.profile = d.profile;
  }
  if (d.rules !== undefined) {
    if (!d.rules || typeof d.rules !== 'object' || Array.isArray(d.rules))
      return { uri, config: null, error: '"rules" must be an object' };
    config.rules = d.rules as OkrConfig['rules'];
  }
  return { uri, config, error: null };
}

function parentOf(folderUri: string): string | null {
  const trimmed = folderUri.replace(/\/+$/, '');
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return null;
  const parent = trimmed.slice(0, at);
  // `file://` stands for the root folder (`file:///.okr.json`); `file:` alone is no folder.
  return /^[a-z][a-z0-9+.-]*:\/?$/i.test(parent) ? null : parent;
}

/**
 * The configs that apply to a file, in increasing priority (farthest folder first, nearest last).
 * The walk stops at the workspace folder holding the file (or at the file system root when none does).
 */
export async function loadConfigChain(
  fs: WorkspaceFs,
  fileUri: string,
  roots: string[] = [],
  /** Folder -> its config file (or null), shared across calls: 10,000 files share a few folders. */
  cache?: Map<string, Promise<ConfigFile | null>>,
): Promise<ConfigFile[]> {
  const stop = roots.map((r) => r.replace(/\/+$/, '')).find((r) => fileUri.startsWith(`${r}/`));
  const chain: ConfigFile[] = [];
  let folder = parentOf(fileUri);
  while (folder && (!stop || folder === stop || folder.startsWith(`${stop}/`))) {
    let found = cache?.get(folder);
    if (!found) {
      found = configIn(fs, folder);
      cache?.set(folder, found);
    }
    const config = await found;
    if (config) chain.push(config);
    if (folder === stop) break;
    folder = parentOf(folder);
  }
  return chain.reverse();
}

async function configIn(fs: WorkspaceFs, folder: string): Promise<ConfigFile | null> {
  for (const name of CONFIG_FILE_NAMES) {
    const uri = `${folder}/${name}`;
    const text = await fs.readText(uri);
    if (text !== null) return parseConfigText(text, uri);
  }
  return null;
}

/** The usable configs of a chain. */
export function configsOf(chain: ConfigFile[]): OkrConfig[] {
  return chain.filter((c) => c.config).map((c) => c.config!);
}
