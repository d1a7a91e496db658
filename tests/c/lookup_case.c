/*
 * Runs one case of tests/data/smp-lookup/cases.json through the C API's SMP lookup
 * (tm_smp_lookup_new(), tm_smp_lookup_run()) against servers already started:
 *
 *   lookup_case --trust PEM --zone ZONE --at RFC3339 --participant ID --document ID
 *               [--smp-version auto|1|2] [--nameserver IP:PORT]... [--connect-to SPEC]...
 *               [--cache DIR]
 *               --run OUTCOME [--expect FIELD=VALUE]... [--expect-null FIELD]...
 *               [--run OUTCOME ...]...
 *
 * Each --run is one lookup with the same tm_smp_lookup, in order. OUTCOME is "ok" or the
 * dotted error code expected; FIELD is one of dns_name, dns_record_type, smp_api,
 * smp_url_prefix (the URL starts with VALUE), cache, version, endpoint_uri and
 * transport_profile (of the first endpoint). tests/lookup/lookup_env.py starts dnsmasq and
 * the HTTP server of each case and passes the case here; scripts/test-c.sh runs it against
 * the shared library and under AddressSanitizer + UndefinedBehaviorSanitizer. The last line
 * is "lookup_case: N passed, M failed".
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"
#include "check.h"

#define MAX_LIST 16

struct expect {
    const char *field;
    const char *value; /* NULL: the field is absent */
};

struct run {
    const char *outcome;
    struct expect expects[MAX_LIST];
    int n_expects;
};

static int usage(const char *why) {
    fprintf(stderr, "lookup_case: %s (see the comment at the top of tests/c/lookup_case.c)\n", why);
    return 2;
}

/* The value of `field` after a successful lookup; NULL when absent. */
static const char *field_of(const char *field, const tm_service_metadata *r, const tm_smp_trace *t) {
    const tm_endpoint *e = tm_service_metadata_endpoints(r, 0);
    if (strcmp(field, "dns_name") == 0) return tm_smp_trace_dns_name(t);
    if (strcmp(field, "dns_record_type") == 0) return tm_smp_trace_dns_record_type(t);
    if (strcmp(field, "smp_api") == 0) return tm_smp_trace_smp_api(t);
    if (strcmp(field, "smp_url_prefix") == 0) return tm_smp_trace_smp_url(t);
    if (strcmp(field, "cache") == 0) return tm_smp_trace_cache(t);
    if (strcmp(field, "version") == 0) return tm_service_metadata_version(r);
    if (strcmp(field, "endpoint_uri") == 0) return tm_endpoint_uri(e);
    if (strcmp(field, "transport_profile") == 0) return tm_endpoint_transport_profile(e);
    fprintf(stderr, "unknown field %s\n", field);
    return NULL;
}

static void check_field(const struct expect *x, const tm_service_metadata *r, const tm_smp_trace *t) {
    const char *got = field_of(x->field, r, t);
    if (x->value == NULL) {
        if (got != NULL) fprintf(stderr, "%s: expected none, got \"%s\"\n", x->field, got);
        CHECK(got == NULL);
    } else if (strcmp(x->field, "smp_url_prefix") == 0) {
        if (got == NULL || strncmp(got, x->value, strlen(x->value)) != 0)
            fprintf(stderr, "smp_url: expected to start with \"%s\", got \"%s\"\n", x->value, got ? got : "(null)");
        CHECK(got != NULL && strncmp(got, x->value, strlen(x->value)) == 0);
    } else {
        CHECK_STR(got, x->value);
    }
}

