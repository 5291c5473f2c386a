// The multipart calls that s3rver 4.0.4 leaves out, added to its own router so that the
// requests go through its Signature V4 verification like every other call:
//
//   GET    /BUCKET?uploads[&prefix=&key-marker=&upload-id-marker=&max-uploads=]
//          ListMultipartUploads (s3rver answers 501 NotImplemented)
//   DELETE /BUCKET/KEY?uploadId=ID
//          AbortMultipartUpload (s3rver answers 405 MethodNotAllowed)
//   PUT    /BUCKET/KEY?partNumber=N&uploadId=ID and POST /BUCKET/KEY?uploadId=ID
//          answer 404 NoSuchUpload for an upload that does not exist (aborted, completed,
//          or of another key), as S3 does; s3rver would create it or answer 500.
//
// s3rver keeps an upload in BUCKET/._S3rver_uploads/ID/ (its key in "key", its parts in
// "1", "2", ...); the time "key" was written is the upload's Initiated time.
'use strict';

const path = require('path');
const { promises: fs } = require('fs');

const router = require('@20minutes/s3rver/lib/routes');
const bucketCtrl = require('@20minutes/s3rver/lib/controllers/bucket');
const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account');
const S3Error = require('@20minutes/s3rver/lib/models/error');

const MAX_UPLOADS = 1000;

function uploadsDir(ctx) {
  return ctx.app.store.getResourcePath(ctx.params.bucket, undefined, 'uploads');
}

function noSuchUpload(uploadId) {
  return new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload ' +
      'may have been aborted or completed.',
    { UploadId: uploadId },
  );
}

// The key of upload @id, or null when there is no such upload.
async function uploadKey(ctx, id) {
  if (!/^[0-9a-f]+$/.test(id)) return null;
  try {
    return (await fs.readFile(path.join(uploadsDir(ctx), id, 'key'))).toString();
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
}

async function listUploads(ctx) {
  const dir = uploadsDir(ctx);
  let ids = [];
  try {
    ids = await fs.readdir(dir);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  const uploads = [];
  for (const id of ids) {
    try {
      const keyFile = path.join(dir, id, 'key');
      const [key, stat] = await Promise.all([fs.readFile(keyFile), fs.stat(keyFile)]);
      uploads.push({ key: key.toString(), id, initiated: stat.mtime });
    } catch (err) {
      // Completed or aborted while we listed.
      if (err.code !== 'ENOENT') throw err;
    }
  }
  // S3 lists by key, then by the time each upload was initiated.
  uploads.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated || (a.id < b.id ? -1 : 1),
  );
  return uploads;
}

async function listMultipartUploads(ctx) {
  const prefix = ctx.query.prefix || '';
  const keyMarker = ctx.query['key-marker'] || '';
  const uploadIdMarker = ctx.query['upload-id-marker'] || '';
  let max = MAX_UPLOADS;
  if (ctx.query['max-uploads'] !== undefined) {
    max = Number(ctx.query['max-uploads']);
    if (!Number.isInteger(max) || max < 0) {
      throw new S3Error('InvalidArgument', 'max-uploads must be an integer between 0 and 2147483647', {
        ArgumentName: 'max-uploads',
        ArgumentValue: ctx.query['max-uploads'],
      });
    }
    max = Math.min(max, MAX_UPLOADS);
  }
  if (ctx.query.delimiter) {
    throw new S3Error('NotImplemented', 'the test peer lists uploads without a delimiter');
  }

  const all = await listUploads(ctx);
  let start = 0;
  if (keyMarker) {
    // After the marker key; with an upload id marker, after that upload of the marker key.
    const markerUpload = uploadIdMarker ? all.findIndex((u) => u.key === keyMarker && u.id === uploadIdMarker) : -1;
    start = markerUpload >= 0 ? markerUpload + 1 : all.findIndex((u) => u.key > keyMarker);
    if (start < 0) start = all.length;
  }
  const matching = all.slice(start).filter((u) => u.key.startsWith(prefix));
  const page = matching.slice(0, max);
  const truncated = matching.length > page.length;
  const last = page[page.length - 1];
  const owner = { ID: DUMMY_ACCOUNT.id, DisplayName: DUMMY_ACCOUNT.displayName };

  ctx.body = {
    ListMultipartUploadsResult: {
      '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
      Bucket: ctx.params.bucket,
      KeyMarker: keyMarker,
      UploadIdMarker: uploadIdMarker,
      NextKeyMarker: truncated ? last.key : '',
      NextUploadIdMarker: truncated ? last.id : '',
      Prefix: prefix,
      MaxUploads: max,
      IsTruncated: truncated,
      Upload: page.map((u) => ({
        Key: u.key,
        UploadId: u.id,
        Initiator: owner,
        Owner: owner,
        StorageClass: 'STANDARD',
        Initiated: u.initiated.toISOString(),
      })),
    },
  };
}

async function abortMultipartUpload(ctx) {
  const id = ctx.query.uploadId;
  if ((await uploadKey(ctx, id)) !== ctx.params.key) throw noSuchUpload(id);
  await fs.rm(path.join(uploadsDir(ctx), id), { recursive: true, force: true });
  ctx.logger.info('Aborted upload %s of "%s" in bucket "%s"', id, ctx.params.key, ctx.params.bucket);
  ctx.status = 204;
}

function install() {
  router.get('/:bucket', async (ctx, next) => {
    if (!('uploads' in ctx.query)) return next();
    await bucketCtrl.bucketExists(ctx);
    return listMultipartUploads(ctx);
  });
  router.all('/:bucket/:key+', async (ctx, next) => {
    if (!('uploadId' in ctx.query) || !['DELETE', 'PUT', 'POST'].includes(ctx.method)) return next();
    await bucketCtrl.bucketExists(ctx);
    if (ctx.method === 'DELETE') return abortMultipartUpload(ctx);
    if ((await uploadKey(ctx, ctx.query.uploadId)) !== ctx.params.key) throw noSuchUpload(ctx.query.uploadId);
    return next();
  });

  // Koa's router runs the layers that match in the order of its stack: put the two new
  // ones right after s3rver's authentication, before its own handlers of these paths.
  const added = router.stack.splice(router.stack.length - 2, 2);
  const auth = router.stack.findIndex((layer) => layer.stack.some((fn) => fn.name === 'authentication'));
  if (auth < 0) throw new Error('s3 peer: s3rver has no authentication layer where expected');
  router.stack.splice(auth + 1, 0, ...added);
}

module.exports = { install };
