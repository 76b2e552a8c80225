#include "csvg.h"
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *data;
    size_t length;
    size_t capacity;
} buffer;

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int length) {
    buffer *b = closure;
    if (b->length + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity * 2 : 65536;
        while (capacity < b->length + length) capacity *= 2;
        unsigned char *grown = realloc(b->data, capacity);
        if (!grown) return CAIRO_STATUS_NO_MEMORY;
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, data, length);
    b->length += length;
    return CAIRO_STATUS_SUCCESS;
}

static char *copy_message(const char *message) {
    if (!message) return NULL;
    size_t n = strlen(message) + 1;
    char *copy = malloc(n);
    if (copy) memcpy(copy, message, n);
    return copy;
}

int csvg_render_png(const char *svg, size_t length, int width, unsigned char **png, size_t *png_length, char **error) {
    *png = NULL;
    *png_length = 0;
    if (error) *error = NULL;
    if (width <= 0 || width > 8192) return -1;
    GError *gerror = NULL;
    RsvgHandle *handle = rsvg_handle_new_from_data((const guint8 *)svg, length, &gerror);
    if (!handle) {
        if (error && gerror) *error = copy_message(gerror->message);
        if (gerror) g_error_free(gerror);
        return -2;
    }
    gdouble svg_width = 0, svg_height = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &svg_width, &svg_height) || svg_width <= 0 || svg_height <= 0) {
        g_object_unref(handle);
        return -3;
    }
    int height = (int)(svg_height * width / svg_width + 0.5);
    if (height <= 0 || height > 16384) {
        g_object_unref(handle);
        return -4;
    }
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    RsvgRectangle viewport = {0, 0, width, height};
    int status = 0;
    if (!rsvg_handle_render_document(handle, cr, &viewport, &gerror)) {
        if (error && gerror) *error = copy_message(gerror->message);
        if (gerror) g_error_free(gerror);
        status = -5;
    }
    cairo_destroy(cr);
    if (status == 0) {
        buffer b = {NULL, 0, 0};
        if (cairo_surface_write_to_png_stream(surface, append, &b) == CAIRO_STATUS_SUCCESS) {
            *png = b.data;
            *png_length = b.length;
        } else {
            free(b.data);
            status = -6;
        }
    }
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    return status;
}

typedef struct {
    const unsigned char *data;
    size_t length;
    size_t offset;
} reader;

static cairo_status_t take(void *closure, unsigned char *data, unsigned int length) {
    reader *r = closure;
    if (r->offset + length > r->length) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->data + r->offset, length);
    r->offset += length;
    return CAIRO_STATUS_SUCCESS;
}

int csvg_decode_png(const unsigned char *png, size_t length, unsigned int **pixels, int *width, int *height) {
    *pixels = NULL;
    *width = *height = 0;
    reader r = {png, length, 0};
    cairo_surface_t *surface = cairo_image_surface_create_from_png_stream(take, &r);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return -1;
    }
    cairo_surface_t *argb = surface;
    if (cairo_image_surface_get_format(surface) != CAIRO_FORMAT_ARGB32) {
        int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
        argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(argb);
        cairo_set_source_surface(cr, surface, 0, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
    }
    cairo_surface_flush(argb);
    int w = cairo_image_surface_get_width(argb), h = cairo_image_surface_get_height(argb);
    int stride = cairo_image_surface_get_stride(argb);
    unsigned char *data = cairo_image_surface_get_data(argb);
    unsigned int *out = malloc((size_t)w * (size_t)h * sizeof(unsigned int));
    int status = -2;
    if (out && data) {
        for (int y = 0; y < h; y++) memcpy(out + (size_t)y * w, data + (size_t)y * stride, (size_t)w * 4);
        *pixels = out;
        *width = w;
        *height = h;
        status = 0;
    } else {
        free(out);
    }
    if (argb != surface) cairo_surface_destroy(argb);
    cairo_surface_destroy(surface);
    return status;
}

void csvg_free(void *pointer) { free(pointer); }
