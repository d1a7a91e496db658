/*
 * The C door of the metadata refresh table (tests/data/metadata/refresh-cases.json),
 * driven by tests/conformance/run_refresh_table.py:
 *
 *   refresh_door refresh SOURCE STATE TRUST PROFILE AT FORCE
 *   refresh_door entity STATE ID
 *
 * refresh refreshes the state directory STATE from SOURCE (a URL or a file) with
 * tm_metadata_source_refresh(), the aggregate signed by the certificate of the PEM file
 * TRUST, verified under PROFILE ("generic" or "etoegang") at AT (RFC 3339), forced when
 * FORCE is 1. It prints one line, as the command line's and Python's doors do:
 *   updated SEQUENCE ENTITIES | unchanged REASON | rejected CODE | failed CODE
 * (failed: lookup.http_failure, the source could not be read; rejected: any other
 * refusal, refresh.not_newer included). entity looks ID up with
 * tm_metadata_source_entity() and prints "found GROUP ROLES" (roles comma-joined) or
 * "missing". Anything else (bad arguments, an unexpected status) prints a line starting
 * "error" and exits 2. scripts/test-c.sh builds it against the shared library and under
 * AddressSanitizer + UndefinedBehaviorSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"

/* Reads a whole file; returns NULL (and prints why) if it cannot. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("error cannot open %s\n", path);
        return NULL;
    }
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap == 0 ? 4096 : cap * 2);
            if (bigger == NULL) {
                break;
            }
            buf = bigger;
            cap = cap == 0 ? 4096 : cap * 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    int bad = ferror(f) || n == cap;
    fclose(f);
    if (bad) {
        printf("error cannot read %s\n", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int usage(void) {
    fprintf(stderr, "usage: refresh_door refresh SOURCE STATE TRUST PROFILE AT FORCE\n"
                    "       refresh_door entity STATE ID\n");
    return 2;
}

/* Prints an unexpected failure and returns 2. */
static int fail(const char *what, tm_error *err) {
    printf("error %s: %s: %s\n", what, tm_error_code(err), tm_error_message(err));
    tm_error_free(err);
    return 2;
}

