/* trib-graph-layout.c: longest-path layering, then barycentre ordering (Sugiyama's
 * method, simplified), good enough for the tens to thousands of nodes of a workflow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "trib-graph-layout.h"

typedef struct
{
  guint   n;
  GArray *up;      /* per node: GArray of upstream indices */
  GArray *down;
  guint  *layer;
  double *order;   /* position inside its layer */
} Graph;

typedef struct
{
  guint  node;
  double key;
  double previous;
} Slot;

static int
compare_slots (const void *a,
               const void *b)
{
  const Slot *x = a, *y = b;

  if (x->key < y->key)
    return -1;
  if (x->key > y->key)
    return 1;
  /* Ties keep the previous order, so the result does not depend on qsort. */
  return (x->previous > y->previous) - (x->previous < y->previous);
}

static void
assign_layers (Graph *g)
{
  g_autofree guint *in_degree = g_new0 (guint, g->n);
  g_autofree guint *queue = g_new (guint, g->n);
  g_autofree gboolean *done = g_new0 (gboolean, g->n);
  guint head = 0, tail = 0, placed = 0;

  for (guint i = 0; i < g->n; i++)
    in_degree[i] = g_array_index (g->up, GArray *, i)->len;
  for (guint i = 0; i < g->n; i++)
    if (in_degree[i] == 0)
      queue[tail++] = i;

  for (;;)
    {
      while (head < tail)
        {
          guint v = queue[head++];
          GArray *down = g_array_index (g->down, GArray *, v);

          done[v] = TRUE;
          placed++;
          for (guint k = 0; k < down->len; k++)
            {
              guint w = g_array_index (down, guint, k);
              g->layer[w] = MAX (g->layer[w], g->layer[v] + 1);
              if (--in_degree[w] == 0)
                queue[tail++] = w;
            }
        }
      if (placed == g->n)
        break;

      /* A cycle (only in a broken file): break it at its first node in file order. */
      for (guint i = 0; i < g->n; i++)
        if (!done[i] && in_degree[i] > 0)
          {
            in_degree[i] = 0;
            queue[tail++] = i;
            break;
          }
    }
}

static double
barycentre (Graph  *g,
            GArray *neighbours,
            double  fallback)
{
  double sum = 0;

  if (neighbours->len == 0)
    return fallback;
  for (guint k = 0; k < neighbours->len; k++)
    sum += g->order[g_array_index (neighbours, guint, k)];
  return sum / neighbours->len;
}

static void
order_layer (Graph  *g,
             GArray *members,
             gboolean use_upstream)
{
  g_autofree Slot *slots = g_new (Slot, members->len);

  for (guint k = 0; k < members->len; k++)
    {
      guint v = g_array_index (members, guint, k);
      GArray *neighbours = g_array_index (use_upstream ? g->up : g->down, GArray *, v);

      slots[k].node = v;
      slots[k].previous = g->order[v];
      slots[k].key = barycentre (g, neighbours, g->order[v]);
    }
  qsort (slots, members->len, sizeof (Slot), compare_slots);
  for (guint k = 0; k < members->len; k++)
    {
      g_array_index (members, guint, k) = slots[k].node;
      g->order[slots[k].node] = k;
    }
}

static void
free_arrays (GArray *arrays)
{
  for (guint i = 0; i < arrays->len; i++)
    g_array_unref (g_array_index (arrays, GArray *, i));
  g_array_unref (arrays);
}

void
trib_graph_layout (guint        n_nodes,
                   const guint *edges,
                   guint        n_edges,
                   double      *xy)
{
  Graph g = { n_nodes, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint widest = 0;

  if (n_nodes == 0)
    return;

  g.up = g_array_sized_new (FALSE, FALSE, sizeof (GArray *), n_nodes);
  g.down = g_array_sized_new (FALSE, FALSE, sizeof (GArray *), n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      GArray *a = g_array_new (FALSE, FALSE, sizeof (guint));
      GArray *b = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (g.up, a);
      g_array_append_val (g.down, b);
    }
  for (guint e = 0; e < n_edges; e++)
    {
      guint from = edges[2 * e], to = edges[2 * e + 1];

      if (from >= n_nodes || to >= n_nodes || from == to)
        continue;
      g_array_append_val (g_array_index (g.down, GArray *, from), to);
      g_array_append_val (g_array_index (g.up, GArray *, to), from);
    }
  g.layer = g_new0 (guint, n_nodes);
  g.order = g_new0 (double, n_nodes);

  assign_layers (&g);

  for (guint i = 0; i < n_nodes; i++)
    {
      while (layers->len <= g.layer[i])
        g_ptr_array_add (layers, g_array_new (FALSE, FALSE, sizeof (guint)));
      g.order[i] = ((GArray *) layers->pdata[g.layer[i]])->len;
      g_array_append_val ((GArray *) layers->pdata[g.layer[i]], i);
    }

  /* Down and up sweeps; a few rounds settle small and large graphs alike. */
  for (guint round = 0; round < 4; round++)
    {
      for (guint l = 1; l < layers->len; l++)
        order_layer (&g, layers->pdata[l], TRUE);
      for (guint l = layers->len - 1; l-- > 0;)
        order_layer (&g, layers->pdata[l], FALSE);
    }

  for (guint l = 0; l < layers->len; l++)
    widest = MAX (widest, ((GArray *) layers->pdata[l])->len);

  for (guint l = 0; l < layers->len; l++)
    {
      GArray *members = layers->pdata[l];
      /* Each layer centred under the widest one. */
      double offset = (widest - members->len) * (TRIB_LAYOUT_NODE_WIDTH + TRIB_LAYOUT_H_GAP) / 2.0;

      for (guint k = 0; k < members->len; k++)
        {
          guint v = g_array_index (members, guint, k);

          xy[2 * v] = TRIB_LAYOUT_MARGIN + offset + k * (TRIB_LAYOUT_NODE_WIDTH + TRIB_LAYOUT_H_GAP);
          xy[2 * v + 1] = TRIB_LAYOUT_MARGIN + l * (TRIB_LAYOUT_NODE_HEIGHT + TRIB_LAYOUT_V_GAP);
        }
    }

  free_arrays (g.up);
  free_arrays (g.down);
  g_free (g.layer);
  g_free (g.order);
}

guint
trib_graph_count_crossings (guint         n_nodes,
                            const guint  *edges,
                            guint         n_edges,
                            const double *xy)
{
  guint crossings = 0;

  /* Two edges cross when they span the same pair of rows and swap sides. */
  for (guint a = 0; a < n_edges; a++)
    for (guint b = a + 1; b < n_edges; b++)
      {
        guint a0 = edges[2 * a], a1 = edges[2 * a + 1];
        guint b0 = edges[2 * b], b1 = edges[2 * b + 1];

        if (a0 >= n_nodes || a1 >= n_nodes || b0 >= n_nodes || b1 >= n_nodes)
          continue;
        if (xy[2 * a0 + 1] != xy[2 * b0 + 1] || xy[2 * a1 + 1] != xy[2 * b1 + 1])
          continue;
        if (a0 == b0 || a1 == b1)
          continue;
        if ((xy[2 * a0] - xy[2 * b0]) * (xy[2 * a1] - xy[2 * b1]) < 0)
          crossings++;
      }
  return crossings;
}
