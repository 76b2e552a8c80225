#include "csvg.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// librsvg, cairo and GObject are loaded at the first chart, not at start: a service that never draws
// one (or runs where they are missing: reports then go without a picture) does not map them, and the
// idle process stays small. Only the few functions used are declared, with their C ABI.

typedef struct { uint32_t domain; int code; char *message; } GError;
typedef struct { double x, y, width, height; } RsvgRectangle;
typedef int cairo_status_t;
typedef cairo_status_t (*cairo_write_func_t)(void *closure, const unsigned char *data, unsigned int length);
typedef cairo_status_t (*cairo_read_func_t)(void *closure, unsigned char *data, unsigned int length);
enum { CAIRO_STATUS_SUCCESS = 0, CAIRO_STATUS_NO_MEMORY = 1, CAIRO_STATUS_READ_ERROR = 10, CAIRO_FORMAT_ARGB32 = 0 };

static struct {
    void *(*rsvg_handle_new_from_data)(const unsigned char *, size_t, GError **);
    int (*rsvg_handle_get_intrinsic_size_in_pixels)(void *, double *, double *);
    int (*rsvg_handle_render_document)(void *, void *, const RsvgRectangle *, GError **);
    void (*g_object_unref)(void *);
    void (*g_error_free)(GError *);
    void *(*cairo_image_surface_create)(int, int, int);
    void *(*cairo_create)(void *);
    void (*cairo_set_source_rgb)(void *, double, double, double);
    void (*cairo_set_source_surface)(void *, void *, double, double);
    void (*cairo_paint)(void *);
    void (*cairo_destroy)(void *);
    cairo_status_t (*cairo_surface_write_to_png_stream)(void *, cairo_write_func_t, void *);
    void *(*cairo_image_surface_create_from_png_stream)(cairo_read_func_t, void *);
    cairo_status_t (*cairo_surface_status)(void *);
    void (*cairo_surface_destroy)(void *);
    void (*cairo_surface_flush)(void *);
    int (*cairo_image_surface_get_format)(void *);
    int (*cairo_image_surface_get_width)(void *);
    int (*cairo_image_surface_get_height)(void *);
    int (*cairo_image_surface_get_stride)(void *);
    unsigned char *(*cairo_image_surface_get_data)(void *);
} lib;

static pthread_once_t loading = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void *symbol(void *library, const char *name, int *ok) {
    void *found = library ? dlsym(library, name) : NULL;
    if (!found) *ok = 0;
    return found;
}

static void load(void) {
    void *rsvg = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    void *cairo = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    void *gobject = dlopen("libgobject-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
    void *glib = dlopen("libglib-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
    int ok = 1;
#define LOAD(library, name) *(void **)(&lib.name) = symbol(library, #name, &ok)
    LOAD(rsvg, rsvg_handle_new_from_data);
    LOAD(rsvg, rsvg_handle_get_intrinsic_size_in_pixels);
    LOAD(rsvg, rsvg_handle_render_document);
    LOAD(gobject, g_object_unref);
    LOAD(glib, g_error_free);
    LOAD(cairo, cairo_image_surface_create);
    LOAD(cairo, cairo_create);
    LOAD(cairo, cairo_set_source_rgb);
    LOAD(cairo, cairo_set_source_surface);
    LOAD(cairo, cairo_paint);
    LOAD(cairo, cairo_destroy);
    LOAD(cairo, cairo_surface_write_to_png_stream);
    LOAD(cairo, cairo_image_surface_create_from_png_stream);
    LOAD(cairo, cairo_surface_status);
    LOAD(cairo, cairo_surface_destroy);
    LOAD(cairo, cairo_surface_flush);
    LOAD(cairo, cairo_image_surface_get_format);
    LOAD(cairo, cairo_image_surface_get_width);
    LOAD(cairo, cairo_image_surface_get_height);
    LOAD(cairo, cairo_image_surface_get_stride);
    LOAD(cairo, cairo_image_surface_get_data);
#undef LOAD
    loaded = ok;
}

int csvg_available(void) {
    pthread_once(&loading, load);
    return loaded;
}

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
    if (!csvg_available()) return -7;
    if (width <= 0 || width > 8192) return -1;
    GError *gerror = NULL;
    void *handle = lib.rsvg_handle_new_from_data((const unsigned char *)svg, length, &gerror);
    if (!handle) {
        if (error && gerror) *error = copy_message(gerror->message);
        if (gerror) lib.g_error_free(gerror);
        return -2;
    }
    double svg_width = 0, svg_height = 0;
    if (!lib.rsvg_handle_get_intrinsic_size_in_pixels(handle, &svg_width, &svg_height) || svg_width <= 0 || svg_height <= 0) {
        lib.g_object_unref(handle);
        return -3;
    }
    int height = (int)(svg_height * width / svg_width + 0.5);
    if (height <= 0 || height > 16384) {
        lib.g_object_unref(handle);
        return -4;
    }
    void *surface = lib.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    void *cr = lib.cairo_create(surface);
    lib.cairo_set_source_rgb(cr, 1, 1, 1);
    lib.cairo_paint(cr);
    RsvgRectangle viewport = {0, 0, width, height};
    int status = 0;
    if (!lib.rsvg_handle_render_document(handle, cr, &viewport, &gerror)) {
        if (error && gerror) *error = copy_message(gerror->message);
        if (gerror) lib.g_error_free(gerror);
        status = -5;
    }
    lib.cairo_destroy(cr);
    if (status == 0) {
        buffer b = {NULL, 0, 0};
        if (lib.cairo_surface_write_to_png_stream(surface, append, &b) == CAIRO_STATUS_SUCCESS) {
            *png = b.data;
            *png_length = b.length;
        } else {
            free(b.data);
            status = -6;
        }
    }
    lib.cairo_surface_destroy(surface);
    lib.g_object_unref(handle);
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
    if (!csvg_available()) return -7;
    reader r = {png, length, 0};
    void *surface = lib.cairo_image_surface_create_from_png_stream(take, &r);
    if (lib.cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        lib.cairo_surface_destroy(surface);
        return -1;
    }
    void *argb = surface;
    if (lib.cairo_image_surface_get_format(surface) != CAIRO_FORMAT_ARGB32) {
        int w = lib.cairo_image_surface_get_width(surface), h = lib.cairo_image_surface_get_height(surface);
        argb = lib.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        void *cr = lib.cairo_create(argb);
        lib.cairo_set_source_surface(cr, surface, 0, 0);
        lib.cairo_paint(cr);
        lib.cairo_destroy(cr);
    }
    lib.cairo_surface_flush(argb);
    int w = lib.cairo_image_surface_get_width(argb), h = lib.cairo_image_surface_get_height(argb);
    int stride = lib.cairo_image_surface_get_stride(argb);
    unsigned char *data = lib.cairo_image_surface_get_data(argb);
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
    if (argb != surface) lib.cairo_surface_destroy(argb);
    lib.cairo_surface_destroy(surface);
    return status;
}

void csvg_free(void *pointer) { free(pointer); }
