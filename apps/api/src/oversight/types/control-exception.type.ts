import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/scalars';
import { CriticalityEnum, ExceptionKindEnum, ExceptionSourceEnum } from '../../graphql/enums';
import { Allow, READERS_OF_DETAIL } from '../../auth/roles';

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'An exception (deviation) and its remediation.' })
export class ControlException {
  @Field() exceptionId!: string;
  @Field() organizationId!: string;
  @Field() organizationName!: string;
  @Field(() => CriticalityEnum) severity!: string;
  @Field(() => ExceptionSourceEnum) source!: string;
  @Field(() => String, { nullable: true }) reportId!: string | null;
  @Field() controlRef!: string;
  @Field(() => String, { nullable: true }) criteriaRef!: string | null;
  @Field(() => ExceptionKindEnum) kind!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) managementResponse!: string | null;
  @Field(() => DateScalar) foundOn!: string;
  @Field(() => String, { nullable: true }) remediationOwner!: string | null;
  @Field(() => String, { nullable: true }) remediationPlan!: string | null;
  @Field(() => DateScalar, { nullable: true }) dueDate!: string | null;
  @Field(() => DateScalar, { nullable: true }) closedOn!: string | null;
  @Field(() => String, { nullable: true }) resolution!: string | null;
  @Field(() => String, { nullable: true }) riskAcceptedBy!: string | null;
  @Field(() => DateScalar, { nullable: true }) riskAcceptedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) riskAcceptedUntil!: string | null;
  @Field({ description: 'Neither closed nor covered by an unexpired risk acceptance.' }) open!: boolean;
  @Field({ description: 'Open and past its remediation due date.' }) overdue!: boolean;
  @Field(() => [String]) eventIds!: string[];
}
