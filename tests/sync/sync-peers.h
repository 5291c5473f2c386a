/* sync-peers.h: the sync tests' view of the harness peers (MariaDB, S3, HTTP, fault proxy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <mysql.h>

#include "trib-test-util.h"
#include "trib-sync-engine.h"
#include "trib-sync-factory.h"
#include "trib-sync-object-writer.h"
#include "trib-object-store.h"
#include "trib-s3-client.h"

G_BEGIN_DECLS

typedef struct
{
  char            *workspace_dir;
  TribWorkspace   *workspace;
  TribSyncSources *sources;
  MYSQL           *admin;       /* the workshop user over the socket, for test tables */
  char            *bucket_dir;  /* where the S3 peer keeps dw-emr-demo's objects */
  char            *http_root;
  GString         *log;         /* the last run's log lines */
} SyncPeers;

/* The demo workspace, its data sources pointed at the harness peers (plus
 * "faulty_httpfile" and "faulty_s3" through the fault proxy), secrets in the environment. */
SyncPeers   *sync_peers_new              (void);
void         sync_peers_free             (SyncPeers           *peers);

/* Runs @sql as the workshop user; any error fails the test. */
void         sync_peers_sql              (SyncPeers           *peers,
                                          const char          *sql);
/* The first column of the first row of @sql. */
char        *sync_peers_sql_value        (SyncPeers           *peers,
                                          const char          *sql);

/* The object as the S3 peer stored it on disk, or NULL when there is none. */
GBytes      *sync_peers_read_object      (SyncPeers           *peers,
                                          const char          *key);
/* Keys under @prefix, sorted, from the S3 peer's folder ("" for all). */
GStrv        sync_peers_list_objects     (SyncPeers           *peers,
                                          const char          *prefix);
void         sync_peers_clear_bucket     (SyncPeers           *peers);
/* Puts @contents at @key directly in the peer's folder layout, through S3 (a PUT). */
void         sync_peers_put_object       (SyncPeers           *peers,
                                          const char          *key,
                                          const char          *contents);
/* Starts a multipart upload of @key and sends @part as its part 1, as a killed run
 * leaves it; returns the upload id. */
char        *sync_peers_start_upload     (SyncPeers           *peers,
                                          const char          *key,
                                          const char          *part);
/* The keys of the incomplete multipart uploads under @prefix, as the S3 peer lists them
 * (ListMultipartUploads). */
GStrv        sync_peers_list_uploads     (SyncPeers           *peers,
                                          const char          *prefix);
/* The fault proxy's rules ("" for none). */
void         sync_peers_set_faults       (const char          *rules_json);

/* "${bizdate}" replaced, for jobs written by the tests. */
TribSyncJob *sync_peers_job              (const char          *text,
                                          const char          *bizdate);
/* Runs @job with the factory's reader and writer, or with @writer when given. The log
 * lines go to peers->log. */
gboolean     sync_peers_run              (SyncPeers           *peers,
                                          TribSyncJob         *job,
                                          TribSyncWriter      *writer,
                                          TribSyncProgressFunc progress,
                                          gpointer             user_data,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* The content of the DI node @node_id of the demo workflow. */
char        *sync_peers_node_content     (SyncPeers           *peers,
                                          const char          *node_id);

#define ASSERT_OBJECT(peers, key, expected, expected_len) G_STMT_START { \
    g_autoptr(GBytes) obj_ = sync_peers_read_object ((peers), (key)); \
    g_assert_nonnull (obj_); \
    g_assert_cmpmem (g_bytes_get_data (obj_, NULL), g_bytes_get_size (obj_), (expected), (expected_len)); \
  } G_STMT_END

#define ASSERT_OBJECT_TEXT(peers, key, literal) ASSERT_OBJECT (peers, key, literal, sizeof literal - 1)

G_END_DECLS
