/*
 * A minimal test harness for the C API tests: CHECK() counts, reports the failing
 * expression with its line, and carries on; check_summary() prints the closing
 * "<name>: N passed, M failed" line and returns the exit status.
 */
#ifndef TRUSTMETA_TEST_CHECK_H
#define TRUSTMETA_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed;
static int check_failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);      \
        }                                                                        \
    } while (0)

/* Compares two C strings; a NULL on either side fails (and is printed as such). */
#define CHECK_STR(got, want)                                                     \
    do {                                                                         \
        const char *check_got_ = (got);                                          \
        const char *check_want_ = (want);                                        \
        if (check_got_ != NULL && check_want_ != NULL                            \
            && strcmp(check_got_, check_want_) == 0) {                           \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "FAIL %s:%d: %s == \"%s\": got \"%s\"\n", __FILE__,   \
                    __LINE__, #got, check_want_ ? check_want_ : "(null)",        \
                    check_got_ ? check_got_ : "(null)");                         \
        }                                                                        \
    } while (0)

static int check_summary(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

/* Reads a whole file; returns NULL (and prints why) if it cannot. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        unsigned char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return NULL;
    }
    *len = n;
    return buf;
}

#endif
