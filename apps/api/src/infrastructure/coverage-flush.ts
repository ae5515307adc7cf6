import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { takeCoverage } from 'node:v8';

/**
 * `npm run test:coverage` measures the running server through NODE_V8_COVERAGE, which Node
 * writes only at a normal exit; the server ends by re-raising SIGTERM. Write it at shutdown.
 */
@Injectable()
export class CoverageFlush implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    if (process.env.NODE_V8_COVERAGE) takeCoverage();
  }
}
