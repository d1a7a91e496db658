/*
 * trustmeta from C, measured like core/benches/verify.rs measures the Rust calls:
 *
 *   bench FIXTURES_DIR
 *
 * 1. The cost of the C API: tm_verify() and tm_verify_smp() on smp-signed.xml (and
 *    tm_verify() on the other small fixtures), each building its result object as a C
 *    caller gets it, against the Rust figures of the same run (`trustmeta-fast+result`,
 *    `trustmeta-fast-verify_smp`). A warm-up, then TRUSTMETA_BENCH_BATCHES (7) batches of
 *    about TRUSTMETA_BENCH_BATCH_MS (200) ms; the median per call is printed.
 * 2. Throughput on every core: the records of smp-many/ (bench/make_records.py: distinct
 *    SMP records, each signed by python-xmlsec) verified with tm_verify_smp() by one
 *    thread, then by two sharing one trust store and one set of options. The best of three
 *    runs of each; the speedup is 1-thread time / 2-thread time.
 *
 * Every call must succeed and every record must name its own endpoint, or the program
 * exits non-zero: nothing refused is timed. Build (scripts/bench.sh does this):
 *   cc -O2 -pthread -Iinclude bench/c-api/bench.c target/release/libtrustmeta.a -ldl -lm
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trustmeta.h"

#define PARTICIPANT "ehealth-participantid-qns::urn:ehealth:pt:ncp-idp"
#define DOCUMENT                                                                                       \
    "ehealth-resid-qns::urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatient" \
    "Discovery##ITI-55"

static const char *dir;

static void die(const char *what, tm_error *err) {
    fprintf(stderr, "bench.c: %s: %s (%s)\n", what, err ? tm_error_message(err) : "failed",
            err ? tm_error_code(err) : "-");
    exit(1);
}

static unsigned char *read_file(const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "bench.c: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long env_num(const char *name, long dflt) {
    const char *v = getenv(name);
    return v && *v ? atol(v) : dflt;
}

static tm_trust_store *store_of(const char *cert) {
    size_t len = 0;
    unsigned char *pem = read_file(cert, &len);
    if (!pem) {
        fprintf(stderr, "bench.c: %s/%s is missing\n", dir, cert);
        exit(1);
    }
    tm_trust_store *store = tm_trust_store_new();
    tm_error *err = NULL;
    if (tm_trust_store_add_pem(store, pem, len, &err) != TM_OK) die(cert, err);
    free(pem);
    return store;
}

static tm_verify_smp_options *smp_options(void) {
    tm_verify_smp_options *o = tm_verify_smp_options_new();
    tm_error *err = NULL;
    if (tm_verify_smp_options_set_participant(o, PARTICIPANT, &err) != TM_OK ||
        tm_verify_smp_options_set_document(o, DOCUMENT, &err) != TM_OK)
        die("SMP options", err);
    return o;
}

/* One call, as a C caller makes it: verify, read the result, free it. */
struct call {
    const unsigned char *xml;
    size_t len;
    const tm_trust_store *store;
    const tm_verify_smp_options *smp; /* NULL: tm_verify() */
};

