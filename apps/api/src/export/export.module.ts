import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PortfolioExportResolver } from './portfolio-export.resolver';
import { PortfolioRows } from './portfolio-rows.service';

/** Files for people outside the API (issue 18, export): built from the same queries as the API answers. */
@Module({
  imports: [CqrsModule],
  providers: [PortfolioExportResolver, PortfolioRows],
})
export class ExportModule {}
