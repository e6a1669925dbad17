import { Ctx, Query, Resolver } from 'type-graphql';
import type { PulseContext } from './context';
import { DataQuality, type DataTestKind, type DataTestSeverity, type DataTestStatus } from './data-quality-types';

@Resolver()
export class DataQualityResolver {
  @Query(() => DataQuality, { description: 'The latest results of the data tests (run by `pulse check`); reading them runs nothing.' })
  async dataQuality(@Ctx() context: PulseContext): Promise<DataQuality> {
    const { results, summary, rejects } = await context.dataQuality();
    return {
      summary: { ...summary, total: results.length },
      // The enums' values are the execution layer's strings.
      tests: results.map((r) => ({
        ...r,
        kind: r.kind as DataTestKind,
        severity: r.severity as DataTestSeverity,
        status: r.status as DataTestStatus,
        sample: [...r.sample],
      })),
      rejects: rejects.map((r) => ({ ...r })),
    };
  }
}