static void run(const struct call *c) {
    tm_error *err = NULL;
    if (c->smp) {
        tm_service_metadata *r = NULL;
        if (tm_verify_smp(c->xml, c->len, c->store, c->smp, &r, &err) != TM_OK) die("tm_verify_smp", err);
        tm_service_metadata_free(r);
    } else {
        tm_document *r = NULL;
        if (tm_verify(c->xml, c->len, c->store, NULL, &r, &err) != TM_OK) die("tm_verify", err);
        tm_document_free(r);
    }
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median and best per-call microseconds of `c`, batches sized as the Rust bench does. */
static void measure(const char *label, const char *fixture, const struct call *c) {
    double batch = (double)env_num("TRUSTMETA_BENCH_BATCH_MS", 200) / 1000.0;
    long batches = env_num("TRUSTMETA_BENCH_BATCHES", 7);
    if (batches < 1) batches = 1;
    if (batches > 64) batches = 64;
    double t = now_s();
    long calls = 0;
    while (calls < 3 || now_s() - t < batch / 2) {
        run(c);
        calls++;
    }
    long n = (long)(batch / ((now_s() - t) / (double)calls));
    if (n < 1) n = 1;
    double times[64];
    for (long b = 0; b < batches; b++) {
        double s = now_s();
        for (long i = 0; i < n; i++) run(c);
        times[b] = (now_s() - s) / (double)n * 1e6;
    }
    qsort(times, (size_t)batches, sizeof times[0], by_value);
    printf("%-26s %-28s %8.1f us/verify  (best %.1f, %ldx%ld)\n", label, fixture, times[batches / 2], times[0],
           batches, n);
    fflush(stdout);
}

/* ---- throughput ------------------------------------------------------------------- */

struct records {
    unsigned char **xml;
    size_t *len;
    long count;
};

struct share {
    const struct records *r;
    const tm_trust_store *store;
    const tm_verify_smp_options *opts;
    long first, step;
    long checked;
};

static void *verify_share(void *arg) {
    struct share *s = arg;
    char want[64];
    for (long i = s->first; i < s->r->count; i += s->step) {
        tm_service_metadata *res = NULL;
        tm_error *err = NULL;
        if (tm_verify_smp(s->r->xml[i], s->r->len[i], s->store, s->opts, &res, &err) != TM_OK)
            die("tm_verify_smp on a record of smp-many", err);
        /* Each record names its own endpoint: the answer is this record's. */
        snprintf(want, sizeof want, "https://ap%05ld.example.eu/as4", i);
        if (tm_service_metadata_endpoints_count(res) != 1 ||
            strcmp(tm_endpoint_uri(tm_service_metadata_endpoints(res, 0)), want) != 0) {
            fprintf(stderr, "bench.c: record %ld does not answer with %s\n", i, want);
            exit(1);
        }
        tm_service_metadata_free(res);
        s->checked++;
    }
    return NULL;
}

/* Wall seconds for `threads` threads to verify every record once. */
static double throughput(const struct records *r, const tm_trust_store *store, const tm_verify_smp_options *opts,
                         long threads) {
    pthread_t tid[2];
    struct share shares[2];
    double t = now_s();
    for (long k = 0; k < threads; k++) {
        shares[k] = (struct share){r, store, opts, k, threads, 0};
        if (pthread_create(&tid[k], NULL, verify_share, &shares[k]) != 0) {
            fprintf(stderr, "bench.c: pthread_create failed\n");
            exit(1);
        }
    }
    long checked = 0;
    for (long k = 0; k < threads; k++) {
        pthread_join(tid[k], NULL);
        checked += shares[k].checked;
    }
    double took = now_s() - t;
    if (checked != r->count) {
        fprintf(stderr, "bench.c: %ld of %ld records checked\n", checked, r->count);
        exit(1);
    }
    return took;
}

static int load_records(struct records *r) {
    size_t len = 0;
    unsigned char *count = read_file("smp-many/count", &len);
    if (!count) return 0;
    r->count = atol((const char *)count);
    free(count);
    r->xml = calloc((size_t)r->count, sizeof *r->xml);
    r->len = calloc((size_t)r->count, sizeof *r->len);
    for (long i = 0; i < r->count; i++) {
        char name[64];
        snprintf(name, sizeof name, "smp-many/%05ld.xml", i);
        r->xml[i] = read_file(name, &r->len[i]);
        if (!r->xml[i]) {
            fprintf(stderr, "bench.c: %s/%s is missing\n", dir, name);
            exit(1);
        }
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: bench FIXTURES_DIR\n");
        return 2;
    }
    dir = argv[1];
    static const struct {
        const char *xml, *cert;
    } small[] = {
        {"smp-signed.xml", "rsa.crt"},
        {"smp-signed-ec.xml", "ec.crt"},
        {"saml-response.xml", "rsa.crt"},
        {"saml-response-signed.xml", "rsa.crt"},
    };
    printf("# trustmeta through the C API (libtrustmeta.a), fixtures %s\n", dir);
    tm_verify_smp_options *smp = smp_options();
    for (size_t k = 0; k < sizeof small / sizeof small[0]; k++) {
        size_t len = 0;
        unsigned char *xml = read_file(small[k].xml, &len);
        tm_trust_store *store = store_of(small[k].cert);
        struct call c = {xml, len, store, NULL};
        measure("trustmeta-c", small[k].xml, &c);
        if (k == 0) {
            c.smp = smp;
            measure("trustmeta-c-verify_smp", small[k].xml, &c);
        }
        tm_trust_store_free(store);
        free(xml);
    }

    struct records r;
    if (!load_records(&r)) {
        printf("# not measured: C throughput (no smp-many/ in %s: bench/make_records.py)\n", dir);
    } else {
        tm_trust_store *store = store_of("rsa.crt");
        double best[3] = {0, 0, 0};
        for (int round = 0; round < 3; round++) {
            for (long threads = 1; threads <= 2; threads++) {
                double t = throughput(&r, store, smp, threads);
                if (best[threads] == 0 || t < best[threads]) best[threads] = t;
            }
        }
        printf("scaling trustmeta-c %ld records: 1 thread %.3f s, 2 threads %.3f s, speedup %.2fx\n", r.count, best[1],
               best[2], best[1] / best[2]);
        tm_trust_store_free(store);
        for (long i = 0; i < r.count; i++) free(r.xml[i]);
        free(r.xml);
        free(r.len);
    }
    tm_verify_smp_options_free(smp);
    return 0;
}
