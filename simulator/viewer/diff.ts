/**
 * Line diff (longest common subsequence) for comparing two versions' narrative text in the viewer.
 * Versions of one clinical document are short; above `MAX_CELLS` the diff falls back to
 * "everything removed, everything added" rather than spend memory.
 */
export type DiffOp = 'same' | 'removed' | 'added';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

const MAX_CELLS = 4_000_000;

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_CELLS) {
    return [
      ...before.map((text) => ({ op: 'removed' as const, text })),
      ...after.map((text) => ({ op: 'added' as const, text })),
    ];
  }
  // lcs[i][j] = length of the LCS of before[i..] and after[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        before[i] === after[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const a = before[i] ?? '';
    const b = after[j] ?? '';
    if (a === b) {
      out.push({ op: 'same', text: a });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push({ op: 'removed', text: a });
      i++;
    } else {
      out.push({ op: 'added', text: b });
      j++;
    }
  }
  for (; i < n; i++) out.push({ op: 'removed', text: before[i] ?? '' });
  for (; j < m; j++) out.push({ op: 'added', text: after[j] ?? '' });
  return out;
}
