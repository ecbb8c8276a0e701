/* ecert-certificate-print.c: a certificate on paper, or in a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A printed document, not a picture of the window: the number as title,
 * the verdict in a frame that stands out, then the same sections and
 * values as the screen, from the same report. Every page says which
 * certificate it belongs to, when it was printed, and which page of how
 * many it is: pages of a certificate get separated on a desk. Image
 * attachments follow, each under its file name.
 */

#define G_LOG_DOMAIN "ecert-certificate-print"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-certificate-print.h"

/* In points: the operation works in points. */
#define TITLE_SIZE 18
#define VERDICT_SIZE 15
#define HEADING_SIZE 12.5
#define TEXT_SIZE 10
#define SMALL_SIZE 8
#define LABEL_COLUMN 0.3
#define COLUMN_GAP 12.0
#define VERDICT_PADDING 10.0
#define VERDICT_BAR 5.0
#define FOOTER_HEIGHT 28.0
#define MARGIN_MM 16.0
/* An image is printed at this resolution, or smaller to fit: a scan keeps
 * its detail, and a photograph takes at most this share of a page. */
#define IMAGE_DPI 150.0
#define IMAGE_MAX_PAGE_SHARE 0.6

typedef struct
{
  double red;
  double green;
  double blue;
} Colour;

/* One thing on the page: a title, a heading, a paragraph, a labelled value,
 * the verdict or an image. A block is cut between pages only at the ends of
 * its lines; an image is not cut. */
typedef struct
{
  PangoLayout     *label;
  PangoLayout     *text;
  cairo_surface_t *image;
  double           image_scale;
  double           text_x;
  double           padding;
  double           height;
  double           space_before;
  gboolean         keep_with_next;
  gboolean         framed;
  Colour           frame;
  GArray          *breaks;
} Block;

/* The part [from, to) of a block, drawn at y on its page. */
typedef struct
{
  Block  *block;
  double  from;
  double  to;
  double  y;
} Piece;

struct _EcertCertificatePrint
{
  GtkPrintOperation        parent_instance;

  EcertCertificateReport *report;
  GPtrArray               *image_names;
  GPtrArray               *images;       /* GdkTexture, one per name */
  GDateTime               *printed_at;
  GPtrArray               *blocks;
  GPtrArray               *pages;
};

G_DEFINE_FINAL_TYPE (EcertCertificatePrint, ecert_certificate_print, GTK_TYPE_PRINT_OPERATION)

static void
block_free (Block *block)
{
  g_clear_object (&block->label);
  g_clear_object (&block->text);
  g_clear_pointer (&block->image, cairo_surface_destroy);
  g_array_unref (block->breaks);
  g_free (block);
}

static PangoLayout *
new_layout (GtkPrintContext *context,
            double           width,
            double           size,
            PangoWeight      weight)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* Where each line of @layout ends, offset by @top. */
static void
add_line_breaks (Block       *block,
                 PangoLayout *layout,
                 double       top)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle line;
      double end;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      end = top + pango_units_to_double (line.y + line.height);
      g_array_append_val (block->breaks, end);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static Block *
