import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../support/dashboard-process';

/** Source files by path, relative to the tree's root. */
export type SourceTree = Record<string, string>;

/**
 * A small repository laid out as docs/architecture.md describes, which breaks no layering rule:
 * three capabilities (fleet, catalog, history), platform/, the console, the agent and the libs.
 * Every import below is one the rules allow.
 */
export const CLEAN_TREE: SourceTree = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      baseUrl: '.',
      paths: {
        '@sss/contracts': ['libs/contracts/src/index.ts'],
        '@sss/contracts/constants': ['libs/contracts/src/constants.ts'],
        '@sss/log': ['libs/log/src/index.ts'],
      },
    },
  }),
  'libs/contracts/src/constants.ts': `export const REPORT_PATH = '/ws-report';\n`,
  'libs/contracts/src/index.ts': `import 'reflect-metadata';\nexport { IsString } from 'class-validator';\nexport { plainToInstance } from 'class-transformer';\nexport * from './constants';\n`,
  'libs/log/src/index.ts': `export const log = (line: string): void => console.log(line);\n`,

  'apps/dashboard/src/main.ts': `import { AppModule } from './app.module';\nexport const app = AppModule;\n`,
  'apps/dashboard/src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { PlatformModule } from './platform/platform.module';\nimport { FleetModule } from './fleet';\nimport { CatalogModule } from './catalog/index';\nimport { HistoryModule } from './history';\n@Module({ imports: [PlatformModule, FleetModule, CatalogModule, HistoryModule] })\nexport class AppModule {}\n`,
  'apps/dashboard/src/platform/platform.module.ts': `import { Module } from '@nestjs/common';\nimport { readFileSync } from 'node:fs';\nimport { ServerRegistry } from '../fleet/domain/server-registry';\nexport const touch = [readFileSync, ServerRegistry];\n@Module({})\nexport class PlatformModule {}\n`,

  'apps/dashboard/src/fleet/domain/server-state.ts': `export interface ServerState { id: string; online: boolean }\n`,
  'apps/dashboard/src/fleet/domain/server-registry.ts': `import { Subject } from 'rxjs';\nimport { REPORT_PATH } from '@sss/contracts/constants';\nimport type { IsString } from '@sss/contracts';\nimport type { ServerState } from './server-state';\nexport class ServerRegistry { readonly changes$ = new Subject<ServerState>(); readonly path = REPORT_PATH; validator?: typeof IsString }\n`,
  // Unit tests may use Node beside the code they test.
  'apps/dashboard/src/fleet/domain/server-registry.spec.ts': `import { readFileSync } from 'node:fs';\nimport { ServerRegistry } from './server-registry';\nexport const used = [readFileSync, ServerRegistry];\n`,
  'apps/dashboard/src/fleet/application/ports/report-store.port.ts': `export interface ReportStore { save(id: string): void }\nexport const REPORT_STORE = Symbol('ReportStore');\n`,
  'apps/dashboard/src/fleet/application/report-intake.ts': `import { map } from 'rxjs';\nimport { log } from '@sss/log';\nimport { ServerRegistry } from '../domain/server-registry';\nimport type { ReportStore } from './ports/report-store.port';\nimport { SERVER_CATALOG } from '../../catalog';\nexport class ReportIntake { constructor(readonly registry: ServerRegistry, readonly store: ReportStore) { log(String(SERVER_CATALOG)); map(String); } }\n`,
  'apps/dashboard/src/fleet/adapters/inbound/ws/report.gateway.ts': `import { WebSocketGateway } from '@nestjs/websockets';\nimport { WebSocket } from 'ws';\nimport { ReportIntake } from '../../../application/report-intake';\nimport { PlatformModule } from '../../../../platform/platform.module';\n@WebSocketGateway()\nexport class ReportGateway { constructor(readonly intake: ReportIntake) {} socket?: WebSocket; platform = PlatformModule }\n`,
  'apps/dashboard/src/fleet/adapters/inbound/http/servers.controller.ts': `import { Controller } from '@nestjs/common';\nimport { ServerRegistry } from '../../../domain/server-registry';\n@Controller('api/servers')\nexport class ServersController { constructor(readonly registry: ServerRegistry) {} }\n`,
  'apps/dashboard/src/fleet/adapters/inbound/timers/offline-sweep.timer.ts': `import { ReportIntake } from '../../../application/report-intake';\nexport class OfflineSweepTimer { constructor(readonly intake: ReportIntake) {} }\n`,
  'apps/dashboard/src/fleet/adapters/outbound/memory/memory-report.store.ts': `import type { ReportStore } from '../../../application/ports/report-store.port';\nexport class MemoryReportStore implements ReportStore { save(): void {} }\n`,
  'apps/dashboard/src/fleet/fleet.module.ts': `import { Module } from '@nestjs/common';\nimport { CatalogModule } from '../catalog';\nimport { ReportGateway } from './adapters/inbound/ws/report.gateway';\nimport { ServersController } from './adapters/inbound/http/servers.controller';\nimport { OfflineSweepTimer } from './adapters/inbound/timers/offline-sweep.timer';\nimport { MemoryReportStore } from './adapters/outbound/memory/memory-report.store';\n@Module({ imports: [CatalogModule], controllers: [ServersController], providers: [ReportGateway, OfflineSweepTimer, MemoryReportStore] })\nexport class FleetModule {}\n`,
  'apps/dashboard/src/fleet/index.ts': `export { FleetModule } from './fleet.module';\n`,

  'apps/dashboard/src/catalog/domain/server-entry.ts': `export interface ServerEntry { id: string }\n`,
  'apps/dashboard/src/catalog/application/ports/server-catalog.port.ts': `import type { ServerEntry } from '../../domain/server-entry';\nexport interface ServerCatalog { find(id: string): ServerEntry | undefined }\nexport const SERVER_CATALOG = Symbol('ServerCatalog');\n`,
  'apps/dashboard/src/catalog/adapters/outbound/config/config-server-catalog.ts': `import type { ServerCatalog } from '../../../application/ports/server-catalog.port';\nexport class ConfigServerCatalog implements ServerCatalog { find(): undefined { return undefined; } }\n`,
  'apps/dashboard/src/catalog/catalog.module.ts': `import { Module } from '@nestjs/common';\nimport { ConfigServerCatalog } from './adapters/outbound/config/config-server-catalog';\n@Module({ providers: [ConfigServerCatalog] })\nexport class CatalogModule {}\n`,
  'apps/dashboard/src/catalog/index.ts': `export { CatalogModule } from './catalog.module';\nexport { SERVER_CATALOG, type ServerCatalog } from './application/ports/server-catalog.port';\n`,

  'apps/dashboard/src/history/domain/sample.ts': `export interface Sample { at: number }\n`,
  'apps/dashboard/src/history/history.module.ts': `import { Module } from '@nestjs/common';\n@Module({})\nexport class HistoryModule {}\n`,
  'apps/dashboard/src/history/index.ts': `export { HistoryModule } from './history.module';\nexport type { Sample } from './domain/sample';\n`,

  'apps/web/src/app/board.component.ts': `import { Component } from '@angular/core';\nimport { REPORT_PATH } from '@sss/contracts/constants';\n@Component({ selector: 'sss-board', template: '' })\nexport class BoardComponent { path = REPORT_PATH }\n`,
  'apps/agent/src/main.ts': `import { WebSocket } from 'ws';\nimport { IsString } from '@sss/contracts';\nimport { log } from '@sss/log';\nexport const used = [WebSocket, IsString, log];\n`,
};

