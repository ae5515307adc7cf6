import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModelRebuilder, type RebuildProgress } from '../infrastructure/read-model-rebuild';

/** Rebuilds every read model from position zero, behind the live one (ADMIN). */
export class RebuildReadModels extends Command<RebuildProgress> {}

export class GetReadModelRebuild extends Query<RebuildProgress> {}

@CommandHandler(RebuildReadModels)
export class RebuildReadModelsHandler implements ICommandHandler<RebuildReadModels> {
  constructor(private readonly rebuilder: ReadModelRebuilder) {}
  async execute(): Promise<RebuildProgress> {
    return this.rebuilder.start();
  }
}

@QueryHandler(GetReadModelRebuild)
export class GetReadModelRebuildHandler implements IQueryHandler<GetReadModelRebuild> {
  constructor(private readonly rebuilder: ReadModelRebuilder) {}
  async execute(): Promise<RebuildProgress> {
    return this.rebuilder.status();
  }
}
