import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { AssuranceStatusEnum } from '../graphql/enums';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { OrganizationType } from '../oversight/types/organization.type';
import { CarveOutLinkKindEnum } from './replay.enums';

@Allow(READERS_OF_DETAIL)
@ObjectType('CarveOutLink', { description: 'Days on which a vendor carved the subservice organization out, and how.' })
export class CarveOutLinkType {
  @Field(() => CarveOutLinkKindEnum) kind!: string;
  @Field(() => String, { nullable: true, description: 'The listing report (REPORT_LISTING).' }) reportId!: string | null;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('ImpactInterval', { description: "Days on which the subservice organization's state weakened the vendor." })
export class ImpactIntervalType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int) days!: number;
  @Field({ description: 'Still weakening on the day asked.' }) ongoing!: boolean;
  @Field(() => AssuranceStatusEnum) subserviceStatus!: string;
  @Field(() => [String], { description: 'Reason codes: the lapse, a qualified opinion, open exceptions.' }) causes!: string[];
  @Field({ description: "The vendor's status carries INHERITED on these days (the subservice is not assured)." })
  inherited!: boolean;
  @Field(() => [ID], { description: "The subservice organization's events behind it." }) eventIds!: string[];
}

@Allow(READERS_OF_DETAIL)
@ObjectType('VendorImpact', { description: 'A vendor that carves the subservice organization out, and when it was weakened.' })
export class VendorImpactType {
  @Field(() => ID) vendorId!: string;
  @Field() vendorName!: string;
  @Field(() => OrganizationType, { description: 'The vendor as of the moment asked, INHERITED reasons included.' })
  vendor!: OrganizationType;
  @Field(() => AssuranceStatusEnum) vendorStatus!: string;
  @Field({ description: 'On the day asked, the vendor carries INHERITED from this subservice organization.' })
  inherited!: boolean;
  @Field(() => [CarveOutLinkType]) links!: CarveOutLinkType[];
  @Field(() => [ImpactIntervalType]) intervals!: ImpactIntervalType[];
  @Field(() => Int) impactedDays!: number;
}

@Allow(READERS_OF_DETAIL)
@ObjectType('DependencyImpact', { description: "Chain impact: which vendors a subservice organization's lapses weakened, and exactly when." })
export class DependencyImpactType {
  @Field(() => ID) organizationId!: string;
  @Field() name!: string;
  @Field(() => DateTimeScalar) asOf!: string;
  @Field(() => DateTimeScalar) knownAt!: string;
  @Field(() => AssuranceStatusEnum) status!: string;
  @Field(() => OrganizationType, { description: 'The subservice organization as of the moment asked.' })
  organization!: OrganizationType;
  @Field(() => [VendorImpactType]) vendors!: VendorImpactType[];
}
