/* fuzz-hs2-reply.c: libFuzzer target for the TCLIService reply decoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one reply message as a server sends it (without a SASL frame). The RPC is
 * chosen from the message's method name, and the expected seqid is the message's own, so the
 * fuzzer gets past the envelope checks into the structs, row sets and bitmaps.
 */

#include "config.h"

#include <string.h>

#include "trib-hs2-protocol.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  TribThriftReader r;
  TribHs2Response resp;
  g_autofree char *name = NULL;
  GError *error = NULL;
  TribHs2Rpc rpc = TRIB_HS2_RPC_FETCH_RESULTS;
  guint8 type;
  gint32 seqid = 0;

  trib_thrift_reader_init (&r, data, size);
  if (trib_thrift_read_message_begin (&r, &name, &type, &seqid))
    for (guint i = 0; i <= TRIB_HS2_RPC_FETCH_RESULTS; i++)
      if (g_strcmp0 (name, trib_hs2_rpc_name ((TribHs2Rpc) i)) == 0)
        rpc = (TribHs2Rpc) i;
  trib_thrift_reader_clear (&r);

  memset (&resp, 0, sizeof resp);
  trib_thrift_reader_init (&r, data, size);
  r.max_message = 16 * 1024 * 1024;
  if (trib_hs2_read_response (&r, rpc, seqid, &resp, &error))
    {
      trib_hs2_response_check (&resp, rpc, NULL);
      /* Whatever decoded must be readable to the last cell. */
      if (resp.batch)
        for (guint row = 0; row < trib_hs2_batch_get_n_rows (resp.batch); row++)
          for (guint col = 0; col < trib_hs2_batch_get_n_columns (resp.batch); col++)
            g_free (trib_hs2_batch_dup_text (resp.batch, col, row));
    }
  g_clear_error (&error);
  trib_thrift_reader_clear (&r);
  trib_hs2_response_clear (&resp);
  return 0;
}
