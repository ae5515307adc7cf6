import { fail, failNotFound, q, requireNotBefore, requireReport, requireText } from './organization.decider.guards';
import type { OrganizationState, Stamp } from './organization.state';
import type { DecisionContext } from './oversight.commands';
import type { OversightEvent } from './oversight.events';

/** What a document is to the organization (DESIGN §6 "Documents are facts"). */
export const DOCUMENT_KINDS = ['SOC_REPORT', 'BRIDGE_LETTER', 'SITE_VISIT', 'REMEDIATION_EVIDENCE', 'CONTRACT', 'OTHER'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The fact a document supports, when it supports one in particular. */
export const DOCUMENT_SUBJECTS = ['REPORT', 'BRIDGE_LETTER', 'VALIDATION', 'EXCEPTION'] as const;
export interface DocumentSubject {
  type: (typeof DOCUMENT_SUBJECTS)[number];
  id: string;
}

/**
 * That a stored document matters to this organization. The bytes stay in the DocumentStore; the
 * event carries their SHA-256, so the hash chain and the evidence pack cover the content too.
 */
export interface DocumentAttachedData {
  /** The DocumentStore id (the SHA-256 of the bytes). */
  documentId: string;
  sha256: string;
  kind: DocumentKind;
  title: string;
  filename: string;
  mediaType: string;
  size: number;
  subject: DocumentSubject | null;
}

export type AttachedDocument = DocumentAttachedData & Stamp;

/** A command that records a fact can carry its document: it is attached in the same append. */
export interface WithDocument {
  attach?: DocumentAttachedData | null;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The same document, kind and subject attached again records nothing (a repeat, not a new fact). */
export function attachDocument(d: DocumentAttachedData, state: OrganizationState, context: DecisionContext): OversightEvent[] {
  if (!SHA256.test(d.sha256) || d.documentId !== d.sha256) {
    fail('INVALID_DOCUMENT_HASH', `documentId ${q(d.documentId)} must be the document's SHA-256 (64 lower-case hex digits)`);
  }
  if (!(DOCUMENT_KINDS as readonly string[]).includes(d.kind)) fail('UNKNOWN_DOCUMENT_KIND', `kind ${q(d.kind)} is not one of ${DOCUMENT_KINDS.join(', ')}`);
  requireText(d.title, 'title');
  if (d.subject) requireSubject(state, d.subject, context);
  const same = (state.documents ?? []).some(
    (a) => a.documentId === d.documentId && a.kind === d.kind && a.subject?.type === d.subject?.type && a.subject?.id === d.subject?.id,
  );
  return same ? [] : [{ type: 'DocumentAttached', data: { ...d, subject: d.subject ? { ...d.subject } : null } }];
}

function requireSubject(state: OrganizationState, subject: DocumentSubject, context: DecisionContext): void {
  switch (subject.type) {
    case 'REPORT':
      requireReport(state, subject.id, context);
      return;
    case 'BRIDGE_LETTER': {
      const letter = state.bridgeLetters[subject.id];
      if (!letter) failNotFound('BRIDGE_LETTER_NOT_FOUND', `no bridge letter ${q(subject.id)} was received`);
      requireNotBefore(letter, context, 'EFFECTIVE_BEFORE_SUBJECT', `bridge letter ${q(subject.id)} was received`);
      return;
    }
    case 'VALIDATION': {
      const v = state.validations.find((x) => x.validationId === subject.id);
      if (!v) failNotFound('VALIDATION_NOT_FOUND', `no validation ${q(subject.id)} was recorded`);
      requireNotBefore(v, context, 'EFFECTIVE_BEFORE_SUBJECT', `validation ${q(subject.id)} was recorded`);
      return;
    }
    case 'EXCEPTION': {
      const x = state.exceptions[subject.id];
      if (!x) failNotFound('EXCEPTION_NOT_FOUND', `no exception ${q(subject.id)} was recorded`);
      requireNotBefore(x.found, context, 'EFFECTIVE_BEFORE_SUBJECT', `exception ${q(subject.id)} was found`);
      return;
    }
    default:
      fail('UNKNOWN_DOCUMENT_SUBJECT', `subject type ${q((subject as DocumentSubject).type)} is not known`);
  }
}
