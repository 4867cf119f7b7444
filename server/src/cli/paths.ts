// What `okr check` and `okr report` share: the files and folders named on the command line,
// read into one index whose links stay inside those folders.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceIndex } from '../core/index';
import { listOkrFiles, loadWorkspace } from '../core/workspace/load';
import { fileUri, NodeFs, uriToPath } from '../node/nodeFs';

export interface LoadedPaths {
  nodeFs: NodeFs;
  /** Every OKR file, in a stable order. */
  uris: string[];
  /** The folders given and the folders of the files given: links never resolve outside them. */
  bounds: string[];
  index: WorkspaceIndex;
}

/** Reads the paths; `usage` builds the error for a path that does not exist. */
export async function loadPaths(paths: string[], usage: (msg: string) => Error): Promise<LoadedPaths> {
  const { nodeFs, uris, bounds } = await listPaths(paths, usage);
  return { nodeFs, uris, bounds, index: await loadWorkspace(nodeFs, bounds, uris) };
}

/** The files and bounds of the paths, nothing read yet (`okr check` parses them on worker threads). */
export async function listPaths(paths: string[], usage: (msg: string) => Error): Promise<Omit<LoadedPaths, 'index'>> {
  const nodeFs = new NodeFs();
  const folders: string[] = [];
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      throw usage(`no such file or folder: ${p}`);
    }
    if (st.isDirectory()) folders.push(fileUri(p));
    else files.push(fileUri(p));
  }
  const uris = [...new Set([...files, ...(await listOkrFiles(nodeFs, folders))])];
  const bounds = [...folders, ...files.map((f) => fileUri(path.dirname(uriToPath(f))))];
  return { nodeFs, uris, bounds };
}
