/* trib-query-page-private.h: shared by the query page's files (editor, running)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-params-dialog.h"
#include "trib-code-editor.h"
#include "trib-query-page.h"
#include "trib-schema-browser.h"

G_BEGIN_DECLS

struct _TribQueryPage
{
  GtkWidget          parent_instance;

  TribWorkspace     *workspace;
  TribSavedQuery    *query;
  GtkStringList     *data_source_names;
  gboolean           loaded;
  /* Closed: answers still arriving touch no widget. */
  gboolean           disposed;
  gboolean           modified;
  gboolean           setting_text;
  guint              draft_timer;
  guint              saving;
  GHashTable        *remembered;     /* parameter values of this query */

  /* The connection: opened on the first run, dropped when it breaks. */
  TribHs2Client     *client;
  char              *client_source;
  /* MySQL: one connection per statement, with the password resolved per script. */
  char              *mysql_password;
  gboolean           mysql_ready;
  TribHistory       *history;

  /* The run under way */
  GCancellable      *cancellable;
  GPtrArray         *pending;        /* TribQueryRun still to start */
  GHashTable        *run_values;
  TribQueryRun      *current;
  guint              n_statements;
  guint              failed_statement;  /* 0 while all went well */
  gint64             script_started;
  guint              tick;

  TribCodeEditor    *code_editor;
  GtkSourceView     *source_view;
  TribSchemaBrowser *schema_browser;
  GtkSourceCompletionWords *completion_words;
  GtkSourceBuffer   *buffer;
  GtkDropDown       *data_source_dropdown;
  GtkSpinner        *spinner;
  GtkLabel          *elapsed_label;
  GtkNotebook       *results;
  GtkTextView       *log_view;
  GtkToggleButton   *search_button;
};

/* trib-query-page.c */
GFile      *_trib_query_page_state_directory      (TribQueryPage *self);
const char *_trib_query_page_selected_data_source (TribQueryPage *self);
/* Appends a line to the Log tab. */
void        _trib_query_page_log                  (TribQueryPage *self,
                                                   const char    *line);
void        _trib_query_page_update_actions       (TribQueryPage *self);
char       *_trib_query_page_dup_text             (TribQueryPage *self);

/* trib-query-page-run.c: connecting, running statement by statement, parameters */
void        _trib_query_page_start_runs           (TribQueryPage *self,
                                                   gboolean       all,
                                                   GHashTable    *values);
/* @text's statements; @keep_results adds tabs beside those there (Preview). */
void        _trib_query_page_start_script         (TribQueryPage *self,
                                                   const char    *text,
                                                   guint          line_offset,
                                                   guint          cursor_line,
                                                   GHashTable    *values,
                                                   gboolean       keep_results);
void        _trib_query_page_remember_values      (TribQueryPage *self,
                                                   GHashTable    *values);
void        _trib_query_page_run_action           (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void        _trib_query_page_run_all_action       (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void        _trib_query_page_run_with_parameters_action (GtkWidget *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void        _trib_query_page_stop_action          (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);

G_END_DECLS
