import { deciderSpec, SPEC_NOW } from '../../../testing/src';
import { organizationDecider } from './organization.decider';
import type { DocumentAttachedData } from './organization.documents';
import { fold } from './organization.evolve';
import {
  bridgeLetter,
  command,
  event,
  EXCEPTION_ID,
  exceptionFound,
  registeredDataCenter,
  REPORT_ID,
  reportReceived,
  soc2Type2,
} from './organization.fixtures';
import type { RecordedOversightEvent } from './oversight.events';

const spec = deciderSpec(
  organizationDecider,
  (e, eventId, effectiveAt): RecordedOversightEvent => ({ ...e, eventId, effectiveAt, recordedAt: effectiveAt }),
);
const SHA = 'ab'.repeat(32);
const doc = (o: Partial<DocumentAttachedData> = {}): DocumentAttachedData => ({
  documentId: SHA,
  sha256: SHA,
  kind: 'SOC_REPORT',
  title: 'SOC 2 Type 2, FY2025',
  filename: 'soc2.pdf',
  mediaType: 'application/pdf',
  size: 1234,
  subject: null,
  ...o,
});

describe('AttachDocument', () => {
  const org = spec.given([registeredDataCenter()]);

  it('records DocumentAttached with the hash, kind and title', () => {
    org.when(command('AttachDocument', doc())).then([event('DocumentAttached', doc())]);
  });

  it('records nothing when the same document, kind and subject are attached again', () => {
    spec.given([registeredDataCenter(), event('DocumentAttached', doc())]).when(command('AttachDocument', doc())).then([]);
    spec
      .given([registeredDataCenter(), event('DocumentAttached', doc())])
      .when(command('AttachDocument', doc({ kind: 'CONTRACT' })))
      .then([event('DocumentAttached', doc({ kind: 'CONTRACT' }))]);
  });

  it('refuses an id that is not the SHA-256, an unknown kind, an empty title', () => {
    org.when(command('AttachDocument', doc({ documentId: 'cd'.repeat(32) }))).thenRefuses('INVALID_DOCUMENT_HASH');
    org.when(command('AttachDocument', doc({ documentId: 'x', sha256: 'x' }))).thenRefuses('INVALID_DOCUMENT_HASH');
    org.when(command('AttachDocument', doc({ kind: 'PHOTO' as never }))).thenRefuses('UNKNOWN_DOCUMENT_KIND');
    org.when(command('AttachDocument', doc({ title: ' ' }))).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses a subject the stream does not know', () => {
    org.when(command('AttachDocument', doc({ subject: { type: 'REPORT', id: 'nope' } }))).thenRefuses('REPORT_NOT_FOUND');
    org.when(command('AttachDocument', doc({ subject: { type: 'EXCEPTION', id: 'nope' } }))).thenRefuses('EXCEPTION_NOT_FOUND');
    org.when(command('AttachDocument', doc({ subject: { type: 'BRIDGE_LETTER', id: 'nope' } }))).thenRefuses('BRIDGE_LETTER_NOT_FOUND');
    org.when(command('AttachDocument', doc({ subject: { type: 'VALIDATION', id: 'nope' } }))).thenRefuses('VALIDATION_NOT_FOUND');
  });

  it('is folded into the state, in order', () => {
    const state = fold([
      { ...registeredDataCenter(), eventId: 'e1', effectiveAt: SPEC_NOW, recordedAt: SPEC_NOW },
      { ...event('DocumentAttached', doc()), eventId: 'e2', effectiveAt: SPEC_NOW, recordedAt: SPEC_NOW },
    ] as RecordedOversightEvent[]);
    expect(state.documents).toEqual([{ ...doc(), eventId: 'e2', effectiveAt: SPEC_NOW }]);
  });
});

describe('a fact recorded with its document', () => {
  it('RecordReportReceived attaches the report file after the report, in one decision', () => {
    const attach = doc({ subject: { type: 'REPORT', id: REPORT_ID } });
    spec
      .given([registeredDataCenter()])
      .when(command('RecordReportReceived', { ...soc2Type2({ documentSha256: SHA }), attach }))
      .then([event('AssuranceReportReceived', soc2Type2({ documentSha256: SHA })), event('DocumentAttached', attach)]);
  });

  it('RecordBridgeLetter and CloseRemediation keep their own event unchanged and add the attachment', () => {
    const letter = doc({ kind: 'BRIDGE_LETTER', subject: { type: 'BRIDGE_LETTER', id: bridgeLetter().letterId } });
    spec
      .given([registeredDataCenter(), reportReceived()])
      .when(command('RecordBridgeLetter', { ...bridgeLetter(), attach: letter }))
      .then([event('BridgeLetterReceived', bridgeLetter()), event('DocumentAttached', letter)]);
    const evidence = doc({ kind: 'REMEDIATION_EVIDENCE', subject: { type: 'EXCEPTION', id: EXCEPTION_ID } });
    const closed = { exceptionId: EXCEPTION_ID, resolution: 'Fixed', evidence: null, verifiedBy: null };
    spec
      .given([registeredDataCenter(), reportReceived(), exceptionFound()])
      .when(command('CloseRemediation', { ...closed, attach: evidence }))
      .then([event('RemediationClosed', closed), event('DocumentAttached', evidence)]);
  });

  it('a command with attach: null records only its own fact', () => {
    spec
      .given([registeredDataCenter(), reportReceived()])
      .when(command('RecordBridgeLetter', { ...bridgeLetter(), attach: null }))
      .then([event('BridgeLetterReceived', bridgeLetter())]);
  });
});
