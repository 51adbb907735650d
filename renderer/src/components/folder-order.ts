import type { Folder, SpecialUse } from '../../../shared/types.js';

/** The order mail programs use: Inbox, then the special folders, then the user's own. */
const ROLE_RANK: Record<SpecialUse, number> = {
  inbox: 0,
  drafts: 1,
  sent: 2,
  archive: 3,
  all: 4,
  flagged: 5,
  junk: 6,
  trash: 7,
};
const OTHER_RANK = 10;

export function folderDepth(folder: Folder): number {
  return folder.delimiter ? folder.path.split(folder.delimiter).length - 1 : 0;
}

/** Sorts folders by their top-level folder's role, keeping each subfolder under its parent. */
export function orderFolders(folders: Folder[]): Folder[] {
  const byPath = new Map(folders.map((f) => [f.path, f]));
  const rootOf = (f: Folder) =>
    (f.delimiter ? byPath.get(f.path.split(f.delimiter)[0] ?? f.path) : undefined) ?? f;
  const rank = (f: Folder) => (f.specialUse ? ROLE_RANK[f.specialUse] : OTHER_RANK);
  return [...folders].sort((a, b) => {
    const ra = rootOf(a);
    const rb = rootOf(b);
    return (
      rank(ra) - rank(rb) ||
      ra.path.localeCompare(rb.path) ||
      folderDepth(a) - folderDepth(b) ||
      a.path.localeCompare(b.path)
    );
  });
}
