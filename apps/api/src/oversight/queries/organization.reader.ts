import { Injectable } from '@nestjs/common';
import { OrganizationQueries } from '../../../../../libs/oversight/src/queries/organization.queries';
import { ProjectionService } from '../../infrastructure/projection.service';
import { toOrganizationType } from '../types/organization.mapper';
import type { OrganizationType } from '../types/organization.type';

/** Reads one organization from the read models, with its status brought up to today. */
@Injectable()
export class OrganizationReader {
  constructor(
    private readonly queries: OrganizationQueries,
    private readonly projections: ProjectionService,
  ) {}

  organization(tenantId: string, id: string): OrganizationType | null {
    this.projections.statusClock.catchUp();
    const view = this.queries.status(tenantId, id);
    // The state is parsed only if the query selects a field that needs it (the two rows are
    // written together, so a status row always has its state).
    return view ? toOrganizationType(view, () => this.queries.state(tenantId, id)!) : null;
  }

  /** Active organizations of the tenant with the same normalized name (case, spaces, punctuation ignored). */
  activeWithName(tenantId: string, name: string): Array<{ id: string; name: string }> {
    return this.queries.activeWithName(tenantId, name);
  }
}
