/** Why an upload is refused; stable codes that clients may switch on. */
export type RefusalCode = 'UNSUPPORTED_MEDIA_TYPE' | 'DOCUMENT_TOO_LARGE' | 'EMPTY_DOCUMENT' | 'UNREADABLE_DOCUMENT';

export class DocumentRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentRefused';
  }
}
