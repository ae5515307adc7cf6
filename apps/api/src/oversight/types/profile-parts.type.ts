import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import {
  CriticalityEnum,
  DataClassEnum,
  FrameworkEnum,
  PhysicalAreaEnum,
  RequirementFamilyEnum,
  ReportTypeEnum,
  TrustServicesCriterionEnum,
  ValidationMethodEnum,
  ValidationResultEnum,
} from '../../graphql/enums';
import { Allow, READERS_OF_DETAIL } from '../../auth/roles';

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A data center facility of the organization.' })
export class Site {
  @Field() siteId!: string;
  @Field() name!: string;
  @Field() country!: string;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => DateTimeScalar) registeredAt!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'One kind of report the policy requires.' })
export class AssuranceRequirement {
  @Field(() => RequirementFamilyEnum, { nullable: true, description: 'Null for any family.' }) family!: string | null;
  @Field(() => ReportTypeEnum, { nullable: true }) reportType!: string | null;
  @Field(() => [TrustServicesCriterionEnum]) criteria!: string[];
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'The assurance policy in force (defaults until one is set).' })
export class AssurancePolicy {
  @Field(() => FrameworkEnum, { nullable: true }) requiredFramework!: string | null;
  @Field(() => ReportTypeEnum, { nullable: true }) requiredReportType!: string | null;
  @Field(() => [TrustServicesCriterionEnum]) requiredCriteria!: string[];
  @Field({ description: 'MM-DD' }) fiscalYearEnd!: string;
  @Field(() => Int) maxReportAgeMonths!: number;
  @Field(() => Int) maxBridgeMonths!: number;
  @Field(() => Int) minPeriodMonths!: number;
  @Field(() => Int) physicalValidationMonths!: number;
  @Field(() => Int) expiryWarningDays!: number;
  @Field({ description: 'False while the defaults hold.' }) isSet!: boolean;
  @Field(() => [AssuranceRequirement], { description: 'Requirements as set (empty: the shorthand fields or the default apply).' })
  requirements!: AssuranceRequirement[];
  @Field(() => [AssuranceRequirement], { description: 'The requirements in force: explicit or shorthand, plus those the reliance profile adds.' })
  effectiveRequirements!: AssuranceRequirement[];
  @Field({ description: 'Reliance profile: relevant to financial reporting.' }) icfrRelevant!: boolean;
  @Field(() => [DataClassEnum], { description: 'Reliance profile: classes of our data it handles.' }) dataClasses!: string[];
  @Field(() => Int) minFiscalYearOverlapMonths!: number;
  @Field(() => DateScalar, { nullable: true }) acceptType1Until!: string | null;
  @Field(() => Int) criticalPlanningGraceDays!: number;
  @Field(() => Int) exceptionEvaluationDays!: number;
  @Field(() => Int) cuecTestMonths!: number;
  @Field(() => [PhysicalAreaEnum]) requiredPhysicalAreas!: string[];
  @Field(() => [ValidationMethodEnum]) acceptedValidationMethods!: string[];
  @Field(() => Int) reviewWindowDays!: number;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A control we expect the report to have tested.' })
export class ExpectedControl {
  @Field() ref!: string;
  @Field() description!: string;
  @Field() domain!: string;
  @Field(() => CriticalityEnum) risk!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A physical/environmental or operational controls validation.' })
export class Validation {
  @Field() validationId!: string;
  @Field({ description: 'PHYSICAL or OPERATIONAL' }) kind!: string;
  @Field(() => String, { nullable: true }) siteId!: string | null;
  @Field(() => [String], { description: 'PhysicalArea or OperationalArea values.' }) areas!: string[];
  @Field(() => ValidationMethodEnum) method!: string;
  @Field(() => ValidationResultEnum) result!: string;
  @Field(() => DateScalar) validatedOn!: string;
  @Field(() => String, { nullable: true }) notes!: string | null;
}
