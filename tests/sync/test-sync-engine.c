/* test-sync-engine.c: the pipeline with in-memory readers and writers: order, dirty
 * records against errorLimit, failures, cancellation, throttling, bounded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"
#include "trib-sync-engine.h"
#include "trib-sync-text-writer.h"

/* A reader of n_slices slices of per_slice records "slice-i|row-j". {{{ */

#define TEST_TYPE_READER (test_reader_get_type ())
G_DECLARE_FINAL_TYPE (TestReader, test_reader, TEST, READER, TribSyncReader)

struct _TestReader
{
  TribSyncReader parent_instance;
  guint          n_slices;
  guint          per_slice;
  guint          dirty_every;   /* every n-th record of a slice is dirty; 0 = none */
  int            fail_slice;    /* -1 = never */
  guint          fail_at;
  gulong         delay_us;      /* per record */
  gboolean       prepared;
  gboolean       closed;
};

G_DEFINE_FINAL_TYPE (TestReader, test_reader, TRIB_TYPE_SYNC_READER)

static gboolean
test_reader_prepare (TribSyncReader  *reader,
                     TribSyncTransfer     *run,
                     GCancellable    *cancellable,
                     GError         **error)
{
  TEST_READER (reader)->prepared = TRUE;
  trib_sync_transfer_log (run, TRIB_SYNC_LOG_INFO, "test reader: %u slices", TEST_READER (reader)->n_slices);
  return TRUE;
}

static guint
test_reader_get_n_slices (TribSyncReader *reader)
{
  return TEST_READER (reader)->n_slices;
}

static gboolean
test_reader_read_slice (TribSyncReader   *reader,
                        guint             slice,
                        TribSyncEmitter  *emitter,
                        GCancellable     *cancellable,
                        GError          **error)
{
  TestReader *self = TEST_READER (reader);

  for (guint j = 0; j < self->per_slice; j++)
    {
      TribSyncBatch *batch = trib_sync_emitter_get_batch (emitter);
      char a[32], b[32];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((int) slice == self->fail_slice && j == self->fail_at)
        {
          g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ, "the source broke at slice %u row %u", slice, j);
          return FALSE;
        }
      if (self->delay_us)
        g_usleep (self->delay_us);

      g_snprintf (a, sizeof a, "slice-%u", slice);
      g_snprintf (b, sizeof b, "row-%u", j);
      trib_sync_batch_begin_record (batch);
      trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, a, strlen (a));
      if (self->dirty_every && j % self->dirty_every == self->dirty_every - 1)
        {
          if (!trib_sync_emitter_reject (emitter, "cannot convert", NULL, error))
            return FALSE;
          continue;
        }
      trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, b, strlen (b));
      if (!trib_sync_emitter_end_record (emitter, error))
        return FALSE;
    }
  return TRUE;
}

static void
test_reader_close (TribSyncReader *reader)
{
  TEST_READER (reader)->closed = TRUE;
}

static void
test_reader_class_init (TestReaderClass *klass)
{
  TribSyncReaderClass *reader_class = TRIB_SYNC_READER_CLASS (klass);

  reader_class->prepare = test_reader_prepare;
  reader_class->get_n_slices = test_reader_get_n_slices;
  reader_class->read_slice = test_reader_read_slice;
  reader_class->close = test_reader_close;
}

static void
test_reader_init (TestReader *self)
{
  self->fail_slice = -1;
}

static TestReader *
test_reader_new (guint n_slices,
                 guint per_slice)
{
  TestReader *self = g_object_new (TEST_TYPE_READER, NULL);

  self->n_slices = n_slices;
  self->per_slice = per_slice;
  return self;
}

/* }}} */

/* A writer into memory: text lines, "committed" only at commit. {{{ */

#define TEST_TYPE_WRITER (test_writer_get_type ())
G_DECLARE_FINAL_TYPE (TestWriter, test_writer, TEST, WRITER, TribSyncWriter)

struct _TestWriter
{
  TribSyncWriter      parent_instance;
  TribSyncTextWriter *text;
  TribSyncTransfer   *run;
  GByteArray         *pending;
  GByteArray         *committed;
  gboolean            aborted;
  guint               n_batches;
  guint               fail_at_batch;    /* 0 = never */
  const char         *refuse;           /* records with this value are dirty */
  gulong              delay_us;         /* per batch */
};

G_DEFINE_FINAL_TYPE (TestWriter, test_writer, TRIB_TYPE_SYNC_WRITER)

