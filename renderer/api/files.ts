/**
 * Browser-side file plumbing: picked Files become the contract's FileSource (name + base64 bytes;
 * the host decodes and detects the encoding; several files that belong together, such as a
 * shapefile's .shp/.dbf/.shx/.prj/.cpg, travel as one source), and exports become downloads
 * (text as UTF-8, a GeoPackage from its base64 bytes).
 */
import { MAX_UPLOAD_BYTES, type FileSource } from '../../shared/ipc/contract';

/**
 * Files chosen in the browser that add up to more than MAX_UPLOAD_BYTES: refused before reading,
 * since the base64 of a larger upload would not fit the host's request limit. Sizes in whole MB,
 * rounded up (describe_error.ts says it in the UI language).
 */
export class UploadTooLargeError extends Error {
  readonly sizeMb: number;
  readonly limitMb: number;

  constructor(bytes: number, limitBytes: number) {
    const sizeMb = Math.ceil(bytes / 1048576);
    const limitMb = Math.floor(limitBytes / 1048576);
    super(
      `the chosen files are ${sizeMb} MB; files imported through the browser may be at most ${limitMb} MB together — ` +
        'use the desktop app or `siting import` for larger files, or clip them first',
    );
    this.name = 'UploadTooLargeError';
    this.sizeMb = sizeMb;
    this.limitMb = limitMb;
  }
}

/** Base64 of raw bytes, in chunks (String.fromCharCode with a huge spread overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Raw bytes of base64 text (atob gives one character per byte). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function fileToSource(file: File): Promise<FileSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, dataBase64: bytesToBase64(bytes) };
}

/** One file as {name, dataBase64}; several as {files: [...]}, read one after the other. */
export async function filesToSource(files: readonly File[]): Promise<FileSource> {
  if (files.length === 0) throw new Error('no file was chosen');
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  if (bytes > MAX_UPLOAD_BYTES) throw new UploadTooLargeError(bytes, MAX_UPLOAD_BYTES);
  if (files.length === 1) return fileToSource(files[0]);
  const uploaded: Array<{ name: string; dataBase64: string }> = [];
  for (const file of files) uploaded.push({ name: file.name, dataBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
  return { files: uploaded };
}

const MIME_TYPES: Record<string, string> = {
  geojson: 'application/geo+json',
  json: 'application/json',
  csv: 'text/csv',
  kml: 'application/vnd.google-earth.kml+xml',
  gpkg: 'application/geopackage+sqlite3',
};

/** Offers `content` as a download named `name` (the browser's save location). */
export function downloadText(name: string, content: string): void {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  downloadBlob(name, new Blob([content], { type: `${MIME_TYPES[extension] ?? 'text/plain'};charset=utf-8` }));
}

/** Offers binary `bytes` (e.g. a GeoPackage) as a download named `name`. */
export function downloadBytes(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  downloadBlob(name, new Blob([bytes], { type: MIME_TYPES[extension] ?? 'application/octet-stream' }));
}

function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A download the host answered without its content (a host of another version): describe_error.ts
 * says it in the UI language.
 */
export class MissingDownloadError extends Error {
  constructor(readonly fileName: string) {
    super(`the host returned no content for ${fileName}`);
    this.name = 'MissingDownloadError';
  }
}

/** Downloads a host's export reply (text, or base64 bytes); a reply without content is refused. */
export function downloadReply(reply: { name: string; content: string | null; contentEncoding: 'utf8' | 'base64' }): void {
  if (reply.content === null) throw new MissingDownloadError(reply.name);
  if (reply.contentEncoding === 'base64') downloadBytes(reply.name, base64ToBytes(reply.content));
  else downloadText(reply.name, reply.content);
}
