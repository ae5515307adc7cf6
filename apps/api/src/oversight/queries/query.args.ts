import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { AssuranceStatusEnum, CriticalityEnum, OrganizationCategoryEnum } from '../../graphql/enums';
import { badInput } from '../../graphql/errors';
import type * as v from '../../../../../libs/oversight/src/domain/oversight.vocabulary';

export const MAX_PAGE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE} (default 20).` }) first?: number | null;
  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null;
}

/** Page size, refused (never silently cut) outside 1..MAX_PAGE. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return 20;
  if (first < 1 || first > MAX_PAGE) throw badInput('first', `must be between 1 and ${MAX_PAGE} (got ${first})`);
  return first;
}

@InputType()
export class OrganizationFilterInput {
  @Field(() => [AssuranceStatusEnum], { nullable: true }) status?: v.AssuranceStatus[] | null;
  @Field({ nullable: true, description: 'Shortcut: NO_ASSURANCE, NOT_ASSURED, EXPIRED or COVERAGE_GAP.' })
  notAssured?: boolean;
  @Field(() => [OrganizationCategoryEnum], { nullable: true }) category?: v.OrganizationCategory[] | null;
  @Field(() => [CriticalityEnum], { nullable: true }) criticality?: v.Criticality[] | null;
  @Field(() => String, { nullable: true, description: 'Part of the name, any case.' }) search?: string | null;
  @Field(() => ID, { nullable: true, description: 'Subservice organizations of this vendor.' })
  parentOrganizationId?: string | null;
}

const NOT_ASSURED: v.AssuranceStatus[] = ['NO_ASSURANCE', 'NOT_ASSURED', 'EXPIRED', 'COVERAGE_GAP'];

/** The read-model criteria of an organization filter (`notAssured` expanded), shared by `organizations` and `portfolioExport`. */
export function organizationCriteria(filter: OrganizationFilterInput | null | undefined) {
  const status = filter?.notAssured
    ? NOT_ASSURED.filter((s) => !filter.status?.length || filter.status.includes(s))
    : (filter?.status ?? undefined);
  return {
    status: status ?? undefined,
    category: filter?.category ?? undefined,
    criticality: filter?.criticality ?? undefined,
    search: filter?.search ?? undefined,
    parentOrganizationId: filter?.parentOrganizationId ?? undefined,
  };
}

@InputType()
export class ExceptionFilterInput {
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field({ nullable: true }) open?: boolean;
  @Field({ nullable: true }) overdue?: boolean;
  @Field(() => [CriticalityEnum], { nullable: true }) severity?: v.Severity[] | null;
}