static gboolean
test_writer_prepare (TribSyncWriter  *writer,
                     TribSyncTransfer     *run,
                     GCancellable    *cancellable,
                     GError         **error)
{
  TEST_WRITER (writer)->run = run;
  return TRUE;
}

static gboolean
test_writer_write_batch (TribSyncWriter       *writer,
                         const TribSyncBatch  *batch,
                         GCancellable         *cancellable,
                         GError              **error)
{
  TestWriter *self = TEST_WRITER (writer);

  if (++self->n_batches == self->fail_at_batch)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_WRITE, "the target refused batch %u", self->n_batches);
      return FALSE;
    }
  if (self->delay_us)
    g_usleep (self->delay_us);
  for (guint i = 0; i < batch->n_records; i++)
    {
      const TribSyncCell *cell = trib_sync_batch_get_cell (batch, i, 1);

      if (self->refuse && cell->length == strlen (self->refuse) &&
          memcmp (trib_sync_batch_cell_data (batch, cell), self->refuse, cell->length) == 0)
        {
          g_autofree char *json = trib_sync_batch_dup_record_json (batch, i);

          if (!trib_sync_transfer_writer_dirty (self->run, "refused by the target", json, error))
            return FALSE;
          continue;
        }
      if (!trib_sync_text_writer_append_record (self->text, batch, i, self->pending, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
test_writer_commit (TribSyncWriter  *writer,
                    GCancellable    *cancellable,
                    GError         **error)
{
  TestWriter *self = TEST_WRITER (writer);

  g_byte_array_append (self->committed, self->pending->data, self->pending->len);
  g_byte_array_set_size (self->pending, 0);
  return TRUE;
}

static void
test_writer_abort (TribSyncWriter *writer)
{
  TestWriter *self = TEST_WRITER (writer);

  g_byte_array_set_size (self->pending, 0);
  self->aborted = TRUE;
}

static guint64
test_writer_get_bytes (TribSyncWriter *writer)
{
  return TEST_WRITER (writer)->pending->len + TEST_WRITER (writer)->committed->len;
}

static void
test_writer_finalize (GObject *object)
{
  TestWriter *self = TEST_WRITER (object);

  trib_sync_text_writer_free (self->text);
  g_byte_array_unref (self->pending);
  g_byte_array_unref (self->committed);
  G_OBJECT_CLASS (test_writer_parent_class)->finalize (object);
}

static void
test_writer_class_init (TestWriterClass *klass)
{
  TribSyncWriterClass *writer_class = TRIB_SYNC_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_writer_finalize;
  writer_class->prepare = test_writer_prepare;
  writer_class->write_batch = test_writer_write_batch;
  writer_class->commit = test_writer_commit;
  writer_class->abort = test_writer_abort;
  writer_class->get_bytes = test_writer_get_bytes;
}

static void
test_writer_init (TestWriter *self)
{
  TribSyncTextOutput output = { TRIB_SYNC_FILE_FORMAT_TEXT, (char *) "|", (char *) "\n", (char *) "UTF-8",
                                (char *) "\\N", NULL, NULL };

  self->text = trib_sync_text_writer_new (&output, NULL);
  self->pending = g_byte_array_new ();
  self->committed = g_byte_array_new ();
}

/* }}} */

typedef struct
{
  GString *log;
  guint    n_progress;
  TribSyncProgress last;
} Observer;

static void
log_cb (TribSyncLogLevel  level,
        const char       *line,
        gpointer          user_data)
{
  Observer *o = user_data;

  g_string_append_printf (o->log, "%c %s\n", "IWE"[level], line);
}

static void
progress_cb (const TribSyncProgress *progress,
             gpointer                user_data)
{
  Observer *o = user_data;

  o->n_progress++;
  o->last = *progress;
}

static TribSyncJob *
make_job (const char *setting)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"job\", \"steps\": ["
    " {\"stepType\": \"httpfile\", \"category\": \"reader\", \"parameter\": {\"datasource\": \"w\", \"fileName\": \"/f\","
    "   \"column\": [\"*\"]}},"
    " {\"stepType\": \"oss\", \"category\": \"writer\", \"parameter\": {\"datasource\": \"o\", \"object\": \"x\","
    "   \"writeMode\": \"truncate\"}}],"
    " \"setting\": %s}", setting);
  TribSyncJob *job = trib_sync_job_new_from_string (text, -1, NULL, NULL, &error);

  g_assert_no_error (error);
  return job;
}

static char *
expected_output (guint n_slices,
                 guint per_slice,
                 guint dirty_every,
                 const char *refuse)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_slices; i++)
    for (guint j = 0; j < per_slice; j++)
      {
        g_autofree char *row = g_strdup_printf ("row-%u", j);

        if (dirty_every && j % dirty_every == dirty_every - 1)
          continue;
        if (refuse && strcmp (row, refuse) == 0)
          continue;
        g_string_append_printf (s, "slice-%u|%s\n", i, row);
      }
  return g_string_free (s, FALSE);
}

