/* trib-s3-xml.c: S3 XML with GMarkup (the documents are small and flat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-connector-error.h"
#include "trib-s3-client.h"
#include "trib-s3-xml-private.h"

/* Calls @element_func with each leaf element's name, its parent's name and its text. */
typedef void (*LeafFunc) (const char *parent,
                          const char *name,
                          const char *text,
                          gpointer    user_data);
/* Called when a non-leaf element ends. */
typedef void (*EndFunc)  (const char *name,
                          gpointer    user_data);

typedef struct
{
  GPtrArray *stack;
  GString   *text;
  LeafFunc   leaf;
  EndFunc    end;
  gpointer   user_data;
  gboolean   had_child;
} Walk;

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  Walk *walk = user_data;

  g_ptr_array_add (walk->stack, g_strdup (element_name));
  g_string_truncate (walk->text, 0);
  walk->had_child = FALSE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  Walk *walk = user_data;
  const char *parent = walk->stack->len >= 2 ? g_ptr_array_index (walk->stack, walk->stack->len - 2) : "";

  if (!walk->had_child && walk->leaf)
    walk->leaf (parent, element_name, walk->text->str, walk->user_data);
  else if (walk->had_child && walk->end)
    walk->end (element_name, walk->user_data);

  g_ptr_array_remove_index (walk->stack, walk->stack->len - 1);
  g_string_truncate (walk->text, 0);
  walk->had_child = TRUE;
}

static void
text (GMarkupParseContext  *context,
      const char           *text_value,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  Walk *walk = user_data;

  g_string_append_len (walk->text, text_value, text_len);
}

static gboolean
walk_xml (const char  *body,
          LeafFunc     leaf,
          EndFunc      end,
          gpointer     user_data,
          GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  const char *start = body;
  Walk walk = { 0 };
  gboolean ok;

  if (body == NULL)
    return FALSE;
  /* GMarkup does not take the XML declaration: skip it. */
  while (g_ascii_isspace (*start))
    start++;
  if (g_str_has_prefix (start, "<?xml"))
    {
      const char *close = strstr (start, "?>");
      if (close == NULL)
        return FALSE;
      start = close + 2;
    }
  while (g_ascii_isspace (*start))
    start++;
  if (*start != '<')
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE, "not XML");
      return FALSE;
    }

  walk.stack = g_ptr_array_new_with_free_func (g_free);
  walk.text = g_string_new (NULL);
  walk.leaf = leaf;
  walk.end = end;
  walk.user_data = user_data;

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &walk, NULL);
  ok = g_markup_parse_context_parse (context, start, -1, error) &&
       g_markup_parse_context_end_parse (context, error);

  g_ptr_array_unref (walk.stack);
  g_string_free (walk.text, TRUE);
  return ok;
}

void
_trib_s3_error_doc_clear (TribS3ErrorDoc *doc)
{
  g_clear_pointer (&doc->code, g_free);
  g_clear_pointer (&doc->message, g_free);
  g_clear_pointer (&doc->region, g_free);
}

static void
error_leaf (const char *parent,
            const char *name,
            const char *value,
            gpointer    user_data)
{
  TribS3ErrorDoc *doc = user_data;

  if (g_strcmp0 (parent, "Error") != 0)
    return;
  if (g_str_equal (name, "Code") && doc->code == NULL)
    doc->code = g_strdup (value);
  else if (g_str_equal (name, "Message") && doc->message == NULL)
    doc->message = g_strdup (value);
  else if (g_str_equal (name, "Region") && doc->region == NULL)
    doc->region = g_strdup (value);
}

gboolean
_trib_s3_parse_error (const char     *body,
                      TribS3ErrorDoc *doc)
{
  memset (doc, 0, sizeof *doc);
  if (!walk_xml (body, error_leaf, NULL, doc, NULL) || doc->code == NULL)
    {
      _trib_s3_error_doc_clear (doc);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *element;
  char       *found;
} FindText;

static void
find_leaf (const char *parent,
           const char *name,
           const char *value,
           gpointer    user_data)
{
  FindText *find = user_data;

  if (find->found == NULL && g_str_equal (name, find->element))
    find->found = g_strdup (value);
}

char *
_trib_s3_parse_text (const char *body,
                     const char *element)
{
  FindText find = { element, NULL };

  if (!walk_xml (body, find_leaf, NULL, &find, NULL))
    {
      g_clear_pointer (&find.found, g_free);
      return NULL;
    }
  return find.found;
}

typedef struct
{
  GPtrArray    *objects;
  GPtrArray    *prefixes;
  TribS3Object *current;
  char         *next_token;
  gboolean      truncated;
  gboolean      is_list;
} ListState;

static void
list_leaf (const char *parent,
           const char *name,
           const char *value,
           gpointer    user_data)
{
  ListState *state = user_data;

  if (g_str_equal (parent, "Contents"))
    {
      if (state->current == NULL)
        state->current = g_new0 (TribS3Object, 1);
      if (g_str_equal (name, "Key"))
        {
          g_free (state->current->key);
          state->current->key = g_strdup (value);
        }
      else if (g_str_equal (name, "Size"))
        state->current->size = g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (name, "ETag"))
        {
          g_free (state->current->etag);
          state->current->etag = g_strdup (value);
        }
      else if (g_str_equal (name, "LastModified"))
        {
          g_free (state->current->last_modified);
          state->current->last_modified = g_strdup (value);
        }
    }
  else if (g_str_equal (parent, "CommonPrefixes") && g_str_equal (name, "Prefix"))
    g_ptr_array_add (state->prefixes, g_strdup (value));
  else if (g_str_equal (parent, "ListBucketResult"))
    {
      state->is_list = TRUE;
      if (g_str_equal (name, "IsTruncated"))
        state->truncated = g_ascii_strcasecmp (value, "true") == 0;
      else if (g_str_equal (name, "NextContinuationToken"))
        {
          g_free (state->next_token);
          state->next_token = g_strdup (value);
        }
    }
}

