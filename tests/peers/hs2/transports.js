// The four HiveServer2 transports around one TCLIService handler (README.md).
'use strict';

const fs = require('fs');
const net = require('net');
const tls = require('tls');
const http = require('http');
const https = require('https');
const crypto = require('crypto');

const SASL = { START: 1, OK: 2, BAD: 3, ERROR: 4, COMPLETE: 5 };

function saslMessage(status, text) {
  const payload = Buffer.from(text || '', 'utf8');
  const header = Buffer.alloc(5);
  header[0] = status;
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function start(o) {
  const { thrift, TCLIService, handler, USER, PASSWORD, setCurrentSocket, record, log } = o;

  const framedImpl = thrift.createServer(TCLIService, handler, {
    transport: thrift.TFramedTransport, protocol: thrift.TBinaryProtocol,
  }).listeners('connection')[0];
  const bufferedImpl = thrift.createServer(TCLIService, handler, {
    transport: thrift.TBufferedTransport, protocol: thrift.TBinaryProtocol,
  }).listeners('connection')[0];
  const webImpl = thrift.createWebServer({
    services: { '/cliservice': { transport: thrift.TBufferedTransport, protocol: thrift.TBinaryProtocol, processor: TCLIService, handler } },
  }).listeners('request')[0];

  // Hands a connection to a Thrift server implementation, remembering which connection each
  // call came on (to close it mid-fetch, and to know the SASL user).
  const errors = new (require('events'))();
  errors.on('error', (e) => log('thrift:', e && e.stack || e));
  function serve(conn, impl, rest) {
    conn.on('data', () => setCurrentSocket(conn));
    impl.call(errors, conn);
    if (rest && rest.length) setImmediate(() => conn.emit('data', rest));
  }

  // Binary + SASL PLAIN, then 4-byte frames (hs2-protocol.md §3.1).
  function saslConnection(conn) {
    let buf = Buffer.alloc(0);
    let mechanism = null;
    const onData = (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 1 && (buf[0] < SASL.START || buf[0] > SASL.COMPLETE)) {
        // Not SASL (a NOSASL or HTTP client): answer like Thrift's Java TSaslTransport.
        conn.removeListener('data', onData);
        conn.end(saslMessage(SASL.ERROR, `Invalid status ${(buf[0] << 24) >> 24}`));
        return;
      }
      while (buf.length >= 5) {
        const len = buf.readUInt32BE(1);
        if (len > 65536) { conn.destroy(); return; }
        if (buf.length < 5 + len) return;
        const status = buf[0];
        const payload = buf.subarray(5, 5 + len);
        buf = buf.subarray(5 + len);
        if (mechanism === null) {
          if (status !== SASL.START) { conn.end(saslMessage(SASL.ERROR, 'Expected START status')); return; }
          mechanism = payload.toString('utf8');
          if (mechanism !== 'PLAIN') {
            conn.removeListener('data', onData);
            conn.end(saslMessage(SASL.BAD, `Unsupported mechanism type ${mechanism}`));
            return;
          }
          continue;
        }
        const parts = payload.toString('utf8').split('\0');
        const user = parts.length === 3 ? parts[1] : parts[0];
        const password = parts.length === 3 ? parts[2] : parts[1];
        conn.removeListener('data', onData);
        if (!user || !password || !safeEqual(user, USER) || (PASSWORD && !safeEqual(password, PASSWORD))) {
          record({ event: 'auth-failed', transport: 'sasl', user });
          conn.end(saslMessage(SASL.BAD, 'Error validating the login'));
          return;
        }
        conn.tribUser = user;
        conn.write(saslMessage(SASL.COMPLETE, ''));
        serve(conn, framedImpl, buf);
        return;
      }
    };
    conn.on('data', onData);
    conn.on('error', (e) => log('sasl connection:', e.message));
  }

  // NOSASL: raw unframed binary. Like a strict Java server, anything but a strict message
  // header closes the connection at once.
  function rawConnection(impl) {
    return (conn) => {
      conn.on('error', (e) => log('connection:', e.message));
      conn.once('data', (first) => {
        if (first[0] !== 0x80) { conn.destroy(); return; }
        serve(conn, impl, first);
      });
    };
  }

  // HTTP: POST /cliservice with Basic auth or the hive.server2.auth cookie (§3.3).
  function signCookie(user) {
    const rn = crypto.randomBytes(8).toString('hex');
    const value = `cu=${user}&rn=${rn}`;
    const s = crypto.createHmac('sha256', o.getCookieSecret()).update(value).digest('hex');
    return `${value}&s=${s}`;
  }

  function checkCookie(header) {
    const m = /(?:^|;\s*)hive\.server2\.auth=([^;]+)/.exec(header || '');
    if (!m) return null;
    const value = m[1].replace(/^"|"$/g, '');
    const parts = /^cu=([^&]+)&rn=([^&]+)&s=([0-9a-f]+)$/.exec(value);
    if (!parts) return false;
    const s = crypto.createHmac('sha256', o.getCookieSecret()).update(`cu=${parts[1]}&rn=${parts[2]}`).digest('hex');
    return safeEqual(s, parts[3]) ? parts[1] : false;
  }

  function httpRequest(req, res) {
    const cookie = checkCookie(req.headers.cookie);
    let user = null;
    if (cookie) user = cookie;
    else {
      const auth = /^Basic\s+(.+)$/i.exec(req.headers.authorization || '');
      if (auth) {
        const [u, ...p] = Buffer.from(auth[1], 'base64').toString('utf8').split(':');
        if (safeEqual(u, USER) && (!PASSWORD || safeEqual(p.join(':'), PASSWORD))) {
          user = u;
          res.setHeader('Set-Cookie', `hive.server2.auth=${signCookie(u)}; Max-Age=86400; HttpOnly`);
        }
      }
      if (!user) {
        record({ event: cookie === false ? 'http-401-stale-cookie' : 'auth-failed', transport: 'http' });
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="kyuubi"', 'Content-Type': 'text/plain' });
        res.end('Unauthorized');
        return;
      }
    }
    if (cookie === false) record({ event: 'http-401-stale-cookie', transport: 'http' });
    req.socket.tribUser = user;
    setCurrentSocket(req.socket);
    if (req.method === 'POST' && req.url.split('?')[0] !== '/cliservice') {
      res.writeHead(404); res.end(); return;
    }
    webImpl(req, res);
  }

  // Like Java and OpenSSL servers, a TLS port answers a client that does not start with a
  // TLS handshake with a fatal alert record (protocol_version), then closes.
  function tlsFront(server) {
    // The real TLS server listens on a private port; the front forwards real handshakes.
    const inner = new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
    return net.createServer((conn) => {
      conn.on('error', () => {});
      conn.once('data', (first) => {
        if (first[0] !== 0x16) {
          conn.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]));
          return;
        }
        conn.pause();
        inner.then((port) => {
          const back = net.connect(port, '127.0.0.1', () => {
            back.write(first);
            conn.pipe(back);
            back.pipe(conn);
            conn.resume();
          });
          back.on('error', () => conn.destroy());
          conn.on('close', () => back.destroy());
          back.on('close', () => conn.destroy());
        });
      });
    });
  }

  const servers = {};
  const wanted = [
    ['sasl', () => net.createServer(saslConnection), Number(o.env.TRIB_HS2_SASL_PORT || 0)],
    ['nosasl', () => net.createServer(rawConnection(bufferedImpl)), 0],
    ['framed', () => net.createServer((conn) => { conn.on('error', () => {}); serve(conn, framedImpl); }), 0],
    ['http', () => http.createServer(httpRequest), 0],
  ];
  if (o.env.TRIB_HS2_TLS_CERT && o.env.TRIB_HS2_TLS_KEY) {
    const creds = { cert: fs.readFileSync(o.env.TRIB_HS2_TLS_CERT), key: fs.readFileSync(o.env.TRIB_HS2_TLS_KEY) };
    wanted.push(['sasl_tls', () => tlsFront(tls.createServer(creds, saslConnection)), 0]);
    wanted.push(['https', () => tlsFront(https.createServer(creds, httpRequest)), 0]);
  }

  o.init().then(() => Promise.all(wanted.map(([name, make, port]) => new Promise((resolve, reject) => {
    const server = make();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => { servers[name] = server; resolve([name, server.address().port]); });
  })))).then((ports) => {
    const out = Object.fromEntries(ports);
    out.statements = o.STATEMENTS;
    out.pid = process.pid;
    process.stdout.write(JSON.stringify(out) + '\n');
  }).catch((e) => {
    console.error('hs2 peer: ' + (e && e.stack || e));
    process.exit(1);
  });

  const stop = () => {
    for (const s of Object.values(servers)) s.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

module.exports = { start };
