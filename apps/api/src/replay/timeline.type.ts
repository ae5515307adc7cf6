import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { AssuranceFlagEnum, AssuranceStatusEnum } from '../graphql/enums';
import { DateScalar, DateTimeScalar, JsonScalar } from '../graphql/scalars';
import { AssuranceReason } from '../oversight/types/assurance.type';
import { TimelineEntryKindEnum } from './replay.enums';

@Allow(READERS_OF_DETAIL)
@ObjectType('TimelineEntry', { description: 'One step of a replay: an event, or a day on which time alone changed the verdict.' })
export class TimelineEntryType {
  @Field(() => TimelineEntryKindEnum) kind!: string;
  @Field(() => DateTimeScalar, { description: "The event's effectiveAt, or midnight UTC of the day time changed the verdict." })
  at!: string;
  @Field(() => DateScalar, { description: 'The day the verdict was assessed on.' }) day!: string;
  @Field(() => ID, { nullable: true }) eventId!: string | null;
  @Field(() => String, { nullable: true, description: 'The event type; null for TIME.' }) type!: string | null;
  @Field(() => String, { nullable: true, description: 'Stream revision, 0-based, as a decimal string.' }) revision!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When we learned it.' }) recordedAt!: string | null;
  @Field(() => JsonScalar, { nullable: true }) data!: unknown;
  @Field(() => AssuranceStatusEnum, { description: 'The status right after this entry.' }) status!: string;
  @Field(() => [AssuranceFlagEnum]) flags!: string[];
  @Field(() => [AssuranceReason]) reasons!: AssuranceReason[];
  @Field({ description: 'The status differs from the one before this entry.' }) statusChanged!: boolean;
  @Field(() => AssuranceStatusEnum, { nullable: true }) previousStatus!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The next day time alone may change the verdict.' })
  nextReassessmentOn!: string | null;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('OversightTimeline', { description: 'An organization replayed event by event in business-time order, with the verdict after each.' })
export class OversightTimelineType {
  @Field(() => ID) organizationId!: string;
  @Field(() => DateTimeScalar, { nullable: true }) from!: string | null;
  @Field(() => DateTimeScalar) to!: string;
  @Field(() => DateTimeScalar, { description: 'Only events recorded by then are replayed.' }) knownAt!: string;
  @Field(() => [TimelineEntryType]) entries!: TimelineEntryType[];
}
