// Proves the reference peer against an independent client: hive-driver (its own Thrift
// stack, SASL and HTTP code) must open sessions, run statements and read results on the
// SASL, NOSASL and HTTP ports, and be refused with a wrong password.
// Run through tests/harness/trib-peers --hs2, which exports TRIB_TEST_HS2_*. TAP output.
'use strict';

const hive = require('hive-driver');
const { TCLIService, TCLIService_types } = hive.thrift;

const env = process.env;
const user = env.TRIB_TEST_HS2_USER;
const password = env.TRIB_TEST_HS2_PASSWORD;
let n = 0;
let failed = 0;

function ok(cond, name, detail) {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else { failed++; console.log(`not ok ${n} - ${name}${detail ? ' # ' + detail : ''}`); }
}

async function connect(port, connection, auth, options) {
  const client = new hive.HiveClient(TCLIService, TCLIService_types);
  client.on('error', () => {});
  await client.connect(Object.assign({ host: '127.0.0.1', port: Number(port) }, options || {}), connection, auth);
  return client;
}

async function roundTrip(name, client) {
  const utils = new hive.HiveUtils(TCLIService_types);
  const session = await client.openSession({
    client_protocol: TCLIService_types.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
    username: user, password,
  });
  const info = await session.getInfo(TCLIService_types.TGetInfoType.CLI_DBMS_NAME);
  ok(info.getValue() === 'Apache Kyuubi', `${name}: GetInfo DBMS name`, JSON.stringify(info.getValue()));
  const op = await session.executeStatement(
    "SELECT 42 AS answer, 'hello' AS greeting, CAST(NULL AS INTEGER) AS nothing, 2.5::DOUBLE AS d -- hive-driver check",
    { runAsync: true });
  await utils.waitUntilReady(op, false, () => {});
  await utils.fetchAll(op);
  const rows = utils.getResult(op).getValue();
  await op.close();
  ok(Array.isArray(rows) && rows.length === 1, `${name}: one row`, JSON.stringify(rows));
  const row = rows[0] || {};
  ok(row.answer === 42 && row.greeting === 'hello' && row.nothing === null && row.d === 2.5,
    `${name}: values and NULL`, JSON.stringify(row));

  const many = await session.executeStatement('SELECT range AS i FROM range(2500)', { runAsync: true });
  await utils.waitUntilReady(many, false, () => {});
  await utils.fetchAll(many);
  const all = utils.getResult(many).getValue();
  await many.close();
  ok(all.length === 2500 && all[2499].i === 2499, `${name}: 2500 rows over several fetches`, String(all.length));

  const bad = await session.executeStatement('SELECT * FROM no_such_table', { runAsync: true });
  let error = null;
  try { await utils.waitUntilReady(bad, false, () => {}); } catch (e) { error = e; }
  ok(error !== null, `${name}: the error is reported`, String(error && error.message));
  await session.close();
}

(async () => {
  console.log('TAP version 13');
  const tcp = () => new hive.connections.TcpConnection();
  await roundTrip('sasl', await connect(env.TRIB_TEST_HS2_SASL_PORT, tcp(),
    new hive.auth.PlainTcpAuthentication({ username: user, password })));
  await roundTrip('nosasl', await connect(env.TRIB_TEST_HS2_NOSASL_PORT, tcp(), new hive.auth.NoSaslAuthentication()));
  await roundTrip('http', await connect(env.TRIB_TEST_HS2_HTTP_PORT, new hive.connections.HttpConnection(),
    new hive.auth.PlainHttpAuthentication({ username: user, password }), { options: { path: '/cliservice' } }));

  let refused = false;
  try {
    const c = await connect(env.TRIB_TEST_HS2_SASL_PORT, tcp(),
      new hive.auth.PlainTcpAuthentication({ username: user, password: password + 'x' }));
    await c.openSession({ client_protocol: 9 });
  } catch (e) {
    refused = true;
  }
  ok(refused, 'sasl: a wrong password is refused');
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.log(`not ok ${n + 1} - unexpected failure # ${e && e.message}`);
  console.log(`1..${n + 1}`);
  process.exit(1);
});