add_block (EcertCertificatePrint *self,
           PangoLayout           *label,
           PangoLayout           *text,
           double                 space_before)
{
  Block *block = g_new0 (Block, 1);

  block->label = label;
  block->text = text;
  block->space_before = space_before;
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  block->height = MAX (layout_height (text), label != NULL ? layout_height (label) : 0);
  add_line_breaks (block, text, 0);
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_text_block (EcertCertificatePrint *self,
                GtkPrintContext       *context,
                const char            *text,
                double                 size,
                PangoWeight            weight,
                double                 space_before)
{
  PangoLayout *layout = new_layout (context, gtk_print_context_get_width (context), size, weight);

  pango_layout_set_text (layout, text, -1);
  add_block (self, NULL, layout, space_before);
}

static Colour
tone_colour (EcertReportTone tone)
{
  switch (tone)
    {
    case ECERT_REPORT_TONE_VALID:
      return (Colour) { 0.11, 0.47, 0.22 };
    case ECERT_REPORT_TONE_INVALID:
      return (Colour) { 0.75, 0.11, 0.16 };
    case ECERT_REPORT_TONE_WARNING:
      return (Colour) { 0.78, 0.44, 0.0 };
    case ECERT_REPORT_TONE_NOT_VERIFIED:
    case ECERT_REPORT_TONE_UNSIGNED:
    default:
      return (Colour) { 0.36, 0.36, 0.36 };
    }
}

/* The verdict in a frame, before anything else: what an inspector must
 * not miss on paper either. */
static void
add_verdict_block (EcertCertificatePrint *self,
                   GtkPrintContext       *context)
{
  double inset = VERDICT_BAR + VERDICT_PADDING;
  double width = gtk_print_context_get_width (context) - inset - VERDICT_PADDING;
  PangoLayout *layout = new_layout (context, width, TEXT_SIZE, PANGO_WEIGHT_NORMAL);
  g_autofree char *markup = NULL;
  Block *block;

  markup = g_markup_printf_escaped ("<span weight=\"bold\" size=\"%d\">%s</span>%s%s%s%s",
                                    (int) (VERDICT_SIZE * PANGO_SCALE), self->report->verdict,
                                    self->report->reason != NULL ? "\n" : "",
                                    self->report->reason != NULL ? self->report->reason : "",
                                    self->report->changed != NULL ? "\n" : "",
                                    self->report->changed != NULL ? self->report->changed : "");
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_spacing (layout, pango_units_from_double (3));

  block = add_block (self, NULL, layout, 12);
  block->framed = TRUE;
  block->frame = tone_colour (self->report->tone);
  block->padding = VERDICT_PADDING;
  block->text_x = inset;
  block->height += 2 * VERDICT_PADDING;
  /* A frame is not cut. */
  g_array_set_size (block->breaks, 0);
  g_array_append_val (block->breaks, block->height);
}

static void
add_row_block (EcertCertificatePrint *self,
               GtkPrintContext       *context,
               const EcertReportRow *row)
{
  double width = gtk_print_context_get_width (context);
  double label_width = width * LABEL_COLUMN - COLUMN_GAP;
  PangoLayout *label = new_layout (context, label_width, TEXT_SIZE, PANGO_WEIGHT_SEMIBOLD);
  PangoLayout *text = new_layout (context, width * (1 - LABEL_COLUMN), TEXT_SIZE,
                                  PANGO_WEIGHT_NORMAL);
  Block *block;

  pango_layout_set_text (label, row->label, -1);
  pango_layout_set_text (text, row->value, -1);
  if (!row->given)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (text, attributes);
    }

  block = add_block (self, label, text, 5);
  block->text_x = width * LABEL_COLUMN;
}

static void
add_section_blocks (EcertCertificatePrint     *self,
                    GtkPrintContext           *context,
                    const EcertReportSection *section)
{
  add_text_block (self, context, section->title, HEADING_SIZE, PANGO_WEIGHT_BOLD, 16);
  ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;
  if (section->description != NULL)
    add_text_block (self, context, section->description, SMALL_SIZE + 1, PANGO_WEIGHT_NORMAL, 3);
  for (guint i = 0; i < section->rows->len; i++)
    add_row_block (self, context, g_ptr_array_index (section->rows, i));
}

static cairo_surface_t *
surface_for_texture (GdkTexture *texture)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         gdk_texture_get_width (texture),
                                                         gdk_texture_get_height (texture));

  /* GDK's default memory format is cairo's ARGB32. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
add_image_block (EcertCertificatePrint *self,
                 GtkPrintContext       *context,
                 GdkTexture            *texture)
{
  double width = gdk_texture_get_width (texture);
  double height = gdk_texture_get_height (texture);
  double max_width = gtk_print_context_get_width (context);
  double max_height = (gtk_print_context_get_height (context) - FOOTER_HEIGHT) * IMAGE_MAX_PAGE_SHARE;
  double scale = 72.0 / IMAGE_DPI;
  Block *block = g_new0 (Block, 1);

  scale = MIN (scale, MIN (max_width / width, max_height / height));
  block->image = surface_for_texture (texture);
  block->image_scale = scale;
  block->space_before = 4;
  block->height = height * scale;
  block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (block->breaks, block->height);
  g_ptr_array_add (self->blocks, block);
}

/* Each image under its name, which stays with it on its page. */
static void
add_image_blocks (EcertCertificatePrint *self,
                  GtkPrintContext       *context)
{
  if (self->images->len == 0)
    return;

  add_text_block (self, context, _("Attached Images"), HEADING_SIZE, PANGO_WEIGHT_BOLD, 16);
  ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;
  for (guint i = 0; i < self->images->len; i++)
    {
      add_text_block (self, context, g_ptr_array_index (self->image_names, i), TEXT_SIZE,
                      PANGO_WEIGHT_SEMIBOLD, 10);
      ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;
      add_image_block (self, context, g_ptr_array_index (self->images, i));
    }
}