int main(int argc, char **argv) {
    const char *trust = NULL, *zone = NULL, *at = NULL, *participant = NULL, *document = NULL;
    const char *smp_version = "auto", *cache = NULL;
    const char *nameservers[MAX_LIST], *connect_to[MAX_LIST];
    int n_ns = 0, n_ct = 0, n_runs = 0;
    struct run runs[MAX_LIST];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) return usage("an option without its value");
        const char *v = argv[++i];
        if (strcmp(a, "--trust") == 0) trust = v;
        else if (strcmp(a, "--zone") == 0) zone = v;
        else if (strcmp(a, "--at") == 0) at = v;
        else if (strcmp(a, "--participant") == 0) participant = v;
        else if (strcmp(a, "--document") == 0) document = v;
        else if (strcmp(a, "--smp-version") == 0) smp_version = v;
        else if (strcmp(a, "--cache") == 0) cache = v;
        else if (strcmp(a, "--nameserver") == 0 && n_ns < MAX_LIST) nameservers[n_ns++] = v;
        else if (strcmp(a, "--connect-to") == 0 && n_ct < MAX_LIST) connect_to[n_ct++] = v;
        else if (strcmp(a, "--run") == 0 && n_runs < MAX_LIST) {
            runs[n_runs].outcome = v;
            runs[n_runs].n_expects = 0;
            n_runs++;
        } else if ((strcmp(a, "--expect") == 0 || strcmp(a, "--expect-null") == 0) && n_runs > 0 &&
                   runs[n_runs - 1].n_expects < MAX_LIST) {
            struct run *r = &runs[n_runs - 1];
            struct expect *x = &r->expects[r->n_expects++];
            if (strcmp(a, "--expect") == 0) {
                char *eq = strchr(v, '=');
                if (eq == NULL) return usage("--expect FIELD=VALUE");
                *eq = '\0';
                x->field = v;
                x->value = eq + 1;
            } else {
                x->field = v;
                x->value = NULL;
            }
        } else {
            return usage(a);
        }
    }
    if (!trust || !zone || !at || !participant || !document || n_runs == 0) return usage("missing arguments");

    size_t pem_len = 0;
    unsigned char *pem = read_file(trust, &pem_len);
    if (pem == NULL) return 2;
    tm_error *err = NULL;
    tm_trust_store *store = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(store, pem, pem_len, NULL) == TM_OK);
    free(pem);
    int64_t now = 0;
    CHECK(tm_parse_rfc3339(at, &now, NULL) == TM_OK);

    tm_smp_lookup_options *opts = tm_smp_lookup_options_new();
    CHECK(opts != NULL);
    for (int i = 0; i < n_ns; i++) CHECK(tm_smp_lookup_options_add_nameserver(opts, nameservers[i], NULL) == TM_OK);
    for (int i = 0; i < n_ct; i++) CHECK(tm_smp_lookup_options_add_connect_to(opts, connect_to[i], NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_set_smp_version(opts, smp_version, NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_set_timeout_ms(opts, 10000, NULL) == TM_OK);
    if (cache != NULL) CHECK(tm_smp_lookup_options_set_cache_dir(opts, cache, NULL) == TM_OK);

    tm_smp_lookup *lookup = NULL;
    tm_status st = tm_smp_lookup_new(zone, store, opts, &lookup, &err);
    if (st != TM_OK) fprintf(stderr, "tm_smp_lookup_new: %s\n", tm_error_message(err));
    CHECK(st == TM_OK && lookup != NULL && err == NULL);
    /* The lookup keeps copies: the store and the options may go now. */
    tm_trust_store_free(store);
    tm_smp_lookup_options_free(opts);

    tm_smp_lookup_run_options *run_opts = tm_smp_lookup_run_options_new();
    CHECK(tm_smp_lookup_run_options_set_now(run_opts, now, NULL) == TM_OK);

    for (int i = 0; i < n_runs && lookup != NULL; i++) {
        const struct run *r = &runs[i];
        tm_service_metadata *record = NULL;
        tm_smp_trace *trace = NULL;
        st = tm_smp_lookup_run(lookup, participant, document, run_opts, &record, &trace, &err);
        /* A trace is given whenever the lookup ran, found or not. */
        CHECK(trace != NULL);
        if (strcmp(r->outcome, "ok") == 0) {
            if (st != TM_OK) fprintf(stderr, "run %d: %s: %s\n", i + 1, tm_error_code(err), tm_error_message(err));
            CHECK(st == TM_OK && record != NULL && err == NULL);
            if (record != NULL) {
                for (int k = 0; k < r->n_expects; k++) check_field(&r->expects[k], record, trace);
            }
        } else {
            CHECK(record == NULL);
            /* The status is pinned to the code: its name is the code itself. */
            CHECK_STR(tm_error_code(err), r->outcome);
            CHECK_STR(tm_error_code_name((int)st), r->outcome);
            CHECK(tm_error_status(err) == st);
            CHECK(tm_error_message(err) != NULL && strlen(tm_error_message(err)) > 0);
            if (err != NULL) fprintf(stderr, "run %d: %s: %s\n", i + 1, tm_error_code(err), tm_error_message(err));
        }
        tm_service_metadata_free(record);
        tm_smp_trace_free(trace);
        tm_error_free(err);
        err = NULL;
    }
    tm_smp_lookup_run_options_free(run_opts);
    tm_smp_lookup_free(lookup);
    return check_summary("lookup_case");
}
