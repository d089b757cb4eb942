/**
 * Browser-side file plumbing: a picked File becomes the contract's FileSource (name + base64 bytes;
 * the host decodes and detects the encoding), and exported text becomes a download.
 */
import type { FileSource } from '../../shared/ipc/contract';

/** Base64 of raw bytes, in chunks (String.fromCharCode with a huge spread overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function fileToSource(file: File): Promise<FileSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, dataBase64: bytesToBase64(bytes) };
}

const MIME_TYPES: Record<string, string> = {
  geojson: 'application/geo+json',
  json: 'application/json',
  csv: 'text/csv',
};

/** Offers `content` as a download named `name` (the browser's save location). */
export function downloadText(name: string, content: string): void {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([content], { type: `${MIME_TYPES[extension] ?? 'text/plain'};charset=utf-8` });
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
