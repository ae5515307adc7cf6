import { Inject } from '@nestjs/common';
import { Args, Field, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { EventStore } from '../../../../../libs/event-store/src/event-store.port';
import type { Clock } from '../../../../../libs/oversight/src/application/clock';
import { newId } from '../../../../../libs/oversight/src/application/ids';
import { ServiceAuditorRegistry } from '../../../../../libs/oversight/src/application/service-auditors';
import { Allow, READERS_OF_DETAIL, RECORDERS } from '../../auth/roles';
import { CurrentCaller, type Caller } from '../../common/caller';
import { InputGuard, LIMITS } from '../../common/input-guard';
import { DateScalar } from '../../graphql/scalars';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { CommandMetaInput } from './command-meta.input';
import { toApiError } from './execute-oversight-command';

@InputType({ description: 'A service auditor firm vetted by this tenant: licence and peer review.' })
export class VetServiceAuditorInput extends CommandMetaInput {
  @Field({ description: 'The firm as named in reports (compared trimmed, case-insensitively).' }) firm!: string;
  @Field({ description: 'Its licence (e.g. state board of accountancy licence number).' }) licence!: string;
  @Field({ description: 'Its latest peer review rating (e.g. PASS).' }) peerReviewRating!: string;
  @Field(() => DateScalar, { description: 'The date of that peer review.' }) peerReviewDate!: string;
}

@Allow(RECORDERS)
@ObjectType({ description: 'What vetServiceAuditor recorded in the tenant-wide service auditor stream.' })
export class ServiceAuditorVetting {
  @Field({ description: 'Revision of the tenant-wide stream (decimal).' }) revision!: string;
  @Field({ description: 'Global position of the event (decimal).' }) position!: string;
  @Field(() => [String]) eventIds!: string[];
  @Field({ description: 'True when this commandId had already been recorded.' }) replayed!: boolean;
}

@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A service auditor firm the tenant vetted.' })
export class VettedServiceAuditor {
  @Field() firm!: string;
  @Field() licence!: string;
  @Field() peerReviewRating!: string;
  @Field(() => DateScalar) peerReviewDate!: string;
  @Field({ description: 'Business time of the vetting.' }) effectiveAt!: string;
}

/** ServiceAuditorVetted (DESIGN §3 v2): tenant-wide, so outside any organization's stream. */
@Resolver()
export class ServiceAuditorsResolver {
  private readonly registry: ServiceAuditorRegistry;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    this.registry = new ServiceAuditorRegistry(store, clock);
  }

  @Allow(RECORDERS)
  @Mutation(() => ServiceAuditorVetting, { description: 'Records that this tenant vetted a service auditor firm (licence, peer review rating and date).' })
  async vetServiceAuditor(@CurrentCaller() caller: Caller, @Args('input') input: VetServiceAuditorInput): Promise<ServiceAuditorVetting> {
    const g = new InputGuard();
    const data = {
      firm: g.text(input.firm, 'firm'),
      licence: g.text(input.licence, 'licence', LIMITS.id),
      peerReviewRating: g.text(input.peerReviewRating, 'peerReviewRating', LIMITS.id),
      peerReviewDate: input.peerReviewDate,
    };
    const env = {
      tenantId: caller.tenantId,
      actor: caller.actor,
      commandId: g.optionalId(input.commandId, 'commandId') ?? newId(),
      effectiveAt: input.effectiveAt ?? undefined,
      expectedRevision: g.revision(input.expectedRevision),
    };
    try {
      const outcome = await this.registry.vet(env, data);
      return { revision: String(outcome.revision), position: String(outcome.position), eventIds: outcome.eventIds, replayed: outcome.replayed };
    } catch (error) {
      throw toApiError(error);
    }
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => [VettedServiceAuditor], { description: 'The service auditor firms this tenant vetted, in the order recorded.' })
  serviceAuditors(@CurrentCaller() caller: Caller): Promise<VettedServiceAuditor[]> {
    return this.registry.vetted(caller.tenantId);
  }
}
