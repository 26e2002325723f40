// Entry point, kept tiny on purpose: Postgres takes longest to start, so its worker is
// created before the rest of the app has even downloaded.
import { EngineClient, browserWorker } from './engine/client';

const postgres = new EngineClient('postgres', (eager) => browserWorker('postgres', eager));
postgres.ensureStarted().catch(() => undefined);

const { startApp } = await import('./app/start');
await startApp({ postgres });
