/** The headers attachments are served with (applications, objection evidence, the expert portal). */
/**
 * Types an attachment keeps when served back; any other is served as application/octet-stream.
 * The stored type is the uploader's word: served as declared, an "image" declared text/html would
 * run as a page of this site. These types cannot (and nosniff stops the browser from guessing).
 */
const SERVED_AS_DECLARED = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
]);
const OFFICE_OPEN_XML = 'application/vnd.openxmlformats-officedocument.';

/** The content type an attachment is served with: its stored type if allowed (parameters dropped), else octet-stream. */
export function servedContentType(stored: string | null | undefined): string {
  const type = (stored ?? '').split(';')[0]!.trim().toLowerCase();
  if (SERVED_AS_DECLARED.has(type)) return type;
  if (type.startsWith(OFFICE_OPEN_XML) && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type)) return type;
  return 'application/octet-stream';
}

/** RFC 5987 encoding of a file name: encodeURIComponent leaves ' ( ) * as they are, which the syntax does not allow. */
function encodeFileName(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The headers of every attachment download: a safe type, always a download (never shown inline), no sniffing. */
export function attachmentHeaders(storedType: string | null | undefined, name: string, size: number): Record<string, string> {
  return {
    'content-type': servedContentType(storedType),
    'content-length': String(size),
    'content-disposition': `attachment; filename*=UTF-8''${encodeFileName(name)}`,
    'x-content-type-options': 'nosniff',
  };
}