static void
list_end (const char *name,
          gpointer    user_data)
{
  ListState *state = user_data;

  if (g_str_equal (name, "Contents") && state->current != NULL)
    {
      if (state->current->key != NULL)
        g_ptr_array_add (state->objects, g_steal_pointer (&state->current));
      else
        g_clear_pointer (&state->current, trib_s3_object_free);
    }
  else if (g_str_equal (name, "ListBucketResult"))
    state->is_list = TRUE;
}

gboolean
_trib_s3_parse_list (const char  *body,
                     GPtrArray   *objects,
                     GPtrArray   *prefixes,
                     char       **next_token,
                     GError     **error)
{
  ListState state = { objects, prefixes, NULL, NULL, FALSE, FALSE };
  gboolean ok;

  ok = walk_xml (body, list_leaf, list_end, &state, NULL) && state.is_list;
  g_clear_pointer (&state.current, trib_s3_object_free);
  if (!ok)
    {
      g_free (state.next_token);
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                   _("the answer to a listing is not an S3 ListBucketResult"));
      return FALSE;
    }
  if (state.truncated && state.next_token != NULL)
    *next_token = state.next_token;
  else
    {
      g_free (state.next_token);
      *next_token = NULL;
    }
  return TRUE;
}

typedef struct
{
  GPtrArray    *uploads;
  TribS3Upload *current;
  char         *next_key;
  char         *next_upload_id;
  gboolean      truncated;
  gboolean      is_list;
} UploadsState;

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
uploads_leaf (const char *parent,
              const char *name,
              const char *value,
              gpointer    user_data)
{
  UploadsState *state = user_data;

  if (g_str_equal (parent, "Upload"))
    {
      if (state->current == NULL)
        state->current = g_new0 (TribS3Upload, 1);
      if (g_str_equal (name, "Key"))
        set_text (&state->current->key, value);
      else if (g_str_equal (name, "UploadId"))
        set_text (&state->current->upload_id, value);
      else if (g_str_equal (name, "Initiated"))
        set_text (&state->current->initiated, value);
    }
  else if (g_str_equal (parent, "ListMultipartUploadsResult"))
    {
      state->is_list = TRUE;
      if (g_str_equal (name, "IsTruncated"))
        state->truncated = g_ascii_strcasecmp (value, "true") == 0;
      else if (g_str_equal (name, "NextKeyMarker"))
        set_text (&state->next_key, value);
      else if (g_str_equal (name, "NextUploadIdMarker"))
        set_text (&state->next_upload_id, value);
    }
}

static void
uploads_end (const char *name,
             gpointer    user_data)
{
  UploadsState *state = user_data;

  if (g_str_equal (name, "Upload") && state->current != NULL)
    {
      if (state->current->key != NULL && state->current->upload_id != NULL)
        g_ptr_array_add (state->uploads, g_steal_pointer (&state->current));
      else
        g_clear_pointer (&state->current, trib_s3_upload_free);
    }
  else if (g_str_equal (name, "ListMultipartUploadsResult"))
    state->is_list = TRUE;
}

gboolean
_trib_s3_parse_uploads (const char  *body,
                        GPtrArray   *uploads,
                        char       **next_key,
                        char       **next_upload_id,
                        GError     **error)
{
  UploadsState state = { uploads, NULL, NULL, NULL, FALSE, FALSE };
  gboolean ok;

  *next_key = NULL;
  *next_upload_id = NULL;
  ok = walk_xml (body, uploads_leaf, uploads_end, &state, NULL) && state.is_list;
  g_clear_pointer (&state.current, trib_s3_upload_free);
  if (ok && state.truncated && (state.next_key == NULL || *state.next_key == '\0'))
    ok = FALSE;  /* a truncated page that does not say where the next one starts */
  if (!ok)
    {
      g_free (state.next_key);
      g_free (state.next_upload_id);
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                   _("the answer to a listing of multipart uploads is not an S3 ListMultipartUploadsResult"));
      return FALSE;
    }
  if (state.truncated)
    {
      *next_key = state.next_key;
      *next_upload_id = state.next_upload_id;
    }
  else
    {
      g_free (state.next_key);
      g_free (state.next_upload_id);
    }
  return TRUE;
}

char *
_trib_s3_complete_body (const char * const *etags)
{
  GString *out = g_string_new ("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");

  for (guint i = 0; etags[i]; i++)
    {
      g_autofree char *etag = g_markup_escape_text (etags[i], -1);
      g_string_append_printf (out, "<Part><PartNumber>%u</PartNumber><ETag>%s</ETag></Part>", i + 1, etag);
    }
  g_string_append (out, "</CompleteMultipartUpload>");
  return g_string_free (out, FALSE);
}