static gboolean
run_engine (TribSyncJob    *job,
            TestReader     *reader,
            TestWriter     *writer,
            Observer       *observer,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(TribSyncEngine) engine = trib_sync_engine_new (job, TRIB_SYNC_READER (reader), TRIB_SYNC_WRITER (writer));

  trib_sync_engine_set_log_func (engine, log_cb, observer, NULL);
  trib_sync_engine_set_progress_func (engine, progress_cb, observer, NULL);
  return trib_sync_engine_run (engine, cancellable, error);
}

static void
test_ordered_output (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 3}}");
  g_autoptr(TestReader) reader = test_reader_new (10, 20000);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(TribSyncEngine) engine = trib_sync_engine_new (job, TRIB_SYNC_READER (reader), TRIB_SYNC_WRITER (writer));
  g_autofree char *expected = expected_output (10, 20000, 0, NULL);
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };
  const TribSyncSummary *summary;
  g_autofree char *text = NULL;

  trib_sync_engine_set_log_func (engine, log_cb, &o, NULL);
  trib_sync_engine_set_progress_func (engine, progress_cb, &o, NULL);
  g_assert_true (trib_sync_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reader->prepared);
  g_assert_true (reader->closed);
  g_assert_false (writer->aborted);
  g_assert_cmpuint (writer->pending->len, ==, 0);
  g_assert_cmpmem (writer->committed->data, writer->committed->len, expected, strlen (expected));

  summary = trib_sync_engine_get_summary (engine);
  g_assert_cmpuint (summary->records_read, ==, 200000);
  g_assert_cmpuint (summary->records_written, ==, 200000);
  g_assert_cmpuint (summary->failures, ==, 0);
  g_assert_cmpuint (summary->bytes_written, ==, strlen (expected));
  g_assert_nonnull (summary->start);
  /* The last progress report is the final state. */
  g_assert_cmpuint (o.last.records_read, ==, 200000);
  g_assert_cmpuint (o.last.slices_done, ==, 10);
  g_assert_cmpfloat (o.last.fraction, ==, 1.0);

  g_assert_true (g_str_has_prefix (o.log->str,
                                   "I Sync job: httpfile reader, oss writer, data sources w, o; 3 channels\n"
                                   "I test reader: 10 slices\n"
                                   "I Job start time            : "));
  text = trib_sync_summary_format (summary);
  g_assert_true (g_str_has_suffix (o.log->str, "\n"));
  g_assert_nonnull (strstr (o.log->str, text));
  g_string_free (o.log, TRUE);
}

static void
test_dirty_record_zero (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"errorLimit\": {\"record\": \"0\"}, \"speed\": {\"concurrent\": 2}}");
  g_autoptr(TestReader) reader = test_reader_new (4, 100);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };

  reader->dirty_every = 50;
  g_assert_false (run_engine (job, reader, writer, &o, NULL, &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT);
  g_assert_cmpstr (error->message, ==, "dirty data limit exceeded: 1 dirty records, setting.errorLimit.record allows 0");
  g_assert_true (writer->aborted);
  g_assert_cmpuint (writer->committed->len, ==, 0);
  g_assert_nonnull (strstr (o.log->str, "W Dirty record 1 (reader): cannot convert: [\"slice-"));
  g_assert_nonnull (strstr (o.log->str, "E Sync job failed: dirty data limit exceeded: 1 dirty records, setting.errorLimit.record allows 0\n"));
  g_string_free (o.log, TRUE);
}

