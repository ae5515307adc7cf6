import { Controller, Get, Param, Res } from '@nestjs/common';
import type { HttpResponse } from './http-types';
import { consoleDir, MISSING_BUNDLE_MESSAGE, resolveConsoleFile } from './console-files';

/** Headers of every console answer: no sniffing, no framing, nothing but this origin. */
function secure(res: HttpResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  );
}

/**
 * The built console (dist/console) at /console: its files, and index.html for every page path
 * (the app routes /console/org/<id> itself). Without a bundle, a plain message says how to
 * build it. Hashed assets are cached for good; index.html never, so a rebuild shows at once.
 */
@Controller('console')
export class ConsoleController {
  private readonly root = consoleDir();

  @Get()
  index(@Res() res: HttpResponse): void {
    this.serve('/', res);
  }

  @Get('*path')
  file(@Param('path') path: string | string[], @Res() res: HttpResponse): void {
    this.serve(Array.isArray(path) ? path.join('/') : path, res);
  }

  private serve(path: string, res: HttpResponse): void {
    secure(res);
    const found = resolveConsoleFile(this.root, path);
    switch (found.kind) {
      case 'missing-bundle':
        res.status(503).type('text/plain; charset=utf-8').send(MISSING_BUNDLE_MESSAGE);
        return;
      case 'not-found':
        res.status(404).type('text/plain; charset=utf-8').send('Not found\n');
        return;
      case 'index':
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(found.path);
        return;
      case 'file':
        res.setHeader('Cache-Control', found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.sendFile(found.path);
        return;
    }
  }
}
