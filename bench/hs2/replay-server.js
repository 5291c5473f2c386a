// Record-and-replay HiveServer2 server for the client benchmark.
//
//   node replay-server.js record FILE [ROWS]   runs the reference peer's DuckDB + TCLIService
//                                             code once and stores the serialized replies
//   node replay-server.js serve FILE           serves them over binary+SASL PLAIN (any
//                                             credentials), answering by method name
//
// Replaying pre-serialized FetchResults replies means the server does no work per row: the
// benchmark measures the clients, not the Node peer (which needs seconds for 1M rows).
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');

const peers = path.join(__dirname, '..', '..', 'tests', 'peers');
const thrift = require(path.join(peers, 'node_modules', 'thrift'));
const T = require(path.join(peers, 'node_modules', 'hive-driver', 'thrift', 'gen-nodejs', 'TCLIService_types'));
const { mapType, toColumns, i64 } = require(path.join(peers, 'hs2', 'types'));

const BATCH = 10000;

// One reply message (unframed), seqid 0: patched when served.
function serialize(method, resp) {
  let out = null;
  const transport = new thrift.TBufferedTransport(undefined, (buf) => { out = Buffer.from(buf); });
  const p = new thrift.TBinaryProtocol(transport);
  p.writeMessageBegin(method, thrift.Thrift.MessageType.REPLY, 0);
  p.writeStructBegin('result');
  p.writeFieldBegin('success', thrift.Thrift.Type.STRUCT, 0);
  resp.write(p);
  p.writeFieldEnd();
  p.writeFieldStop();
  p.writeStructEnd();
  p.writeMessageEnd();
  transport.flush();
  return out;
}

async function record(file, rows) {
  const { DuckDBInstance } = require(path.join(peers, 'node_modules', '@duckdb', 'node-api'));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const sql = `SELECT range AS id, 'user_' || range::VARCHAR AS name, (range % 997) * 0.25 AS score,
    range % 3 = 0 AS active FROM range(${rows})`;
  const result = await conn.run(sql);
  const names = result.columnNames();
  const types = result.columnTypes().map(mapType);
  const columns = await result.getColumns();
  const ok = new T.TStatus({ statusCode: 0 });
  const guid = (c) => Buffer.alloc(16, c);
  const sessionHandle = new T.TSessionHandle({ sessionId: new T.THandleIdentifier({ guid: guid(0x11), secret: guid(0x22) }) });
  const opHandle = new T.TOperationHandle({
    operationId: new T.THandleIdentifier({ guid: guid(0x33), secret: guid(0x44) }),
    operationType: 0, hasResultSet: true,
  });
  const replies = {
    OpenSession: [serialize('OpenSession', new T.TOpenSessionResp({ status: ok, serverProtocolVersion: 9, sessionHandle, configuration: {} }))],
    ExecuteStatement: [serialize('ExecuteStatement', new T.TExecuteStatementResp({ status: ok, operationHandle: opHandle }))],
    GetOperationStatus: [serialize('GetOperationStatus', new T.TGetOperationStatusResp({ status: ok, operationState: 2, hasResultSet: true }))],
    GetResultSetMetadata: [serialize('GetResultSetMetadata', new T.TGetResultSetMetadataResp({
      status: ok,
      schema: new T.TTableSchema({ columns: names.map((n, i) => new T.TColumnDesc({ columnName: n, typeDesc: types[i].desc, position: i + 1 })) }),
    }))],
    CloseOperation: [serialize('CloseOperation', new T.TCloseOperationResp({ status: ok }))],
    CloseSession: [serialize('CloseSession', new T.TCloseSessionResp({ status: ok }))],
    FetchLog: [serialize('FetchResults', new T.TFetchResultsResp({
      status: ok, hasMoreRows: false,
      results: new T.TRowSet({ startRowOffset: i64(0), rows: [], columns: toColumns([mapType({ typeId: 17 })], [[]], 0, 0) }),
    }))],
    FetchResults: [],
  };
  for (let from = 0; from <= rows; from += BATCH) {
    const to = Math.min(rows, from + BATCH);
    replies.FetchResults.push(serialize('FetchResults', new T.TFetchResultsResp({
      status: ok, hasMoreRows: false,
      results: new T.TRowSet({ startRowOffset: i64(from), rows: [], columns: toColumns(types, columns, from, to) }),
    })));
    if (to === rows) break;
  }
  // The end: an empty batch.
  replies.FetchResults.push(serialize('FetchResults', new T.TFetchResultsResp({
    status: ok, hasMoreRows: false,
    results: new T.TRowSet({ startRowOffset: i64(rows), rows: [], columns: toColumns(types, columns, rows, rows) }),
  })));
  const parts = [];
  const header = { rows, columns: names, kinds: {} };
  for (const [k, list] of Object.entries(replies)) header.kinds[k] = list.map((b) => b.length);
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(h.length);
  parts.push(len, h);
  for (const list of Object.values(replies)) parts.push(...list);
  fs.writeFileSync(file, Buffer.concat(parts));
  const bytes = replies.FetchResults.reduce((a, b) => a + b.length, 0);
  console.error(`recorded ${rows} rows in ${replies.FetchResults.length} FetchResults replies (${(bytes / 1048576).toFixed(1)} MiB) to ${file}`);
}

