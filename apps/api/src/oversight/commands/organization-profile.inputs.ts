import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  CriticalityEnum,
  FrameworkEnum,
  InclusionMethodEnum,
  OrganizationCategoryEnum,
  OrganizationRoleEnum,
  ReportTypeEnum,
  TrustServicesCriterionEnum,
} from '../../graphql/enums';
import type * as v from '../../../../../libs/oversight/src/domain/oversight.vocabulary';
import { CommandMetaInput, OrganizationCommandInput } from './command-meta.input';

@InputType()
export class RegisterOrganizationInput extends CommandMetaInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' }) id?: string | null;
  @Field() name!: string;
  @Field(() => OrganizationRoleEnum) role!: v.OrganizationRole;
  @Field(() => OrganizationCategoryEnum) category!: v.OrganizationCategory;
  @Field(() => CriticalityEnum) criticality!: v.Criticality;
  @Field(() => [String], { nullable: true }) services?: string[] | null;
  @Field(() => String, { nullable: true }) owner?: string | null;
  @Field(() => ID, { nullable: true, description: 'For a subservice organization: the vendor it serves.' })
  parentOrganizationId?: string | null;
  @Field(() => InclusionMethodEnum, { nullable: true }) inclusionMethod?: v.InclusionMethod | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'True to register an organization although an active one in the tenant has the same name (case, spaces and punctuation ignored); refused otherwise (ORGANIZATION_NAME_TAKEN).',
  })
  allowDuplicateName?: boolean | null;
}

@InputType()
export class UpdateOrganizationProfileInput extends OrganizationCommandInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => OrganizationCategoryEnum, { nullable: true }) category?: v.OrganizationCategory | null;
  @Field(() => CriticalityEnum, { nullable: true }) criticality?: v.Criticality | null;
  @Field(() => [String], { nullable: true }) services?: string[] | null;
  @Field(() => String, { nullable: true }) owner?: string | null;
}

@InputType()
export class RegisterSiteInput extends OrganizationCommandInput {
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field() name!: string;
  @Field() country!: string;
  @Field(() => String, { nullable: true }) city?: string | null;
}

@InputType()
export class SetAssurancePolicyInput extends OrganizationCommandInput {
  @Field(() => FrameworkEnum, { nullable: true }) requiredFramework?: v.Framework | null;
  @Field(() => ReportTypeEnum, { nullable: true }) requiredReportType?: v.ReportType | null;
  @Field(() => [TrustServicesCriterionEnum], { nullable: true }) requiredCriteria?: v.TrustServicesCriterion[] | null;
  @Field(() => String, { nullable: true, description: 'MM-DD' }) fiscalYearEnd?: string | null;
  @Field(() => Int, { nullable: true }) maxReportAgeMonths?: number | null;
  @Field(() => Int, { nullable: true }) maxBridgeMonths?: number | null;
  @Field(() => Int, { nullable: true }) minPeriodMonths?: number | null;
  @Field(() => Int, { nullable: true }) physicalValidationMonths?: number | null;
  @Field(() => Int, { nullable: true }) expiryWarningDays?: number | null;
}

@InputType()
export class ExpectedControlInput {
  @Field() ref!: string;
  @Field() description!: string;
  @Field() domain!: string;
  @Field(() => CriticalityEnum) risk!: v.Criticality;
}

@InputType()
export class DefineExpectedControlsInput extends OrganizationCommandInput {
  @Field(() => [ExpectedControlInput]) controls!: ExpectedControlInput[];
}

@InputType()
export class OffboardOrganizationInput extends OrganizationCommandInput {
  @Field() reason!: string;
}
