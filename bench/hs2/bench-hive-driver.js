// hive-driver fetching the same result from the replay server: binary + SASL PLAIN, the
// rows kept as hive-driver gives them (getResult().getValue()). Prints one JSON line.
'use strict';

const path = require('path');
const hive = require(path.join(__dirname, '..', '..', 'tests', 'peers', 'node_modules', 'hive-driver'));
const { TCLIService, TCLIService_types } = hive.thrift;

(async () => {
  const [port, expected] = process.argv.slice(2).map(Number);
  const client = new hive.HiveClient(TCLIService, TCLIService_types);
  const utils = new hive.HiveUtils(TCLIService_types);
  client.on('error', () => {});
  await client.connect({ host: '127.0.0.1', port }, new hive.connections.TcpConnection(),
    new hive.auth.PlainTcpAuthentication({ username: 'bench', password: 'bench' }));
  const session = await client.openSession({
    client_protocol: TCLIService_types.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
  });
  const start = process.hrtime.bigint();
  const op = await session.executeStatement('SELECT id, name, score, active FROM bench', { runAsync: true });
  op.setMaxRows(10000);
  await utils.waitUntilReady(op, false, () => {});
  await utils.fetchAll(op);
  const rows = utils.getResult(op).getValue();
  const end = process.hrtime.bigint();
  await op.close();
  let checksum = 0;
  for (const r of rows) checksum += r.id;
  await session.close();
  await client.close();
  const seconds = Number(end - start) / 1e9;
  console.log(JSON.stringify({
    client: 'hive-driver', rows: rows.length, columns: Object.keys(rows[0] || {}).length,
    seconds: Number(seconds.toFixed(3)), peak_rss_kb: process.resourceUsage().maxRSS, checksum,
  }));
  process.exit(rows.length === expected ? 0 : 1);
})().catch((e) => { console.error('bench-hive-driver:', e); process.exit(1); });
