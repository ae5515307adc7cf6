import { Controller, Get, Param, Res } from '@nestjs/common';
import type { HttpResponse } from '../console/http-types';
import { GRAPHIQL_ASSETS, graphiqlAssetFile } from './graphiql-assets';
import { GRAPHIQL_START } from './graphiql-page';

/** GraphiQL's files at /graphiql/<name> (development only: the module is not loaded in production). */
@Controller('graphiql')
export class GraphiqlController {
  @Get(':name')
  asset(@Param('name') name: string, @Res() res: HttpResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (name === 'start.js') {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('application/javascript; charset=utf-8').send(GRAPHIQL_START);
      return;
    }
    const file = graphiqlAssetFile(name);
    if (!file) {
      res.status(404).type('text/plain; charset=utf-8').send('Not found\n');
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(GRAPHIQL_ASSETS[name]!.type);
    res.sendFile(file);
  }
}
