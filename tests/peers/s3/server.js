// An S3 server for the tests: @20minutes/s3rver, which verifies AWS Signature V4.
//
// Configuration comes from the environment so that no secret appears on a command line:
//   TRIB_S3_PORT (0 = any free port), TRIB_S3_DIRECTORY, TRIB_S3_ACCESS_KEY,
//   TRIB_S3_SECRET_KEY, TRIB_S3_BUCKETS (comma-separated buckets to create).
// Prints one JSON line {"port": N} on stdout once it accepts connections.
'use strict';

const S3rver = require('@20minutes/s3rver');
const AWSAccount = require('@20minutes/s3rver/lib/models/account');
const multipartUploads = require('./multipart-uploads');

const env = process.env;
const accessKey = env.TRIB_S3_ACCESS_KEY;
const secretKey = env.TRIB_S3_SECRET_KEY;

if (!accessKey || !secretKey || !env.TRIB_S3_DIRECTORY) {
  console.error('s3 peer: TRIB_S3_ACCESS_KEY, TRIB_S3_SECRET_KEY and TRIB_S3_DIRECTORY are required');
  process.exit(2);
}

// Only our key pair may sign requests: drop the built-in S3RVER/S3RVER account key.
AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);

// ListMultipartUploads and AbortMultipartUpload, which s3rver 4.0.4 does not implement.
multipartUploads.install();

const buckets = (env.TRIB_S3_BUCKETS || '').split(',').filter((b) => b.length > 0);

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(env.TRIB_S3_PORT || 0),
  directory: env.TRIB_S3_DIRECTORY,
  silent: env.TRIB_S3_VERBOSE ? false : true,
  // Path-style addressing on 127.0.0.1; virtual hosts need DNS names.
  vhostBuckets: false,
  allowMismatchedSignatures: false,
  configureBuckets: buckets.map((name) => ({ name })),
});

server.run((err, address) => {
  if (err) {
    console.error('s3 peer: ' + err.message);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ port: address.port }) + '\n');
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
