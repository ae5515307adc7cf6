import { Module } from '@nestjs/common';
import { GraphiqlController } from './graphiql.controller';

/** The offline GraphiQL IDE's files; AppModule imports it only outside production. */
@Module({ controllers: [GraphiqlController] })
export class GraphiqlModule {}