static void
test_dirty_within_limits (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"errorLimit\": {\"record\": 100, \"percentage\": 0.001}}");
  g_autoptr(TestReader) reader = test_reader_new (3, 100);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = expected_output (3, 100, 20, "row-3");
  Observer o = { g_string_new (NULL) };
  guint echoed = 0;

  /* 15 reader dirty + 3 writer dirty = 18 < 100; the 6% > 0.1% is ignored: record wins. */
  reader->dirty_every = 20;
  writer->refuse = "row-3";
  g_assert_true (run_engine (job, reader, writer, &o, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (writer->committed->data, writer->committed->len, expected, strlen (expected));
  for (const char *p = o.log->str; (p = strstr (p, "Dirty record ")); p++)
    echoed++;
  g_assert_cmpuint (echoed, ==, 10);
  g_assert_nonnull (strstr (o.log->str, "Total read/write failures :                 18\n"));
  g_string_free (o.log, TRUE);
}

static void
test_dirty_percentage (void)
{
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };

  {
    g_autoptr(TribSyncJob) job = make_job ("{\"errorLimit\": {\"percentage\": 0.06}}");
    g_autoptr(TestReader) reader = test_reader_new (2, 100);
    g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);

    reader->dirty_every = 20;   /* 5% */
    g_assert_true (run_engine (job, reader, writer, &o, NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(TribSyncJob) job = make_job ("{\"errorLimit\": {\"percentage\": 0.04}}");
    g_autoptr(TestReader) reader = test_reader_new (2, 100);
    g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);

    reader->dirty_every = 20;
    g_assert_false (run_engine (job, reader, writer, &o, NULL, &error));
    g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT);
    g_assert_cmpstr (error->message, ==,
                     "dirty data limit exceeded: 5.00% of the records are dirty (10 of 200), "
                     "setting.errorLimit.percentage allows 4.00%");
    g_assert_true (writer->aborted);
    g_assert_cmpuint (writer->committed->len, ==, 0);
    g_clear_error (&error);
  }
  {
    /* No errorLimit at all: dirty records are tolerated. */
    g_autoptr(TribSyncJob) job = make_job ("{}");
    g_autoptr(TestReader) reader = test_reader_new (2, 100);
    g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);

    reader->dirty_every = 2;
    g_assert_true (run_engine (job, reader, writer, &o, NULL, &error));
    g_assert_no_error (error);
  }
  g_string_free (o.log, TRUE);
}

static void
test_reader_failure (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 2}}");
  g_autoptr(TestReader) reader = test_reader_new (6, 50000);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };

  reader->fail_slice = 3;
  reader->fail_at = 777;
  g_assert_false (run_engine (job, reader, writer, &o, NULL, &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "the source broke at slice 3 row 777");
  g_assert_true (writer->aborted);
  g_assert_true (reader->closed);
  g_assert_cmpuint (writer->committed->len, ==, 0);
  g_string_free (o.log, TRUE);
}

static void
test_writer_failure (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 2}}");
  g_autoptr(TestReader) reader = test_reader_new (6, 50000);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };

  writer->fail_at_batch = 5;
  g_assert_false (run_engine (job, reader, writer, &o, NULL, &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==, "the target refused batch 5");
  g_assert_true (writer->aborted);
  g_assert_cmpuint (writer->committed->len, ==, 0);
  g_string_free (o.log, TRUE);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 2}}");
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };

  {
    g_autoptr(TestReader) reader = test_reader_new (4, 1000000);
    g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    GThread *thread;
    gint64 start = g_get_monotonic_time ();

    reader->delay_us = 1;
    thread = g_thread_new ("cancel", cancel_thread, cancellable);
    g_assert_false (run_engine (job, reader, writer, &o, cancellable, &error));
    g_thread_join (thread);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpstr (error->message, ==, "The sync job was cancelled");
    g_assert_true (writer->aborted);
    g_assert_cmpuint (writer->committed->len, ==, 0);
    /* Stopped promptly, not after reading the 4 million rows. */
    g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    g_clear_error (&error);
  }
  {
    /* Already cancelled: nothing is read at all. */
    g_autoptr(TestReader) reader = test_reader_new (4, 10);
    g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (run_engine (job, reader, writer, &o, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (reader->prepared);
    g_assert_true (writer->aborted);
  }
  g_string_free (o.log, TRUE);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (trib_sync_engine_run_finish (TRIB_SYNC_ENGINE (source), result, error));
}

static void
test_async_cancel (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 1}}");
  g_autoptr(TestReader) reader = test_reader_new (2, 1000000);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(TribSyncEngine) engine = trib_sync_engine_new (job, TRIB_SYNC_READER (reader), TRIB_SYNC_WRITER (writer));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;

  reader->delay_us = 1;
  trib_sync_engine_run_async (engine, cancellable, run_done_cb, &error);
  g_timeout_add (300, cancel_later, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (writer->aborted);
  g_error_free (error);
}

