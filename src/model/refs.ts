import type { CellRef, Place, Release, RowRef, Statement } from './types';

/**
 * The cell of a row in one column. Spelled out, not spread: in the V8 of Node 20, `{ ...ref, col }`
 * gives every object it makes a map (a hidden class) of its own, so every function that later reads
 * such refs sees thousands of shapes, and each read misses its inline cache and goes to the runtime.
 */
export function cellRef(ref: RowRef, col: number): CellRef {
  return { statement: ref.statement, table: ref.table, row: ref.row, col };
}

/** A row's place narrowed to one of its cells; spelled out for the same reason. */
export function cellPlace(place: Place, cell: number): Place {
  return { line: place.line, table: place.table, row: place.row, cell };
}

// The parts of the key being made, joined. A template makes a string node for every + once the
// key is past a dozen characters (six a cell key, ~200 bytes, and hashing them copies them flat);
// a join makes one flat string, and filling one array kept here saves making an array per key.
// The parts are a string and numbers, which join spells as the template did.
const CELL_PARTS: (string | number)[] = ['', 0, 0, 0];
const ROW_PARTS: (string | number)[] = ['', 0, 0];

/** A cell's key in the maps and sets that passes and writers share: one spelling, so they agree. */
export function cellKey(ref: RowRef, col: number): string {
  CELL_PARTS[0] = ref.statement;
  CELL_PARTS[1] = ref.table;
  CELL_PARTS[2] = ref.row;
  CELL_PARTS[3] = col;
  return CELL_PARTS.join('/');
}

/** A row's key, spelled as cellKey's without the column. */
export function rowKey(ref: RowRef): string {
  ROW_PARTS[0] = ref.statement;
  ROW_PARTS[1] = ref.table;
  ROW_PARTS[2] = ref.row;
  return ROW_PARTS.join('/');
}

const statementsById = new WeakMap<Statement[], Map<string, Statement>>();

/**
 * The statement a reference names, found by its id in a map kept per statement list (built again
 * when the list has grown): a release may hold thousands of statements, and every relation looks
 * its cells up by reference.
 */
export function statementById(release: Release, id: string): Statement | undefined {
  let map = statementsById.get(release.statements);
  if (!map || (!map.has(id) && map.size !== release.statements.length)) {
    map = new Map(release.statements.map((s) => [s.id, s]));
    statementsById.set(release.statements, map);
  }
  return map.get(id);
}
