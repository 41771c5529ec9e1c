import { openEngine } from './history-engine';
import { measureIngest } from './measure-ingest';
async function main() {
  const e = await openEngine('sqlite', undefined);
  try { console.log(JSON.stringify(await measureIngest(e, 10_000, 5_000, 20))); } finally { await e.close(); }
}
void main();
