// Finding the workspace's OKR files for the index, and the notification the views listen to.
import type { WorkspaceFs } from '../core/workspace/files';
import { listOkrFiles } from '../core/workspace/load';

/** Sent (debounced) whenever the workspace index changed; the client's views refresh on it. */
export const INDEX_CHANGED_NOTIFICATION = 'okr/didChangeIndex';

/**
 * Folder names a folder's `.gitignore` ignores outright (`build/`, `/tmp`, `vendor`). Patterns
 * with wildcards, negations or inner slashes are left alone: only the cheap, unambiguous cases.
 */
export function ignoredFolderNames(gitignore: string): Set<string> {
  const out = new Set<string>();
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const name = line.replace(/^\//, '').replace(/\/$/, '');
    if (!name || /[*?[\]\\/!]/.test(name)) continue;
    out.add(name);
  }
  return out;
}

/** Every OKR file of the folders, without those inside folders the root `.gitignore` names. */
export async function listWorkspaceOkrFiles(fs: WorkspaceFs, folders: string[], globs?: string[]): Promise<string[]> {
  const files = await listOkrFiles(fs, folders, globs);
  const ignored = new Map<string, Set<string>>();
  for (const folder of folders) {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    const text = await fs.readText(`${prefix}.gitignore`);
    if (text) ignored.set(prefix, ignoredFolderNames(text));
  }
  if (ignored.size === 0) return files;
  return files.filter((uri) => {
    for (const [prefix, names] of ignored) {
      if (!uri.startsWith(prefix)) continue;
      const dirs = uri.slice(prefix.length).split('/').slice(0, -1);
      if (dirs.some((d) => names.has(d) || names.has(safeDecode(d)))) return false;
    }
    return true;
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