static void
lay_out (EcertCertificatePrint *self,
         GtkPrintContext       *context)
{
  g_autofree char *title = g_strdup_printf (_("Certificate %s"),
                                            self->report->number != NULL ? self->report->number
                                                                          : _("Without a Number"));

  add_text_block (self, context, title, TITLE_SIZE, PANGO_WEIGHT_BOLD, 0);
  add_verdict_block (self, context);
  if (self->report->check != NULL)
    add_section_blocks (self, context, self->report->check);
  for (guint i = 0; i < self->report->sections->len; i++)
    add_section_blocks (self, context, g_ptr_array_index (self->report->sections, i));
  add_image_blocks (self, context);
}

static GArray *
new_page (EcertCertificatePrint *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Piece));

  g_ptr_array_add (self->pages, page);
  return page;
}

static void
add_piece (GArray *page,
           Block  *block,
           double  from,
           double  to,
           double  y)
{
  Piece piece = { block, from, to, y };

  g_array_append_val (page, piece);
}

static double
first_break (Block *block)
{
  return block->breaks->len > 0 ? g_array_index (block->breaks, double, 0) : block->height;
}

/* The furthest line end in (from, limit], or @from when there is none. */
static double
last_break_within (Block  *block,
                   double  from,
                   double  limit)
{
  double cut = from;

  for (guint i = 0; i < block->breaks->len; i++)
    {
      double end = g_array_index (block->breaks, double, i);

      if (end > from && end <= limit)
        cut = end;
    }
  return cut;
}

/* Blocks go down the page; one that does not fit starts the next page if
 * it fits a page, and is cut at a line end otherwise. A heading never ends
 * a page: it moves with its first line. */
static void
paginate (EcertCertificatePrint *self,
          double                 page_height)
{
  GArray *page = new_page (self);
  double y = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double gap = y > 0 ? block->space_before : 0;
      double needed = block->height;
      double from = 0;

      if (block->keep_with_next && i + 1 < self->blocks->len)
        {
          Block *next = g_ptr_array_index (self->blocks, i + 1);

          needed += next->space_before + first_break (next);
        }

      if (y > 0 && y + gap + needed > page_height &&
          (needed <= page_height || y + gap + first_break (block) > page_height))
        {
          page = new_page (self);
          y = gap = 0;
        }

      while (block->height - from > page_height - y - gap)
        {
          double cut = last_break_within (block, from, from + page_height - y - gap);

          if (cut <= from && y > 0)
            {
              page = new_page (self);
              y = gap = 0;
              continue;
            }
          /* A single line taller than a page: cut it where the page ends. */
          if (cut <= from)
            cut = from + page_height;

          add_piece (page, block, from, cut, y + gap);
          page = new_page (self);
          y = gap = 0;
          from = cut;
        }

      add_piece (page, block, from, block->height, y + gap);
      y += gap + block->height - from;
    }
}

static void
ecert_certificate_print_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  EcertCertificatePrint *self = ECERT_CERTIFICATE_PRINT (operation);

  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->blocks, 0);
  g_clear_pointer (&self->printed_at, g_date_time_unref);
  self->printed_at = g_date_time_new_now_local ();

  lay_out (self, context);
  paginate (self, gtk_print_context_get_height (context) - FOOTER_HEIGHT);
  gtk_print_operation_set_n_pages (operation, self->pages->len);
}

static void
set_colour (cairo_t      *cr,
            const Colour *colour,
            double        alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, alpha);
}

