import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { DateTimeScalar } from '../graphql/scalars';

@Allow(READERS_OF_DETAIL)
@ObjectType('VerificationResult', { description: 'Whether a hash chain and its signed checkpoints verify, and where they break.' })
export class VerificationResultType {
  @Field() valid!: boolean;
  @Field(() => Int, { description: 'Events checked (every event of the scope, also after a break).' }) checkedEvents!: number;
  @Field(() => ID, { nullable: true, description: 'The first event (or checkpoint) found broken, when you may see it.' })
  firstBrokenEventId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field({
    description:
      'One sentence saying precisely what was verified: "hash chain intact; no signed checkpoint covers these events" is not "covered by signed tree head #n, signed by key X". Show it as is.',
  })
  summary!: string;
}

export const RebuildStateEnum = { IDLE: 'IDLE', RUNNING: 'RUNNING', SWAPPING: 'SWAPPING', COMPLETED: 'COMPLETED', FAILED: 'FAILED' } as const;
registerEnumType(RebuildStateEnum, { name: 'RebuildState', description: 'Where a read-model rebuild stands.' });

@Allow(READERS_OF_DETAIL)
@ObjectType('RebuildStatus', { description: 'Progress of the latest read-model rebuild; queries keep using the old read model until the swap.' })
export class RebuildStatusType {
  @Field(() => RebuildStateEnum) state!: keyof typeof RebuildStateEnum;
  @Field(() => Int, { nullable: true, description: 'Events applied so far; null unless you are an operator (the count covers every tenant).' })
  processed!: number | null;
  @Field(() => Int, { nullable: true, description: 'Events to apply: an estimate while running, exact once completed; null unless you are an operator.' })
  total!: number | null;
  @Field(() => Float, { nullable: true, description: 'Events applied per second so far; null unless you are an operator.' }) eventsPerSecond!: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}
