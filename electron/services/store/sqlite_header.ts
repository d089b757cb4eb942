/**
 * The journal mode an SQLite file's header records. Bytes 18 and 19 (the file format write and read
 * versions) are 2 in a WAL-mode file, 1 in a rollback-journal one. An image of the file in memory is
 * always read as a rollback-journal database (its WAL is not part of the bytes), and SQLite refuses to
 * open a WAL-marked image that way, so WAL-marked images are passed on marked as rollback-journal ones.
 */

/** True when `header` (the file's first bytes) marks a WAL-mode database. */
export function isWalHeader(header: Uint8Array): boolean {
  return header.length >= 20 && header[18] === 2 && header[19] === 2;
}

/**
 * Runs `use` with `image` marked as a rollback-journal database and restores the mark afterwards, so
 * the caller's bytes end as they were. `use` must copy the bytes before it returns (better-sqlite3
 * deserializes a copy; a message to another process is serialized when it is sent).
 */
export function withRollbackHeader<Image extends Uint8Array, T>(image: Image, use: (image: Image) => T): T {
  if (!isWalHeader(image)) return use(image);
  image[18] = image[19] = 1;
  try {
    return use(image);
  } finally {
    image[18] = image[19] = 2;
  }
}