static void
test_throttle (void)
{
  /* mbps 0.5: 512 KiB/s. About 1.2 MB of values take more than two seconds. */
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 2, \"throttle\": true, \"mbps\": 0.5}}");
  g_autoptr(TestReader) reader = test_reader_new (2, 50000);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  g_assert_true (run_engine (job, reader, writer, &o, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (o.n_progress, >=, 2);
  g_assert_cmpfloat (o.last.bytes_per_second, <, 1.2 * 512 * 1024);
  g_string_free (o.log, TRUE);
}

static void
test_bounded_queue (void)
{
  /* Fast readers, a slow writer: the queue never holds more than its budget allows. */
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 4}}");
  g_autoptr(TestReader) reader = test_reader_new (8, 100000);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(TribSyncEngine) engine = trib_sync_engine_new (job, TRIB_SYNC_READER (reader), TRIB_SYNC_WRITER (writer));
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = expected_output (8, 100000, 0, NULL);
  gsize budget = 4 * 1024 * 1024;

  writer->delay_us = 2000;
  trib_sync_engine_set_queue_budget (engine, budget);
  g_assert_true (trib_sync_engine_run (engine, NULL, &error));
  g_assert_cmpmem (writer->committed->data, writer->committed->len, expected, strlen (expected));
  g_assert_cmpuint (trib_sync_engine_get_peak_queue_bytes (engine), >, 0);
  g_assert_cmpuint (trib_sync_engine_get_peak_queue_bytes (engine), <=, budget + budget / 2 + 4 * 1024 * 1024);
}

static void
test_empty_source (void)
{
  g_autoptr(TribSyncJob) job = make_job ("{\"speed\": {\"concurrent\": 2}}");
  g_autoptr(TestReader) reader = test_reader_new (0, 0);
  g_autoptr(TestWriter) writer = g_object_new (TEST_TYPE_WRITER, NULL);
  g_autoptr(GError) error = NULL;
  Observer o = { g_string_new (NULL) };

  g_assert_true (run_engine (job, reader, writer, &o, NULL, &error));
  g_assert_cmpuint (writer->committed->len, ==, 0);
  g_assert_false (writer->aborted);
  g_string_free (o.log, TRUE);
}

static void
test_texts (void)
{
  TribSyncProgress p = { 0 };
  TribSyncSummary s = { 0 };
  g_autofree char *line = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *summary = NULL;

  p.records_read = 50;
  p.bytes_read = 1000;
  p.bytes_per_second = 205;
  p.records_per_second = 5;
  p.dirty_read = 1;
  p.fraction = 1;
  line = trib_sync_progress_format (&p);
  g_assert_cmpstr (line, ==, "Total 50 records, 1000 bytes | Speed 205B/s, 5 records/s | Error 1 records | Percentage 100.00%");
  p.fraction = -1;
  p.bytes_per_second = 48000;
  unknown = trib_sync_progress_format (&p);
  g_assert_cmpstr (unknown, ==, "Total 50 records, 1000 bytes | Speed 46.88KB/s, 5 records/s | Error 1 records");

  s.start = g_date_time_new_utc (2015, 3, 10, 17, 34, 21);
  s.end = g_date_time_new_utc (2015, 3, 10, 17, 34, 31);
  s.elapsed_us = 10 * G_USEC_PER_SEC;
  s.records_read = 50;
  s.bytes_read = 2050;
  s.failures = 0;
  summary = trib_sync_summary_format (&s);
  g_assert_cmpstr (summary, ==,
                   "Job start time            : 2015-03-10 17:34:21\n"
                   "Job end time              : 2015-03-10 17:34:31\n"
                   "Total elapsed time        :            10.000s\n"
                   "Average throughput        :             205B/s\n"
                   "Record speed              :             5rec/s\n"
                   "Total records read        :                 50\n"
                   "Total read/write failures :                  0");
  trib_sync_summary_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/engine/ordered-output", test_ordered_output);
  g_test_add_func ("/sync/engine/dirty-record-zero", test_dirty_record_zero);
  g_test_add_func ("/sync/engine/dirty-within-limits", test_dirty_within_limits);
  g_test_add_func ("/sync/engine/dirty-percentage", test_dirty_percentage);
  g_test_add_func ("/sync/engine/reader-failure", test_reader_failure);
  g_test_add_func ("/sync/engine/writer-failure", test_writer_failure);
  g_test_add_func ("/sync/engine/cancel", test_cancel);
  g_test_add_func ("/sync/engine/async-cancel", test_async_cancel);
  g_test_add_func ("/sync/engine/throttle", test_throttle);
  g_test_add_func ("/sync/engine/bounded-queue", test_bounded_queue);
  g_test_add_func ("/sync/engine/empty-source", test_empty_source);
  g_test_add_func ("/sync/engine/texts", test_texts);

  return g_test_run ();
}
