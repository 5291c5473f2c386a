// A HiveServer2 / Kyuubi server for Tributary's tests: Apache Thrift's Node library serving
// the TCLIService code generated from Hive's IDL (shipped in the npm package hive-driver),
// answering SQL with DuckDB. See README.md for the transports and the test hooks.
//
// Configuration comes from the environment, so that no secret is on a command line:
//   TRIB_HS2_USER, TRIB_HS2_PASSWORD   the only credentials accepted (SASL PLAIN, HTTP Basic)
//   TRIB_HS2_STATE_DIR                 where statements.jsonl is written
//   TRIB_HS2_TLS_CERT, TRIB_HS2_TLS_KEY  PEM files: enables the sasl_tls and https ports
//   TRIB_HS2_SASL_PORT                 fixed port for binary+SASL (0 or unset: any free port)
// Prints one JSON line with the ports once every server listens.
'use strict';

const fs = require('fs');
const net = require('net');
const tls = require('tls');
const http = require('http');
const https = require('https');
const path = require('path');
const crypto = require('crypto');

const thrift = require('thrift');
const Int64 = require('node-int64');
const TCLIService = require('hive-driver/thrift/gen-nodejs/TCLIService');
const T = require('hive-driver/thrift/gen-nodejs/TCLIService_types');
const { DuckDBInstance } = require('@duckdb/node-api');
const { mapType, toColumns, toRows } = require('./types');

const env = process.env;
const USER = env.TRIB_HS2_USER || 'trib';
const PASSWORD = env.TRIB_HS2_PASSWORD || '';
const STATE_DIR = env.TRIB_HS2_STATE_DIR || process.cwd();
const STATEMENTS = path.join(STATE_DIR, 'statements.jsonl');
const SERVER_MAX_PROTOCOL = 9; // V10

const log = (...a) => { if (env.TRIB_HS2_VERBOSE) console.error('hs2 peer:', ...a); };

function record(entry) {
  entry.time = new Date().toISOString();
  fs.appendFileSync(STATEMENTS, JSON.stringify(entry) + '\n');
}

function num(x) {
  if (x === null || x === undefined) return 0;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x.toNumber === 'function') return x.toNumber();
  return Number(x);
}

function i64(n) {
  const u = BigInt.asUintN(64, BigInt(n));
  return new Int64(Number(u >> 32n), Number(u & 0xffffffffn));
}

const OK = () => new T.TStatus({ statusCode: T.TStatusCode.SUCCESS_STATUS });
function errorStatus(message, sqlState, code, statusCode) {
  return new T.TStatus({
    statusCode: statusCode === undefined ? T.TStatusCode.ERROR_STATUS : statusCode,
    errorMessage: message, sqlState: sqlState || 'HY000', errorCode: code || 0,
    infoMessages: ['*' + message],
  });
}

function newHandleId() {
  return new T.THandleIdentifier({ guid: crypto.randomBytes(16), secret: crypto.randomBytes(16) });
}
const key = (h) => h && h.guid ? Buffer.from(h.guid).toString('hex') : '';

// State

let db;
const sessions = new Map();    // guid hex -> session
const operations = new Map();  // guid hex -> operation
let cookieSecret = crypto.randomBytes(16).toString('hex');
let currentSocket = null;      // the connection of the call being handled

// Markers in a statement's comments drive the deterministic test behaviours (README.md).
function markers(sql) {
  const m = {};
  const re = /trib:([a-z-]+)(?:=([^\s*]+))?/g;
  let r;
  while ((r = re.exec(sql)) !== null) m[r[1]] = r[2] === undefined ? true : r[2];
  return m;
}

function duckError(e) {
  const msg = String(e && e.message || e);
  if (/^Catalog Error/.test(msg)) return { sqlState: '42S02', code: 10001, message: msg };
  if (/^Parser Error/.test(msg)) return { sqlState: '42000', code: 40000, message: msg };
  if (/^Binder Error/.test(msg)) return { sqlState: '42000', code: 10004, message: msg };
  if (/^Conversion Error/.test(msg)) return { sqlState: '22018', code: 10000, message: msg };
  return { sqlState: 'HY000', code: 10000, message: msg };
}

