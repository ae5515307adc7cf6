import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { FrameworkEnum, OpinionEnum, ReportTypeEnum, ValidationResultEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';
import {
  CoverageGapCodeEnum,
  CoverageKindEnum,
  FiscalYearEndCoverageEnum,
  ReportPeriodStateEnum,
} from './replay.enums';

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageReportPeriod', { description: 'A report period, whatever became of the report.' })
export class CoverageReportPeriodType {
  @Field() reportId!: string;
  @Field(() => FrameworkEnum) framework!: string;
  @Field(() => ReportTypeEnum) reportType!: string;
  @Field(() => OpinionEnum) opinion!: string;
  @Field(() => DateScalar) coverageStart!: string;
  @Field(() => DateScalar) coverageEnd!: string;
  @Field(() => Int) days!: number;
  @Field(() => ReportPeriodStateEnum) state!: string;
  @Field({ description: 'Accepted and not withdrawn: it covers its period.' }) counts!: boolean;
  @Field(() => DateScalar) receivedOn!: string;
  @Field(() => [ID]) eventIds!: string[];
}

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageBridgeLetter', { description: 'A bridge letter, counting or not, and why.' })
export class CoverageBridgeLetterType {
  @Field() letterId!: string;
  @Field() reportId!: string;
  @Field(() => DateScalar) coversFrom!: string;
  @Field(() => DateScalar) coversTo!: string;
  @Field(() => Int, { description: "Days beyond the report's coverage end it claims to cover." }) days!: number;
  @Field(() => DateScalar, { description: 'The last day a letter on this report may cover.' }) limit!: string;
  @Field({ description: 'Within the limit and contiguous with the report.' }) valid!: boolean;
  @Field({ description: 'Valid, on an accepted report, and the furthest such letter.' }) counts!: boolean;
  @Field(() => String, { nullable: true }) problem!: string | null;
  @Field(() => [ID]) eventIds!: string[];
}

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageValidation', { description: 'A validation of physical/environmental or operational controls.' })
export class CoverageValidationType {
  @Field() validationId!: string;
  @Field({ description: 'PHYSICAL or OPERATIONAL' }) kind!: string;
  @Field(() => String, { nullable: true }) siteId!: string | null;
  @Field(() => DateScalar) validatedOn!: string;
  @Field(() => ValidationResultEnum) result!: string;
  @Field(() => [String]) areas!: string[];
  @Field(() => DateScalar, { nullable: true, description: 'A physical validation counts until then.' }) validUntil!: string | null;
  @Field(() => [ID]) eventIds!: string[];
}

@Allow(READERS_OF_DETAIL)
@ObjectType('FiscalYearEndPoint', { description: 'A fiscal year end and how the evidence held covers it.' })
export class FiscalYearEndPointType {
  @Field(() => DateScalar) date!: string;
  @Field(() => FiscalYearEndCoverageEnum) coverage!: string;
  @Field(() => String, { nullable: true }) reportId!: string | null;
  @Field(() => String, { nullable: true }) letterId!: string | null;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageSegment', { description: 'A run of days with the same coverage.' })
export class CoverageSegmentType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int) days!: number;
  @Field(() => CoverageKindEnum) kind!: string;
  @Field(() => String, { nullable: true }) reportId!: string | null;
  @Field(() => String, { nullable: true }) letterId!: string | null;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageGap', { description: 'An uncovered run of days, named and measured.' })
export class CoverageGapType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int) days!: number;
  @Field(() => CoverageGapCodeEnum) code!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true, description: 'The report whose reach ends just before the gap.' }) afterReportId!: string | null;
  @Field(() => String, { nullable: true, description: 'The report whose coverage starts just after the gap.' }) beforeReportId!: string | null;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageTotals')
export class CoverageTotalsType {
  @Field(() => Int) days!: number;
  @Field(() => Int) auditedDays!: number;
  @Field(() => Int) bridgedDays!: number;
  @Field(() => Int) coveredDays!: number;
  @Field(() => Int) uncoveredDays!: number;
  @Field(() => Float, { description: 'Covered days over all days of the window.' }) coverageRatio!: number;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('CoverageTimeline', { description: 'Continuity: report periods and bridge letters laid end to end, gaps shown.' })
export class CoverageTimelineType {
  @Field(() => ID) organizationId!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field({ description: 'MM-DD' }) fiscalYearEnd!: string;
  @Field(() => [CoverageReportPeriodType]) reports!: CoverageReportPeriodType[];
  @Field(() => [CoverageBridgeLetterType]) bridgeLetters!: CoverageBridgeLetterType[];
  @Field(() => [CoverageValidationType]) validations!: CoverageValidationType[];
  @Field(() => [FiscalYearEndPointType]) fiscalYearEnds!: FiscalYearEndPointType[];
  @Field(() => [CoverageSegmentType]) segments!: CoverageSegmentType[];
  @Field(() => [CoverageGapType]) gaps!: CoverageGapType[];
  @Field(() => CoverageTotalsType) totals!: CoverageTotalsType;
}