/** A file that makes one deliberate violation, and the rules that must report it. */
export interface Violation {
  file: string;
  imports: string;
  rules: string[];
}

const D = 'apps/dashboard/src';

/** At least one deliberate violation of each rule in .dependency-cruiser.cjs. */
export const VIOLATIONS: Violation[] = [
  { file: `${D}/fleet/domain/uses-nest.ts`, imports: '@nestjs/common', rules: ['domain-imports-only-rxjs-and-contracts'] },
  { file: `${D}/fleet/domain/uses-node.ts`, imports: 'node:fs', rules: ['domain-imports-only-rxjs-and-contracts'] },
  { file: `${D}/fleet/domain/uses-ws.ts`, imports: 'ws', rules: ['domain-imports-only-rxjs-and-contracts'] },
  { file: `${D}/fleet/domain/uses-log.ts`, imports: '@sss/log', rules: ['domain-imports-only-rxjs-and-contracts'] },
  {
    file: `${D}/fleet/domain/uses-application.ts`,
    imports: '../application/report-intake',
    rules: ['domain-imports-only-rxjs-and-contracts'],
  },
  {
    file: `${D}/catalog/domain/uses-fleet-domain.ts`,
    imports: '../../fleet/domain/server-state',
    rules: ['domain-imports-only-rxjs-and-contracts', 'capability-only-through-index'],
  },
  {
    file: `${D}/fleet/application/uses-adapter.ts`,
    imports: '../adapters/outbound/memory/memory-report.store',
    rules: ['application-imports-only-domain-ports-and-public-apis'],
  },
  {
    file: `${D}/fleet/application/uses-platform.ts`,
    imports: '../../platform/platform.module',
    rules: ['application-imports-only-domain-ports-and-public-apis'],
  },
  {
    file: `${D}/fleet/application/uses-nest.ts`,
    imports: '@nestjs/common',
    rules: ['application-imports-only-domain-ports-and-public-apis'],
  },
  { file: `${D}/fleet/application/uses-node.ts`, imports: 'node:crypto', rules: ['application-imports-only-domain-ports-and-public-apis'] },
  {
    // A capability that did not exist when the rules were written is covered all the same.
    file: `${D}/history/application/uses-fleet-domain.ts`,
    imports: '../../fleet/domain/server-registry',
    rules: ['application-imports-only-domain-ports-and-public-apis', 'capability-only-through-index'],
  },
  {
    file: `${D}/fleet/adapters/inbound/http/uses-outbound.ts`,
    imports: '../../outbound/memory/memory-report.store',
    rules: ['inbound-adapters-not-to-outbound'],
  },
  {
    file: `${D}/fleet/adapters/outbound/memory/uses-inbound.ts`,
    imports: '../../inbound/ws/report.gateway',
    rules: ['outbound-adapters-not-to-inbound'],
  },
  {
    file: `${D}/catalog/adapters/outbound/config/uses-fleet-internals.ts`,
    imports: '../../../../fleet/fleet.module',
    rules: ['capability-only-through-index'],
  },
  { file: 'libs/contracts/src/uses-log.ts', imports: '@sss/log', rules: ['contracts-import-nothing-app-specific'] },
  { file: 'libs/contracts/src/uses-node.ts', imports: 'node:fs', rules: ['contracts-import-nothing-app-specific'] },
  {
    file: 'apps/web/src/app/uses-contracts.ts',
    imports: '@sss/contracts',
    rules: ['console-contracts-constants-only', 'console-never-reaches-class-validator'],
  },
  { file: 'apps/web/src/app/uses-class-validator.ts', imports: 'class-validator', rules: ['console-never-reaches-class-validator'] },
  { file: 'apps/web/src/app/uses-class-transformer.ts', imports: 'class-transformer', rules: ['console-never-reaches-class-validator'] },
  { file: 'apps/agent/src/uses-nest.ts', imports: '@nestjs/common', rules: ['agent-without-nest'] },
  { file: 'apps/agent/src/uses-dashboard.ts', imports: `../../dashboard/src/fleet/domain/server-state`, rules: ['apps-independent'] },
];

/** Two domain files that import each other: each edge of the cycle is reported. */
export const CYCLE: SourceTree = {
  [`${D}/fleet/domain/cycle-a.ts`]: `import { b } from './cycle-b';\nexport const a = () => b;\n`,
  [`${D}/fleet/domain/cycle-b.ts`]: `import { a } from './cycle-a';\nexport const b = () => a;\n`,
};

/** Each violation as a source file: one import, used so that no compiler would drop it. */
export function violationSources(violations: Violation[]): SourceTree {
  return Object.fromEntries(violations.map((v) => [v.file, `import * as imported from '${v.imports}';\nexport const used = imported;\n`]));
}

/** Writes the tree to a fresh temporary directory whose node_modules is this repository's. */
export function writeTree(tree: SourceTree): string {
  const root = mkdtempSync(join(tmpdir(), 'sss-layering-'));
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}
