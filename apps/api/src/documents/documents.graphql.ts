import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DOCUMENT_KINDS, DOCUMENT_SUBJECTS, type DocumentKind } from '../../../../libs/oversight/src/domain/organization.documents';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { DateTimeScalar } from '../graphql/scalars';
import { OrganizationCommandInput } from '../oversight/commands/command-meta.input';

const KIND_DESCRIPTIONS: Record<DocumentKind, string> = {
  SOC_REPORT: 'A SOC 1 / SOC 2 / SOC 3 or ISAE report.',
  BRIDGE_LETTER: 'A bridge (gap) letter extending a report’s period.',
  SITE_VISIT: 'Notes, photos or a checklist of a site visit.',
  REMEDIATION_EVIDENCE: 'Evidence that an exception was remediated.',
  CONTRACT: 'A contract, order form or data processing agreement.',
  OTHER: 'Any other evidence.',
};
const SUBJECT_DESCRIPTIONS: Record<(typeof DOCUMENT_SUBJECTS)[number], string> = {
  REPORT: 'An assurance report (subjectId is its reportId).',
  BRIDGE_LETTER: 'A bridge letter (subjectId is its letterId).',
  VALIDATION: 'A validation (subjectId is its validationId).',
  EXCEPTION: 'An exception (subjectId is its exceptionId).',
};
const enumWith = (values: readonly string[], name: string, description: string, each: Record<string, string>) => {
  const e = Object.fromEntries(values.map((x) => [x, x]));
  registerEnumType(e, { name, description, valuesMap: Object.fromEntries(values.map((x) => [x, { description: each[x] }])) });
  return e;
};
export const DocumentKindEnum = enumWith(DOCUMENT_KINDS, 'DocumentKind', 'What a document is to the organization.', KIND_DESCRIPTIONS);
export const DocumentSubjectEnum = enumWith(DOCUMENT_SUBJECTS, 'DocumentSubject', 'The kind of fact a document supports.', SUBJECT_DESCRIPTIONS);

@InputType({ description: 'Attach a stored document (POST /documents) to an organization: recorded as DocumentAttached in its history.' })
export class AttachDocumentInput extends OrganizationCommandInput {
  @Field(() => ID, { description: 'The documentId that POST /documents answered (the SHA-256 of the bytes).' })
  documentId!: string;
  @Field(() => DocumentKindEnum, { description: 'What the document is.' })
  kind!: DocumentKind;
  @Field({ description: 'A title for people, e.g. "SOC 2 Type 2, FY2025".' })
  title!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('AttachedDocument', { description: 'A document attached to an organization: the fact, with what the store knows of the bytes.' })
export class AttachedDocument {
  @Field(() => ID, { description: 'The DocumentStore id; download it from GET /documents/{documentId}.' }) documentId!: string;
  @Field({ description: 'The SHA-256 of the bytes (lower-case hex), covered by the hash chain.' }) sha256!: string;
  @Field(() => DocumentKindEnum, { description: 'What the document is to the organization.' }) kind!: string;
  @Field({ description: 'Its title.' }) title!: string;
  @Field({ description: 'The uploaded file’s name, as a label.' }) filename!: string;
  @Field({ description: 'Its kind, as its bytes showed at upload.' }) mediaType!: string;
  @Field(() => Int, { description: 'Size in bytes.' }) size!: number;
  @Field(() => DocumentSubjectEnum, { nullable: true, description: 'The kind of fact it supports; null for the organization as a whole.' })
  subjectType!: string | null;
  @Field(() => ID, { nullable: true, description: 'The id of the fact it supports.' }) subjectId!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was attached (business time).' }) attachedAt!: string;
  @Field(() => ID, { description: 'The DocumentAttached event.' }) eventId!: string;
}
