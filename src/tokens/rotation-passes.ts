/** What re-sealing one row came to. */
export type RowRotation = 'rotated' | 'conflict' | 'undecryptable';

export interface RotationPasses<Row extends { id: string }> {
  /** Up to `size` rows still under an old key with an id above `after` (all, when undefined), in id order. */
  page(after: string | undefined, size: number): Promise<Row[]>;
  /** Re-seals one row under the active key; `conflict` when a concurrent write won. */
  rotate(row: Row): Promise<RowRotation>;
  batchSize: number;
  maxPasses: number;
}

/**
 * keys:rotate's walk over one table: rows in id order with a cursor (a row that cannot be
 * rotated is not fetched again within a pass), and another pass only while concurrent
 * writes won some rows, up to `maxPasses`. Returns what it rotated and the rows it could
 * not open (counted once however many passes saw them).
 */
export async function rotateInPasses<Row extends { id: string }>(walk: RotationPasses<Row>): Promise<{ rotated: number; undecryptable: number }> {
  const undecryptable = new Set<string>();
  let rotated = 0;
  for (let pass = 0; pass < walk.maxPasses; pass++) {
    let conflicts = 0;
    let cursor: string | undefined;
    for (;;) {
      const rows = await walk.page(cursor, walk.batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const outcome = await walk.rotate(row);
        if (outcome === 'rotated') rotated++;
        else if (outcome === 'conflict') conflicts++;
        else undecryptable.add(row.id);
      }
      cursor = rows[rows.length - 1]!.id;
    }
    if (conflicts === 0) break;
  }
  return { rotated, undecryptable: undecryptable.size };
}
