import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import {
  CriticalityEnum,
  FrameworkEnum,
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
