import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  CriticalityEnum,
  DataClassEnum,
  FrameworkEnum,
  InclusionMethodEnum,
  OrganizationCategoryEnum,
  OrganizationRoleEnum,
  PhysicalAreaEnum,
  ReportTypeEnum,
  RequirementFamilyEnum,
  TrustServicesCriterionEnum,
  ValidationMethodEnum,
} from '../../graphql/enums';
import { DateScalar } from '../../graphql/scalars';
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

@InputType({ description: 'One kind of report the policy requires.' })
export class AssuranceRequirementInput {
  @Field(() => RequirementFamilyEnum, { nullable: true, description: 'None for any family.' }) family?: v.RequirementFamily | null;
  @Field(() => ReportTypeEnum, { nullable: true, description: 'Default TYPE_2.' }) reportType?: v.ReportType | null;
  @Field(() => [TrustServicesCriterionEnum], { nullable: true, description: 'TSC family only.' }) criteria?: v.TrustServicesCriterion[] | null;
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
  @Field(() => Int, { nullable: true, description: 'Audited days of the fiscal year required, in months (default 6).' })
  minFiscalYearOverlapMonths?: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'A Type 1 report is relied on, with exceptions, before this day.' })
  acceptType1Until?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days a CRITICAL exception may stay without a remediation plan (default 30).' })
  criticalPlanningGraceDays?: number | null;
  @Field(() => Int, { nullable: true, description: "Days to evaluate a report exception's impact (default 30)." })
  exceptionEvaluationDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Months an EFFECTIVE CUEC test stays current (default 12).' })
  cuecTestMonths?: number | null;
  @Field(() => [PhysicalAreaEnum], { nullable: true, description: 'Areas a colocation data center must have validated at every site.' })
  requiredPhysicalAreas?: v.PhysicalArea[] | null;
  @Field(() => [ValidationMethodEnum], { nullable: true, description: 'Validation methods that count (default: all but QUESTIONNAIRE).' })
  acceptedValidationMethods?: v.ValidationMethod[] | null;
  @Field(() => [AssuranceRequirementInput], { nullable: true, description: 'Reports required; replaces the requiredFramework/Type/Criteria shorthand.' })
  requirements?: AssuranceRequirementInput[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Reliance profile: relevant to financial reporting (adds an ICFR Type 2 requirement).' })
  icfrRelevant?: boolean | null;
  @Field(() => [DataClassEnum], { nullable: true, description: 'Reliance profile: our data it handles (adds TSC criteria).' })
  dataClasses?: v.DataClass[] | null;
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
