import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { assignedId, newId, uuidFromName } from '../../../../../libs/oversight/src/application/ids';
import { CurrentCaller, type Caller } from '../../common/caller';
import { InputGuard, LIMITS } from '../../common/input-guard';
import { apiError } from '../../graphql/errors';
import { OrganizationReader } from '../queries/organization.reader';
import { CommandResult } from '../types/portfolio.type';
import { CommandRunner } from './command-runner.service';
import {
  DefineExpectedControlsInput,
  OffboardOrganizationInput,
  RegisterOrganizationInput,
  RegisterSiteInput,
  SetAssurancePolicyInput,
  UpdateOrganizationProfileInput,
} from './organization-profile.inputs';
import { Allow, ADMINS, RECORDERS } from '../../auth/roles';

/** Mutations on an organization's profile, sites, policy and lifecycle. Thin: input → command. */
@Resolver()
export class OrganizationProfileResolver {
  constructor(
    private readonly runner: CommandRunner,
    private readonly reader: OrganizationReader,
  ) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  async registerOrganization(@CurrentCaller() caller: Caller, @Args('input') input: RegisterOrganizationInput) {
    const g = new InputGuard();
    const commandId = g.optionalId(input.commandId, 'commandId') ?? newId();
    // Without a client id, the id derives from the commandId so that a retry registers once.
    const id = g.optionalId(input.id, 'id') ?? uuidFromName(`${caller.tenantId}:organization:${commandId}`);
    const parent = g.optionalId(input.parentOrganizationId, 'parentOrganizationId');
    if (parent && parent !== id && !this.reader.organization(caller.tenantId, parent)) {
      throw apiError('NOT_FOUND', `Parent organization ${parent} is not registered`, { rule: 'PARENT_ORGANIZATION_NOT_FOUND' });
    }
    const name = g.text(input.name, 'name');
    this.refuseDuplicateName(caller.tenantId, id, name, input.allowDuplicateName === true);
    return this.runner.run(caller, id, {
      type: 'RegisterOrganization',
      data: {
        organizationId: id,
        name,
        role: input.role,
        category: input.category,
        criticality: input.criticality,
        services: g.texts(input.services, 'services'),
        owner: g.optionalText(input.owner, 'owner', LIMITS.name),
        parentOrganizationId: parent,
        inclusionMethod: input.inclusionMethod ?? null,
      },
    }, { ...input, commandId });
  }

  /**
   * A second active organization with the same normalized name in a tenant is nearly always a
   * mistake (registered twice without an id). It needs the other organizations, so it is checked
   * here against the read model, not by the decider of one stream. The read model may lag a
   * registration made a moment ago by another client.
   */
  private refuseDuplicateName(tenantId: string, id: string, name: string, allowed: boolean): void {
    // An id already registered (a retry of this command, or a mistake) is the command path's to answer.
    if (allowed || this.reader.organization(tenantId, id)) return;
    const same = this.reader.activeWithName(tenantId, name).filter((o) => o.id !== id);
    if (same.length === 0) return;
    const first = same[0]!;
    throw apiError(
      'DOMAIN_RULE_VIOLATION',
      `ORGANIZATION_NAME_TAKEN: ${JSON.stringify(first.name)} (${first.id}) is already registered and active; ` +
        'to register another organization with this name deliberately, send allowDuplicateName: true',
      { rule: 'ORGANIZATION_NAME_TAKEN', organizationIds: same.map((o) => o.id) },
    );
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  updateOrganizationProfile(@CurrentCaller() caller: Caller, @Args('input') input: UpdateOrganizationProfileInput) {
    const g = new InputGuard();
    const data = {
      ...(input.name != null && { name: g.text(input.name, 'name') }),
      ...(input.category != null && { category: input.category }),
      ...(input.criticality != null && { criticality: input.criticality }),
      ...(input.services != null && { services: g.texts(input.services, 'services') }),
      ...(input.owner !== undefined && { owner: g.optionalText(input.owner, 'owner', LIMITS.name) }),
    };
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), { type: 'UpdateOrganizationProfile', data }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  registerSite(@CurrentCaller() caller: Caller, @Args('input') input: RegisterSiteInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RegisterSite',
      data: {
        siteId: g.optionalId(input.siteId, 'siteId') ?? assignedId(input.commandId, 'site'),
        name: g.text(input.name, 'name'),
        country: g.text(input.country, 'country', 100),
        city: g.optionalText(input.city, 'city', 100),
      },
    }, input);
  }

  @Allow(ADMINS)
  @Mutation(() => CommandResult)
  setAssurancePolicy(@CurrentCaller() caller: Caller, @Args('input') input: SetAssurancePolicyInput) {
    const g = new InputGuard();
    const optional = <T>(v: T | null | undefined) => (v === null ? undefined : v);
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'SetAssurancePolicy',
      data: {
        requiredFramework: input.requiredFramework ?? null,
        requiredReportType: input.requiredReportType ?? null,
        requiredCriteria: input.requiredCriteria ?? [],
        fiscalYearEnd: optional(input.fiscalYearEnd),
        maxReportAgeMonths: optional(input.maxReportAgeMonths),
        maxBridgeMonths: optional(input.maxBridgeMonths),
        minPeriodMonths: optional(input.minPeriodMonths),
        physicalValidationMonths: optional(input.physicalValidationMonths),
        expiryWarningDays: optional(input.expiryWarningDays),
        minFiscalYearOverlapMonths: optional(input.minFiscalYearOverlapMonths),
        acceptType1Until: input.acceptType1Until ?? null,
        criticalPlanningGraceDays: optional(input.criticalPlanningGraceDays),
        exceptionEvaluationDays: optional(input.exceptionEvaluationDays),
        cuecTestMonths: optional(input.cuecTestMonths),
        requiredPhysicalAreas: optional(input.requiredPhysicalAreas),
        acceptedValidationMethods: optional(input.acceptedValidationMethods),
        requirements: g.list(input.requirements, 'requirements', (r) => ({
          family: r.family ?? null,
          reportType: r.reportType ?? 'TYPE_2',
          criteria: r.criteria ?? [],
        })),
        icfrRelevant: input.icfrRelevant ?? false,
        dataClasses: input.dataClasses ?? [],
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  defineExpectedControls(@CurrentCaller() caller: Caller, @Args('input') input: DefineExpectedControlsInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'DefineExpectedControls',
      data: {
        controls: g.list(input.controls, 'controls', (c, p) => ({
          ref: g.text(c.ref, `${p}.ref`, LIMITS.id),
          description: g.text(c.description, `${p}.description`, LIMITS.text),
          domain: g.text(c.domain, `${p}.domain`),
          risk: c.risk,
        })),
      },
    }, input);
  }

  @Allow(ADMINS)
  @Mutation(() => CommandResult)
  offboardOrganization(@CurrentCaller() caller: Caller, @Args('input') input: OffboardOrganizationInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'OffboardOrganization',
      data: { reason: g.text(input.reason, 'reason', LIMITS.text) },
    }, input);
  }
}
