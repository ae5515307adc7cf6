/**
 * Saves `value` as a pretty-printed JSON file, through a link to a blob: the data is already in
 * the page, so the download asks the server nothing more. Returns the file's size in bytes.
 */
export function downloadJson(value: unknown, filename: string): number {
  const json = JSON.stringify(value, null, 2);
  const blob = new Blob([json], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Not revoked at once: the browser may still be reading the blob into the file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.size;
}
