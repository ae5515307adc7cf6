import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import {
  CuecStateEnum,
  FrameworkEnum,
  InclusionMethodEnum,
  OpinionEnum,
  ReportTypeEnum,
  ReviewDecisionEnum,
  TrustServicesCriterionEnum,
} from '../../graphql/enums';
import { Allow, READERS_OF_DETAIL } from '../../auth/roles';

@Allow(READERS_OF_DETAIL)
@ObjectType()
export class CuecMapping {
  @Field(() => String, { nullable: true }) internalControlRef!: string | null;
  @Field(() => CuecStateEnum) state!: string;
  @Field(() => DateTimeScalar) mappedAt!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A complementary user entity control listed in a report.' })
export class Cuec {
  @Field() ref!: string;
  @Field() description!: string;
  @Field(() => CuecMapping, { nullable: true, description: 'Null while unmapped.' }) mapping!: CuecMapping | null;
}

@Allow(READERS_OF_DETAIL)
@ObjectType()
export class SubserviceInReport {
  @Field() name!: string;
  @Field(() => InclusionMethodEnum) method!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType()
export class Review {
  @Field(() => ReviewDecisionEnum) decision!: string;
  @Field() reviewer!: string;
  @Field(() => [String]) conditions!: string[];
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => DateTimeScalar) concludedAt!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType()
export class Withdrawal {
  @Field() reason!: string;
  @Field(() => DateTimeScalar) withdrawnAt!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: "A management letter covering the gap after a report's period." })
export class BridgeLetter {
  @Field() letterId!: string;
  @Field() reportId!: string;
  @Field(() => DateScalar) coversFrom!: string;
  @Field(() => DateScalar) coversTo!: string;
  @Field(() => String, { nullable: true }) materialChanges!: string | null;
  @Field(() => DateTimeScalar) receivedAt!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A SOC 1 / SOC 2 / ISAE report and what we did with it.' })
export class AssuranceReport {
  @Field() reportId!: string;
  @Field(() => FrameworkEnum) framework!: string;
  @Field(() => ReportTypeEnum) reportType!: string;
  @Field(() => DateScalar, { nullable: true }) asOfDate!: string | null;
  @Field(() => DateScalar, { nullable: true }) periodStart!: string | null;
  @Field(() => DateScalar, { nullable: true }) periodEnd!: string | null;
  @Field(() => DateScalar) coverageStart!: string;
  @Field(() => DateScalar) coverageEnd!: string;
  @Field(() => DateScalar, { nullable: true }) opinionDate!: string | null;
  @Field() serviceAuditor!: string;
  @Field(() => OpinionEnum) opinion!: string;
  @Field(() => [TrustServicesCriterionEnum]) criteria!: string[];
  @Field(() => [String]) controlObjectives!: string[];
  @Field(() => [String]) servicesCovered!: string[];
  @Field(() => [String]) sitesCovered!: string[];
  @Field(() => [String]) controlsTested!: string[];
  @Field(() => [Cuec]) cuecs!: Cuec[];
  @Field(() => [SubserviceInReport]) subserviceOrganizations!: SubserviceInReport[];
  @Field(() => String, { nullable: true }) documentSha256!: string | null;
  @Field(() => DateTimeScalar) receivedAt!: string;
  @Field(() => Review, { nullable: true }) review!: Review | null;
  @Field(() => Withdrawal, { nullable: true }) withdrawal!: Withdrawal | null;
  @Field(() => [BridgeLetter]) bridgeLetters!: BridgeLetter[];
}