// Statements DuckDB cannot run are recorded and answered as Kyuubi would (README.md).
const RECORD_ONLY = [
  /^\s*CREATE\s+(EXTERNAL\s+)?TABLE\b[\s\S]*\b(LOCATION|PARTITIONED\s+BY|STORED\s+AS|ROW\s+FORMAT)\b/i,
  /^\s*ALTER\s+TABLE\s+[\s\S]*\b(ADD|DROP)\s+(IF\s+(NOT\s+)?EXISTS\s+)?PARTITION\b/i,
  /^\s*MSCK\s+REPAIR\b/i,
  /^\s*(ANALYZE|REFRESH|CACHE|UNCACHE|ADD\s+(JAR|FILE))\b/i,
];

// With TRIB_HS2_OSS_ROOT (the S3 peer's folder), the tutorial's external tables over
// oss://BUCKET/PATH/ are served as Spark serves them: CREATE EXTERNAL TABLE makes a table of
// STRING columns plus dt, and ADD PARTITION ... LOCATION loads the text files found there
// (split on FIELDS TERMINATED BY, else one column per line), so a SELECT reads the synced rows.
const OSS_ROOT = env.TRIB_HS2_OSS_ROOT || '';
const externals = new Map();

function filesUnder(dir) {
  let out = [];
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { return out; }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(filesUnder(full));
    else if (e.name.endsWith('._S3rver_object')) out.push(full);
  }
  return out;
}

async function emulateExternalTable(session, bare) {
  if (!OSS_ROOT) return false;
  let m = /^\s*CREATE\s+EXTERNAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z0-9_]+)\s*\(([\s\S]*?)\)\s*PARTITIONED\s+BY/i.exec(bare);
  if (m) {
    const cols = [...m[2].matchAll(/`?([A-Za-z0-9_]+)`?\s+STRING/gi)].map((x) => x[1]);
    const d = /TERMINATED\s*BY\s*'([^']*)'/i.exec(bare);
    externals.set(m[1].toLowerCase(), { cols, delimiter: d ? d[1] : null });
    await session.conn.run(`CREATE TABLE IF NOT EXISTS "${m[1]}" (${cols.map((c) => `"${c}" VARCHAR`).join(', ')}, dt VARCHAR)`);
    return true;
  }
  m = /^\s*ALTER\s+TABLE\s+([A-Za-z0-9_]+)\s+ADD\s+(?:IF\s+NOT\s+EXISTS\s+)?PARTITION\s*\(\s*dt\s*=\s*'([^']*)'\s*\)\s*LOCATION\s*'oss:\/\/([^/']+)\/([^']*)'/i.exec(bare);
  const table = m && externals.get(m[1].toLowerCase());
  if (!table) return false;
  await session.conn.run(`DELETE FROM "${m[1]}" WHERE dt = ${lit(m[2])}`);
  const rows = [];
  for (const file of filesUnder(path.join(OSS_ROOT, m[3], m[4]))) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      const fields = table.delimiter === null ? [line] : line.split(table.delimiter);
      const values = table.cols.map((c, i) => (i < fields.length ? lit(fields[i]) : 'NULL'));
      rows.push(`(${values.join(', ')}, ${lit(m[2])})`);
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await session.conn.run(`INSERT INTO "${m[1]}" VALUES ${rows.slice(i, i + 500).join(', ')}`);
  }
  return true;
}

function stripComments(sql) {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ').trim();
}

function newOperation(session, type, statement) {
  const handle = new T.TOperationHandle({
    operationId: newHandleId(), operationType: type, hasResultSet: true,
  });
  const op = {
    handle, session, statement, type, state: T.TOperationState.INITIALIZED_STATE,
    logs: [], logPos: 0, fetchPos: 0, fetches: 0, columns: null, schema: [], nRows: 0,
    hasResultSet: true, started: Date.now(), completed: 0, progress: 0, m: {},
  };
  operations.set(key(handle.operationId), op);
  return op;
}

