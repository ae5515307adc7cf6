import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { CriticalityEnum, InclusionMethodEnum, OrganizationCategoryEnum, OrganizationRoleEnum } from '../../graphql/enums';
import { Assurance } from './assurance.type';
import type { ControlException } from './control-exception.type';
import { AssurancePolicy, ExpectedControl, Site, Validation } from './profile-parts.type';
import { AssuranceReport } from './report.type';
import { AttachedDocument } from '../../documents/documents.graphql';
import { Allow, EVERYONE, READERS_OF_DETAIL } from '../../auth/roles';

/** Detail fields are null, with a FORBIDDEN error, for a role that may not see them (VIEWER). */
const DETAIL = 'Null for roles without access to detail.';

/**
 * An organization under oversight. Plain fields come from its status row and folded state;
 * `parent`, `subserviceOrganizations` and `exceptions` are resolved on demand.
 */
@Allow(EVERYONE)
@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID, {
    description:
      "The answer's identity: the organization's id for today's answer; for an as-of answer, `<id>@<asOf>/<knownAt>` " +
      '(another moment is another object for a normalizing client cache). organization(id:) accepts both.',
  })
  id!: string;
  @Field(() => ID, { description: "The organization's id, the same in today's and in as-of answers." }) organizationId!: string;
  @Field() name!: string;
  @Field(() => OrganizationRoleEnum) role!: string;
  @Field(() => OrganizationCategoryEnum) category!: string;
  @Field(() => CriticalityEnum) criticality!: string;
  @Field(() => [String]) services!: string[];
  @Field(() => String, { nullable: true }) owner!: string | null;
  @Field(() => ID, { nullable: true }) parentOrganizationId!: string | null;
  @Field(() => InclusionMethodEnum, { nullable: true }) inclusionMethod!: string | null;
  @Allow(READERS_OF_DETAIL)
  @Field(() => [Site], { nullable: true, description: DETAIL }) sites!: Site[];
  @Allow(READERS_OF_DETAIL)
  @Field(() => AssurancePolicy, { nullable: true, description: DETAIL }) policy!: AssurancePolicy;
  @Allow(READERS_OF_DETAIL)
  @Field(() => [ExpectedControl], { nullable: true, description: DETAIL }) expectedControls!: ExpectedControl[];
  @Field(() => Assurance) assurance!: Assurance;
  @Allow(READERS_OF_DETAIL)
  @Field(() => AssuranceReport, { nullable: true, description: 'The current report: the one the status rests on.' })
  currentReport!: AssuranceReport | null;
  @Allow(READERS_OF_DETAIL)
  @Field(() => [AssuranceReport], { nullable: true, description: `Every report received, oldest first. ${DETAIL}` })
  reports!: AssuranceReport[];
  @Allow(READERS_OF_DETAIL)
  @Field(() => [Validation], { nullable: true, description: DETAIL }) validations!: Validation[];
  @Allow(READERS_OF_DETAIL)
  @Field(() => [AttachedDocument], { nullable: true, description: `Documents attached (DocumentAttached), oldest first; download from GET /documents/{documentId}. ${DETAIL}` })
  documents!: AttachedDocument[];
  @Field({ description: 'Stream revision (0-based) as a decimal string: pass it as expectedRevision.' })
  revision!: string;
  @Field(() => DateTimeScalar, { nullable: true }) registeredAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) offboardedAt!: string | null;
  @Field(() => String, { nullable: true }) offboardReason!: string | null;
  @Allow(READERS_OF_DETAIL)
  @Field(() => DateTimeScalar, { nullable: true, description: 'As-of answers only: the business time asked about.' })
  asOf?: string | null;
  @Allow(READERS_OF_DETAIL)
  @Field(() => DateTimeScalar, { nullable: true, description: 'As-of answers only: only events recorded by then are known.' })
  knownAt?: string | null;
  @Allow(READERS_OF_DETAIL)
  @Field(() => [ID], { nullable: true, description: 'As-of answers only: every event the answer rests on, in business-time order.' })
  basedOnEventIds?: string[] | null;
  /** Internal: the tenant, for field resolvers. Not exposed. */
  tenantId!: string;
  /** Internal: an as-of answer's exceptions as they stood then, for the `exceptions` field. */
  asOfExceptions?: ControlException[];
}
