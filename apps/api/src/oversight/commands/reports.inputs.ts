import { Field, ID, InputType } from '@nestjs/graphql';
import {
  CuecStateEnum,
  FrameworkEnum,
  InclusionMethodEnum,
  OpinionEnum,
  ReportTypeEnum,
  ReviewDecisionEnum,
  TrustServicesCriterionEnum,
} from '../../graphql/enums';
import { DateScalar } from '../../graphql/scalars';
import type * as v from '../../../../../libs/oversight/src/domain/oversight.vocabulary';
import { OrganizationCommandInput } from './command-meta.input';

@InputType()
export class CuecInput {
  @Field() ref!: string;
  @Field() description!: string;
}

@InputType()
export class SubserviceInReportInput {
  @Field() name!: string;
  @Field(() => InclusionMethodEnum) method!: v.InclusionMethod;
}

@InputType()
export class RecordReportReceivedInput extends OrganizationCommandInput {
  @Field(() => ID, { nullable: true }) reportId?: string | null;
  @Field(() => FrameworkEnum) framework!: v.Framework;
  @Field(() => ReportTypeEnum) reportType!: v.ReportType;
  @Field(() => DateScalar, { nullable: true, description: 'Type 1 only.' }) asOfDate?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Type 2 only.' }) periodStart?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Type 2 only.' }) periodEnd?: string | null;
  @Field(() => DateScalar, { nullable: true }) opinionDate?: string | null;
  @Field() serviceAuditor!: string;
  @Field(() => OpinionEnum) opinion!: v.Opinion;
  @Field(() => [TrustServicesCriterionEnum], { nullable: true }) criteria?: v.TrustServicesCriterion[] | null;
  @Field(() => [String], { nullable: true }) controlObjectives?: string[] | null;
  @Field(() => [String], { nullable: true }) servicesCovered?: string[] | null;
  @Field(() => [ID], { nullable: true }) sitesCovered?: string[] | null;
  @Field(() => [String], { nullable: true }) controlsTested?: string[] | null;
  @Field(() => [CuecInput], { nullable: true }) cuecs?: CuecInput[] | null;
  @Field(() => [SubserviceInReportInput], { nullable: true }) subserviceOrganizations?: SubserviceInReportInput[] | null;
  @Field(() => String, { nullable: true }) documentSha256?: string | null;
  @Field(() => ID, { nullable: true, description: 'The report file, uploaded with POST /documents: attached (SOC_REPORT) in the same append, and documentSha256 taken from it.' })
  documentId?: string | null;
}

@InputType()
export class WithdrawReportInput extends OrganizationCommandInput {
  @Field(() => ID) reportId!: string;
  @Field() reason!: string;
}

@InputType()
export class ConcludeReportReviewInput extends OrganizationCommandInput {
  @Field(() => ID) reportId!: string;
  @Field(() => ReviewDecisionEnum) decision!: v.ReviewDecision;
  @Field() reviewer!: string;
  @Field(() => [String], { nullable: true }) conditions?: string[] | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'True to replace the report\'s earlier review (a changed decision); a second review without it is refused (REVIEW_ALREADY_CONCLUDED).',
  })
  supersedesReview?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Why the decision changed; required with supersedesReview.' })
  supersessionReason?: string | null;
}

@InputType()
export class RecordBridgeLetterInput extends OrganizationCommandInput {
  @Field(() => ID, { nullable: true, description: 'The letter, uploaded with POST /documents: attached (BRIDGE_LETTER) in the same append.' })
  documentId?: string | null;
  @Field(() => ID, { nullable: true }) letterId?: string | null;
  @Field(() => ID) reportId!: string;
  @Field(() => DateScalar) coversFrom!: string;
  @Field(() => DateScalar) coversTo!: string;
  @Field(() => String, { nullable: true }) materialChanges?: string | null;
}

@InputType()
export class MapCuecInput extends OrganizationCommandInput {
  @Field(() => ID) reportId!: string;
  @Field() cuecRef!: string;
  @Field(() => String, { nullable: true }) internalControlRef?: string | null;
  @Field(() => CuecStateEnum) state!: v.CuecState;
}
