import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, JsonScalar } from '../../graphql/scalars';
import { Allow, READERS_OF_DETAIL } from '../../auth/roles';

@Allow(READERS_OF_DETAIL)
@ObjectType()
export class Actor {
  @Field() id!: string;
  @Field() role!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'One immutable oversight fact, with its full envelope.' })
export class OversightEvent {
  @Field() eventId!: string;
  @Field() type!: string;
  @Field() organizationId!: string;
  @Field({ description: 'Stream revision, 0-based, as a decimal string.' }) revision!: string;
  @Field({ description: 'Global position in the store, as a decimal string.' }) position!: string;
  @Field(() => DateTimeScalar, { description: 'When we learned it.' }) recordedAt!: string;
  @Field(() => DateTimeScalar, { description: 'When it happened (business time).' }) effectiveAt!: string;
  @Field(() => Actor) actor!: Actor;
  @Field() tenantId!: string;
  @Field() correlationId!: string;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field() commandId!: string;
  @Field(() => Int) schemaVersion!: number;
  @Field(() => JsonScalar) data!: unknown;
}
