/**
 * Undo and redo of proposal edits (Placemark's "moments"). An edit is a change set of puts and
 * deletes; the host applies it in one transaction and says what it replaced, from which the inverse
 * follows: put back what was replaced or deleted, delete what was new. Undo applies the inverse,
 * redo the edit again; both are edits of the project file with their own audit entries.
 */
import type { Proposal } from '../../shared/schemas/entities';

export interface ChangeSet {
  put: Proposal[];
  delete: string[];
}

/** The host's reply to `proposals:apply`. */
export interface AppliedChange {
  replaced: (Proposal | null)[];
  deleted: Proposal[];
  after: Proposal[];
}

export interface HistoryEntry {
  /** What the edit did, for the undo/redo buttons ("move", "add", ...). */
  action: string;
  /** Name of the proposal edited (the first one), for the buttons' labels. */
  subject: string;
  forward: ChangeSet;
  inverse: ChangeSet;
}

/** The change that undoes `forward`, given the host's reply to it. */
export function inverseOf(forward: ChangeSet, applied: AppliedChange): ChangeSet {
  if (applied.replaced.length !== forward.put.length) {
    throw new Error(`the reply lists ${applied.replaced.length} replaced proposals for ${forward.put.length} puts`);
  }
  const put: Proposal[] = [];
  const remove: string[] = [];
  forward.put.forEach((proposal, index) => {
    const before = applied.replaced[index];
    if (before) put.push(before);
    else remove.push(proposal.id);
  });
  put.push(...applied.deleted);
  return { put, delete: remove };
}

/** `proposals` after `change`: deletes removed, puts replaced in place or appended (host order). */
export function applyLocally(proposals: readonly Proposal[], change: ChangeSet): Proposal[] {
  const deleted = new Set(change.delete);
  const puts = new Map(change.put.map((p) => [p.id, p]));
  const next: Proposal[] = [];
  for (const p of proposals) {
    if (deleted.has(p.id)) continue;
    const replacement = puts.get(p.id);
    next.push(replacement ?? p);
    puts.delete(p.id);
  }
  next.push(...puts.values());
  return next;
}

/** Undo and redo stacks of one scenario. */
export class EditHistory {
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];

  constructor(private readonly limit = 200) {}

  /** Records a new edit; anything undone before can no longer be redone. */
  record(entry: HistoryEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  peekUndo(): HistoryEntry | null {
    return this.undoStack[this.undoStack.length - 1] ?? null;
  }

  peekRedo(): HistoryEntry | null {
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
