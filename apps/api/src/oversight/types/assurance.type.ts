import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/scalars';
import type * as v from '../../../../../libs/oversight/src/domain/oversight.vocabulary';
import { AssuranceFlagEnum, AssuranceStatusEnum } from '../../graphql/enums';
import { Allow, EVERYONE } from '../../auth/roles';

@Allow(EVERYONE)
@ObjectType({ description: 'Why a status or a flag holds. "Why is it red?" always has an answer.' })
export class AssuranceReason {
  @Field({ description: 'Stable code, e.g. REPORT_EXPIRED.' }) code!: string;
  @Field(() => AssuranceStatusEnum, { nullable: true, description: 'The status this finding implies.' })
  status!: v.AssuranceStatus | null;
  @Field(() => AssuranceFlagEnum, { nullable: true, description: 'The flag this finding raises.' })
  flag!: v.AssuranceFlag | null;
  @Field() message!: string;
  @Field(() => [String], { description: 'The events that caused it.' }) eventIds!: string[];
  @Field(() => DateScalar, { nullable: true, description: 'The business day from which it holds.' })
  since!: string | null;
}

@Allow(EVERYONE)
@ObjectType({ description: 'The assessed assurance status of an organization.' })
export class Assurance {
  @Field(() => AssuranceStatusEnum) status!: v.AssuranceStatus;
  @Field(() => [AssuranceFlagEnum]) flags!: v.AssuranceFlag[];
  @Field(() => [AssuranceReason]) reasons!: AssuranceReason[];
  @Field(() => DateScalar, { nullable: true, description:
      'The day of the last change into this status, equal to the oversightTimeline entry for it (each reason keeps its own since).' }) statusSince!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "The current report's coverage end." })
  coverageEnd!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Coverage end extended by a valid bridge letter.' })
  reach!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day the current report is current.' })
  expiresAt!: string | null;
  @Field(() => String, { nullable: true }) currentReportId!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Next day the status may change with no new event.' })
  nextReassessmentOn!: string | null;
  @Field(() => DateScalar, { description: 'The day assessed.' }) assessedOn!: string;
}
