import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssuranceFlagEnum, AssuranceStatusEnum, CriticalityEnum, OrganizationCategoryEnum } from '../../graphql/enums';
import { DateScalar } from '../../graphql/scalars';
import { AssuranceReason } from './assurance.type';
import { OrganizationType } from './organization.type';
import { ExpectedControl } from './profile-parts.type';
import { Allow, EVERYONE, READERS_OF_DETAIL, RECORDERS } from '../../auth/roles';

@Allow(EVERYONE)
@ObjectType()
export class StatusCount {
  @Field(() => AssuranceStatusEnum) status!: string;
  @Field(() => Int) count!: number;
}

@Allow(EVERYONE)
@ObjectType()
export class CriticalityCount {
  @Field(() => CriticalityEnum) criticality!: string;
  @Field(() => Int) count!: number;
}

@Allow(EVERYONE)
@ObjectType()
export class CategoryCount {
  @Field(() => OrganizationCategoryEnum) category!: string;
  @Field(() => Int) count!: number;
}

@Allow(EVERYONE)
@ObjectType({ description: 'The portfolio at a glance, for a risk committee.' })
export class PortfolioSummary {
  @Field(() => Int) total!: number;
  @Field(() => [StatusCount]) byStatus!: StatusCount[];
  @Field(() => [CriticalityCount]) byCriticality!: CriticalityCount[];
  @Field(() => [CategoryCount]) byCategory!: CategoryCount[];
  @Field(() => Int) expiringWithinDays!: number;
  @Field(() => [OrganizationType], { description: 'Assurance expiring within expiringWithinDays, soonest first.' })
  expiringSoon!: OrganizationType[];
}

@Allow(READERS_OF_DETAIL)
@ObjectType()
export class MissingControl extends ExpectedControl {
  @Field(() => Int, { description: '1 for the riskiest missing control.' }) rank!: number;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'Expected controls against those the current report tested.' })
export class ControlCoverage {
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { nullable: true }) reportId!: string | null;
  @Field(() => Int) expectedCount!: number;
  @Field(() => Int) testedCount!: number;
  @Field(() => Float) coverageRatio!: number;
  @Field(() => [MissingControl]) missing!: MissingControl[];
  @Field(() => [ExpectedControl]) covered!: ExpectedControl[];
  @Field(() => [String]) unexpected!: string[];
}

@Allow(RECORDERS)
@ObjectType({ description: "What a command recorded; `organization` already reflects it." })
export class CommandResult {
  @Field(() => ID) organizationId!: string;
  @Field({ description: 'Stream revision after the command (-1: still no event).' }) revision!: string;
  @Field({ description: 'Global position written; pass it as `consistentWith` to `organization` or `organizations` to read this write.' }) position!: string;
  @Field(() => [ID]) eventIds!: string[];
  @Field({ description: 'True when this commandId had been recorded before: nothing new was written.' })
  replayed!: boolean;
  @Field(() => OrganizationType, { nullable: true }) organization!: OrganizationType | null;
}

@Allow(EVERYONE)
@ObjectType({ description: 'A change of assessed status or flags, announced after the read model committed it.' })
export class AssuranceStatusChange {
  @Field(() => ID) organizationId!: string;
  @Field() name!: string;
  @Field(() => AssuranceStatusEnum, { nullable: true }) previousStatus!: string | null;
  @Field(() => [AssuranceFlagEnum]) previousFlags!: string[];
  @Field(() => AssuranceStatusEnum) status!: string;
  @Field(() => [AssuranceFlagEnum]) flags!: string[];
  @Field(() => [AssuranceReason]) reasons!: AssuranceReason[];
  @Field(() => DateScalar, {
    nullable: true,
    description: "The day of the last change into this status: the oversightTimeline entry for it, as in the organization's assurance.",
  })
  statusSince!: string | null;
  @Field(() => DateScalar) assessedOn!: string;
  @Field() position!: string;
}
