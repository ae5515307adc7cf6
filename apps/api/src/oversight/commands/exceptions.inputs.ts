import { Field, ID, InputType } from '@nestjs/graphql';
import {
  CriticalityEnum,
  ExceptionKindEnum,
  ExceptionSourceEnum,
  OperationalAreaEnum,
  PhysicalAreaEnum,
  ValidationMethodEnum,
  ValidationResultEnum,
} from '../../graphql/enums';
import { DateScalar } from '../../graphql/scalars';
import type * as v from '../../../../../libs/oversight/src/domain/oversight.vocabulary';
import { OrganizationCommandInput } from './command-meta.input';

@InputType({ isAbstract: true })
class ValidationInput extends OrganizationCommandInput {
  @Field(() => ID, { nullable: true }) validationId?: string | null;
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field(() => ValidationMethodEnum) method!: v.ValidationMethod;
  @Field(() => ValidationResultEnum) result!: v.ValidationResult;
  @Field(() => DateScalar) validatedOn!: string;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class RecordPhysicalEnvironmentalValidationInput extends ValidationInput {
  @Field(() => ID, { nullable: true, description: 'The site visit’s record, uploaded with POST /documents: attached (SITE_VISIT) in the same append.' })
  documentId?: string | null;
  @Field(() => [PhysicalAreaEnum]) areas!: v.PhysicalArea[];
}

@InputType()
export class RecordOperationalControlsValidationInput extends ValidationInput {
  @Field(() => [OperationalAreaEnum]) areas!: v.OperationalArea[];
}

@InputType()
export class RecordExceptionInput extends OrganizationCommandInput {
  @Field(() => ID, { nullable: true }) exceptionId?: string | null;
  @Field(() => ExceptionSourceEnum) source!: v.ExceptionSource;
  @Field(() => ID, { nullable: true }) reportId?: string | null;
  @Field() controlRef!: string;
  @Field(() => String, { nullable: true, description: 'e.g. CC6.4' }) criteriaRef?: string | null;
  @Field(() => ExceptionKindEnum) kind!: v.ExceptionKind;
  @Field(() => CriticalityEnum) severity!: v.Severity;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) managementResponse?: string | null;
}

@InputType()
export class PlanRemediationInput extends OrganizationCommandInput {
  @Field(() => ID) exceptionId!: string;
  @Field() owner!: string;
  @Field() plan!: string;
  @Field(() => DateScalar) dueDate!: string;
}

@InputType()
export class CloseRemediationInput extends OrganizationCommandInput {
  @Field(() => ID, { nullable: true, description: 'Evidence of the remediation, uploaded with POST /documents: attached (REMEDIATION_EVIDENCE) in the same append.' })
  documentId?: string | null;
  @Field(() => ID) exceptionId!: string;
  @Field() resolution!: string;
  @Field(() => String, { nullable: true }) evidence?: string | null;
  @Field(() => String, { nullable: true }) verifiedBy?: string | null;
}

@InputType()
export class AcceptRiskInput extends OrganizationCommandInput {
  @Field(() => ID) exceptionId!: string;
  @Field() acceptedBy!: string;
  @Field() rationale!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Last day covered; none for no end.' })
  expiresAt?: string | null;
}
