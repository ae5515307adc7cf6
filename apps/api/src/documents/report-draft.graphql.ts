import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Allow, RECORDERS } from '../auth/roles';
import { JsonScalar } from '../graphql/scalars';

@Allow(RECORDERS)
@ObjectType('DraftField', { description: 'One proposed input field, with where it was read; a proposal for the analyst to confirm, never a fact.' })
export class DraftFieldModel {
  @Field({ description: 'The input field it proposes, by its name in RecordReportReceivedInput (or RecordExceptionInput), e.g. periodStart.' })
  name!: string;
  @Field(() => JsonScalar, { nullable: true, description: 'The proposed value, as JSON in exactly the form the input takes (copy it over); null when the report does not state it.' })
  value!: unknown;
  @Field(() => Int, { nullable: true, description: 'The 1-based page it was read from; null when missing.' })
  page!: number | null;
  @Field(() => String, { nullable: true, description: 'The sentence or table row it was read from, as written; null when missing.' })
  quote!: string | null;
  @Field(() => Float, { description: 'From 0 to 1: how sure the reader is that this wording means this value (0 when missing).' })
  confidence!: number;
  @Field(() => String, { nullable: true, description: 'Why no value is proposed (the report does not state it); null when a value is proposed.' })
  missingReason!: string | null;
}

@Allow(RECORDERS)
@ObjectType('ExceptionDraft', { description: 'A test result that notes an exception or deviation, as a proposed recordException input.' })
export class ExceptionDraftModel {
  @Field(() => Int, { description: 'The 1-based page of the test result.' })
  page!: number;
  @Field({ description: 'The table row it was read from, as written (cells joined by " | ").' })
  quote!: string;
  @Field(() => [DraftFieldModel], { description: 'The RecordExceptionInput fields it proposes (source, controlRef, criteriaRef, kind, description…); severity is always the analyst’s.' })
  fields!: DraftFieldModel[];
}

@Allow(RECORDERS)
@ObjectType('ReportDraft', { description: 'The first read of a stored SOC / ISAE report PDF: proposed recordReportReceived fields and recordException drafts. Nothing is recorded; the same PDF gives the same draft.' })
export class ReportDraftModel {
  @Field(() => ID, { description: 'The document read (its SHA-256), as POST /documents answered it.' })
  documentId!: string;
  @Field(() => Int, { description: 'Pages of the PDF.' })
  pages!: number;
  @Field(() => [DraftFieldModel], { description: 'One proposal per RecordReportReceivedInput field the reader knows, stated or not (then value null with a missingReason).' })
  fields!: DraftFieldModel[];
  @Field(() => [ExceptionDraftModel], { description: 'One recordException draft per test result noting an exception or deviation.' })
  exceptions!: ExceptionDraftModel[];
}
