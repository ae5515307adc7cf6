/**
 * A client's filename, kept only as a label: the last path part (either slash), control and
 * quote characters dropped, at most 200 characters. Storage never uses it as a path.
 */
export function safeFilename(raw: string | undefined | null): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = last
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return clean === '' ? 'document' : clean;
}
