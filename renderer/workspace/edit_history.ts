/**
 * Undo and redo of record edits (Placemark's "moments"): proposals (`proposals:apply`) and estates
 * (`estates:apply`). An edit is a change set of puts and deletes of records with an id; the host
 * applies it in one transaction and says what it replaced, from which the inverse follows: put back
 * what was replaced or deleted, delete what was new. Undo applies the inverse, redo the edit again;
 * both are edits of the project file with their own audit entries.
 */
import type { Proposal } from '../../shared/schemas/entities';

/** A record that edits put and delete by its id. */
export interface Keyed {
  id: string;
}

export interface ChangeSet<T extends Keyed = Proposal> {
  put: T[];
  delete: string[];
}

/** The host's reply to `proposals:apply` (or `estates:apply`). */
export interface AppliedChange<T extends Keyed = Proposal> {
  replaced: (T | null)[];
  deleted: T[];
  after: T[];
}

export interface HistoryEntry<T extends Keyed = Proposal> {
  /** What the edit did, for the undo/redo buttons ("move", "add", ...). */
  action: string;
  /** Name of the record edited (the first one), for the buttons' labels. */
  subject: string;
  forward: ChangeSet<T>;
  inverse: ChangeSet<T>;
}

/**
 * The change that undoes `forward`, given the host's reply to it.
 * @param records what the records are called in the error of a reply that does not match
 */
export function inverseOf<T extends Keyed = Proposal>(forward: ChangeSet<T>, applied: AppliedChange<T>, records = 'proposals'): ChangeSet<T> {
  if (applied.replaced.length !== forward.put.length) {
    throw new Error(`the reply lists ${applied.replaced.length} replaced ${records} for ${forward.put.length} puts`);
  }
  const put: T[] = [];
  const remove: string[] = [];
  forward.put.forEach((proposal, index) => {
    const before = applied.replaced[index];
    if (before) put.push(before);
    else remove.push(proposal.id);
  });
  put.push(...applied.deleted);
  return { put, delete: remove };
}

/** `records` after `change`: deletes removed, puts replaced in place or appended (host order). */
export function applyLocally<T extends Keyed = Proposal>(records: readonly T[], change: ChangeSet<T>): T[] {
  const deleted = new Set(change.delete);
  const puts = new Map(change.put.map((p) => [p.id, p]));
  const next: T[] = [];
  for (const p of records) {
    if (deleted.has(p.id)) continue;
    const replacement = puts.get(p.id);
    next.push(replacement ?? p);
    puts.delete(p.id);
  }
  next.push(...puts.values());
  return next;
}

/** Undo and redo stacks of one scenario's proposals (or of one project's estates). */
export class EditHistory<T extends Keyed = Proposal> {
  private readonly undoStack: HistoryEntry<T>[] = [];
  private readonly redoStack: HistoryEntry<T>[] = [];

  constructor(private readonly limit = 200) {}

  /** Records a new edit; anything undone before can no longer be redone. */
  record(entry: HistoryEntry<T>): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  peekUndo(): HistoryEntry<T> | null {
    return this.undoStack[this.undoStack.length - 1] ?? null;
  }

  peekRedo(): HistoryEntry<T> | null {
    return this.redoStack[this.redoStack.length - 1] ?? null;
  }

  /** Moves the last edit to the redo stack once its inverse has been applied. */
  undone(): void {
    const entry = this.undoStack.pop();
    if (entry) this.redoStack.push(entry);
  }

  /** Moves the last undone edit back once it has been applied again. */
  redone(): void {
    const entry = this.redoStack.pop();
    if (entry) this.undoStack.push(entry);
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }
}
