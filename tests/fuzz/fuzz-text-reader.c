/* fuzz-text-reader.c: libFuzzer target for the delimited-text reader (httpfile)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first four bytes choose the reader's settings, the rest is the file as a server
 * sends it: byte 0 the encoding, byte 1 the compression (none, gzip, bzip2, zip), byte 2
 * the format (text or csv), skipHeader and nullFormat, byte 3 the field delimiter and
 * the size of the pieces the file arrives in. Every record read is turned into text, as
 * the writer does.
 */

#include "config.h"

#include <string.h>

#include "trib-sync-text-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char * const encodings[] = { "UTF-8", "GBK", "GB18030", "Big5", "ISO-8859-1", "UTF-16LE", "Shift_JIS", "UTF-8" };
static const char * const delimiters[] = { ",", "|", "\t", "||", "\x01", ";", "|@|", "," };
static const TribSyncCompress compressions[] = {
  TRIB_SYNC_COMPRESS_NONE, TRIB_SYNC_COMPRESS_GZIP, TRIB_SYNC_COMPRESS_BZIP2, TRIB_SYNC_COMPRESS_ZIP,
};

static TribSyncBatch *
consume_batch (TribSyncBatch  *full,
               gpointer        user_data,
               GError        **error)
{
  for (guint i = 0; i < full->n_records; i++)
    g_free (trib_sync_batch_dup_record_json (full, i));
  trib_sync_batch_reset (full);
  return full;
}

static gboolean
consume_dirty (const char  *message,
               const char  *record,
               gpointer     user_data,
               GError     **error)
{
  g_assert (message != NULL);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  TribSyncTextInput input;
  TribSyncEmitter emitter;
  g_autoptr(TribSyncTextReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gsize chunk;

  if (size < 4)
    return 0;

  memset (&input, 0, sizeof input);
  input.encoding = (char *) encodings[data[0] % G_N_ELEMENTS (encodings)];
  input.compress = compressions[data[1] % G_N_ELEMENTS (compressions)];
  input.file_format = (data[2] & 1) ? TRIB_SYNC_FILE_FORMAT_CSV : TRIB_SYNC_FILE_FORMAT_TEXT;
  input.skip_header = (data[2] & 2) != 0;
  input.null_format = (data[2] & 4) ? (char *) "\\N" : NULL;
  input.field_delimiter = (char *) delimiters[data[3] % G_N_ELEMENTS (delimiters)];
  if (input.file_format == TRIB_SYNC_FILE_FORMAT_CSV && strlen (input.field_delimiter) != 1)
    input.field_delimiter = (char *) ",";
  chunk = 1 + (data[3] >> 3) * 97;
  data += 4;
  size -= 4;

  trib_sync_emitter_init (&emitter, 0, consume_batch, consume_dirty, NULL);
  reader = trib_sync_text_reader_new (&input, &emitter, &error);
  if (reader == NULL)
    ok = FALSE;
  for (gsize at = 0; ok && at < size; at += chunk)
    ok = trib_sync_text_reader_feed (reader, data + at, MIN (chunk, size - at), &error);
  if (ok)
    ok = trib_sync_text_reader_finish (reader, &error);
  g_assert (ok || error != NULL);
  g_clear_pointer (&reader, trib_sync_text_reader_free);
  trib_sync_emitter_clear (&emitter);
  return 0;
}
