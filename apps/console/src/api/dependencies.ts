import { gql } from '../graphql';

export interface DependencyImpact {
  status: string;
  vendors: Array<{
    vendorId: string;
    vendorName: string;
    vendorStatus: string;
    impactedDays: number;
    inherited: boolean;
    intervals: Array<{ from: string; to: string; days: number; causes: string[]; subserviceStatus: string; inherited: boolean; ongoing: boolean }>;
  }>;
}

export async function fetchDependencyImpact(id: string): Promise<DependencyImpact> {
  const { dependencyImpact } = await gql<{ dependencyImpact: DependencyImpact }>(
    `query Impact($id: ID!) { dependencyImpact(organizationId: $id) { status
      vendors { vendorId vendorName vendorStatus impactedDays inherited
        intervals { from to days causes subserviceStatus inherited ongoing } } } }`,
    { id },
  );
  return dependencyImpact;
}