function finishWith(op, schema, columns, nRows) {
  if (op.state === T.TOperationState.CANCELED_STATE || op.state === T.TOperationState.CLOSED_STATE) return;
  op.schema = schema; op.columns = columns; op.nRows = nRows;
  op.state = T.TOperationState.FINISHED_STATE; op.completed = Date.now(); op.progress = 1;
  op.logs.push(`INFO  : Statement finished: ${nRows} rows`);
}

function failWith(op, err) {
  if (op.state === T.TOperationState.CANCELED_STATE) return;
  op.error = err; op.state = T.TOperationState.ERROR_STATE; op.completed = Date.now();
  op.logs.push(`ERROR : ${err.message}`);
}

async function runSql(op) {
  const session = op.session;
  const sql = op.statement;
  const bare = stripComments(sql);
  op.state = T.TOperationState.RUNNING_STATE;
  if (op.m.error) {
    const [sqlState, code, ...rest] = String(op.m.error).split(':');
    return failWith(op, { sqlState, code: Number(code) || 0, message: rest.join(':').replace(/_/g, ' ') || 'error' });
  }
  if (RECORD_ONLY.some((re) => re.test(bare))) {
    op.logs.push('INFO  : recorded by the test peer (not executed by DuckDB)');
    try {
      if (await emulateExternalTable(session, bare)) op.logs.push('INFO  : external table served from the S3 peer\'s files');
    } catch (e) {
      return failWith(op, duckError(e));
    }
    op.hasResultSet = false;
    return finishWith(op, [], [], 0);
  }
  const set = /^\s*SET\s+([^=\s]+)\s*=\s*(.*?)\s*;?\s*$/is.exec(bare);
  if (set) {
    session.conf[set[1]] = set[2];
    return finishWith(op, [{ name: 'key', t: mapType({ typeId: 17 }) }, { name: 'value', t: mapType({ typeId: 17 }) }],
      [['key', [set[1]]], ['value', [set[2]]]].map(([, v]) => v), 1);
  }
  const use = /^\s*USE\s+`?([A-Za-z0-9_]+)`?\s*;?\s*$/i.exec(bare);
  const text = use ? `USE "${use[1]}"` : bare.replace(/`/g, '"');
  try {
    op.conn = session.conn;
    const result = await session.conn.run(text);
    const names = result.columnNames();
    const types = result.columnTypes();
    const cols = names.length ? await result.getColumns() : [];
    const schema = names.map((name, i) => ({ name, t: mapType(types[i]) }));
    op.hasResultSet = names.length > 0 && !/^\s*(CREATE|DROP|INSERT|UPDATE|DELETE|USE|ALTER)\b/i.test(bare);
    if (!op.hasResultSet) return finishWith(op, [], [], 0);
    finishWith(op, schema, cols, cols.length ? cols[0].length : 0);
  } catch (e) {
    failWith(op, duckError(e));
  }
}

function startStatement(op) {
  const m = op.m;
  const slow = m.slow ? Number(m.slow) * 1000 : 0;
  if (m.log) for (let i = 1; i <= Number(m.log); i++) op.logs.push(`INFO  : log line ${i} of ${m.log}`);
  if (!slow) { runSql(op); return; }
  // PENDING for the first third, then RUNNING with progress, then the SQL.
  op.state = T.TOperationState.PENDING_STATE;
  op.logs.push('INFO  : Pending: waiting for resources');
  const t0 = Date.now();
  const tick = setInterval(() => {
    if (op.state === T.TOperationState.CANCELED_STATE || op.state === T.TOperationState.CLOSED_STATE) {
      clearInterval(tick); return;
    }
    const f = (Date.now() - t0) / slow;
    if (f >= 1) { clearInterval(tick); runSql(op); return; }
    if (f > 1 / 3 && op.state === T.TOperationState.PENDING_STATE) {
      op.state = T.TOperationState.RUNNING_STATE;
      op.logs.push('INFO  : Running: stage 1 started');
    }
    op.progress = f;
  }, 50);
}

// Metadata calls answered from DuckDB's information_schema, with JDBC column names.
function lit(s) { return "'" + String(s).replace(/'/g, "''") + "'"; }
function like(col, pattern) {
  if (pattern === null || pattern === undefined || pattern === '' || pattern === '*' || pattern === '%') return 'TRUE';
  return `${col} LIKE ${lit(String(pattern).replace(/\*/g, '%'))}`;
}

const JDBC_TYPES = `CASE data_type WHEN 'BOOLEAN' THEN 16 WHEN 'TINYINT' THEN -6 WHEN 'SMALLINT' THEN 5
  WHEN 'INTEGER' THEN 4 WHEN 'BIGINT' THEN -5 WHEN 'FLOAT' THEN 6 WHEN 'DOUBLE' THEN 8 WHEN 'VARCHAR' THEN 12
  WHEN 'DATE' THEN 91 WHEN 'TIMESTAMP' THEN 93 WHEN 'BLOB' THEN -2 ELSE
  CASE WHEN data_type LIKE 'DECIMAL%' THEN 3 ELSE 1111 END END`;

function metadataSql(kind, req) {
  switch (kind) {
    case 'catalogs':
      return `SELECT DISTINCT catalog_name AS TABLE_CAT FROM information_schema.schemata ORDER BY 1`;
    case 'schemas':
      return `SELECT schema_name AS TABLE_SCHEM, catalog_name AS TABLE_CATALOG FROM information_schema.schemata
        WHERE catalog_name = current_database() AND ${like('schema_name', req.schemaName)} ORDER BY 1`;
    case 'tables':
      return `SELECT table_catalog AS TABLE_CAT, table_schema AS TABLE_SCHEM, table_name AS TABLE_NAME,
        CASE table_type WHEN 'BASE TABLE' THEN 'TABLE' ELSE table_type END AS TABLE_TYPE, '' AS REMARKS,
        NULL::VARCHAR AS TYPE_CAT, NULL::VARCHAR AS TYPE_SCHEM, NULL::VARCHAR AS TYPE_NAME,
        NULL::VARCHAR AS SELF_REFERENCING_COL_NAME, NULL::VARCHAR AS REF_GENERATION
        FROM information_schema.tables WHERE table_catalog = current_database()
        AND ${like('table_schema', req.schemaName)} AND ${like('table_name', req.tableName)} ORDER BY 2, 3`;
    case 'columns':
      return `SELECT table_catalog AS TABLE_CAT, table_schema AS TABLE_SCHEM, table_name AS TABLE_NAME,
        column_name AS COLUMN_NAME, (${JDBC_TYPES})::INTEGER AS DATA_TYPE, data_type AS TYPE_NAME,
        numeric_precision AS COLUMN_SIZE, NULL::INTEGER AS BUFFER_LENGTH, numeric_scale AS DECIMAL_DIGITS,
        10 AS NUM_PREC_RADIX, CASE is_nullable WHEN 'YES' THEN 1 ELSE 0 END AS NULLABLE, '' AS REMARKS,
        column_default AS COLUMN_DEF, NULL::INTEGER AS SQL_DATA_TYPE, NULL::INTEGER AS SQL_DATETIME_SUB,
        NULL::INTEGER AS CHAR_OCTET_LENGTH, ordinal_position AS ORDINAL_POSITION, is_nullable AS IS_NULLABLE,
        NULL::VARCHAR AS SCOPE_CATALOG, NULL::VARCHAR AS SCOPE_SCHEMA, NULL::VARCHAR AS SCOPE_TABLE,
        NULL::SMALLINT AS SOURCE_DATA_TYPE, 'NO' AS IS_AUTO_INCREMENT
        FROM information_schema.columns WHERE table_catalog = current_database()
        AND ${like('table_schema', req.schemaName)} AND ${like('table_name', req.tableName)}
        AND ${like('column_name', req.columnName)} ORDER BY 2, 3, ordinal_position`;
    case 'typeinfo':
    default:
      return `SELECT * FROM (VALUES ('BOOLEAN', 16, 1), ('TINYINT', -6, 3), ('SMALLINT', 5, 5), ('INT', 4, 10),
        ('BIGINT', -5, 19), ('FLOAT', 6, 7), ('DOUBLE', 8, 15), ('STRING', 12, NULL), ('BINARY', -2, NULL),
        ('DECIMAL', 3, 38), ('DATE', 91, NULL), ('TIMESTAMP', 93, NULL))
        AS t(TYPE_NAME, DATA_TYPE, "PRECISION")`;
  }
}

// The engine launch operation of Kyuubi (hs2-protocol.md §3.6), when asked for with
// trib.test.engine.launch.ms in the session configuration.
function launchEngine(session, ms) {
  const op = newOperation(session, T.TOperationType.UNKNOWN, 'LaunchEngine');
  op.hasResultSet = true;
  op.state = T.TOperationState.PENDING_STATE;
  op.logs.push('INFO  : Launching a Spark engine for the session');
  setTimeout(() => { op.state = T.TOperationState.RUNNING_STATE; op.logs.push('INFO  : Engine submitted: application_0001'); }, ms / 3);
  setTimeout(() => {
    op.logs.push('INFO  : Engine is ready');
    const { mapType: mt } = require('./types');
    finishWith(op, [{ name: 'key', t: mt({ typeId: 17 }) }, { name: 'value', t: mt({ typeId: 17 }) }],
      [['id', 'name', 'url', 'refId'], ['application_0001', 'kyuubi_USER_SPARK_SQL_trib', 'http://127.0.0.1:4040', 'ref-1']], 4);
  }, ms);
  return op;
}

// Handlers (callback style: thrift 0.24 has no thrift.Q)

function withSession(req, cb, fn) {
  const s = sessions.get(key(req.sessionHandle && req.sessionHandle.sessionId));
  if (!s) return cb({ status: errorStatus('Invalid SessionHandle: unknown or expired session', 'HY000', 0, T.TStatusCode.INVALID_HANDLE_STATUS) });
  return fn(s);
}

function withOperation(req, cb, fn) {
  const op = operations.get(key(req.operationHandle && req.operationHandle.operationId));
  if (!op) return cb({ status: errorStatus('Invalid OperationHandle: unknown operation', 'HY000', 0, T.TStatusCode.INVALID_HANDLE_STATUS) });
  return fn(op);
}

function metadata(kind, Resp) {
  return (req, cb) => withSession(req, (r) => cb(null, new Resp(r)), (s) => {
    record({ event: 'metadata', kind, user: s.user, schemaName: req.schemaName || null, tableName: req.tableName || null });
    const op = newOperation(s, T.TOperationType.GET_TABLES, metadataSql(kind, req));
    op.m = {};
    runSql(op);
    cb(null, new Resp({ status: OK(), operationHandle: op.handle }));
  });
}

const handler = {
  OpenSession(req, cb) {
    const socket = currentSocket;
    const user = (socket && socket.tribUser) || req.username || 'anonymous';
    const conf = req.configuration || {};
    const protocol = Math.min(req.client_protocol, SERVER_MAX_PROTOCOL);
    (async () => {
      const conn = await db.connect();
      const database = conf['use:database'];
      if (database) {
        try { await conn.run(`USE "${database.replace(/"/g, '')}"`); } catch (e) {
          conn.closeSync && conn.closeSync();
          record({ event: 'open-session-failed', user, database });
          return cb(null, new T.TOpenSessionResp({ status: errorStatus(`Database '${database}' does not exist`, '42000', 10072), serverProtocolVersion: protocol }));
        }
      }
      const id = newHandleId();
      const session = { id, user, conf: Object.assign({}, conf), conn, protocol };
      sessions.set(key(id), session);
      record({ event: 'open-session', user, database: database || null, protocol: req.client_protocol, configuration: conf });
      const replyConf = { 'hive.server2.thrift.resultset.default.fetch.size': '1000' };
      const launchMs = Number(conf['trib.test.engine.launch.ms'] || conf['set:hiveconf:trib.test.engine.launch.ms'] || 0);
      if (launchMs > 0) {
        const op = launchEngine(session, launchMs);
        replyConf['kyuubi.session.engine.launch.handle.guid'] = Buffer.from(op.handle.operationId.guid).toString('base64');
        replyConf['kyuubi.session.engine.launch.handle.secret'] = Buffer.from(op.handle.operationId.secret).toString('base64');
        replyConf['kyuubi.session.engine.launch.support.result'] = 'true';
      }
      cb(null, new T.TOpenSessionResp({ status: OK(), serverProtocolVersion: protocol, sessionHandle: new T.TSessionHandle({ sessionId: id }), configuration: replyConf }));
    })().catch((e) => cb(null, new T.TOpenSessionResp({ status: errorStatus(String(e.message)), serverProtocolVersion: protocol })));
  },

  CloseSession(req, cb) {
    withSession(req, (r) => cb(null, new T.TCloseSessionResp(r)), (s) => {
      sessions.delete(key(s.id));
      record({ event: 'close-session', user: s.user });
      cb(null, new T.TCloseSessionResp({ status: OK() }));
    });
  },

  GetInfo(req, cb) {
    withSession(req, (r) => cb(null, new T.TGetInfoResp(Object.assign(r, { infoValue: new T.TGetInfoValue({ stringValue: '' }) }))), () => {
      const v = { 13: 'Tributary HiveServer2 test peer', 17: 'Apache Kyuubi', 18: '1.9.0-trib-peer' }[req.infoType];
      if (v === undefined) return cb(null, new T.TGetInfoResp({ status: errorStatus(`Unrecognized GetInfoType value: ${req.infoType}`), infoValue: new T.TGetInfoValue({ stringValue: '' }) }));
      cb(null, new T.TGetInfoResp({ status: OK(), infoValue: new T.TGetInfoValue({ stringValue: v }) }));
    });
  },

  ExecuteStatement(req, cb) {
    withSession(req, (r) => cb(null, new T.TExecuteStatementResp(r)), (s) => {
      const statement = req.statement || '';
      const m = markers(statement);
      record({ event: 'execute', user: s.user, statement, confOverlay: req.confOverlay || null, runAsync: !!req.runAsync, queryTimeout: num(req.queryTimeout) });
      if (m['fail-execute']) {
        const [sqlState, code, ...rest] = String(m['fail-execute']).split(':');
        return cb(null, new T.TExecuteStatementResp({ status: errorStatus(rest.join(':').replace(/_/g, ' '), sqlState, Number(code)) }));
      }
      const op = newOperation(s, T.TOperationType.EXECUTE_STATEMENT, statement);
      op.m = m;
      if (m['expire-session']) {
        // The session vanishes once this statement is answered, as after an idle timeout.
        setImmediate(() => sessions.delete(key(s.id)));
      }
      if (m['expire-cookies']) cookieSecret = crypto.randomBytes(16).toString('hex');
      startStatement(op);
      const finish = () => cb(null, new T.TExecuteStatementResp({ status: OK(), operationHandle: op.handle }));
      if (req.runAsync) return finish();
      // Synchronous execution: answer once done.
      const wait = setInterval(() => {
        if (op.state !== T.TOperationState.RUNNING_STATE && op.state !== T.TOperationState.PENDING_STATE && op.state !== T.TOperationState.INITIALIZED_STATE) {
          clearInterval(wait);
          if (op.state === T.TOperationState.ERROR_STATE) return cb(null, new T.TExecuteStatementResp({ status: errorStatus(op.error.message, op.error.sqlState, op.error.code), operationHandle: op.handle }));
          finish();
        }
      }, 5);
    });
  },

  GetOperationStatus(req, cb) {
    withOperation(req, (r) => cb(null, new T.TGetOperationStatusResp(r)), (op) => {
      const reply = () => {
        const resp = new T.TGetOperationStatusResp({
          status: OK(), operationState: op.state, hasResultSet: op.hasResultSet,
          operationStarted: i64(op.started), operationCompleted: i64(op.completed),
        });
        if (op.state === T.TOperationState.ERROR_STATE) {
          resp.sqlState = op.error.sqlState; resp.errorCode = op.error.code; resp.errorMessage = op.error.message;
        }
        if (req.getProgressUpdate && op.session.protocol >= 9) {
          resp.progressUpdateResponse = new T.TProgressUpdateResp({
            headerNames: ['STAGES', 'STATUS'], rows: [['Stage-1', op.state === T.TOperationState.FINISHED_STATE ? 'SUCCEEDED' : 'RUNNING']],
            progressedPercentage: op.progress, status: op.state === T.TOperationState.FINISHED_STATE ? 1 : 0,
            footerSummary: '', startTime: i64(op.started),
          });
        }
        cb(null, resp);
      };
      // A short long-poll: answer on a state change or after 500 ms.
      const state = op.state;
      const t0 = Date.now();
      const running = (s) => s === T.TOperationState.RUNNING_STATE || s === T.TOperationState.PENDING_STATE || s === T.TOperationState.INITIALIZED_STATE;
      if (!running(state)) return reply();
      const iv = setInterval(() => {
        if (op.state !== state || Date.now() - t0 > 500) { clearInterval(iv); reply(); }
      }, 10);
    });
  },

  CancelOperation(req, cb) {
    withOperation(req, (r) => cb(null, new T.TCancelOperationResp(r)), (op) => {
      record({ event: 'cancel', statement: op.statement, state: op.state });
      if (op.state === T.TOperationState.RUNNING_STATE || op.state === T.TOperationState.PENDING_STATE || op.state === T.TOperationState.INITIALIZED_STATE) {
        op.state = T.TOperationState.CANCELED_STATE;
        op.logs.push('INFO  : Cancelled');
        if (op.conn) try { op.conn.interrupt(); } catch (e) { /* finished meanwhile */ }
      }
      cb(null, new T.TCancelOperationResp({ status: OK() }));
    });
  },

  CloseOperation(req, cb) {
    withOperation(req, (r) => cb(null, new T.TCloseOperationResp(r)), (op) => {
      if (op.state !== T.TOperationState.FINISHED_STATE && op.state !== T.TOperationState.ERROR_STATE) op.state = T.TOperationState.CLOSED_STATE;
      operations.delete(key(op.handle.operationId));
      cb(null, new T.TCloseOperationResp({ status: OK() }));
    });
  },

  GetResultSetMetadata(req, cb) {
    withOperation(req, (r) => cb(null, new T.TGetResultSetMetadataResp(r)), (op) => {
      if (op.state !== T.TOperationState.FINISHED_STATE) return cb(null, new T.TGetResultSetMetadataResp({ status: errorStatus('The operation has not finished', 'HY010') }));
      const columns = op.schema.map((c, i) => new T.TColumnDesc({ columnName: c.name, typeDesc: c.t.desc, position: i + 1, comment: '' }));
      cb(null, new T.TGetResultSetMetadataResp({ status: OK(), schema: new T.TTableSchema({ columns }) }));
    });
  },

  FetchResults(req, cb) {
    const socket = currentSocket;
    withOperation(req, (r) => cb(null, new T.TFetchResultsResp(r)), (op) => {
      const columnar = op.session.protocol >= 5;
      if (req.fetchType === 1) {
        if (req.orientation === T.TFetchOrientation.FETCH_FIRST) op.logPos = 0;
        const lines = op.logs.slice(op.logPos, op.logPos + Math.max(1, num(req.maxRows)));
        op.logPos += lines.length;
        const t = mapType({ typeId: 17 });
        const results = columnar ? new T.TRowSet({ startRowOffset: i64(0), rows: [], columns: toColumns([t], [lines], 0, lines.length) })
          : new T.TRowSet({ startRowOffset: i64(0), rows: toRows([t], [lines], 0, lines.length) });
        return cb(null, new T.TFetchResultsResp({ status: OK(), hasMoreRows: false, results }));
      }
      if (op.state !== T.TOperationState.FINISHED_STATE) {
        return cb(null, new T.TFetchResultsResp({ status: errorStatus('The operation has not finished: no results to fetch yet', 'HY010') }));
      }
      op.fetches++;
      if (op.m['drop-after-fetches'] && op.fetches > Number(op.m['drop-after-fetches']) && socket) {
        record({ event: 'dropped-connection', statement: op.statement, fetch: op.fetches });
        socket.destroy();
        return;
      }
      let max = Math.max(0, num(req.maxRows));
      if (op.m['rows-per-fetch']) max = Math.min(max, Number(op.m['rows-per-fetch']));
      // With trib:has-more the first fetch is empty but says more rows are coming.
      if (op.m['has-more'] && op.fetches === 1) max = 0;
      const from = op.fetchPos;
      const to = Math.min(op.nRows, from + max);
      op.fetchPos = to;
      const types = op.schema.map((c) => c.t);
      const results = columnar
        ? new T.TRowSet({ startRowOffset: i64(from), rows: [], columns: toColumns(types, op.columns, from, to) })
        : new T.TRowSet({ startRowOffset: i64(from), rows: toRows(types, op.columns, from, to) });
      // Like Spark and Kyuubi, hasMoreRows is false unless trib:has-more asks for the truth.
      const hasMoreRows = op.m['has-more'] ? to < op.nRows || op.fetches === 1 : false;
      cb(null, new T.TFetchResultsResp({ status: OK(), hasMoreRows, results }));
    });
  },

  GetTypeInfo: metadata('typeinfo', T.TGetTypeInfoResp),
  GetCatalogs: metadata('catalogs', T.TGetCatalogsResp),
  GetSchemas: metadata('schemas', T.TGetSchemasResp),
  GetTables: metadata('tables', T.TGetTablesResp),
  GetColumns: metadata('columns', T.TGetColumnsResp),
  GetTableTypes(req, cb) { cb(null, new T.TGetTableTypesResp({ status: errorStatus('not implemented by the test peer') })); },
  GetFunctions(req, cb) { cb(null, new T.TGetFunctionsResp({ status: errorStatus('not implemented by the test peer') })); },
  GetPrimaryKeys(req, cb) { cb(null, new T.TGetPrimaryKeysResp({ status: errorStatus('not implemented by the test peer') })); },
  GetCrossReference(req, cb) { cb(null, new T.TGetCrossReferenceResp({ status: errorStatus('not implemented by the test peer') })); },
  GetDelegationToken(req, cb) { cb(null, new T.TGetDelegationTokenResp({ status: errorStatus('not implemented') })); },
  CancelDelegationToken(req, cb) { cb(null, new T.TCancelDelegationTokenResp({ status: errorStatus('not implemented') })); },
  RenewDelegationToken(req, cb) { cb(null, new T.TRenewDelegationTokenResp({ status: errorStatus('not implemented') })); },
  GetQueryId(req, cb) { cb(null, new T.TGetQueryIdResp({ queryId: key(req.operationHandle && req.operationHandle.operationId) })); },
  SetClientInfo(req, cb) { cb(null, new T.TSetClientInfoResp({ status: OK() })); },
  UploadData(req, cb) { cb(null, new T.TUploadDataResp({ status: errorStatus('not implemented') })); },
  DownloadData(req, cb) { cb(null, new T.TDownloadDataResp({ status: errorStatus('not implemented') })); },
};

module.exports = { handler, sessions, operations, record, getCookieSecret: () => cookieSecret, setCurrentSocket: (s) => { currentSocket = s; } };

if (require.main === module) {
  require('./transports').start({
    handler, TCLIService, thrift, env, USER, PASSWORD, STATEMENTS, log,
    setCurrentSocket: (s) => { currentSocket = s; },
    getCookieSecret: () => cookieSecret, record,
    init: async () => {
      db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      await c.run('CREATE SCHEMA IF NOT EXISTS "default"');
      c.closeSync && c.closeSync();
    },
  });
}