function load(file) {
  const data = fs.readFileSync(file);
  const hlen = data.readUInt32BE(0);
  const header = JSON.parse(data.subarray(4, 4 + hlen).toString());
  let pos = 4 + hlen;
  const replies = {};
  for (const [k, sizes] of Object.entries(header.kinds)) {
    replies[k] = sizes.map((n) => { const b = data.subarray(pos, pos + n); pos += n; return b; });
  }
  return { header, replies };
}

function frame(reply, seqid) {
  // The seqid follows the version word and the method name.
  const nameLen = reply.readUInt32BE(4);
  const out = Buffer.allocUnsafe(reply.length + 4);
  out.writeUInt32BE(reply.length, 0);
  reply.copy(out, 4);
  out.writeInt32BE(seqid, 4 + 8 + nameLen);
  return out;
}

function serve(file) {
  const { replies } = load(file);
  const server = net.createServer((conn) => {
    conn.setNoDelay(true);
    let buf = Buffer.alloc(0);
    let sasl = true;
    let fetch = 0;
    conn.on('error', () => {});
    conn.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (sasl) {
          // START "PLAIN", then the PLAIN response: accept anything.
          if (buf.length < 5) return;
          const n = buf.readUInt32BE(1);
          if (buf.length < 5 + n) return;
          const status = buf[0];
          buf = buf.subarray(5 + n);
          if (status !== 1) {
            sasl = false;
            conn.write(Buffer.from([5, 0, 0, 0, 0]));
          }
          continue;
        }
        if (buf.length < 4) return;
        const n = buf.readUInt32BE(0);
        if (buf.length < 4 + n) return;
        const msg = buf.subarray(4, 4 + n);
        buf = buf.subarray(4 + n);
        const nameLen = msg.readUInt32BE(4);
        const name = msg.subarray(8, 8 + nameLen).toString();
        const seqid = msg.readInt32BE(8 + nameLen);
        let reply;
        if (name === 'FetchResults') {
          // fetchType (field 4, i16) = 1 asks for the operation log.
          const isLog = msg.includes(Buffer.from([0x06, 0x00, 0x04, 0x00, 0x01]));
          if (isLog) reply = replies.FetchLog[0];
          else reply = replies.FetchResults[Math.min(fetch++, replies.FetchResults.length - 1)];
        } else if (replies[name]) {
          reply = replies[name][0];
          if (name === 'ExecuteStatement') fetch = 0;
        } else {
          conn.destroy();
          return;
        }
        conn.write(frame(reply, seqid));
      }
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
  process.on('SIGTERM', () => process.exit(0));
}

const [mode, file, rows] = process.argv.slice(2);
if (mode === 'record') record(file, Number(rows || 1000000)).catch((e) => { console.error(e); process.exit(1); });
else if (mode === 'serve') serve(file);
else { console.error('usage: replay-server.js record FILE [ROWS] | serve FILE'); process.exit(2); }
