import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DocumentsResolver } from '../documents/documents.resolver';
import { ReportDraftResolver } from '../documents/report-draft.resolver';
import { CommandRunner } from './commands/command-runner.service';
import { ExceptionsResolver } from './commands/exceptions.resolver';
import { ExecuteOversightCommandHandler } from './commands/execute-oversight-command';
import { OrganizationProfileResolver } from './commands/organization-profile.resolver';
import { RelianceResolver } from './commands/reliance.resolver';
import { ReportsResolver } from './commands/reports.resolver';
import { ServiceAuditorsResolver } from './commands/service-auditors.resolver';
import { GetControlCoverageHandler, ListExceptionsHandler } from './queries/exceptions-coverage.queries';
import { HistoryExceptionsResolver } from './queries/history-exceptions.resolver';
import {
  GetOrganizationHandler,
  GetPortfolioSummaryHandler,
  ListOrganizationsHandler,
} from './queries/organization-read.queries';
import { OrganizationQueriesResolver } from './queries/organization-queries.resolver';
import { OrganizationReader } from './queries/organization.reader';
import { ReadYourWrites } from './queries/read-your-writes.service';
import { GetOversightHistoryHandler } from './queries/oversight-history.query';
import { ServerTimeResolver } from './queries/server-time.resolver';
import { AssuranceReasonVisibilityResolver, AssuranceVisibilityResolver } from './types/assurance-visibility.resolver';
import {
  ProjectionCommittedHandler,
  SubscriptionHub,
  SubscriptionsResolver,
} from './subscriptions/subscriptions.resolver';

const resolvers = [
  OrganizationProfileResolver,
  ReportsResolver,
  ExceptionsResolver,
  RelianceResolver,
  ServiceAuditorsResolver,
  OrganizationQueriesResolver,
  HistoryExceptionsResolver,
  SubscriptionsResolver,
  ServerTimeResolver,
  AssuranceReasonVisibilityResolver,
  AssuranceVisibilityResolver,
  DocumentsResolver,
  ReportDraftResolver,
];
const commandHandlers = [ExecuteOversightCommandHandler];
const queryHandlers = [
  GetOrganizationHandler,
  ListOrganizationsHandler,
  GetPortfolioSummaryHandler,
  ListExceptionsHandler,
  GetControlCoverageHandler,
  GetOversightHistoryHandler,
];
const eventHandlers = [ProjectionCommittedHandler];
const services = [CommandRunner, OrganizationReader, ReadYourWrites, SubscriptionHub];

/** The oversight bounded context's API: one file shows its architecture. */
@Module({
  imports: [CqrsModule],
  providers: [...resolvers, ...commandHandlers, ...queryHandlers, ...eventHandlers, ...services],
})
export class OversightModule {}
