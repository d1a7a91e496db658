/*
 * Runs every case of tests/conformance/cases.tsv through the C API.
 *
 *   conformance REPO_ROOT
 *
 * Paths starting with "shared/" are resolved in $TRUSTMETA_SHARED, or REPO_ROOT/../shared;
 * others relative to REPO_ROOT. Each trust file goes through tm_trust_store_add_pem(),
 * each intermediate through tm_trust_store_add_intermediates_pem(); `at` through
 * tm_parse_rfc3339(); options through the tm_policy setters. The outcome ("ok" or the
 * dotted error code) must equal the case's `expect`.
 *
 * Prints a FAIL line per mismatch and closes with "c: N passed, M failed"; exits 1 on
 * any failure, 2 if the case file cannot be read.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"
#include "check.h"

enum { FIELDS = 7 };

static const char *repo;
static char shared[4096];

static void resolve(const char *rel, char *out, size_t cap) {
    if (strncmp(rel, "shared/", 7) == 0) {
        snprintf(out, cap, "%s/%s", shared, rel + 7);
    } else {
        snprintf(out, cap, "%s/%s", repo, rel);
    }
}

/* Loads each comma-separated file of `list` into `store`; "-" is none. Returns the
 * status of the first failure (with *err set), or TM_OK. */
static tm_status load(tm_trust_store *store, const char *list, int intermediates, tm_error **err, char *why, size_t why_cap) {
    if (strcmp(list, "-") == 0) {
        return TM_OK;
    }
    char *copy = strdup(list);
    tm_status st = TM_OK;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item != NULL && st == TM_OK; item = strtok_r(NULL, ",", &save)) {
        char path[8192];
        resolve(item, path, sizeof path);
        size_t len = 0;
        unsigned char *bytes = read_file(path, &len);
        if (bytes == NULL) {
            snprintf(why, why_cap, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
            break;
        }
        st = intermediates ? tm_trust_store_add_intermediates_pem(store, bytes, len, err)
                           : tm_trust_store_add_pem(store, bytes, len, err);
        free(bytes);
    }
    free(copy);
    return st;
}

/* Applies a comma list of `allow_sha1` and `min_rsa_bits=N`; 0 on an unknown option. */
static int apply_options(tm_policy *policy, const char *opts) {
    if (strcmp(opts, "-") == 0) {
        return 1;
    }
    char *copy = strdup(opts);
    int ok = 1;
    char *save = NULL;
    for (char *o = strtok_r(copy, ",", &save); o != NULL; o = strtok_r(NULL, ",", &save)) {
        if (strcmp(o, "allow_sha1") == 0) {
            ok &= tm_policy_set_allow_sha1(policy, true) == TM_OK;
        } else if (strncmp(o, "min_rsa_bits=", 13) == 0) {
            ok &= tm_policy_set_min_rsa_bits(policy, (uint32_t)strtoul(o + 13, NULL, 10)) == TM_OK;
        } else {
            ok = 0;
        }
    }
    free(copy);
    return ok;
}

/* A verified result must answer its basic accessors consistently. */
static int result_is_sane(const tm_result *res) {
    size_t len = 0;
    if (tm_result_signer_key(res) == NULL || tm_result_signature_algorithm(res) == NULL
        || tm_result_canonicalization(res) == NULL || tm_result_reference_count(res) == 0
        || tm_result_signed_xml_count(res) != tm_result_reference_count(res)
        || tm_result_signed_xml(res, 0, &len) == NULL || len == 0) {
        return 0;
    }
    const char *signer = tm_result_signer_sha256(res);
    if (signer == NULL) {
        return tm_result_pinned(res); /* a bare key is trusted only when pinned */
    }
    return strlen(signer) == 64 && tm_result_chain_count(res) >= 1
        && strcmp(tm_result_chain_sha256(res, 0), signer) == 0;
}

static void run_case(char **f) {
    const char *id = f[0], *file = f[1], *trust = f[2], *inter = f[3], *at = f[4], *opts = f[5], *expect = f[6];
    char got[256] = "", why[9000] = "";
    tm_error *err = NULL;
    tm_trust_store *store = tm_trust_store_new();
    tm_policy *policy = tm_policy_new();
    int64_t now = 0;

    tm_status st = load(store, trust, 0, &err, why, sizeof why);
    if (st == TM_OK) {
        st = load(store, inter, 1, &err, why, sizeof why);
    }
    if (st == TM_OK) {
        st = tm_parse_rfc3339(at, &now, &err);
    }
    if (st == TM_OK && !apply_options(policy, opts)) {
        snprintf(why, sizeof why, "bad options '%s'", opts);
        st = TM_INVALID_ARGUMENT;
    }
    if (st == TM_OK) {
        char path[8192];
        resolve(file, path, sizeof path);
        size_t len = 0;
        unsigned char *xml = read_file(path, &len);
        if (xml == NULL) {
            snprintf(why, sizeof why, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
        } else {
            tm_result *res = NULL;
            st = tm_verify(xml, len, store, policy, now, &res, &err);
            if (st == TM_OK && !result_is_sane(res)) {
                snprintf(why, sizeof why, "verified, but the result's accessors are inconsistent");
                st = TM_INTERNAL_PANIC;
            }
            tm_result_free(res);
            free(xml);
        }
    }
    if (st == TM_OK) {
        snprintf(got, sizeof got, "ok");
    } else if (err != NULL) {
        snprintf(got, sizeof got, "%s", tm_error_code(err));
        snprintf(why, sizeof why, "%s", tm_error_message(err));
    } else {
        snprintf(got, sizeof got, "%s", tm_error_code_name(st));
    }

    if (strcmp(got, expect) == 0) {
        check_passed++;
    } else {
        check_failed++;
        printf("FAIL %s: expected %s, got %s (%s)\n", id, expect, got, why);
    }
    tm_error_free(err);
    tm_policy_free(policy);
    tm_trust_store_free(store);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    const char *env = getenv("TRUSTMETA_SHARED");
    if (env != NULL && env[0] != '\0') {
        snprintf(shared, sizeof shared, "%s", env);
    } else {
        snprintf(shared, sizeof shared, "%s/../shared", repo);
    }

    char cases[4096];
    snprintf(cases, sizeof cases, "%s/tests/conformance/cases.tsv", repo);
    FILE *tsv = fopen(cases, "r");
    if (tsv == NULL) {
        fprintf(stderr, "cannot open %s\n", cases);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;
    while ((n = getline(&line, &cap, tsv)) != -1) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            line[--n] = '\0';
        }
        if (n == 0 || line[0] == '#') {
            continue;
        }
        char *f[FIELDS];
        int k = 0;
        char *p = line;
        for (; k < FIELDS; k++) {
            f[k] = p;
            char *tab = strchr(p, '\t');
            if (tab == NULL) {
                k++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        if (k != FIELDS) {
            check_failed++;
            printf("FAIL line %d: expected %d tab-separated fields, got %d\n", lineno, FIELDS, k);
            continue;
        }
        if (lineno == 1 && strcmp(f[0], "id") == 0) {
            continue; /* header */
        }
        run_case(f);
    }
    free(line);
    fclose(tsv);
    if (check_passed + check_failed == 0) {
        printf("FAIL: no cases in %s\n", cases);
        check_failed++;
    }
    return check_summary("c");
}
