import { Field, ID, InputType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/scalars';

/** Fields every command input may carry. */
@InputType({ isAbstract: true })
export class CommandMetaInput {
  @Field(() => ID, { nullable: true, description: 'Idempotency key: the same id twice records once.' })
  commandId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The revision you read (decimal; -1 for none). A mismatch is CONCURRENCY_CONFLICT.',
  })
  expectedRevision?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it happened (business time); defaults to now.' })
  effectiveAt?: string | null;
}

/** Fields of every command on an existing organization. */
@InputType({ isAbstract: true })
export class OrganizationCommandInput extends CommandMetaInput {
  @Field(() => ID) organizationId!: string;
}
