import { Inject } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Caller } from '../common/caller';
import type { AppConfig } from '../config/app-config';
import { apiError } from '../graphql/errors';
import { ReadModelRebuilder, type RebuildProgress } from '../infrastructure/read-model-rebuild';
import { APP_CONFIG } from '../infrastructure/tokens';

/** What a caller sees of a rebuild: a tenant gets no counts, which are every tenant's events. */
export type RebuildView = Omit<RebuildProgress, 'processed' | 'total' | 'eventsPerSecond'> & {
  processed: number | null;
  total: number | null;
  eventsPerSecond: number | null;
};

function viewFor(caller: Caller, p: RebuildProgress): RebuildView {
  return caller.operator ? p : { ...p, processed: null, total: null, eventsPerSecond: null };
}

/**
 * Rebuilds every read model from position zero, behind the live one. The read models hold every
 * tenant's data: an operator action (`npm run rebuild-projections`), not a tenant role's, unless
 * the operator lets tenant ADMINs do it (ALLOW_TENANT_REBUILD=true).
 */
export class RebuildReadModels extends Command<RebuildView> {
  constructor(readonly caller: Caller) {
    super();
  }
}

export class GetReadModelRebuild extends Query<RebuildView> {
  constructor(readonly caller: Caller) {
    super();
  }
}

@CommandHandler(RebuildReadModels)
export class RebuildReadModelsHandler implements ICommandHandler<RebuildReadModels> {
  constructor(
    private readonly rebuilder: ReadModelRebuilder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller }: RebuildReadModels): Promise<RebuildView> {
    if (!caller.operator && !this.config.allowTenantRebuild) {
      throw apiError('FORBIDDEN', "Rebuilding every tenant's read models is an operator action: npm run rebuild-projections with an operator token");
    }
    return viewFor(caller, this.rebuilder.start());
  }
}

@QueryHandler(GetReadModelRebuild)
export class GetReadModelRebuildHandler implements IQueryHandler<GetReadModelRebuild> {
  constructor(private readonly rebuilder: ReadModelRebuilder) {}
  async execute({ caller }: GetReadModelRebuild): Promise<RebuildView> {
    return viewFor(caller, this.rebuilder.status());
  }
}