static int refresh(char **argv) {
    const char *source = argv[2], *state = argv[3], *trust = argv[4], *profile = argv[5], *at = argv[6];
    const char *force = argv[7];
    if (strcmp(force, "0") != 0 && strcmp(force, "1") != 0) {
        return usage();
    }
    tm_error *err = NULL;
    int64_t now = 0;
    if (tm_parse_rfc3339(at, &now, &err) != TM_OK) {
        return fail("AT", err);
    }
    size_t pem_len = 0;
    unsigned char *pem = read_file(trust, &pem_len);
    if (pem == NULL) {
        return 2;
    }
    tm_trust_store *store = tm_trust_store_new();
    tm_status st = tm_trust_store_add_pem(store, pem, pem_len, &err);
    free(pem);
    if (st != TM_OK) {
        tm_trust_store_free(store);
        return fail("TRUST", err);
    }

    tm_metadata_source_options *opts = tm_metadata_source_options_new();
    tm_metadata_source *src = NULL;
    if (tm_metadata_source_options_set_profile(opts, profile, &err) != TM_OK ||
        tm_metadata_source_new(source, state, store, opts, &src, &err) != TM_OK) {
        tm_metadata_source_options_free(opts);
        tm_trust_store_free(store);
        return fail("source", err);
    }
    tm_metadata_source_options_free(opts); /* the source keeps a copy, as of the store */
    tm_trust_store_free(store);

    tm_metadata_refresh_options *ropts = tm_metadata_refresh_options_new();
    if (tm_metadata_refresh_options_set_now(ropts, now, &err) != TM_OK ||
        tm_metadata_refresh_options_set_force(ropts, force[0] == '1', &err) != TM_OK) {
        tm_metadata_refresh_options_free(ropts);
        tm_metadata_source_free(src);
        return fail("options", err);
    }
    tm_metadata_refresh *r = NULL;
    st = tm_metadata_source_refresh(src, ropts, &r, &err);
    tm_metadata_refresh_options_free(ropts);
    int rc = 0;
    if (st == TM_OK) {
        const tm_metadata *md = tm_metadata_refresh_metadata(r);
        switch (tm_metadata_refresh_status(r)) {
        case TM_REFRESH_UPDATED: {
            const tm_etoegang_name *name = tm_metadata_etoegang(md);
            if (md == NULL || tm_metadata_refresh_sha256(r) == NULL || strlen(tm_metadata_refresh_sha256(r)) != 64 ||
                tm_metadata_refresh_reason(r) != NULL) {
                printf("error an update without its record or SHA-256\n");
                rc = 2;
            } else if (name == NULL) {
                printf("updated None %lld\n", (long long)tm_metadata_entities(md));
            } else {
                printf("updated %lld %lld\n", (long long)tm_etoegang_name_sequence(name),
                       (long long)tm_metadata_entities(md));
            }
            break;
        }
        case TM_REFRESH_UNCHANGED:
            if (md != NULL || tm_metadata_refresh_sha256(r) != NULL || tm_metadata_refresh_reason(r) == NULL) {
                printf("error an unchanged outcome with a record, or without a reason\n");
                rc = 2;
            } else {
                printf("unchanged %s\n", tm_metadata_refresh_reason(r));
            }
            break;
        default:
            printf("error the outcome has no status\n");
            rc = 2;
        }
        tm_metadata_refresh_free(r);
    } else if (r != NULL || err == NULL || tm_error_status(err) != st) {
        printf("error a failure that left an outcome, or no error matching its status\n");
        tm_metadata_refresh_free(r);
        tm_error_free(err);
        rc = 2;
    } else if (st == TM_NULL_POINTER || st == TM_INVALID_ARGUMENT || st == TM_INTERNAL_PANIC) {
        rc = fail("refresh", err);
    } else {
        printf("%s %s\n", st == TM_LOOKUP_HTTP_FAILURE ? "failed" : "rejected", tm_error_code(err));
        tm_error_free(err);
    }
    tm_metadata_source_free(src);
    return rc;
}

static int entity(char **argv) {
    const char *state = argv[2], *id = argv[3];
    tm_error *err = NULL;
    tm_trust_store *none = tm_trust_store_new(); /* lookups verify nothing again */
    tm_metadata_source *src = NULL;
    tm_status st = tm_metadata_source_new("unused", state, none, NULL, &src, &err);
    tm_trust_store_free(none);
    if (st != TM_OK) {
        return fail("source", err);
    }
    tm_metadata_entity *e = NULL;
    st = tm_metadata_source_entity(src, id, &e, &err);
    int rc = 0;
    if (st != TM_OK) {
        rc = fail("entity", err);
    } else if (e == NULL) {
        printf("missing\n");
    } else {
        const char *group = tm_metadata_entity_group(e);
        printf("found %s ", group != NULL ? group : "None");
        for (size_t i = 0; i < tm_metadata_entity_roles_count(e); i++) {
            printf("%s%s", i > 0 ? "," : "", tm_metadata_entity_roles(e, i));
        }
        printf("\n");
        if (strcmp(tm_metadata_entity_entity_id(e), id) != 0) {
            printf("error the entity read is %s\n", tm_metadata_entity_entity_id(e));
            rc = 2;
        }
        tm_metadata_entity_free(e);
    }
    tm_metadata_source_free(src);
    return rc;
}

int main(int argc, char **argv) {
    if (argc == 8 && strcmp(argv[1], "refresh") == 0) {
        return refresh(argv);
    }
    if (argc == 4 && strcmp(argv[1], "entity") == 0) {
        return entity(argv);
    }
    return usage();
}