static void
draw_block (cairo_t *cr,
            Block   *block,
            double   width)
{
  if (block->image != NULL)
    {
      cairo_save (cr);
      cairo_scale (cr, block->image_scale, block->image_scale);
      cairo_set_source_surface (cr, block->image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      return;
    }

  if (block->framed)
    {
      cairo_rectangle (cr, 0, 0, width, block->height);
      set_colour (cr, &block->frame, 0.08);
      cairo_fill_preserve (cr);
      set_colour (cr, &block->frame, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_rectangle (cr, 0, 0, VERDICT_BAR, block->height);
      cairo_fill (cr);
    }

  if (block->label != NULL)
    {
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_move_to (cr, 0, block->padding);
      pango_cairo_show_layout (cr, block->label);
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, block->text_x, block->padding);
  pango_cairo_show_layout (cr, block->text);
}

/* Which certificate, when, by what, and which page of how many. */
static void
draw_footer (EcertCertificatePrint *self,
             GtkPrintContext       *context,
             int                    page_nr)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double top = gtk_print_context_get_height (context) - FOOTER_HEIGHT + 10;
  g_autoptr(PangoLayout) left = new_layout (context, width * 0.75, SMALL_SIZE, PANGO_WEIGHT_NORMAL);
  g_autoptr(PangoLayout) right = new_layout (context, width * 0.25, SMALL_SIZE, PANGO_WEIGHT_NORMAL);
  g_autofree char *when = g_date_time_format (self->printed_at, "%Y-%m-%d %H:%M");
  g_autofree char *origin = NULL;
  g_autofree char *page = NULL;

  /* Translators: the footer of a printed certificate: its number, then
   * when it was printed */
  origin = g_strdup_printf (_("%s · Printed on %s by E-Cert Inspector"),
                            self->report->number != NULL ? self->report->number : "—", when);
  /* Translators: "Page 1 of 3", at the foot of a printed certificate */
  page = g_strdup_printf (_("Page %d of %u"), page_nr + 1, self->pages->len);
  pango_layout_set_text (left, origin, -1);
  pango_layout_set_text (right, page, -1);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, top - 4);
  cairo_line_to (cr, width, top - 4);
  cairo_stroke (cr);
  cairo_move_to (cr, 0, top);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, width * 0.75, top);
  pango_cairo_show_layout (cr, right);
}

static void
ecert_certificate_print_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  EcertCertificatePrint *self = ECERT_CERTIFICATE_PRINT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  GArray *page;

  g_return_if_fail (page_nr >= 0 && (guint) page_nr < self->pages->len);

  page = g_ptr_array_index (self->pages, page_nr);
  for (guint i = 0; i < page->len; i++)
    {
      Piece *piece = &g_array_index (page, Piece, i);

      /* A block cut between pages shows on each only its own lines. */
      cairo_save (cr);
      cairo_rectangle (cr, -1, piece->y - 1, width + 2, piece->to - piece->from + 2);
      cairo_clip (cr);
      cairo_translate (cr, 0, piece->y - piece->from);
      draw_block (cr, piece->block, width);
      cairo_restore (cr);
    }

  draw_footer (self, context, page_nr);
}

static void
ecert_certificate_print_finalize (GObject *object)
{
  EcertCertificatePrint *self = ECERT_CERTIFICATE_PRINT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->printed_at, g_date_time_unref);
  g_clear_pointer (&self->report, ecert_certificate_report_unref);
  g_clear_pointer (&self->image_names, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_certificate_print_parent_class)->finalize (object);
}

static void
ecert_certificate_print_class_init (EcertCertificatePrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = ecert_certificate_print_finalize;
  operation_class->begin_print = ecert_certificate_print_begin_print;
  operation_class->draw_page = ecert_certificate_print_draw_page;
}

static void
ecert_certificate_print_init (EcertCertificatePrint *self)
{
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->image_names = g_ptr_array_new_with_free_func (g_free);
  self->images = g_ptr_array_new_with_free_func (g_object_unref);

  /* The printer's narrow default margins crowd a document meant to be
   * read and filed. */
  gtk_page_setup_set_top_margin (page_setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (page_setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (page_setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), page_setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * ecert_certificate_print_new:
 * @report: what the certificate says
 *
 * Returns: (transfer full): an operation that prints @report, or exports
 *   it to a PDF file
 */
EcertCertificatePrint *
ecert_certificate_print_new (EcertCertificateReport *report)
{
  EcertCertificatePrint *self;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (ECERT_TYPE_CERTIFICATE_PRINT, NULL);
  self->report = ecert_certificate_report_ref (report);
  job_name = g_strdup_printf (_("Certificate %s"),
                              report->number != NULL ? report->number : _("Without a Number"));
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);

  return self;
}

/**
 * ecert_certificate_print_add_image:
 * @name: the attachment's file name, printed above it
 * @texture: the image, as decoded for the screen
 *
 * Prints an image attachment after the certificate; in the order added.
 */
void
ecert_certificate_print_add_image (EcertCertificatePrint *self,
                                   const char            *name,
                                   GdkTexture            *texture)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_PRINT (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  g_ptr_array_add (self->image_names, g_strdup (name != NULL ? name : ""));
  g_ptr_array_add (self->images, g_object_ref (texture));
}
