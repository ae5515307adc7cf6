import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { AS_OF, KNOWN_AT } from '../oversight/queries/organization-queries.resolver';
import { OrganizationFilterInput, organizationCriteria } from '../oversight/queries/query.args';
import { portfolioCsv, portfolioXlsx } from './portfolio-files.writer';
import { ExportFile, ExportFormat, FileEncoding } from './portfolio-export.type';
import { PortfolioRows } from './portfolio-rows.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `portfolioExport`: the `organizations` answer (same filter, same clocks) as one spreadsheet file. */
@Resolver()
export class PortfolioExportResolver {
  constructor(private readonly portfolio: PortfolioRows) {}

  // Reasons, reports and exceptions are detail: the same readers as organization detail.
  @Allow(READERS_OF_DETAIL)
  @Query(() => ExportFile, {
    description: 'Every organization matching the filter with status, since, reasons, current report, coverage end, expiry, open exceptions and overdue remediation, as a CSV or XLSX file.',
  })
  async portfolioExport(
    @CurrentCaller() caller: Caller,
    @Args('format', { type: () => ExportFormat, description: 'CSV or XLSX.' }) format: ExportFormat,
    @Args('filter', { nullable: true, description: 'The filter of `organizations`.' }) filter?: OrganizationFilterInput,
    @Args('asOf', AS_OF) asOf?: string | null,
    @Args('knownAt', KNOWN_AT) knownAt?: string | null,
  ): Promise<ExportFile> {
    const { rows, moment } = await this.portfolio.rows(caller.tenantId, organizationCriteria(filter), asOf ?? null, knownAt ?? null);
    const base = `portfolio-${moment.asOf.slice(0, 10)}`;
    const common = { rowCount: rows.length, asOf: moment.asOf, knownAt: moment.knownAt };
    if (format === ExportFormat.CSV) {
      return { ...common, filename: `${base}.csv`, mediaType: 'text/csv; charset=utf-8', encoding: FileEncoding.UTF8, content: portfolioCsv(rows) };
    }
    const bytes = await portfolioXlsx(rows, moment);
    return { ...common, filename: `${base}.xlsx`, mediaType: XLSX_TYPE, encoding: FileEncoding.BASE64, content: bytes.toString('base64') };
  }
}
