import { parseOkr, type ParseOptions } from '../parse/index';
import { WorkspaceIndex } from './index';
import { okrMatcher, SKIPPED_DIRS, type WorkspaceFs } from './files';

export interface LoadOptions extends ParseOptions {
  globs?: string[];
}

/** Lists the OKR files below each folder (relative-path globs, skipped folders honoured). */
export async function listOkrFiles(fs: WorkspaceFs, folders: string[], globs?: string[]): Promise<string[]> {
  const match = okrMatcher(globs);
  const out = new Set<string>();
  for (const folder of folders) {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    for (const uri of await fs.listFiles(folder, (name) => SKIPPED_DIRS.has(name) || name.startsWith('.'))) {
      let rel = uri.slice(prefix.length);
      try {
        rel = decodeURIComponent(rel);
      } catch {
        // keep the encoded form
      }
      if (match(rel)) out.add(uri);
    }
  }
  return [...out].sort();
}

/** Parses every file and returns the index over them, with the folders as its bounds. */
export async function loadWorkspace(
  fs: WorkspaceFs,
  folders: string[],
  files: string[],
  opts: LoadOptions = {},
): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(folders);
  // Reads overlap (a window of files in flight) while parsing stays in order, one file at a time.
  const WINDOW = 32;
  const pending: Promise<string | null>[] = [];
  for (let i = 0; i < files.length; i++) {
    while (pending.length < WINDOW && i + pending.length < files.length) {
      pending.push(fs.readText(files[i + pending.length]));
    }
    const text = await pending.shift()!;
    if (text === null) continue;
    index.set(parseOkr(text, files[i], 0, opts));
  }
  return index;
}
