// fauxqs: one embedded emulator for SQS and S3, persisted (SQLite) in the data folder. Its
// message spy tells the runtime about uploaded objects, which stands in for S3 notifications.
import { mkdirSync } from 'node:fs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';

export async function startObjectAndQueueEmulator(options: { port: number; dataDir: string; region: string }): Promise<FauxqsServer> {
  mkdirSync(options.dataDir, { recursive: true });
  return startFauxqs({
    port: options.port,
    host: 'localhost',
    logger: false,
    defaultRegion: options.region,
    dataDir: options.dataDir,
    messageSpies: { bufferSize: 2000 },
  });
}
