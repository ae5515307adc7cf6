/** Why a PDF could not be drafted; `code` is stable so a client (or the API) can map it. */
export type IntakeErrorCode = 'NO_TEXT_LAYER' | 'NOT_A_SERVICE_AUDITOR_REPORT' | 'UNREADABLE_DOCUMENT';

export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}
