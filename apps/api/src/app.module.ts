import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AuthModule } from './auth/auth.module';
import { Authenticator } from './auth/authenticator';
import './graphql/enums';
import { AuditModule } from './audit/audit.module';
import { loadConfig, type AppConfig } from './config/app-config';
import { ConsoleModule } from './console/console.module';
import { DocumentsModule } from './documents/documents.module';
import { ExportModule } from './export/export.module';
import { GraphiqlModule } from './graphiql/graphiql.module';
import { graphqlOptions } from './graphql/graphql.options';
import { RefusalLogFilter } from './graphql/refusal-log.filter';
import { HealthController } from './health/health.controller';
import { CoverageFlush } from './infrastructure/coverage-flush';
import { PersistenceModule } from './infrastructure/persistence.module';
import { APP_CONFIG } from './infrastructure/tokens';
import { OversightModule } from './oversight/oversight.module';
import { ReplayModule } from './replay/replay.module';

/** The composition root. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // The configuration validated at start (env.schema.ts), for providers that read ConfigService.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] }),
        CqrsModule.forRoot(),
        AuthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Authenticator],
          useFactory: (auth: Authenticator) => graphqlOptions(config, auth),
        }),
        PersistenceModule,
        DocumentsModule,
        OversightModule,
        ConsoleModule,
        ReplayModule,
        AuditModule,
        ExportModule,
        ...(config.production ? [] : [GraphiqlModule]),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_FILTER, useClass: RefusalLogFilter }, CoverageFlush],
      exports: [APP_CONFIG],
    };
  }
}
