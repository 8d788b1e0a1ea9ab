/* suite_texts.h: the built-in suites' Table Schemas, as written in
 * src/suites/ID.schema.json, embedded by the build (src/suites/embed.cmake
 * writes suites_data.c). core/catalog.c reads them; nothing else should. */
#ifndef LB_CORE_SUITE_TEXTS_H
#define LB_CORE_SUITE_TEXTS_H

#include <stddef.h>

struct lb_suite_text {
    const char *id;   /* "openllm-v1": the file's name without .schema.json */
    const char *text; /* the file's bytes, NUL-terminated */
    size_t len;
};

/* In src/suites' order, ended by an entry whose id is NULL. */
extern const struct lb_suite_text lb_suite_texts[];

#endif
