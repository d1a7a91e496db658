/*
 * Tests of the C API through include/trustmeta.h, as a C caller sees it.
 *
 *   test_api REPO_ROOT SIGNER_SHA256
 *
 * SIGNER_SHA256 is the fingerprint of tests/data/sample/signer.pem as computed by
 * `openssl x509 -noout -fingerprint -sha256` (lowercase, without colons), so the
 * library's answer is checked against an independent implementation.
 *
 * Built by scripts/test-c.sh with gcc -Wall -Wextra -Werror -std=c11, linked against
 * the shared and the static library, and again under AddressSanitizer and
 * UndefinedBehaviorSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "trustmeta.h"
#include "check.h"

#define SHA256_URI "http://www.w3.org/2001/04/xmlenc#sha256"
#define RSA_SHA256_URI "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
#define C14N10_URI "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"

static const char *repo;
static const char *expected_sha256;
static unsigned char *pem, *xml;
static size_t pem_len, xml_len;
static int64_t at; /* 2026-06-01T00:00:00Z */

static char *path_in_repo(const char *rel) {
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", repo, rel);
    return buf;
}

static tm_trust_store *sample_store(void) {
    tm_trust_store *store = tm_trust_store_new();
    CHECK(store != NULL);
    CHECK(tm_trust_store_add_pem(store, pem, pem_len, NULL) == TM_OK);
    return store;
}

/* Options of tm_verify() at `now`. */
static tm_verify_options *verify_at(int64_t now) {
    tm_verify_options *opts = tm_verify_options_new();
    CHECK(tm_verify_options_set_now(opts, now, NULL) == TM_OK);
    return opts;
}

/* tm_verify() at `now` with default options otherwise. */
static tm_status verify(const uint8_t *doc, size_t len, const tm_trust_store *store, int64_t now, tm_document **out,
                        tm_error **err) {
    tm_verify_options *opts = verify_at(now);
    tm_status st = tm_verify(doc, len, store, opts, out, err);
    tm_verify_options_free(opts);
    return st;
}

/* Replaces the first occurrence of `from` by `to` (same length) in a copy of xml. */
static unsigned char *tampered_copy(const char *from, const char *to) {
    unsigned char *copy = malloc(xml_len + 1);
    memcpy(copy, xml, xml_len);
    copy[xml_len] = 0;
    char *hit = strstr((char *)copy, from);
    CHECK(hit != NULL && strlen(from) == strlen(to));
    if (hit != NULL) {
        memcpy(hit, to, strlen(to));
    }
    return copy;
}


static void test_version(void) {
    CHECK_STR(tm_version(), TRUSTMETA_VERSION_STRING);
    CHECK(tm_version_number() == TRUSTMETA_VERSION_NUMBER);
    CHECK(TRUSTMETA_VERSION_NUMBER == TRUSTMETA_VERSION_MAJOR * 10000 + TRUSTMETA_VERSION_MINOR * 100 + TRUSTMETA_VERSION_PATCH);
}

static void test_status_codes(void) {
    CHECK(TM_OK == 0);
    CHECK(TM_XML_DOCTYPE_REFUSED == 103);
    CHECK(TM_DSIG_DIGEST_MISMATCH == 211);
    CHECK(TM_CRYPTO_BAD_SIGNATURE == 301);
    CHECK(TM_PKI_UNTRUSTED_SIGNER == 402);
    CHECK(TM_TIME_BAD_VALUE == 501);
    CHECK_STR(tm_error_code_name(TM_OK), "ok");
    CHECK_STR(tm_error_code_name(TM_NULL_POINTER), "api.null_pointer");
    CHECK_STR(tm_error_code_name(TM_INVALID_ARGUMENT), "api.invalid_argument");
    CHECK_STR(tm_error_code_name(TM_INTERNAL_PANIC), "api.internal_panic");
    CHECK_STR(tm_error_code_name(TM_XML_DOCTYPE_REFUSED), "xml.doctype_refused");
    CHECK_STR(tm_error_code_name(TM_DSIG_DIGEST_MISMATCH), "dsig.digest_mismatch");
    CHECK_STR(tm_error_code_name(TM_PKI_EXPIRED), "pki.expired");
    CHECK_STR(tm_error_code_name(TM_TIME_BAD_VALUE), "time.bad_value");
    CHECK_STR(tm_error_code_name(-1), "unknown");
    CHECK_STR(tm_error_code_name(100), "unknown");
    CHECK_STR(tm_error_code_name(99999), "unknown");
    CHECK(TM_XML_DUPLICATE_ATTRIBUTE == 112 && TM_XML_ENCODING_REFUSED == 113 && TM_XML_VERSION_REFUSED == 114
          && TM_XML_TAG_TOO_LONG == 115);
    CHECK(TM_DSIG_OBJECT_REFUSED == 216);
    CHECK(TM_SAML_AUDIENCE_MISSING == 1020 && TM_SAML_INVALID_TIME_WINDOW == 1021 && TM_SAML_UNKNOWN_CONDITION == 1022
          && TM_SAML_ISSUER_FORMAT == 1023 && TM_SAML_REPLAY_CACHE_UNAVAILABLE == 1024);
    CHECK(TM_METADATA_NOT_HELD == 1105);

    /* Every code of the committed list (core/error-codes.txt: number, tab, code) is a
     * status of this library with that name; a code the list lacks is not. */
    size_t len = 0;
    unsigned char *list = read_file(path_in_repo("core/error-codes.txt"), &len);
    CHECK(list != NULL);
    int listed = 0, seen[2000] = {0};
    for (char *line = (char *)list; list != NULL && line < (char *)list + len;) {
        char *end = memchr(line, '\n', (size_t)((char *)list + len - line));
        if (end == NULL) {
            end = (char *)list + len;
        }
        *end = '\0';
        char *tab = strchr(line, '\t');
        if (tab != NULL) {
            *tab = '\0';
            int number = atoi(line);
            CHECK(number > 100 && number < 2000);
            if (number > 100 && number < 2000) {
                seen[number] = 1;
            }
            if (strcmp(tm_error_code_name(number), tab + 1) != 0) {
                fprintf(stderr, "  status %d: library says %s, core/error-codes.txt says %s\n", number,
                        tm_error_code_name(number), tab + 1);
                CHECK(0);
            }
            listed++;
        }
        line = end + 1;
    }
    CHECK(listed >= 120); /* codes are added, never removed */
    for (int n = 100; n < 2000; n++) {
        if (!seen[n] && strcmp(tm_error_code_name(n), "unknown") != 0) {
            fprintf(stderr, "  status %d (%s) is not in core/error-codes.txt\n", n, tm_error_code_name(n));
            CHECK(0);
        }
    }
    free(list);
}

static void test_time(void) {
    tm_error *err = (tm_error *)&err; /* garbage: must be overwritten, never read */
    int64_t t = 42;
    CHECK(tm_parse_rfc3339("2026-06-01T02:00:00+02:00", &t, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(t == 1780272000);
    CHECK(tm_parse_rfc3339("2026-06-01T00:00:00Z", &at, NULL) == TM_OK);
    CHECK(at == 1780272000);
    CHECK(tm_parse_rfc3339("2026-02-30T00:00:00Z", &t, &err) == TM_TIME_BAD_VALUE);
    CHECK(t == 1780272000); /* unchanged on failure */
    CHECK_STR(tm_error_code(err), "time.bad_value");
    CHECK(tm_error_status(err) == TM_TIME_BAD_VALUE);
    CHECK(strlen(tm_error_message(err)) > 10);
    tm_error_free(err);
    CHECK(tm_parse_rfc3339("2026-06-01T00:00:00", &t, NULL) == TM_TIME_BAD_VALUE);
    CHECK(tm_parse_rfc3339(NULL, &t, NULL) == TM_NULL_POINTER);
    CHECK(tm_parse_rfc3339("2026-06-01T00:00:00Z", NULL, NULL) == TM_NULL_POINTER);
}

static void test_trust_store(void) {
    tm_error *err = NULL;
    tm_trust_store *store = tm_trust_store_new();
    CHECK(tm_trust_store_len(store) == 0);
    CHECK(tm_trust_store_add_pem(store, pem, pem_len, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_trust_store_len(store) == 1);

    static const char no_cert[] = "-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----\n";
    CHECK(tm_trust_store_add_pem(store, (const uint8_t *)no_cert, strlen(no_cert), &err) == TM_PKI_BAD_PEM);
    CHECK_STR(tm_error_code(err), "pki.bad_pem");
    CHECK(tm_error_status(err) == TM_PKI_BAD_PEM);
    tm_error_free(err);
    CHECK(tm_trust_store_add_pem(store, (const uint8_t *)"junk", 4, &err) == TM_PKI_BAD_CERTIFICATE);
    CHECK_STR(tm_error_code(err), "pki.bad_certificate");
    tm_error_free(err);
    CHECK(tm_trust_store_add_intermediates_pem(store, (const uint8_t *)no_cert, strlen(no_cert), NULL) == TM_PKI_BAD_PEM);
    CHECK(tm_trust_store_len(store) == 1); /* failures change nothing */

    CHECK(tm_trust_store_add_intermediates_pem(store, pem, pem_len, NULL) == TM_OK);
    CHECK(tm_trust_store_len(store) == 1); /* intermediates are not counted */
    tm_trust_store_free(store);
}

static void test_verify_sample(void) {
    tm_trust_store *store = sample_store();
    tm_document *res = NULL;
    tm_error *err = NULL;
    CHECK(verify(xml, xml_len, store, at, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(res != NULL);

    CHECK_STR(tm_document_signer_sha256(res), expected_sha256);
    const char *subject = tm_document_signer_subject(res);
    CHECK(subject != NULL && strstr(subject, "CN=trustmeta test signer RSA-2048") != NULL);
    CHECK_STR(tm_document_signer_key(res), "RSA-2048");
    CHECK(tm_document_pinned(res));
    CHECK_STR(tm_document_signature_algorithm(res), RSA_SHA256_URI);
    CHECK_STR(tm_document_canonicalization(res), C14N10_URI);

    CHECK(tm_document_references_count(res) == 1);
    const tm_reference *ref = tm_document_references(res, 0);
    CHECK_STR(tm_reference_uri(ref), "");
    CHECK_STR(tm_reference_element(ref), "SignedServiceMetadata");
    CHECK_STR(tm_reference_digest(ref), SHA256_URI);
    CHECK(tm_reference_transforms_count(ref) >= 1);
    CHECK_STR(tm_reference_transforms(ref, 0), "enveloped-signature");
    CHECK(tm_reference_uri(tm_document_references(res, 1)) == NULL);
    CHECK(tm_reference_element(tm_document_references(res, 1)) == NULL);
    CHECK(tm_reference_digest(tm_document_references(res, SIZE_MAX)) == NULL);
    CHECK(tm_reference_transforms_count(tm_document_references(res, 1)) == 0);
    CHECK(tm_reference_transforms(ref, 99) == NULL);

    CHECK(tm_document_signed_xml_count(res) == 1);
    size_t len = 12345;
    const char *signed_xml = tm_document_signed_xml(res, 0, &len);
    CHECK(signed_xml != NULL);
    if (signed_xml != NULL) {
        CHECK(strncmp(signed_xml, "<SignedServiceMetadata", 22) == 0);
        CHECK(strlen(signed_xml) == len); /* NUL-terminated, no NUL inside */
        CHECK(strstr(signed_xml, "0088:5798000000001") != NULL);
        CHECK(strstr(signed_xml, "SignatureValue") == NULL); /* enveloped */
    }
    len = 7;
    CHECK(tm_document_signed_xml(res, 1, &len) == NULL);
    CHECK(len == 0);
    CHECK(tm_document_signed_xml(res, 0, NULL) != NULL); /* len may be NULL */

    CHECK(tm_document_legacy_algorithms_count(res) == 0);
    CHECK(tm_document_legacy_algorithms(res, 0) == NULL);
    CHECK(tm_document_verified_at(res) == at);
    CHECK(tm_document_chain_count(res) == 1);
    CHECK_STR(tm_certificate_sha256(tm_document_chain(res, 0)), expected_sha256);
    CHECK_STR(tm_certificate_subject(tm_document_chain(res, 0)), subject);
    CHECK(tm_certificate_subject(tm_document_chain(res, 1)) == NULL);

    /* The result owns its strings: it outlives the store and the input. */
    tm_trust_store_free(store);
    CHECK_STR(tm_document_signer_sha256(res), expected_sha256);
    /* A record inside a result is not the caller's to free, and dies with the result. */
    tm_document_free((tm_document *)ref);
    CHECK_STR(tm_reference_uri(ref), "");
    tm_document_free(res);
    CHECK(tm_reference_uri(ref) == NULL);
    CHECK(tm_document_signer_sha256(res) == NULL);
}

static void test_rejections(void) {
    tm_trust_store *store = sample_store();
    tm_document *res = (tm_document *)&store; /* garbage: must become NULL */
    tm_error *err = NULL;

    /* A changed document: the digest no longer matches. */
    unsigned char *evil = tampered_copy("ap.example.org", "ap.exbmple.org");
    CHECK(verify(evil, xml_len, store, at, &res, &err) == TM_DSIG_DIGEST_MISMATCH);
    CHECK(res == NULL);
    CHECK_STR(tm_error_code(err), "dsig.digest_mismatch");
    CHECK(tm_error_status(err) == TM_DSIG_DIGEST_MISMATCH);
    CHECK(strlen(tm_error_message(err)) > 10);
    tm_error_free(err);
    free(evil);

    /* A changed signature value. */
    evil = tampered_copy("<SignatureValue>Mzaz", "<SignatureValue>MzaA");
    CHECK(verify(evil, xml_len, store, at, &res, &err) == TM_CRYPTO_BAD_SIGNATURE);
    CHECK_STR(tm_error_code(err), "crypto.bad_signature");
    tm_error_free(err);
    free(evil);

    /* Outside the certificate's validity (2025-01-01 .. 2045-01-01). */
    int64_t t;
    CHECK(tm_parse_rfc3339("2050-01-01T00:00:00Z", &t, NULL) == TM_OK);
    CHECK(verify(xml, xml_len, store, t, &res, &err) == TM_PKI_EXPIRED);
    CHECK_STR(tm_error_code(err), "pki.expired");
    tm_error_free(err);
    CHECK(tm_parse_rfc3339("2024-06-01T00:00:00Z", &t, NULL) == TM_OK);
    CHECK(verify(xml, xml_len, store, t, &res, NULL) == TM_PKI_NOT_YET_VALID);

    /* A DOCTYPE is refused before anything else. */
    static const char doctype[] = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
    CHECK(verify((const uint8_t *)doctype, strlen(doctype), store, at, &res, &err) == TM_XML_DOCTYPE_REFUSED);
    CHECK_STR(tm_error_code(err), "xml.doctype_refused");
    tm_error_free(err);

    /* Not XML, no signature, an empty input. */
    CHECK(verify((const uint8_t *)"<a>", 3, store, at, &res, NULL) == TM_XML_MALFORMED);
    CHECK(verify((const uint8_t *)"<a/>", 4, store, at, &res, NULL) == TM_DSIG_MISSING_SIGNATURE);
    CHECK(verify((const uint8_t *)"", 0, store, at, &res, NULL) == TM_XML_MALFORMED);

    /* Nobody trusted. */
    tm_trust_store *empty = tm_trust_store_new();
    tm_status st = verify(xml, xml_len, empty, at, &res, &err);
    CHECK(st == TM_PKI_EMPTY_TRUST_STORE);
    CHECK_STR(tm_error_code(err), tm_error_code_name(st));
    tm_error_free(err);
    tm_trust_store_free(empty);

    /* Options that want bigger keys. */
    tm_verify_options *strict = verify_at(at);
    CHECK(tm_verify_options_set_min_rsa_bits(strict, 4096, NULL) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, strict, &res, &err) == TM_CRYPTO_WEAK_KEY);
    CHECK_STR(tm_error_code(err), "crypto.weak_key");
    tm_error_free(err);
    CHECK(tm_verify_options_set_min_rsa_bits(strict, 2048, NULL) == TM_OK);
    CHECK(tm_verify_options_set_allow_sha1(strict, true, NULL) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, strict, &res, NULL) == TM_OK);
    CHECK(tm_document_legacy_algorithms_count(res) == 0); /* allowed, not used */
    tm_document_free(res);

    /* A value an option does not take is refused when set, with the table's message,
     * and leaves the options as they were. */
    CHECK(tm_verify_options_set_min_rsa_bits(strict, -1, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    CHECK_STR(tm_error_message(err), "verify() argument 'min_rsa_bits' must be between 0 and 4294967295, not -1");
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, store, strict, &res, NULL) == TM_OK);
    tm_document_free(res);
    tm_verify_options_free(strict);
    tm_trust_store_free(store);
}

static void test_system_clock(void) {
    tm_trust_store *store = sample_store();
    tm_document *res = NULL;
    int64_t before = (int64_t)time(NULL);
    CHECK(tm_verify(xml, xml_len, store, NULL, &res, NULL) == TM_OK);
    int64_t used = tm_document_verified_at(res);
    CHECK(used >= before - 1 && used <= (int64_t)time(NULL) + 1);
    tm_document_free(res);
    /* TM_NOW sets the clock back. */
    tm_verify_options *opts = verify_at(at);
    CHECK(tm_verify_options_set_now(opts, TM_NOW, NULL) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, opts, &res, NULL) == TM_OK);
    CHECK(tm_document_verified_at(res) >= before - 1);
    tm_document_free(res);
    tm_verify_options_free(opts);
    tm_trust_store_free(store);
}

static void test_null_pointers(void) {
    tm_trust_store *store = sample_store();
    tm_document *res = NULL;
    tm_error *err = NULL;

    CHECK(tm_verify(NULL, 10, store, NULL, &res, &err) == TM_NULL_POINTER);
    CHECK_STR(tm_error_code(err), "api.null_pointer");
    CHECK(tm_error_status(err) == TM_NULL_POINTER);
    CHECK(strstr(tm_error_message(err), "xml") != NULL); /* names the argument */
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, NULL, NULL, &res, &err) == TM_NULL_POINTER);
    CHECK(strstr(tm_error_message(err), "store") != NULL);
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, store, NULL, NULL, &err) == TM_NULL_POINTER);
    CHECK(strstr(tm_error_message(err), "out") != NULL);
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, store, NULL, NULL, NULL) == TM_NULL_POINTER);

    CHECK(tm_trust_store_add_pem(NULL, pem, pem_len, NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_add_pem(store, NULL, 0, NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_add_intermediates_pem(NULL, pem, pem_len, NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_len(NULL) == 0);
    CHECK(tm_verify_options_set_allow_sha1(NULL, true, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_options_set_min_rsa_bits(NULL, 1024, NULL) == TM_NULL_POINTER);

    CHECK(tm_error_status(NULL) == TM_NULL_POINTER);
    CHECK_STR(tm_error_code(NULL), "api.null_pointer");
    CHECK(tm_error_message(NULL) != NULL);

    CHECK(tm_document_signer_sha256(NULL) == NULL);
    CHECK(tm_document_signer_subject(NULL) == NULL);
    CHECK(tm_document_signer_key(NULL) == NULL);
    CHECK(!tm_document_pinned(NULL));
    CHECK(tm_document_signature_algorithm(NULL) == NULL);
    CHECK(tm_document_canonicalization(NULL) == NULL);
    CHECK(tm_document_references_count(NULL) == 0);
    CHECK(tm_document_references(NULL, 0) == NULL);
    CHECK(tm_reference_uri(NULL) == NULL);
    CHECK(tm_reference_element(NULL) == NULL);
    CHECK(tm_reference_digest(NULL) == NULL);
    CHECK(tm_reference_transforms_count(NULL) == 0);
    CHECK(tm_reference_transforms(NULL, 0) == NULL);
    CHECK(tm_document_signed_xml_count(NULL) == 0);
    CHECK(tm_document_signed_xml(NULL, 0, NULL) == NULL);
    CHECK(tm_document_legacy_algorithms_count(NULL) == 0);
    CHECK(tm_document_legacy_algorithms(NULL, 0) == NULL);
    CHECK(tm_document_verified_at(NULL) == TM_NO_DATE);
    CHECK(tm_document_chain_count(NULL) == 0);
    CHECK(tm_document_chain(NULL, 0) == NULL);
    CHECK(tm_certificate_subject(NULL) == NULL);
    CHECK(tm_certificate_sha256(NULL) == NULL);

    /* Freeing NULL is fine, for every kind. */
    tm_trust_store_free(NULL);
    tm_verify_options_free(NULL);
    tm_document_free(NULL);
    tm_error_free(NULL);
    tm_trust_store_free(store);
}

static void test_invalid_pointers(void) {
    tm_trust_store *store = sample_store();
    tm_verify_options *opts = tm_verify_options_new();
    tm_document *res = NULL;
    tm_error *err = NULL;

    /* A handle of another kind, cast. */
    CHECK(tm_verify(xml, xml_len, store, (const tm_verify_options *)store, &res, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    CHECK(strstr(tm_error_message(err), "tm_verify_options") != NULL);
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, (const tm_trust_store *)opts, NULL, &res, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_verify_options_set_allow_sha1((tm_verify_options *)store, true, NULL) == TM_INVALID_ARGUMENT);
    /* Options of another operation are another kind. */
    tm_verify_tsl_options *tsl_opts = tm_verify_tsl_options_new();
    CHECK(tm_verify(xml, xml_len, store, (const tm_verify_options *)tsl_opts, &res, NULL) == TM_INVALID_ARGUMENT);
    tm_verify_tsl_options_free(tsl_opts);
    CHECK(tm_trust_store_len((const tm_trust_store *)opts) == 0);
    CHECK(tm_error_status((const tm_error *)store) == TM_INVALID_ARGUMENT);
    CHECK(tm_document_signer_key((const tm_document *)store) == NULL);

    /* Something that was never a handle: the address of a local. */
    int local = 0;
    CHECK(tm_trust_store_add_pem((tm_trust_store *)&local, pem, pem_len, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_trust_store_len((const tm_trust_store *)&local) == 0);
    tm_trust_store_free((tm_trust_store *)&local); /* ignored, not freed */
    CHECK(local == 0);
    CHECK(tm_document_signer_key((const tm_document *)&local) == NULL);

    /* Freeing a handle through the wrong function does nothing. */
    tm_verify_options_free((tm_verify_options *)store);
    CHECK(tm_trust_store_len(store) == 1);

    /* A length no object can have. */
    CHECK(tm_verify(xml, SIZE_MAX, store, NULL, &res, NULL) == TM_INVALID_ARGUMENT);

    /* A freed handle is refused, and a double free is ignored (single-threaded here,
     * so no newer handle can have taken the address in between). */
    tm_verify_options_free(opts);
    CHECK(tm_verify_options_set_min_rsa_bits(opts, 1024, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_verify(xml, xml_len, store, opts, &res, NULL) == TM_INVALID_ARGUMENT);
    tm_verify_options_free(opts);
    tm_trust_store_free(store);
    CHECK(tm_trust_store_len(store) == 0);
    tm_trust_store_free(store);
}

/* Verification is reentrant: threads share one store and one set of options. */
enum { THREADS = 4, ROUNDS = 25 };
static tm_trust_store *shared_store;
static tm_verify_options *shared_opts;

static void *verify_many(void *arg) {
    int *ok = arg;
    for (int i = 0; i < ROUNDS; i++) {
        tm_document *res = NULL;
        if (tm_verify(xml, xml_len, shared_store, shared_opts, &res, NULL) == TM_OK
            && strcmp(tm_document_signer_sha256(res), expected_sha256) == 0) {
            (*ok)++;
        }
        tm_document_free(res);
    }
    return NULL;
}

static void test_threads(void) {
    shared_store = sample_store();
    shared_opts = verify_at(at);
    pthread_t threads[THREADS];
    int ok[THREADS] = {0};
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, verify_many, &ok[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(ok[i] == ROUNDS);
    }
    tm_verify_options_free(shared_opts);
    tm_trust_store_free(shared_store);
}

/* ---- SMP ------------------------------------------------------------------------- */

#define SMP_PARTICIPANT "iso6523-actorid-upis::0088:5798000000001"
#define SMP_DOCUMENT "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1"

static tm_trust_store *smp_store(void) {
    size_t len = 0;
    unsigned char *root = read_file(path_in_repo("tests/data/xmldsig-gen/pki/root.pem"), &len);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(root != NULL && tm_trust_store_add_pem(store, root, len, NULL) == TM_OK);
    free(root);
    return store;
}

/* Options of tm_verify_smp(): the question (process and transport profile only when not
 * NULL) at `at`, and `ap` when not NULL. A refused option's status is returned. */
static tm_status smp_options(const char *participant, const char *document, const char *process, const char *profile,
                             const tm_trust_store *ap, tm_verify_smp_options **out, tm_error **err) {
    tm_verify_smp_options *o = tm_verify_smp_options_new();
    *out = o;
    tm_status st = tm_verify_smp_options_set_participant(o, participant, err);
    if (st == TM_OK) {
        st = tm_verify_smp_options_set_document(o, document, err);
    }
    if (st == TM_OK && process != NULL) {
        st = tm_verify_smp_options_set_process(o, process, err);
    }
    if (st == TM_OK && profile != NULL) {
        st = tm_verify_smp_options_set_transport_profile(o, profile, err);
    }
    if (st == TM_OK && ap != NULL) {
        st = tm_verify_smp_options_set_ap_store(o, ap, err);
    }
    if (st == TM_OK) {
        st = tm_verify_smp_options_set_now(o, at, err);
    }
    return st;
}

static tm_status smp_verify_with(tm_trust_store *store, const char *file, const char *participant, const char *document,
                                 const char *process, const char *profile, const tm_trust_store *ap,
                                 tm_service_metadata **out, tm_error **err) {
    size_t len = 0;
    unsigned char *record = read_file(path_in_repo(file), &len);
    CHECK(record != NULL);
    tm_verify_smp_options *opts = NULL;
    tm_status st = smp_options(participant, document, process, profile, ap, &opts, err);
    if (st == TM_OK) {
        st = tm_verify_smp(record, len, store, opts, out, err);
    }
    tm_verify_smp_options_free(opts);
    free(record);
    return st;
}

static tm_status smp_verify(tm_trust_store *store, const char *file, const char *participant, const char *document,
                            const char *process, const char *profile, tm_service_metadata **out, tm_error **err) {
    return smp_verify_with(store, file, participant, document, process, profile, NULL, out, err);
}

static tm_status smp_verify_redirect(tm_trust_store *store, const char *first, const char *target,
                                     tm_service_metadata **out, tm_error **err) {
    size_t first_len = 0, target_len = 0;
    unsigned char *a = read_file(path_in_repo(first), &first_len);
    unsigned char *b = read_file(path_in_repo(target), &target_len);
    CHECK(a != NULL && b != NULL);
    tm_verify_smp_redirect_options *o = tm_verify_smp_redirect_options_new();
    CHECK(tm_verify_smp_redirect_options_set_participant(o, SMP_PARTICIPANT, NULL) == TM_OK);
    CHECK(tm_verify_smp_redirect_options_set_document(o, SMP_DOCUMENT, NULL) == TM_OK);
    CHECK(tm_verify_smp_redirect_options_set_now(o, at, NULL) == TM_OK);
    tm_status st = tm_verify_smp_redirect(a, first_len, b, target_len, store, o, out, err);
    tm_verify_smp_redirect_options_free(o);
    free(a);
    free(b);
    return st;
}

/* The SMP lookup's handles and arguments, without the network (tests/c/lookup_case.c
 * runs the lookups themselves against dnsmasq and an HTTP server). */
static void test_smp_lookup_arguments(void) {
    tm_error *err = NULL;
    tm_trust_store *store = sample_store();
    tm_smp_lookup_options *opts = tm_smp_lookup_options_new();
    CHECK(opts != NULL);
    CHECK(tm_smp_lookup_options_add_nameserver(opts, "dns.example", &err) == TM_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(tm_error_message(err), "write an IP address") != NULL);
    tm_error_free(err);
    CHECK(tm_smp_lookup_options_add_nameserver(opts, "127.0.0.1:5353", &err) == TM_OK && err == NULL);
    CHECK(tm_smp_lookup_options_add_nameserver(opts, "[::1]", NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_add_nameserver(NULL, "127.0.0.1", NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_lookup_options_add_connect_to(opts, "smp.example:443", NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_options_add_connect_to(opts, "smp.example:80:127.0.0.1:8080", NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_set_smp_version(opts, "3", NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_options_set_smp_version(opts, "2", NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_set_timeout_ms(opts, 0, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_options_set_dns_timeout_ms(opts, -5, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_options_set_dns_timeout_ms(opts, 500, NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_set_cache_ttl(opts, -1, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_options_set_cache_ttl(opts, 0, NULL) == TM_OK);
    CHECK(tm_smp_lookup_options_set_min_rsa_bits(opts, -1, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_options_set_allow_sha1(opts, true, NULL) == TM_OK);

    /* A cache folder that cannot be made (below a file) is refused when the lookup is
     * made, with the folder named. */
    tm_smp_lookup *lookup = (tm_smp_lookup *)&err; /* set to NULL first */
    char bad_dir[4200];
    snprintf(bad_dir, sizeof bad_dir, "%s/README.md/cache", repo);
    CHECK(tm_smp_lookup_options_set_cache_dir(opts, bad_dir, NULL) == TM_OK);
    CHECK(tm_smp_lookup_new("lookup.test", store, opts, &lookup, &err) == TM_INVALID_ARGUMENT);
    CHECK(lookup == NULL);
    CHECK(err != NULL && strstr(tm_error_message(err), "cache folder") != NULL);
    tm_error_free(err);
    CHECK(tm_smp_lookup_options_set_cache_dir(opts, NULL, NULL) == TM_OK);

    CHECK(tm_smp_lookup_new(NULL, store, opts, &lookup, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_lookup_new("lookup.test", NULL, opts, &lookup, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_lookup_new("lookup.test", (const tm_trust_store *)opts, opts, &lookup, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_new("lookup.test", store, opts, &lookup, &err) == TM_OK && lookup != NULL && err == NULL);
    /* Copies were taken. */
    tm_smp_lookup_options_free(opts);
    tm_trust_store_free(store);

    /* A malformed identifier is the caller's mistake: nothing is asked, no trace. */
    tm_service_metadata *record = NULL;
    tm_smp_trace *trace = NULL;
    CHECK(tm_smp_lookup_run(lookup, "iso6523-actorid-upis::", "busdox-docid-qns::x", NULL, &record, &trace, &err) ==
          TM_INVALID_ARGUMENT);
    CHECK(record == NULL && trace == NULL);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    tm_error_free(err);
    CHECK(tm_smp_lookup_run(lookup, NULL, "busdox-docid-qns::x", NULL, &record, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_lookup_run(lookup, "iso6523-actorid-upis::0088:1", "busdox-docid-qns::x", NULL, NULL, NULL, NULL) ==
          TM_NULL_POINTER);

    tm_smp_lookup_run_options *run_opts = tm_smp_lookup_run_options_new();
    CHECK(tm_smp_lookup_run_options_set_process(run_opts, "cenbii-procid-ubl::", NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_lookup_run_options_set_process(run_opts, "cenbii-procid-ubl::urn:x", NULL) == TM_OK);
    CHECK(tm_smp_lookup_run_options_set_process(run_opts, NULL, NULL) == TM_OK);
    CHECK(tm_smp_lookup_run_options_set_transport_profile(run_opts, "peppol-transport-as4-v2_0", NULL) == TM_OK);
    CHECK(tm_smp_lookup_run_options_set_now(run_opts, TM_NOW, NULL) == TM_OK);
    CHECK(tm_smp_lookup_run_options_set_now(NULL, 0, NULL) == TM_NULL_POINTER);
    /* Options of another kind are refused before anything is read through them. */
    CHECK(tm_smp_lookup_run(lookup, "iso6523-actorid-upis::0088:1", "busdox-docid-qns::x",
                            (const tm_smp_lookup_run_options *)lookup, &record, NULL, NULL) == TM_INVALID_ARGUMENT);
    tm_smp_lookup_run_options_free(run_opts);
    tm_smp_lookup_run_options_free(run_opts);

    tm_smp_lookup_free(lookup);
    /* A freed lookup is refused, and freeing it again is ignored. */
    CHECK(tm_smp_lookup_run(lookup, "iso6523-actorid-upis::0088:1", "busdox-docid-qns::x", NULL, &record, NULL, NULL) ==
          TM_INVALID_ARGUMENT);
    tm_smp_lookup_free(lookup);
    tm_smp_lookup_free(NULL);
    tm_smp_lookup_options_free(NULL);
    tm_smp_trace_free(NULL);

    /* Trace accessors give the absent value for NULL. */
    CHECK(tm_smp_trace_dns_name(NULL) == NULL);
    CHECK(tm_smp_trace_smp_url(NULL) == NULL);
    CHECK(tm_smp_trace_cache(NULL) == NULL);
    CHECK(tm_smp_trace_warning_count(NULL) == 0);
    CHECK(tm_smp_trace_warning(NULL, 0) == NULL);
}

static void test_smp(void) {
    tm_trust_store *store = smp_store();
    tm_service_metadata *rec = NULL;
    tm_error *err = NULL;

    /* An active endpoint and an expired one (2026-01-01T00:00:00+01:00). */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-expired-endpoint.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL,
                     "peppol-transport-as4-v2_0", &rec, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_service_metadata_version(rec), "oasis-smp-1.0");
    CHECK_STR(tm_service_metadata_participant(rec), SMP_PARTICIPANT);
    CHECK_STR(tm_service_metadata_document(rec), SMP_DOCUMENT);
    CHECK(tm_service_metadata_endpoints_count(rec) == 1);
    const tm_endpoint *ep = tm_service_metadata_endpoints(rec, 0);
    CHECK_STR(tm_endpoint_transport_profile(ep), "peppol-transport-as4-v2_0");
    CHECK_STR(tm_endpoint_uri(ep), "https://ap.example.org/as4");
    const char *cert = tm_endpoint_certificate_sha256(ep);
    CHECK(cert != NULL && strlen(cert) == 64);
    CHECK(tm_endpoint_certificate_trusted(ep) == -1); /* no access-point anchors: not checked */
    CHECK(tm_endpoint_certificate_error(ep) == NULL);
    CHECK(tm_endpoint_uri(tm_service_metadata_endpoints(rec, 1)) == NULL);
    CHECK(tm_endpoint_activation(tm_service_metadata_endpoints(rec, 1)) == TM_NO_DATE);
    CHECK(tm_service_metadata_filtered_endpoints_count(rec) == 1);
    const tm_filtered_endpoint *filtered = tm_service_metadata_filtered_endpoints(rec, 0);
    CHECK_STR(tm_endpoint_uri(tm_filtered_endpoint_endpoint(filtered)), "https://old-ap.example.org/as4");
    CHECK_STR(tm_filtered_endpoint_reason(filtered), "expired");
    CHECK(strstr(tm_filtered_endpoint_message(filtered), "2025-12-31T23:00:00Z") != NULL);
    CHECK(tm_service_metadata_redirect(rec) == NULL);
    CHECK(tm_redirect_href(tm_service_metadata_redirect(rec)) == NULL);
    CHECK(tm_redirect_certificates_count(tm_service_metadata_redirect(rec)) == 0);
    CHECK(tm_service_metadata_other_signatures(rec) == 0);
    CHECK(strlen(tm_service_metadata_signer_sha256(rec)) == 64);
    CHECK(strstr(tm_service_metadata_signer_subject(rec), "CN=") != NULL);
    CHECK_STR(tm_service_metadata_signer_key(rec), "RSA-2048");
    CHECK(!tm_service_metadata_pinned(rec));
    CHECK(tm_service_metadata_verified_at(rec) == at);
    CHECK(tm_service_metadata_chain_count(rec) >= 2);
    CHECK(tm_service_metadata_references_count(rec) == 1);
    CHECK_STR(tm_reference_uri(tm_service_metadata_references(rec, 0)), "");
    tm_service_metadata_free(rec);

    /* SMP 2.0: dates on the endpoint; the redirected process gives the redirect. */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp2-exc.xml", SMP_PARTICIPANT,
                     "bdx-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
                     "cenbii-procid-ubl::urn:example:redirected-process", NULL, &rec, &err) == TM_OK);
    CHECK_STR(tm_service_metadata_version(rec), "oasis-smp-2.0");
    CHECK(tm_service_metadata_endpoints_count(rec) == 0);
    const tm_redirect *redirect = tm_service_metadata_redirect(rec);
    CHECK(tm_redirect_href(redirect) != NULL);
    CHECK(tm_redirect_certificates_count(redirect) == 1);
    CHECK(strlen(tm_redirect_certificates(redirect, 0)) == 64);
    tm_service_metadata_free(rec);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp2-exc.xml", SMP_PARTICIPANT,
                     "bdx-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
                     NULL, NULL, &rec, &err) == TM_OK);
    CHECK(tm_service_metadata_endpoints_count(rec) == 1);
    ep = tm_service_metadata_endpoints(rec, 0);
    CHECK(tm_endpoint_activation(ep) != TM_NO_DATE);
    CHECK(tm_endpoint_expiration(ep) > tm_endpoint_activation(ep));
    tm_service_metadata_free(rec);

    /* SMP 1.0 redirect: href and CertificateUID, no identifiers. */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-redirect.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, &rec,
                     &err) == TM_OK);
    CHECK(tm_redirect_href(tm_service_metadata_redirect(rec)) != NULL);
    CHECK(tm_redirect_certificate_uid(tm_service_metadata_redirect(rec)) != NULL);
    CHECK(tm_service_metadata_participant(rec) == NULL);
    tm_service_metadata_free(rec);

    /* Following the redirect: the target must be signed by the certificate it names. */
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-redirect.xml", "tests/data/smp/signed/smp1-exc.xml",
                              &rec, &err) == TM_OK);
    CHECK(tm_service_metadata_endpoints_count(rec) == 1);
    CHECK_STR(tm_service_metadata_participant(rec), SMP_PARTICIPANT);
    CHECK(tm_service_metadata_redirect(rec) == NULL);
    tm_service_metadata_free(rec);
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-redirect.xml", "tests/data/smp/signed/smp1-other-signer.xml",
                              &rec, &err) == TM_SMP_REDIRECT_SIGNER_MISMATCH);
    CHECK(rec == NULL);
    CHECK_STR(tm_error_code(err), "smp.redirect_signer_mismatch");
    tm_error_free(err);
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-redirect.xml", "tests/data/smp/signed/smp1-redirect.xml",
                              &rec, NULL) == TM_SMP_DOUBLE_REDIRECT);
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-exc.xml", "tests/data/smp/signed/smp1-exc.xml", &rec, &err)
          == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err), "verify_smp_redirect() argument 'first' verified but is not a redirect");
    tm_error_free(err);
    CHECK(tm_verify_smp_redirect(NULL, 0, NULL, 0, store, NULL, &rec, NULL) == TM_NULL_POINTER);

    /* Replays and questions the record does not answer. */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", "iso6523-actorid-upis::0088:5798000000002", SMP_DOCUMENT,
                     NULL, NULL, &rec, &err) == TM_SMP_PARTICIPANT_MISMATCH);
    CHECK(rec == NULL);
    CHECK_STR(tm_error_code(err), "smp.participant_mismatch");
    CHECK(tm_error_status(err) == 607);
    tm_error_free(err);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", SMP_PARTICIPANT, SMP_DOCUMENT, "cenbii-procid-ubl::urn:other",
                     NULL, &rec, NULL) == TM_SMP_PROCESS_MISMATCH);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-only-expired.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, &rec,
                     NULL) == TM_SMP_NO_ACTIVE_ENDPOINT);
    /* The same signed record with a second xmlns on its ServiceExpirationDate
     * (tests/data/attacks): a reader keeping the first declaration would no longer see the
     * expiry date and call the endpoint active. An attribute given twice is not
     * well-formed XML (libxml2: "Attribute xmlns redefined"), whatever the signature. */
    rec = (tm_service_metadata *)&rec;
    CHECK(smp_verify(store, "tests/data/attacks/signed/smp-duplicate-xmlns.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL,
                     NULL, &rec, &err) == TM_XML_DUPLICATE_ATTRIBUTE);
    CHECK(rec == NULL);
    CHECK_STR(tm_error_code(err), "xml.duplicate_attribute");
    CHECK(tm_error_status(err) == 112);
    tm_error_free(err);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", "", SMP_DOCUMENT, NULL, NULL, &rec, &err)
          == TM_SMP_BAD_IDENTIFIER);
    tm_error_free(err);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", NULL, SMP_DOCUMENT, NULL, NULL, &rec, NULL)
          == TM_NULL_POINTER);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, NULL, NULL)
          == TM_NULL_POINTER);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", "\xff", SMP_DOCUMENT, NULL, NULL, &rec, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(smp_verify((tm_trust_store *)rec, "tests/data/smp/signed/smp1-exc.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL,
                     NULL, &rec, NULL) == TM_NULL_POINTER);
    /* A required named argument left out: the table's message. */
    CHECK(tm_verify_smp(xml, xml_len, store, NULL, &rec, &err) == TM_INVALID_ARGUMENT);
    CHECK(rec == NULL);
    CHECK_STR(tm_error_message(err), "verify_smp() argument 'participant' is required");
    tm_error_free(err);

    /* Accessors and free on NULL. */
    CHECK(tm_service_metadata_endpoints_count(NULL) == 0);
    CHECK(tm_endpoint_uri(tm_service_metadata_endpoints(NULL, 0)) == NULL);
    CHECK(tm_endpoint_expiration(NULL) == TM_NO_DATE);
    CHECK(tm_service_metadata_signer_sha256(NULL) == NULL);
    tm_service_metadata_free(NULL);
    tm_trust_store_free(store);

    /* Names. */
    char *name = NULL;
    CHECK(tm_smp_name("iso6523-actorid-upis::0088:123ABC", "participant.sml.test.tech.peppol.org", NULL, &name, &err)
          == TM_OK);
    CHECK_STR(name, "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org");
    tm_string_free(name);
    tm_smp_name_options *cname = tm_smp_name_options_new();
    CHECK(tm_smp_name_options_set_cname(cname, true, NULL) == TM_OK);
    CHECK(tm_smp_name("iso6523-actorid-upis::9915:test", "acc.edelivery.tech.ec.europa.eu", cname, &name, NULL) == TM_OK);
    CHECK_STR(name, "B-85008b8279e07ab0392da75fa55856a2.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu");
    tm_string_free(name);
    CHECK(tm_smp_name("", "zone", NULL, &name, &err) == TM_SMP_BAD_IDENTIFIER);
    CHECK(name == NULL);
    CHECK_STR(tm_error_code(err), "smp.bad_identifier");
    tm_error_free(err);
    CHECK(tm_smp_name("a::b", "zone", (const tm_smp_name_options *)&name, &name, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_name("a::b", NULL, NULL, &name, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_name("a::b", "zone", cname, NULL, NULL) == TM_NULL_POINTER);
    tm_smp_name_options_free(cname);
    tm_string_free(NULL);
}

/* A ServiceGroup from REPO/`rel`, or from the shared vectors ($TRUSTMETA_SHARED, else
 * REPO/../shared) when `rel` starts with "shared/". */
static tm_status group_verify(const char *rel, int allow_unsigned, const char *participant, int64_t when,
                              tm_service_group **out, tm_error **err) {
    char path[4096];
    const char *env = getenv("TRUSTMETA_SHARED");
    if (strncmp(rel, "shared/", 7) == 0) {
        if (env != NULL && env[0] != '\0') {
            snprintf(path, sizeof path, "%s/%s", env, rel + 7);
        } else {
            snprintf(path, sizeof path, "%s/../%s", repo, rel);
        }
    } else {
        snprintf(path, sizeof path, "%s/%s", repo, rel);
    }
    size_t len = 0;
    unsigned char *xml = read_file(path, &len);
    CHECK(xml != NULL);
    tm_trust_store *store = smp_store();
    tm_verify_service_group_options *o = tm_verify_service_group_options_new();
    CHECK(tm_verify_service_group_options_set_allow_unsigned(o, allow_unsigned, NULL) == TM_OK);
    CHECK(tm_verify_service_group_options_set_now(o, when, NULL) == TM_OK);
    tm_status st = tm_verify_service_group_options_set_participant(o, participant, err);
    if (st == TM_OK) {
        st = tm_verify_service_group(xml, len, store, o, out, err);
    }
    tm_verify_service_group_options_free(o);
    tm_trust_store_free(store);
    free(xml);
    return st;
}

static void test_service_group(void) {
    const char *vefa = "shared/vectors/smp/vefa-peppol/peppol-lookup/src/test/resources/";
    char file[1024];
    int64_t when = 0;
    CHECK(tm_parse_rfc3339("2024-01-01T00:00:00Z", &when, NULL) == TM_OK);
    CHECK(tm_verify_service_group_options_set_allow_unsigned(NULL, true, NULL) == TM_NULL_POINTER);
    tm_service_group *group = NULL;
    tm_error *err = NULL;

    snprintf(file, sizeof file, "%sbusdox-servicegroup-0192-991825827.xml", vefa);
    CHECK(group_verify(file, 0, "iso6523-actorid-upis::0192:991825827", when, &group, &err) == TM_DSIG_MISSING_SIGNATURE);
    CHECK(group == NULL);
    CHECK_STR(tm_error_code(err), "dsig.missing_signature");
    tm_error_free(err);
    CHECK(group_verify(file, 1, "iso6523-actorid-upis::0192:991825827", when, &group, NULL) == TM_OK);
    CHECK_STR(tm_service_group_version(group), "peppol-busdox");
    CHECK_STR(tm_service_group_participant(group), "iso6523-actorid-upis::0192:991825827");
    CHECK(tm_service_group_references_count(group) == 9);
    for (size_t i = 0; i < 9; i++) {
        CHECK(tm_service_reference_document(tm_service_group_references(group, i)) != NULL);
        CHECK(tm_service_reference_href(tm_service_group_references(group, i)) != NULL);
    }
    CHECK(strncmp(tm_service_reference_document(tm_service_group_references(group, 0)), "busdox-docid-qns::", 18) == 0);
    CHECK(tm_service_reference_document(tm_service_group_references(group, 9)) == NULL);
    CHECK(!tm_service_group_signed(group));
    CHECK(tm_service_group_signer_sha256(group) == NULL);
    CHECK(tm_service_group_other_signatures(group) == 0);
    tm_service_group_free(group);
    tm_service_group_free(group);
    CHECK(group_verify(file, 1, "iso6523-actorid-upis::0192:1", when, &group, NULL) == TM_SMP_PARTICIPANT_MISMATCH);
    CHECK(group == NULL);

    snprintf(file, sizeof file, "%sbdxr201605-servicegroup-9908-991825827.xml", vefa);
    CHECK(group_verify(file, 1, "iso6523-actorid-upis::9908:991825827", when, &group, NULL) == TM_OK);
    CHECK_STR(tm_service_group_version(group), "oasis-smp-1.0");
    CHECK(tm_service_group_references_count(group) == 7);
    tm_service_group_free(group);

    CHECK(group_verify("tests/data/smp/signed/servicegroup-unsigned.xml", 1, SMP_PARTICIPANT, when, &group, NULL)
          == TM_OK);
    CHECK(tm_service_group_references_count(group) >= 1);
    CHECK(strncmp(tm_service_reference_document(tm_service_group_references(group, 0)), "busdox-docid-qns::", 18) == 0);
    tm_service_group_free(group);
    CHECK(group_verify("tests/data/smp/signed/servicegroup-unsigned.xml", 1, NULL, when, &group, NULL)
          == TM_NULL_POINTER);

    CHECK(tm_service_group_references_count(NULL) == 0);
    CHECK(tm_service_group_participant(NULL) == NULL);
    CHECK(!tm_service_group_signed(NULL));
    tm_service_group_free(NULL);
}

static tm_status extension_verify(const char *file, const char *anchor, tm_extension_signature_list **out) {
    size_t len = 0, pem_len = 0;
    unsigned char *xml = read_file(path_in_repo(file), &len);
    CHECK(xml != NULL);
    unsigned char *owner = read_file(path_in_repo(anchor), &pem_len);
    CHECK(owner != NULL);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(store, owner, pem_len, NULL) == TM_OK);
    tm_verify_smp_extension_signatures_options *o = tm_verify_smp_extension_signatures_options_new();
    CHECK(tm_verify_smp_extension_signatures_options_set_now(o, at, NULL) == TM_OK);
    tm_status st = tm_verify_smp_extension_signatures(xml, len, store, o, out, NULL);
    tm_verify_smp_extension_signatures_options_free(o);
    tm_trust_store_free(store);
    free(owner);
    free(xml);
    return st;
}

static void test_extension_signatures(void) {
    tm_extension_signature_list *sigs = NULL;
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-signed.xml", "tests/data/xmldsig-gen/pki/leaf-p256.pem",
                           &sigs) == TM_OK);
    CHECK(tm_extension_signature_list_count(sigs) == 1);
    const tm_extension_signature *sig = tm_extension_signature_list_get(sigs, 0);
    CHECK_STR(tm_extension_signature_covered_element(sig), "ServiceMetadata");
    CHECK(sig != NULL && strstr(tm_extension_signature_signer_subject(sig), "P-256") != NULL);
    CHECK(tm_extension_signature_verified_at(sig) == at);
    CHECK(tm_extension_signature_list_get(sigs, 1) == NULL);
    CHECK(tm_extension_signature_covered_element(tm_extension_signature_list_get(sigs, 1)) == NULL);
    tm_extension_signature_list_free(sigs);
    tm_extension_signature_list_free(sigs);
    CHECK(tm_extension_signature_covered_element(sig) == NULL); /* freed with its list */
    /* The SMP's key is not the owner's. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-signed.xml", "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
                           &sigs) == TM_PKI_UNTRUSTED_SIGNER);
    CHECK(sigs == NULL);
    /* Content changed after the owner signed. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-signature-broken.xml",
                           "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs) == TM_DSIG_DIGEST_MISMATCH);
    /* One byte changed inside ServiceMetadata after both signed: the owner's breaks too. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-tampered.xml",
                           "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs) == TM_DSIG_DIGEST_MISMATCH);
    /* A change inside the SMP's signature leaves the owner's intact. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-smp-signature-changed.xml",
                           "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs) == TM_OK);
    CHECK_STR(tm_extension_signature_covered_element(tm_extension_signature_list_get(sigs, 0)), "ServiceMetadata");
    tm_extension_signature_list_free(sigs);
    sigs = NULL;
    /* Signed over ServiceInformation alone: the profile refuses it. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-over-serviceinformation.xml",
                           "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs) == TM_SMP_SIGNATURE_PROFILE);
    CHECK(sigs == NULL);
    /* A record without an extension signature. */
    CHECK(extension_verify("tests/data/smp/signed/smp1-exc.xml", "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs)
          == TM_DSIG_MISSING_SIGNATURE);
    CHECK(tm_verify_smp_extension_signatures(NULL, 0, NULL, NULL, &sigs, NULL) == TM_NULL_POINTER);
    CHECK(tm_extension_signature_list_count(NULL) == 0);
    tm_extension_signature_list_free(NULL);
}

static void test_endpoint_checks(void) {
    tm_trust_store *store = smp_store();
    tm_service_metadata *rec = NULL;

    /* The test PKI's root as the access-point anchor, its intermediate to complete the path. */
    size_t len = 0;
    unsigned char *inter = read_file(path_in_repo("tests/data/xmldsig-gen/pki/intermediate.pem"), &len);
    CHECK(inter != NULL);
    tm_trust_store *ap = smp_store();
    CHECK(tm_trust_store_add_intermediates_pem(ap, inter, len, NULL) == TM_OK);
    free(inter);
    CHECK(smp_verify_with(store, "tests/data/smp/signed/smp1-exc.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, ap, &rec,
                          NULL) == TM_OK);
    CHECK(tm_service_metadata_endpoints_count(rec) == 1);
    const tm_endpoint *ep = tm_service_metadata_endpoints(rec, 0);
    CHECK(tm_endpoint_certificate_trusted(ep) == 1);
    CHECK(tm_endpoint_certificate_error(ep) == NULL);
    CHECK(tm_endpoint_certificate_trusted(tm_service_metadata_endpoints(rec, 1)) != 1);
    CHECK(tm_service_metadata_endpoints(rec, 1) == NULL);
    tm_service_metadata_free(rec);
    tm_service_metadata_free(rec);
    tm_trust_store_free(ap);

    /* An unrelated anchor. */
    unsigned char *other = read_file(path_in_repo("tests/data/sample/signer.pem"), &len);
    CHECK(other != NULL);
    ap = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(ap, other, len, NULL) == TM_OK);
    free(other);
    CHECK(smp_verify_with(store, "tests/data/smp/signed/smp1-exc.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, ap, &rec,
                          NULL) == TM_OK);
    ep = tm_service_metadata_endpoints(rec, 0);
    CHECK(tm_endpoint_certificate_trusted(ep) == 0);
    CHECK_STR(tm_endpoint_certificate_error(ep), tm_error_code_name(TM_PKI_UNTRUSTED_SIGNER));
    CHECK_STR(tm_endpoint_certificate_error(ep), "pki.untrusted_signer");
    tm_service_metadata_free(rec);

    tm_verify_smp_options *o = tm_verify_smp_options_new();
    CHECK(tm_verify_smp_options_set_ap_store(o, NULL, NULL) == TM_NULL_POINTER);
    tm_verify_smp_options_free(o);
    CHECK(tm_endpoint_certificate_trusted(NULL) == -1);
    tm_trust_store_free(ap);
    tm_trust_store_free(store);
}

/* ---- EMREX ----------------------------------------------------------------------- */

#define ELMO_V1_NS "https://github.com/emrex-eu/elmo-schemas/tree/v1"
#define ELMO_OLD_NS "http://purl.org/net/elmo"

/* Parses REPO/tests/data/emrex/`name` into *out. */
static tm_status emreg_load(const char *name, tm_emreg **out, tm_error **err) {
    char rel[512];
    snprintf(rel, sizeof rel, "tests/data/emrex/%s", name);
    size_t len = 0;
    unsigned char *json = read_file(path_in_repo(rel), &len);
    CHECK(json != NULL);
    tm_status st = tm_emreg_parse(json, len, out, err);
    free(json);
    return st;
}

/* What the options of an ELMO verification loosen: SHA-1, and the smallest RSA key
 * (0: the default). */
typedef struct {
    int allow_sha1;
    int64_t min_rsa_bits;
} elmo_policy;

/* Verifies `path` (REPO-relative, or under the shared vectors when it starts with
 * "shared/") as an ELMO file (field == 0) or an `elmo` form field (field == 1), first
 * decoded with tm_decode_elmo_field(). */
static tm_status elmo_verify(const tm_emreg *emreg, const char *ncp, const char *rel, int field,
                             const elmo_policy *policy, int64_t when, tm_elmo **out, tm_error **err) {
    char path[4096];
    const char *env = getenv("TRUSTMETA_SHARED");
    if (strncmp(rel, "shared/", 7) == 0) {
        if (env != NULL && env[0] != '\0') {
            snprintf(path, sizeof path, "%s/%s", env, rel + 7);
        } else {
            snprintf(path, sizeof path, "%s/../%s", repo, rel);
        }
    } else {
        snprintf(path, sizeof path, "%s/tests/data/emrex/%s", repo, rel);
    }
    size_t len = 0;
    unsigned char *bytes = read_file(path, &len);
    CHECK(bytes != NULL);
    uint8_t *decoded = NULL;
    size_t decoded_len = 0;
    tm_status st = TM_OK;
    if (field) {
        *out = NULL;
        st = tm_decode_elmo_field(bytes, len, NULL, &decoded, &decoded_len, err);
    }
    tm_verify_elmo_options *o = tm_verify_elmo_options_new();
    CHECK(tm_verify_elmo_options_set_now(o, when, NULL) == TM_OK);
    if (policy != NULL) {
        CHECK(tm_verify_elmo_options_set_allow_sha1(o, policy->allow_sha1, NULL) == TM_OK);
        if (policy->min_rsa_bits != 0) {
            CHECK(tm_verify_elmo_options_set_min_rsa_bits(o, policy->min_rsa_bits, NULL) == TM_OK);
        }
    }
    if (st == TM_OK) {
        st = tm_verify_elmo_options_set_ncp(o, ncp, err);
    }
    if (st == TM_OK) {
        st = field ? tm_verify_elmo(decoded, decoded_len, emreg, o, out, err)
                   : tm_verify_elmo(bytes, len, emreg, o, out, err);
    }
    tm_verify_elmo_options_free(o);
    tm_bytes_free(decoded);
    free(bytes);
    return st;
}

/* Expects `status` and the dotted `code` from an ELMO verification, with no result. */
static void elmo_rejected(const tm_emreg *emreg, const char *ncp, const char *rel, int field,
                          const elmo_policy *policy, tm_status status, const char *code) {
    tm_elmo *res = NULL;
    tm_error *err = NULL;
    CHECK(elmo_verify(emreg, ncp, rel, field, policy, at, &res, &err) == status);
    CHECK(res == NULL);
    CHECK(tm_error_status(err) == status);
    CHECK_STR(tm_error_code(err), code);
    tm_error_free(err);
}

/* The acronym of the NCP of choice `i` of `list`. */
static const char *choice_acronym(const tm_ncp_choice_list *list, size_t i) {
    return tm_ncp_acronym(tm_ncp_choice_ncp(tm_ncp_choice_list_get(list, i)));
}

static void test_emreg(void) {
    tm_emreg *emreg = NULL;
    tm_error *err = NULL;
    CHECK(emreg_load("emreg-1.0-messy.json", &emreg, &err) == TM_OK);
    CHECK(err == NULL);
    /* Three NCPs after the null entries are skipped, in list order. */
    CHECK(tm_emreg_ncp_count(emreg) == 3);
    const tm_ncp *first = tm_emreg_ncp(emreg, 0);
    CHECK_STR(tm_ncp_acronym(first), "TEST-NCP");
    CHECK_STR(tm_ncp_country_code(first), "NO");
    CHECK_STR(tm_ncp_url(first), "https://ncp.test.example/");
    CHECK(strncmp(tm_ncp_pub_key(first), "-----BEGIN CERTIFICATE-----\nMII", 31) == 0);
    CHECK(tm_ncp_institutions_count(first) == 2);
    CHECK_STR(tm_ncp_institutions(first, 1), "Test College");
    CHECK(tm_ncp_institutions(first, 2) == NULL);
    CHECK_STR(tm_ncp_acronym(tm_emreg_ncp(emreg, 2)), "CSC");
    CHECK(tm_ncp_acronym(tm_emreg_ncp(emreg, 3)) == NULL);
    CHECK(tm_ncp_institutions_count(tm_emreg_ncp(emreg, 3)) == 0);

    /* NO is singleFetch ("true" as a string): one choice per institution, each once. */
    CHECK(tm_country_single_fetch(tm_emreg_country(emreg, "NO")));
    CHECK(tm_country_single_fetch(tm_emreg_country(emreg, "no")));
    CHECK(!tm_country_single_fetch(tm_emreg_country(emreg, "FI")));
    CHECK(!tm_country_single_fetch(tm_emreg_country(emreg, "XX")));
    tm_ncp_choice_list *choices = NULL;
    CHECK(tm_emreg_choices(emreg, "NO", &choices, NULL) == TM_OK);
    CHECK(tm_ncp_choice_list_count(choices) == 3);
    CHECK_STR(choice_acronym(choices, 0), tm_ncp_acronym(tm_emreg_ncp(emreg, 0)));
    CHECK_STR(tm_ncp_choice_institution(tm_ncp_choice_list_get(choices, 0)), "University of Testing");
    CHECK_STR(choice_acronym(choices, 1), tm_ncp_acronym(tm_emreg_ncp(emreg, 0)));
    CHECK_STR(tm_ncp_choice_institution(tm_ncp_choice_list_get(choices, 1)), "Test College");
    CHECK_STR(choice_acronym(choices, 2), tm_ncp_acronym(tm_emreg_ncp(emreg, 1)));
    CHECK_STR(tm_ncp_choice_institution(tm_ncp_choice_list_get(choices, 2)), "Other University");
    CHECK(tm_ncp_choice_list_get(choices, 3) == NULL);
    CHECK(tm_ncp_choice_institution(tm_ncp_choice_list_get(choices, 3)) == NULL);
    tm_ncp_choice_list_free(choices);
    CHECK(tm_emreg_choices(emreg, "FI", &choices, NULL) == TM_OK);
    CHECK(tm_ncp_choice_list_count(choices) == 1);
    CHECK_STR(tm_ncp_choice_institution(tm_ncp_choice_list_get(choices, 0)), "Helsingin yliopisto");
    tm_ncp_choice_list_free(choices);
    CHECK(tm_emreg_choices(emreg, "XX", &choices, NULL) == TM_OK);
    CHECK(tm_ncp_choice_list_count(choices) == 0);
    tm_ncp_choice_list_free(choices);

    /* The NCP's certificate, pinned alone. */
    tm_trust_store *store = NULL;
    CHECK(tm_emreg_ncp_trust_store(emreg, "TEST-NCP", &store, &err) == TM_OK);
    CHECK(tm_trust_store_len(store) == 1);
    tm_trust_store_free(store);
    store = (tm_trust_store *)1;
    CHECK(tm_emreg_ncp_trust_store(emreg, "test-ncp", &store, &err) == TM_EMREX_NCP_NOT_FOUND);
    CHECK(store == NULL);
    CHECK_STR(tm_error_code(err), "emrex.ncp_not_found");
    CHECK(strstr(tm_error_message(err), "test-ncp") != NULL);
    tm_error_free(err);
    err = NULL;
    tm_emreg_free(emreg);
    tm_emreg_free(emreg); /* a double free is ignored */
    CHECK(tm_ncp_acronym(first) == NULL); /* freed with its list */

    /* The newer emps schema, with a doubly escaped and a bare base64 pubKey. */
    CHECK(emreg_load("emreg-emps.json", &emreg, NULL) == TM_OK);
    CHECK(tm_emreg_ncp_count(emreg) >= 2);
    for (size_t i = 0; i < tm_emreg_ncp_count(emreg); i++) {
        CHECK(tm_emreg_ncp_trust_store(emreg, tm_ncp_acronym(tm_emreg_ncp(emreg, i)), &store, NULL) == TM_OK);
        CHECK(tm_trust_store_len(store) == 1);
        tm_trust_store_free(store);
    }
    tm_emreg_free(emreg);

    /* Not JSON: the position is in the message. */
    emreg = (tm_emreg *)1;
    CHECK(emreg_load("emreg-invalid.json", &emreg, &err) == TM_EMREX_JSON_MALFORMED);
    CHECK(emreg == NULL);
    CHECK_STR(tm_error_code(err), "emrex.json_malformed");
    CHECK(strstr(tm_error_message(err), "line 5, column 5") != NULL);
    tm_error_free(err);
    CHECK(tm_emreg_parse((const uint8_t *)"{}", 2, &emreg, NULL) == TM_EMREX_EMREG_MALFORMED);
    CHECK(tm_emreg_parse((const uint8_t *)"[", 1, &emreg, NULL) == TM_EMREX_JSON_MALFORMED);

    /* Two NCPs with one acronym, pinning different certificates: no answer is given. */
    emreg = (tm_emreg *)1;
    CHECK(emreg_load("emreg-duplicate-acronym.json", &emreg, &err) == TM_EMREX_DUPLICATE_KEY);
    CHECK(emreg == NULL);
    CHECK(TM_EMREX_DUPLICATE_KEY == 712);
    CHECK_STR(tm_error_code(err), "emrex.duplicate_key");
    CHECK(strstr(tm_error_message(err), "line 19, column 5") != NULL);
    tm_error_free(err);

    /* NULL and dead handles. */
    CHECK(tm_emreg_parse(NULL, 0, &emreg, NULL) == TM_NULL_POINTER);
    CHECK(tm_emreg_parse((const uint8_t *)"{}", 2, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_emreg_ncp_count(NULL) == 0);
    CHECK(tm_emreg_ncp(NULL, 0) == NULL);
    CHECK(tm_emreg_choices(NULL, "NO", &choices, NULL) == TM_NULL_POINTER);
    CHECK(choices == NULL);
    CHECK(tm_emreg_country(NULL, "NO") == NULL);
    CHECK(!tm_country_single_fetch(NULL));
    CHECK(tm_emreg_ncp_trust_store(NULL, "X", &store, NULL) == TM_NULL_POINTER);
    tm_emreg_free(NULL);
}

static void test_elmo(void) {
    tm_emreg *emreg = NULL;
    CHECK(emreg_load("emreg-1.0-messy.json", &emreg, NULL) == TM_OK);
    tm_elmo *res = NULL;
    tm_error *err = NULL;

    /* The v1 file, signed by TEST-NCP: the learner and the signer. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml", 0, NULL, at, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_elmo_namespace(res), ELMO_V1_NS);
    CHECK(tm_elmo_learners_count(res) == 1);
    const tm_learner *learner = tm_elmo_learners(res, 0);
    CHECK_STR(tm_learner_given_names(learner), "Ola");
    CHECK_STR(tm_learner_family_name(learner), "Nordmann");
    CHECK_STR(tm_learner_birth_date(learner), "1990-01-31");
    CHECK_STR(tm_learner_citizenship(learner), "NO");
    CHECK_STR(tm_learner_family_name(tm_elmo_learner(res)), "Nordmann");
    CHECK(tm_learner_given_names(tm_elmo_learners(res, 1)) == NULL);
    CHECK(tm_elmo_reports(res) == 1);
    CHECK(tm_elmo_nested_signatures(res) == 0);
    CHECK(strstr(tm_elmo_signer_subject(res), "signer RSA-2048") != NULL);
    CHECK(strlen(tm_elmo_signer_sha256(res)) == 64);
    CHECK(tm_elmo_pinned(res));
    CHECK_STR(tm_elmo_signature_algorithm(res), RSA_SHA256_URI);
    CHECK_STR(tm_elmo_canonicalization(res), C14N10_URI);
    CHECK(tm_elmo_legacy_algorithms_count(res) == 0);
    CHECK(tm_elmo_verified_at(res) == at);
    tm_elmo_free(res);
    CHECK(tm_learner_family_name(learner) == NULL); /* freed: dead */
    res = NULL;

    /* The form field, gzipped and not: the same learner. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml.gz.b64", 1, NULL, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_learner_family_name(tm_elmo_learners(res, 0)), "Nordmann");
    tm_elmo_free(res);
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml.b64", 1, NULL, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_learner_given_names(tm_elmo_learners(res, 0)), "Ola");
    tm_elmo_free(res);

    /* A Diploma Supplement's own signature is counted, not checked. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/nested-dsig.xml", 0, NULL, at, &res, NULL) == TM_OK);
    CHECK(tm_elmo_nested_signatures(res) == 1);
    tm_elmo_free(res);

    /* KeyInfo naming another certificate grants nothing: the signer is the pinned NCP. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/keyinfo-foreign-cert.xml", 0, NULL, at, &res, NULL) == TM_OK);
    CHECK(strstr(tm_elmo_signer_subject(res), "signer RSA-2048") != NULL);
    tm_elmo_free(res);

    /* Refusals, each with its status and code. */
    elmo_rejected(emreg, "TEST-NCP", "signed/tampered-learner.xml", 0, NULL, TM_DSIG_DIGEST_MISMATCH,
                  "dsig.digest_mismatch");
    elmo_rejected(emreg, "TEST-NCP", "signed/attacker-signed.xml", 0, NULL, TM_PKI_BAD_CHAIN_SIGNATURE,
                  "pki.bad_chain_signature");
    elmo_rejected(emreg, "TEST-NCP", "signed/c14n-transform.xml", 0, NULL, TM_EMREX_SIGNATURE_PROFILE,
                  "emrex.signature_profile");
    elmo_rejected(emreg, "TEST-NCP", "signed/no-learner.xml", 0, NULL, TM_EMREX_MISSING_LEARNER,
                  "emrex.missing_learner");
    elmo_rejected(emreg, "NO-SUCH-NCP", "signed/v1-rsa-sha256.xml", 0, NULL, TM_EMREX_NCP_NOT_FOUND,
                  "emrex.ncp_not_found");
    elmo_rejected(emreg, "TEST-NCP", "signed/bomb.gz.b64", 1, NULL, TM_EMREX_DECOMPRESSED_TOO_LARGE,
                  "emrex.decompressed_too_large");
    elmo_rejected(emreg, "TEST-NCP", "emreg-emps.json", 1, NULL, TM_EMREX_BAD_BASE64, "emrex.bad_base64");
    /* The XML where the form field is expected, and the reverse. */
    elmo_rejected(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml", 1, NULL, TM_EMREX_BAD_BASE64, "emrex.bad_base64");
    elmo_rejected(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml.b64", 0, NULL, TM_XML_MALFORMED, "xml.malformed");

    /* The wrong NCP: OTHER-NCP's certificate has the same subject but another key. */
    CHECK(elmo_verify(emreg, "OTHER-NCP", "signed/v1-rsa-sha256.xml", 0, NULL, at, &res, &err) != TM_OK);
    CHECK(res == NULL);
    CHECK(tm_error_status(err) == TM_PKI_UNTRUSTED_SIGNER || tm_error_status(err) == TM_CRYPTO_BAD_SIGNATURE);
    tm_error_free(err);
    err = NULL;

    /* SHA-1: refused by default, accepted (and reported) when the options allow it. */
    elmo_rejected(emreg, "TEST-NCP", "signed/old-ns-rsa-sha1.xml", 0, NULL, TM_DSIG_ALGORITHM_REFUSED,
                  "dsig.algorithm_refused");
    elmo_policy sha1 = {1, 0};
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/old-ns-rsa-sha1.xml", 0, &sha1, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_elmo_namespace(res), ELMO_OLD_NS);
    CHECK_STR(tm_learner_given_names(tm_elmo_learners(res, 0)), "Ola");
    CHECK(tm_elmo_legacy_algorithms_count(res) > 0);
    tm_elmo_free(res);

    /* The CSC vector (RSA-1024, SHA-1, certificate expired since 2018) against the CSC
     * pubKey: two spellings of the learner, one per report. */
    sha1.min_rsa_bits = 1024;
    int64_t in_2016 = 0;
    CHECK(tm_parse_rfc3339("2016-06-01T00:00:00Z", &in_2016, NULL) == TM_OK);
    const char *csc = "shared/vectors/emrex/fi-emrex/fi-smp/src/test/resources/elmo_vastaus_base64_gzipped.decoded.xml";
    CHECK(elmo_verify(emreg, "CSC", csc, 0, &sha1, in_2016, &res, &err) == TM_OK);
    if (err != NULL) {
        fprintf(stderr, "CSC vector: %s\n", tm_error_message(err));
        tm_error_free(err);
        err = NULL;
    }
    CHECK_STR(tm_elmo_namespace(res), ELMO_OLD_NS);
    CHECK(tm_elmo_learners_count(res) == 2);
    CHECK_STR(tm_learner_given_names(tm_elmo_learners(res, 0)), "Kaisa");
    CHECK_STR(tm_learner_family_name(tm_elmo_learners(res, 0)), "Ker\xc3\xa4nen");
    CHECK_STR(tm_learner_birth_date(tm_elmo_learners(res, 0)), "18-07-1966");
    CHECK_STR(tm_learner_family_name(tm_elmo_learners(res, 1)), "Keranen");
    CHECK_STR(tm_learner_birth_date(tm_elmo_learners(res, 1)), "18.07.1966");
    CHECK(tm_elmo_reports(res) == 2);
    tm_elmo_free(res);
    /* Today the CSC certificate has expired. */
    CHECK(elmo_verify(emreg, "CSC", csc, 0, &sha1, at, &res, &err) == TM_PKI_EXPIRED);
    tm_error_free(err);
    err = NULL;

    /* NULL and dead arguments. */
    const uint8_t x = '<';
    tm_verify_elmo_options *o = tm_verify_elmo_options_new();
    CHECK(tm_verify_elmo_options_set_ncp(o, "TEST-NCP", NULL) == TM_OK);
    CHECK(tm_verify_elmo(NULL, 0, emreg, o, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_elmo(&x, 1, NULL, o, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_elmo_options_set_ncp(o, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_elmo(&x, 1, emreg, o, NULL, NULL) == TM_NULL_POINTER);
    tm_trust_store *other_kind = tm_trust_store_new();
    CHECK(tm_verify_elmo(&x, 1, (const tm_emreg *)other_kind, o, &res, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_emreg_ncp_count((const tm_emreg *)other_kind) == 0);
    tm_trust_store_free(other_kind);
    tm_verify_elmo_options_free(o);
    CHECK(tm_elmo_learners_count(NULL) == 0);
    CHECK(tm_elmo_signer_subject(NULL) == NULL);
    tm_elmo_free(NULL);
    tm_emreg_free(emreg);

    /* The returnCode form field. */
    char *rc = NULL;
    CHECK(tm_parse_return_code("NCP_OK", NULL, &rc, NULL) == TM_OK);
    CHECK_STR(rc, "OK");
    tm_string_free(rc);
    CHECK(tm_parse_return_code(" EMP_NO_RESULTS\n", NULL, &rc, NULL) == TM_OK);
    CHECK_STR(rc, "NO_RESULTS");
    tm_string_free(rc);
    CHECK(tm_parse_return_code("EMP_CANCEL", NULL, &rc, NULL) == TM_OK);
    CHECK_STR(rc, "CANCEL");
    tm_string_free(rc);
    CHECK(tm_parse_return_code("NCP_ERROR", NULL, &rc, NULL) == TM_OK);
    CHECK_STR(rc, "ERROR");
    tm_string_free(rc);
    CHECK(tm_parse_return_code("ncp_ok", NULL, &rc, &err) == TM_EMREX_BAD_RETURN_CODE);
    CHECK(rc == NULL);
    CHECK_STR(tm_error_code(err), "emrex.bad_return_code");
    tm_error_free(err);
    CHECK(tm_parse_return_code(NULL, NULL, &rc, NULL) == TM_NULL_POINTER);
    CHECK(tm_parse_return_code("NCP_OK", NULL, NULL, NULL) == TM_NULL_POINTER);

    /* The decoder's cap, checked by the table when set. */
    tm_decode_elmo_field_options *cap = tm_decode_elmo_field_options_new();
    CHECK(tm_decode_elmo_field_options_set_max_elmo_bytes(cap, -5, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err), "decode_elmo_field() argument 'max_elmo_bytes' must be between 0 and 4294967295, not -5");
    tm_error_free(err);
    CHECK(tm_decode_elmo_field_options_set_max_elmo_bytes(cap, 5, NULL) == TM_OK);
    uint8_t *decoded = NULL;
    CHECK(tm_decode_elmo_field((const uint8_t *)"PGVsbW8vPg==", 12, cap, &decoded, NULL, &err)
          == TM_EMREX_DECOMPRESSED_TOO_LARGE); /* "<elmo/>" is 7 bytes */
    tm_error_free(err);
    CHECK(tm_decode_elmo_field_options_set_max_elmo_bytes(cap, 7, NULL) == TM_OK);
    size_t decoded_len = 0;
    CHECK(tm_decode_elmo_field((const uint8_t *)"PGVsbW8vPg==", 12, cap, &decoded, &decoded_len, NULL) == TM_OK);
    CHECK(decoded_len == 7 && strcmp((const char *)decoded, "<elmo/>") == 0);
    tm_bytes_free(decoded);
    tm_bytes_free(decoded); /* a double free is ignored */
    tm_decode_elmo_field_options_free(cap);
}

/* ---- ETSI trusted lists ------------------------------------------------------------ */

#define TSL_GENERIC "http://uri.etsi.org/TrstSvc/TSLType/generic"
#define SVC_INACCORD "http://uri.etsi.org/TrstSvc/Svcstatus/inaccord"
#define SVC_WITHDRAWN "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
#define EPSOS_SVC "http://uri.epsos.eu/Svc/Svctype/"

/* Reads `rel`: under the shared vectors when it starts with "shared/", else REPO-relative. */
static unsigned char *tsl_read(const char *rel, size_t *len) {
    char path[4096];
    const char *env = getenv("TRUSTMETA_SHARED");
    if (strncmp(rel, "shared/", 7) == 0) {
        if (env != NULL && env[0] != '\0') {
            snprintf(path, sizeof path, "%s/%s", env, rel + 7);
        } else {
            snprintf(path, sizeof path, "%s/../%s", repo, rel);
        }
    } else {
        snprintf(path, sizeof path, "%s/%s", repo, rel);
    }
    unsigned char *bytes = read_file(path, len);
    CHECK(bytes != NULL);
    return bytes;
}

/* A store with the anchor `trust` and, unless NULL, the intermediates `intermediates`. */
static tm_trust_store *tsl_store(const char *trust, const char *intermediates) {
    tm_trust_store *store = tm_trust_store_new();
    size_t len = 0;
    unsigned char *bytes = tsl_read(trust, &len);
    CHECK(tm_trust_store_add_pem(store, bytes, len, NULL) == TM_OK);
    free(bytes);
    if (intermediates != NULL) {
        bytes = tsl_read(intermediates, &len);
        CHECK(tm_trust_store_add_intermediates_pem(store, bytes, len, NULL) == TM_OK);
        free(bytes);
    }
    return store;
}

static tm_status tsl_verify(const char *rel, const tm_trust_store *store, int allow_sha1, int64_t when, tm_tsl **out,
                            tm_error **err) {
    size_t len = 0;
    unsigned char *bytes = tsl_read(rel, &len);
    tm_verify_tsl_options *o = tm_verify_tsl_options_new();
    CHECK(tm_verify_tsl_options_set_now(o, when, NULL) == TM_OK);
    CHECK(tm_verify_tsl_options_set_allow_sha1(o, allow_sha1, NULL) == TM_OK);
    tm_status st = tm_verify_tsl(bytes, len, store, o, out, err);
    tm_verify_tsl_options_free(o);
    free(bytes);
    return st;
}

/* Expects `status` and the dotted `code`, with no result. */
static void tsl_rejected(const char *rel, const tm_trust_store *store, int allow_sha1, int64_t when, tm_status status,
                         const char *code) {
    tm_tsl *res = (tm_tsl *)1;
    tm_error *err = NULL;
    CHECK(tsl_verify(rel, store, allow_sha1, when, &res, &err) == status);
    CHECK(res == NULL);
    CHECK(tm_error_status(err) == status);
    CHECK_STR(tm_error_code(err), code);
    tm_error_free(err);
}

static int64_t tsl_time(const char *rfc3339) {
    int64_t t = 0;
    CHECK(tm_parse_rfc3339(rfc3339, &t, NULL) == TM_OK);
    return t;
}

/* Decodes the base64 body of a one-certificate PEM file into DER; returns its length. */
static size_t pem_to_der(const char *rel, unsigned char *out, size_t cap) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t len = 0, n = 0;
    unsigned char *text = tsl_read(rel, &len);
    if (text == NULL) {
        return 0;
    }
    unsigned long acc = 0;
    int bits = 0, in_body = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '-') {
            /* Skip the BEGIN/END line. */
            while (i < len && text[i] != '\n') {
                i++;
            }
            in_body = !in_body;
            continue;
        }
        const char *p = in_body && text[i] != '\0' ? strchr(alphabet, text[i]) : NULL;
        if (p == NULL) {
            continue;
        }
        acc = (acc << 6) | (unsigned long)(p - alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n < cap) {
                out[n++] = (unsigned char)(acc >> bits);
            }
            acc &= (1UL << bits) - 1;
        }
    }
    free(text);
    return n;
}

static int same_bytes(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len) {
    return a != NULL && b != NULL && a_len == b_len && memcmp(a, b, a_len) == 0;
}

static void test_tsl_openncp(void) {
    const char *xx = "tests/data/tsl/signed/ncp-configuration-xx.xml";
    tm_trust_store *pinned = tsl_store("tests/data/tsl/signed/signer.pem", NULL);
    tm_tsl *res = NULL;
    tm_error *err = NULL;

    CHECK(tsl_verify(xx, pinned, 0, at, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_tsl_id(res), "NCPConfiguration-XX");
    CHECK_STR(tm_tsl_territory(res), "XX");
    CHECK(tm_tsl_sequence_number(res) == 7);
    CHECK(tm_tsl_version(res) == 3);
    CHECK_STR(tm_tsl_tsl_type(res), TSL_GENERIC);
    CHECK_STR(tm_lang_string_text(tm_tsl_operator_names(res, 0)), "Ministry of Health of Testland");
    CHECK(tm_tsl_issued(res) == tsl_time("2026-05-01T10:00:00Z"));
    CHECK(tm_tsl_next_update(res) == tsl_time("2026-11-01T10:00:00Z"));
    CHECK(tm_tsl_signing_time(res) == tsl_time("2026-05-01T09:58:00Z"));
    CHECK(tm_tsl_pointers_count(res) == 0);
    CHECK(tm_tsl_pointer_location(tm_tsl_pointers(res, 0)) == NULL);
    CHECK(tm_tsl_pinned(res));
    CHECK(tm_tsl_references_count(res) == 2);
    CHECK(tm_tsl_legacy_algorithms_count(res) == 0);
    CHECK(tm_tsl_verified_at(res) == at);

    /* Ten services across NCP-A (7) and NCP-B (3), with their OpenNCP roles. */
    CHECK_STR(tm_openncp_list_country(tm_tsl_openncp(res)), "XX");
    CHECK(tm_tsl_services_count(res) == 10);
    CHECK_STR(tm_tsl_service_provider(tm_tsl_services(res, 0)), "NCP-A");
    CHECK_STR(tm_tsl_service_type_identifier(tm_tsl_services(res, 0)), EPSOS_SVC "VPNGateway");
    CHECK_STR(tm_tsl_service_name(tm_tsl_services(res, 0)), "VPNGateway of XX");
    CHECK_STR(tm_tsl_service_status(tm_tsl_services(res, 0)), SVC_INACCORD);
    /* 2026-01-15T09:00:00+01:00 */
    CHECK(tm_tsl_service_status_starting_time(tm_tsl_services(res, 0)) == tsl_time("2026-01-15T08:00:00Z"));
    CHECK(tm_tsl_service_supply_points_count(tm_tsl_services(res, 0)) == 1);
    CHECK_STR(tm_tsl_service_supply_points(tm_tsl_services(res, 0), 0), "vpn-a.health.xx.example");
    CHECK(tm_tsl_service_supply_points(tm_tsl_services(res, 0), 1) == NULL);
    CHECK_STR(tm_openncp_service_face(tm_openncp_list_services(tm_tsl_openncp(res), 0)), "NCP-A");
    CHECK_STR(tm_openncp_service_role(tm_openncp_list_services(tm_tsl_openncp(res), 0)), "VPNGateway");
    /* The misspelt type identifier of the OpenNCP tools; 2024-02-29T23:30:00-02:00. */
    CHECK_STR(tm_tsl_service_type_identifier(tm_tsl_services(res, 2)), EPSOS_SVC "PatientIdenitificationService");
    CHECK_STR(tm_openncp_service_role(tm_openncp_list_services(tm_tsl_openncp(res), 2)), "PatientIdentificationService");
    CHECK(tm_tsl_service_status_starting_time(tm_tsl_services(res, 2)) == tsl_time("2024-03-01T01:30:00Z"));
    CHECK(tm_tsl_service_supply_points_count(tm_tsl_services(res, 2)) == 2);
    CHECK_STR(tm_tsl_service_supply_points(tm_tsl_services(res, 2), 1), "https://ncp-a2.health.xx.example/xcpd");
    CHECK_STR(tm_tsl_service_supply_points(tm_tsl_services(res, 3), 0), "https://ncp-a.health.xx.example/patient?a=1&b=2");
    CHECK_STR(tm_tsl_service_name(tm_tsl_services(res, 6)), "ConsentService of XX");
    CHECK_STR(tm_tsl_service_status(tm_tsl_services(res, 6)), SVC_WITHDRAWN);
    CHECK_STR(tm_tsl_service_provider(tm_tsl_services(res, 7)), "NCP-B");
    CHECK_STR(tm_openncp_service_face(tm_openncp_list_services(tm_tsl_openncp(res), 7)), "NCP-B");
    CHECK_STR(tm_tsl_service_type_identifier(tm_tsl_services(res, 9)), EPSOS_SVC "IdP");
    CHECK_STR(tm_openncp_service_role(tm_openncp_list_services(tm_tsl_openncp(res), 9)), "IdP");
    CHECK(tm_tsl_service_supply_points_count(tm_tsl_services(res, 9)) == 0);
    CHECK(tm_tsl_service_name(tm_tsl_services(res, 10)) == NULL);
    CHECK(tm_tsl_service_status_starting_time(tm_tsl_services(res, 10)) == TM_NO_DATE);

    /* Certificates, DER, against the PEM files they were made from. */
    unsigned char der[4096];
    size_t der_len = pem_to_der("tests/data/xmldsig-gen/pki/leaf-p256.pem", der, sizeof der);
    size_t len = 99;
    CHECK(tm_tsl_service_certificates_count(tm_tsl_services(res, 0)) == 1);
    const uint8_t *cert = tm_tsl_service_certificates(tm_tsl_services(res, 0), 0, &len);
    CHECK(der_len > 100 && same_bytes(cert, len, der, der_len));
    /* The NCP service: 0 the TLS certificate (leaf-p384), 1 the signature one (leaf-rsa3072). */
    CHECK(tm_tsl_service_certificates_count(tm_tsl_services(res, 1)) == 2);
    der_len = pem_to_der("tests/data/xmldsig-gen/pki/leaf-p384.pem", der, sizeof der);
    cert = tm_tsl_service_certificates(tm_tsl_services(res, 1), 0, &len);
    CHECK(same_bytes(cert, len, der, der_len));
    der_len = pem_to_der("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem", der, sizeof der);
    cert = tm_tsl_service_certificates(tm_tsl_services(res, 1), 1, &len);
    CHECK(same_bytes(cert, len, der, der_len));
    CHECK(tm_tsl_service_certificates(tm_tsl_services(res, 1), 2, &len) == NULL && len == 0);
    CHECK(tm_tsl_service_certificates(tm_tsl_services(res, 1), 0, NULL) != NULL);

    /* The OpenNCP mapping: eight records (the withdrawn ConsentService and the NCP
     * services have none). */
    static const char *const names[] = {
        "VPN_Gateway_A_XX.xml",
        "Patient_Identification_Service_XX.xml",
        "Patient_Service_XX.xml",
        "Order_Service_XX.xml",
        "Dispensation_Service_Initialize_XX.xml",
        "Dispensation_Service_Discard_XX.xml",
        "VPN_Gateway_B_XX.xml",
        "Identity_Provider_XX.xml",
    };
    tm_smp_record_list *recs = NULL;
    CHECK(tm_tsl_to_smp(res, "oasis-smp1", &recs, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_smp_record_list_count(recs) == 8);
    for (size_t i = 0; i < 8; i++) {
        CHECK_STR(tm_smp_record_file_name(tm_smp_record_list_get(recs, i)), names[i]);
        CHECK_STR(tm_smp_record_participant(tm_smp_record_list_get(recs, i)), "urn:ehealth:xx:ncpb-idp");
        const char *doc = tm_smp_record_xml(tm_smp_record_list_get(recs, i), &len);
        CHECK(doc != NULL && strlen(doc) == len);
        CHECK(doc != NULL && strstr(doc, "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05") != NULL);
    }
    CHECK_STR(tm_smp_record_document(tm_smp_record_list_get(recs, 1)), "urn::epsos##services:extended:epsos::11");
    CHECK_STR(tm_smp_record_process(tm_smp_record_list_get(recs, 1)), "urn:epsosIdentityService::FindIdentityByTraits");
    CHECK(tm_smp_record_endpoints(tm_smp_record_list_get(recs, 1)) == 2);
    CHECK(strstr(tm_smp_record_xml(tm_smp_record_list_get(recs, 1), NULL),
                 "<EndpointURI>https://ncp-a2.health.xx.example/xcpd</EndpointURI>") != NULL);
    CHECK_STR(tm_smp_record_process(tm_smp_record_list_get(recs, 7)), "urn:ehealth:ncp:xx:ncpb-idp");
    CHECK(tm_smp_record_file_name(tm_smp_record_list_get(recs, 8)) == NULL);
    CHECK(tm_smp_record_xml(tm_smp_record_list_get(recs, 8), &len) == NULL && len == 0);
    CHECK(tm_smp_record_endpoints(tm_smp_record_list_get(recs, 8)) == 0);
    tm_smp_record_list_free(recs);
    CHECK(tm_smp_record_list_count(recs) == 0); /* freed: dead */
    tm_smp_record_list_free(recs);               /* a double free is ignored */

    CHECK(tm_tsl_to_smp(res, "busdox", &recs, NULL) == TM_OK);
    CHECK(tm_smp_record_list_count(recs) == 8);
    CHECK_STR(tm_smp_record_file_name(tm_smp_record_list_get(recs, 7)), "Identity_Provider_XX.xml");
    CHECK(strstr(tm_smp_record_xml(tm_smp_record_list_get(recs, 0), NULL), "http://busdox.org/serviceMetadata/publishing/1.0/") != NULL);
    CHECK(strstr(tm_smp_record_xml(tm_smp_record_list_get(recs, 0), NULL), "<wsa:Address>ipsec://vpn-a.health.xx.example</wsa:Address>")
          != NULL);
    tm_smp_record_list_free(recs);
    recs = (tm_smp_record_list *)1;
    CHECK(tm_tsl_to_smp(res, "smp3", &recs, &err) == TM_INVALID_ARGUMENT);
    CHECK(recs == NULL);
    tm_error_free(err);
    err = NULL;
    tm_tsl_free(res);
    CHECK(tm_tsl_territory(res) == NULL); /* freed: dead */
    CHECK(tm_tsl_to_smp(res, "oasis-smp1", &recs, NULL) == TM_INVALID_ARGUMENT);
    tm_tsl_free(res); /* a double free is ignored */

    /* Through the test PKI: the root as anchor, the intermediate untrusted. */
    tm_trust_store *chain = tsl_store("tests/data/xmldsig-gen/pki/root.pem", "tests/data/xmldsig-gen/pki/intermediate.pem");
    CHECK(tsl_verify("tests/data/tsl/signed/ncp-configuration-xx-inclusive.xml", chain, 0, at, &res, NULL) == TM_OK);
    CHECK(tm_tsl_sequence_number(res) == 7);
    CHECK(!tm_tsl_pinned(res));
    CHECK(tm_tsl_chain_count(res) >= 2);
    tm_tsl_free(res);
    tm_trust_store_free(chain);

    /* A certificate the list itself carries is not an anchor for it. */
    tm_trust_store *listed = tsl_store("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem", NULL);
    tsl_rejected(xx, listed, 0, at, TM_PKI_UNTRUSTED_SIGNER, "pki.untrusted_signer");
    tm_trust_store_free(listed);

    /* Refusals of our signed lists. */
    tsl_rejected("tests/data/tsl/signed/wrong-signing-certificate.xml", pinned, 0, at,
                 TM_TSL_SIGNING_CERTIFICATE_MISMATCH, "tsl.signing_certificate_mismatch");
    tsl_rejected("tests/data/tsl/signed/no-xades.xml", pinned, 0, at, TM_TSL_SIGNATURE_PROFILE,
                 "tsl.signature_profile");
    tsl_rejected(xx, pinned, 0, tsl_time("2026-11-02T00:00:00Z"), TM_TSL_EXPIRED, "tsl.expired");
    tsl_rejected(xx, pinned, 0, tsl_time("2026-04-30T00:00:00Z"), TM_TSL_EXPIRED, "tsl.expired");
    tm_trust_store *sample = tsl_store("tests/data/sample/signer.pem", NULL);
    tsl_rejected("tests/data/sample/smp-signed.xml", sample, 0, at, TM_TSL_UNKNOWN_DOCUMENT,
                 "tsl.unknown_document");
    tm_trust_store_free(sample);

    /* rsa-sha1: refused by default, accepted and reported when the policy allows it. */
    const char *sha1_list = "tests/data/tsl/signed/rsa-sha1.xml";
    tsl_rejected(sha1_list, pinned, 0, at, TM_DSIG_ALGORITHM_REFUSED, "dsig.algorithm_refused");
    CHECK(tsl_verify(sha1_list, pinned, 1, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_territory(res), "XX");
    CHECK(tm_tsl_sequence_number(res) == 7);
    int saw_rsa_sha1 = 0;
    for (size_t i = 0; i < tm_tsl_legacy_algorithms_count(res); i++) {
        saw_rsa_sha1 |= strcmp(tm_tsl_legacy_algorithms(res, i), "rsa-sha1") == 0;
    }
    CHECK(saw_rsa_sha1);
    tm_tsl_free(res);

    /* A list that is not an NCP configuration list verifies but has no SMP mapping. */
    CHECK(tsl_verify("tests/data/tsl/signed/generic-list.xml", pinned, 0, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_id(res), "TSL-XX-generic");
    CHECK(tm_openncp_list_country(tm_tsl_openncp(res)) == NULL);
    CHECK(tm_tsl_services_count(res) == 10);
    CHECK(tm_openncp_service_face(tm_openncp_list_services(tm_tsl_openncp(res), 0)) == NULL);
    CHECK(tm_openncp_service_role(tm_openncp_list_services(tm_tsl_openncp(res), 0)) == NULL);
    recs = (tm_smp_record_list *)1;
    CHECK(tm_tsl_to_smp(res, "oasis-smp1", &recs, &err) == TM_TSL_NOT_OPENNCP);
    CHECK(recs == NULL);
    CHECK_STR(tm_error_code(err), "tsl.not_openncp");
    tm_error_free(err);
    err = NULL;
    tm_tsl_free(res);

    /* NULL and dead arguments. */
    const uint8_t x = '<';
    CHECK(tm_verify_tsl(NULL, 0, pinned, NULL, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_tsl(&x, 1, NULL, NULL, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_tsl(&x, 1, pinned, NULL, NULL, NULL) == TM_NULL_POINTER);
    tm_verify_tsl_options *other_kind = tm_verify_tsl_options_new();
    CHECK(tm_verify_tsl(&x, 1, (const tm_trust_store *)other_kind, NULL, &res, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_tsl_services_count((const tm_tsl *)other_kind) == 0);
    tm_verify_tsl_options_free(other_kind);
    CHECK(tm_tsl_to_smp(NULL, "oasis-smp1", &recs, NULL) == TM_NULL_POINTER);
    CHECK(tm_tsl_territory(NULL) == NULL);
    CHECK(tm_tsl_sequence_number(NULL) == 0);
    CHECK(tm_tsl_next_update(NULL) == TM_NO_DATE);
    CHECK(tm_tsl_services_count(NULL) == 0);
    CHECK(tm_tsl_signer_subject(NULL) == NULL);
    CHECK(tm_smp_record_list_count(NULL) == 0);
    CHECK(tm_tsl_pointer_certificates(tm_tsl_pointers(NULL, 0), 0, &len) == NULL && len == 0);
    tm_tsl_free(NULL);
    tm_smp_record_list_free(NULL);
    tm_trust_store_free(pinned);
}

static void test_tsl_vectors(void) {
    tm_tsl *res = NULL;
    tm_error *err = NULL;
    const char *lotl = "shared/vectors/tsl/eu-lotl/eu-lotl.xml";
    tm_trust_store *commission = tsl_store("shared/vectors/tsl/eu-lotl/eu-lotl.keyinfo-signer.pem", NULL);
    int64_t in_may = tsl_time("2026-05-01T00:00:00Z");

    /* The EU list of lists: 43 pointers, no providers. */
    CHECK(tsl_verify(lotl, commission, 0, in_may, &res, &err) == TM_OK);
    if (err != NULL) {
        fprintf(stderr, "EU LOTL: %s\n", tm_error_message(err));
        tm_error_free(err);
        err = NULL;
    }
    CHECK_STR(tm_tsl_territory(res), "EU");
    CHECK(tm_tsl_sequence_number(res) == 386);
    CHECK(tm_tsl_version(res) == 6);
    CHECK_STR(tm_tsl_id(res), "ID0001");
    CHECK_STR(tm_tsl_tsl_type(res), "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists");
    CHECK(tm_tsl_issued(res) == tsl_time("2026-04-28T21:59:59Z"));
    CHECK(tm_tsl_next_update(res) == tsl_time("2026-10-21T13:10:30Z"));
    CHECK(tm_tsl_signing_time(res) == tsl_time("2026-04-28T17:21:26Z"));
    CHECK(tm_tsl_services_count(res) == 0);
    CHECK(tm_openncp_list_country(tm_tsl_openncp(res)) == NULL);
    CHECK(tm_tsl_pointers_count(res) == 43);
    CHECK_STR(tm_tsl_pointer_location(tm_tsl_pointers(res, 0)), "https://ec.europa.eu/tools/lotl/eu-lotl.xml");
    CHECK_STR(tm_tsl_pointer_territory(tm_tsl_pointers(res, 0)), "EU");
    CHECK_STR(tm_tsl_pointer_mime_type(tm_tsl_pointers(res, 0)), "application/vnd.etsi.tsl+xml");
    CHECK(tm_tsl_pointer_certificates_count(tm_tsl_pointers(res, 0)) == 6);
    CHECK_STR(tm_tsl_pointer_location(tm_tsl_pointers(res, 1)), "https://www.signatur.rtr.at/vertrauensliste.xml");
    CHECK_STR(tm_tsl_pointer_territory(tm_tsl_pointers(res, 1)), "AT");
    CHECK(tm_tsl_pointer_certificates_count(tm_tsl_pointers(res, 1)) == 5);
    CHECK_STR(tm_tsl_pointer_territory(tm_tsl_pointers(res, 42)), "UK");
    CHECK(tm_tsl_pointer_location(tm_tsl_pointers(res, 43)) == NULL);
    CHECK(tm_tsl_pointer_certificates_count(tm_tsl_pointers(res, 43)) == 0);
    /* A pointer's certificate is DER that a trust store takes. */
    size_t len = 0;
    const uint8_t *cert = tm_tsl_pointer_certificates(tm_tsl_pointers(res, 1), 4, &len);
    CHECK(cert != NULL && len > 300 && cert[0] == 0x30);
    tm_trust_store *from_pointer = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(from_pointer, cert, len, NULL) == TM_OK);
    CHECK(tm_trust_store_len(from_pointer) == 1);
    tm_trust_store_free(from_pointer);
    CHECK(tm_tsl_pointer_certificates(tm_tsl_pointers(res, 1), 5, &len) == NULL && len == 0);
    CHECK(strstr(tm_tsl_signer_subject(res), "CN=EUROPEAN COMMISSION") != NULL);
    CHECK(tm_tsl_references_count(res) == 2);
    tm_tsl_free(res);
    tsl_rejected(lotl, commission, 0, tsl_time("2026-11-22T00:00:00Z"), TM_TSL_EXPIRED, "tsl.expired");

    /* Another anchor: the certificate in the LOTL's own pointer does not help. */
    tm_trust_store *digidoc = tsl_store("shared/vectors/tsl/libdigidocpp/test/data/TSL.crt", NULL);
    tsl_rejected(lotl, digidoc, 0, in_may, TM_PKI_UNTRUSTED_SIGNER, "pki.untrusted_signer");

    /* libdigidocpp's lists: a national list with 31 services, one with a revoked CA. */
    CHECK(tsl_verify("shared/vectors/tsl/libdigidocpp/test/data/EE_T.xml", digidoc, 0,
                     tsl_time("2026-05-12T00:00:00Z"), &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_territory(res), "EE_T");
    CHECK(tm_tsl_sequence_number(res) == 34);
    CHECK(tm_tsl_services_count(res) == 31);
    tm_tsl_free(res);
    CHECK(tsl_verify("shared/vectors/tsl/libdigidocpp/test/data/EE_T-CA-withdrawn.xml", digidoc, 0,
                     tsl_time("2024-11-15T00:00:00Z"), &res, NULL) == TM_OK);
    CHECK(tm_tsl_sequence_number(res) == 22);
    CHECK(tm_tsl_services_count(res) == 23);
    CHECK(strncmp(tm_tsl_service_name(tm_tsl_services(res, 0)), "TEST of ESTEID-SK 2011", 22) == 0);
    CHECK_STR(tm_tsl_service_status(tm_tsl_services(res, 0)),
              "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/supervisionrevoked");
    tm_tsl_free(res);
    CHECK(tsl_verify("shared/vectors/tsl/libdigidocpp/test/data/TSL.xml", digidoc, 0,
                     tsl_time("2020-06-04T00:00:00Z"), &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_territory(res), "EE");
    CHECK(tm_tsl_sequence_number(res) == 4);
    tm_tsl_free(res);
    tsl_rejected("shared/vectors/tsl/libdigidocpp/test/data/xml-bomb-attr.xml", digidoc, 0, at,
                 TM_XML_DOCTYPE_REFUSED, "xml.doctype_refused");
    tm_trust_store_free(digidoc);
    tm_trust_store_free(commission);
}

/* ---- SAML ---------------------------------------------------------------------- */

#define SAML_NOW 1780308060 /* 2026-06-01T10:01:00Z */
#define SAML_AUDIENCE "https://sp.example.org/metadata"
#define SAML_ACS "https://sp.example.org/acs"

/* A file of tests/data/saml/signed/, NUL-terminated. */
static unsigned char *saml_file(const char *name, size_t *len) {
    char rel[512];
    snprintf(rel, sizeof rel, "tests/data/saml/signed/%s", name);
    unsigned char *bytes = read_file(path_in_repo(rel), len);
    CHECK(bytes != NULL);
    unsigned char *text = bytes != NULL ? realloc(bytes, *len + 1) : NULL;
    if (text != NULL) {
        text[*len] = 0;
    } else {
        free(bytes);
    }
    return text;
}

/* The test PKI's certificate `name` (tests/data/xmldsig-gen/pki/NAME.pem) in a new store. */
static tm_trust_store *saml_store(const char *name) {
    char rel[512];
    snprintf(rel, sizeof rel, "tests/data/xmldsig-gen/pki/%s.pem", name);
    size_t len = 0;
    unsigned char *bytes = read_file(path_in_repo(rel), &len);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(bytes != NULL && tm_trust_store_add_pem(store, bytes, len, NULL) == TM_OK);
    free(bytes);
    return store;
}

static tm_issuer_trust *saml_any(const char *name) {
    tm_trust_store *store = saml_store(name);
    tm_issuer_trust *trust = tm_issuer_trust_new();
    CHECK(tm_issuer_trust_set_any(trust, store, NULL) == TM_OK);
    tm_trust_store_free(store);
    return trust;
}

/* This relying party's options for a response answering _req-4711 at `now`. */
static tm_verify_saml_response_options *saml_options(const char *profile, int allow_sha1, const tm_replay_cache *cache,
                                                     int64_t now) {
    tm_verify_saml_response_options *o = tm_verify_saml_response_options_new();
    CHECK(tm_verify_saml_response_options_set_audience(o, SAML_AUDIENCE, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_acs(o, SAML_ACS, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_request_id(o, "_req-4711", NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_profile(o, profile, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_signed(o, "any", NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_skew(o, 180, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_now(o, now, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_allow_sha1(o, allow_sha1, NULL) == TM_OK);
    if (cache != NULL) {
        CHECK(tm_verify_saml_response_options_set_cache(o, cache, NULL) == TM_OK);
    }
    return o;
}

static tm_status saml_response(const char *file, const tm_issuer_trust *trust, int allow_sha1, const char *profile,
                               tm_replay_cache *cache, tm_saml_response **out, tm_error **err) {
    size_t len = 0;
    unsigned char *xml_bytes = saml_file(file, &len);
    tm_verify_saml_response_options *o = saml_options(profile, allow_sha1, cache, SAML_NOW);
    tm_status st = tm_verify_saml_response(xml_bytes, len, trust, o, out, err);
    tm_verify_saml_response_options_free(o);
    free(xml_bytes);
    return st;
}

static void test_saml_response(void) {
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    tm_replay_cache *cache = tm_replay_cache_new(100);
    tm_saml_response *res = NULL;
    tm_error *err = NULL;

    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", cache, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_saml_response_id(res), "_resp-1");
    CHECK_STR(tm_saml_response_assertion_id(res), "_assert-1");
    CHECK_STR(tm_saml_response_issuer(res), "https://idp.example.org/");
    CHECK_STR(tm_saml_response_in_response_to(res), "_req-4711");
    CHECK_STR(tm_saml_response_destination(res), SAML_ACS);
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    CHECK_STR(tm_saml_response_name_id_format(res), "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    CHECK(tm_saml_response_attributes_count(res) == 2);
    const tm_saml_attribute *a0 = tm_saml_response_attributes(res, 0);
    const tm_saml_attribute *a1 = tm_saml_response_attributes(res, 1);
    CHECK_STR(tm_saml_attribute_name(a0), "urn:oid:2.5.4.42");
    CHECK_STR(tm_saml_attribute_friendly_name(a0), "givenName");
    CHECK_STR(tm_saml_attribute_name_format(a0), "urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
    CHECK(tm_saml_attribute_values_count(a0) == 1);
    CHECK_STR(tm_saml_attribute_values(a0, 0), "Ross");
    CHECK(tm_saml_attribute_name_format(a1) == NULL);
    CHECK(tm_saml_attribute_values_count(a1) == 2);
    CHECK_STR(tm_saml_attribute_values(a1, 1), "urn:example:staff");
    CHECK(tm_saml_attribute_values(a1, 2) == NULL);
    CHECK(tm_saml_attribute_name(tm_saml_response_attributes(res, 2)) == NULL);
    CHECK(tm_saml_attribute_status(a0) == NULL);
    CHECK_STR(tm_saml_response_loa(res), "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
    CHECK(tm_saml_response_stork_qaa(res) == TM_NO_INT);
    CHECK_STR(tm_saml_response_session_index(res), "_session-1");
    CHECK(tm_saml_response_issue_instant(res) == SAML_NOW - 60);
    CHECK(tm_saml_response_not_on_or_after(res) == SAML_NOW + 240);
    CHECK(tm_saml_response_audiences_count(res) == 1);
    CHECK_STR(tm_saml_response_audiences(res, 0), SAML_AUDIENCE);
    CHECK_STR(tm_saml_response_signed_by(res), "assertion");
    CHECK(tm_saml_response_signatures_count(res) == 1);
    const tm_signature *sig = tm_saml_response_signatures(res, 0);
    CHECK(sig != NULL && strstr(tm_signature_signer_subject(sig), "signer RSA-2048") != NULL);
    CHECK_STR(tm_signature_signature_algorithm(sig), RSA_SHA256_URI);
    CHECK(tm_signature_verified_at(sig) == SAML_NOW);
    CHECK(tm_saml_response_signatures(res, 1) == NULL);
    CHECK(tm_replay_cache_len(cache) == 1);
    tm_saml_response_free(res);

    /* The same response again, with the same cache: a replay. */
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", cache, &res, &err) == TM_SAML_REPLAY);
    CHECK(res == NULL);
    CHECK_STR(tm_error_code(err), "saml.replay");
    CHECK(strstr(tm_error_message(err), "_assert-1") != NULL);
    tm_error_free(err);
    err = NULL;
    /* Without a cache each call stands alone. */
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", NULL, &res, NULL) == TM_OK);
    tm_saml_response_free(res);
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", NULL, &res, NULL) == TM_OK);
    tm_saml_response_free(res);

    /* STORK: the attribute statuses and the QAA level (an rsa-sha1 signature). */
    CHECK(saml_response("stork-legacy-sha1.xml", trust, 0, "stork", cache, &res, &err) == TM_DSIG_ALGORITHM_REFUSED);
    tm_error_free(err);
    err = NULL;
    CHECK(saml_response("stork-legacy-sha1.xml", trust, 1, "stork", cache, &res, &err) == TM_OK);
    CHECK(tm_saml_response_attributes_count(res) == 4);
    CHECK_STR(tm_saml_attribute_name(tm_saml_response_attributes(res, 0)), "http://www.stork.gov.eu/1.0/eIdentifier");
    CHECK_STR(tm_saml_attribute_values(tm_saml_response_attributes(res, 0), 0), "ES/AT/02635542Y");
    CHECK_STR(tm_saml_attribute_status(tm_saml_response_attributes(res, 0)), "Available");
    CHECK_STR(tm_saml_attribute_status(tm_saml_response_attributes(res, 1)), "Available");
    CHECK_STR(tm_saml_attribute_name(tm_saml_response_attributes(res, 2)), "http://www.stork.gov.eu/1.0/dateOfBirth");
    CHECK_STR(tm_saml_attribute_status(tm_saml_response_attributes(res, 2)), "NotAvailable");
    CHECK(tm_saml_attribute_values_count(tm_saml_response_attributes(res, 2)) == 0);
    CHECK_STR(tm_saml_attribute_status(tm_saml_response_attributes(res, 3)), "Withheld");
    CHECK(tm_saml_attribute_status(tm_saml_response_attributes(res, 4)) == NULL);
    CHECK(tm_saml_response_stork_qaa(res) == 3);
    CHECK(tm_signature_legacy_algorithms_count(tm_saml_response_signatures(res, 0)) > 0);
    CHECK(tm_replay_cache_len(cache) == 2);
    tm_saml_response_free(res);

    /* Trust per issuer: the right entity ID verifies, another one is unknown. */
    tm_trust_store *store = saml_store("leaf-rsa2048");
    tm_issuer_trust *idp = tm_issuer_trust_new();
    CHECK(tm_issuer_trust_add(idp, "https://idp.example.org/", store, NULL) == TM_OK);
    CHECK(saml_response("response-signed.xml", idp, 0, "generic", NULL, &res, NULL) == TM_OK);
    CHECK_STR(tm_saml_response_signed_by(res), "response");
    tm_saml_response_free(res);
    tm_issuer_trust *other = tm_issuer_trust_new();
    CHECK(tm_issuer_trust_add(other, "https://other.example.org/", store, NULL) == TM_OK);
    CHECK(saml_response("response-signed.xml", other, 0, "generic", NULL, &res, &err) == TM_SAML_UNKNOWN_ISSUER);
    CHECK_STR(tm_error_code(err), "saml.unknown_issuer");
    tm_error_free(err);
    err = NULL;
    tm_issuer_trust_free(other);
    tm_issuer_trust_free(idp);
    tm_trust_store_free(store);

    /* Arguments, refused with the table's messages. */
    size_t len = 0;
    unsigned char *msg = saml_file("assertion-signed.xml", &len);
    tm_verify_saml_response_options *o = tm_verify_saml_response_options_new();
    CHECK(tm_verify_saml_response_options_set_acs(o, SAML_ACS, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_now(o, SAML_NOW, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_audience(o, SAML_AUDIENCE, NULL) == TM_OK);
    CHECK(tm_verify_saml_response(msg, len, NULL, o, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_saml_response_options_set_audience(o, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_saml_response_options_set_profile(o, "x", &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err),
              "verify_saml_response() argument 'profile' must be \"generic\", \"stork\" or \"eidas\", not \"x\"");
    tm_error_free(err);
    err = NULL;
    CHECK(tm_verify_saml_response_options_set_signed(o, "all", NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_verify_saml_response_options_set_skew(o, -1, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err), "verify_saml_response() argument 'skew' must be between 0 and 4294967295, not -1");
    tm_error_free(err);
    err = NULL;
    CHECK(tm_verify_saml_response(msg, len, (const tm_issuer_trust *)cache, o, &res, NULL) == TM_INVALID_ARGUMENT);
    /* Unsolicited expected, but the response answers a request. */
    CHECK(tm_verify_saml_response(msg, len, trust, o, &res, NULL) == TM_SAML_IN_RESPONSE_TO_MISMATCH);
    CHECK(res == NULL);
    /* A required argument missing: the table's message. */
    tm_verify_saml_response_options *none = tm_verify_saml_response_options_new();
    CHECK(tm_verify_saml_response(msg, len, trust, none, &res, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err), "verify_saml_response() argument 'audience' is required");
    tm_error_free(err);
    err = NULL;
    tm_verify_saml_response_options_free(none);
    tm_verify_saml_response_options_free(o);
    free(msg);

    /* Accessors on NULL and dead handles. */
    CHECK(tm_saml_response_name_id(NULL) == NULL);
    CHECK(tm_saml_response_attributes_count(NULL) == 0);
    CHECK(tm_saml_response_not_on_or_after(NULL) == TM_NO_DATE);
    CHECK(tm_saml_response_signed_by(NULL) == NULL);
    CHECK(tm_replay_cache_len(NULL) == 0);
    tm_saml_response_free(NULL);
    tm_issuer_trust_free(NULL);
    tm_replay_cache_free(NULL);

    tm_replay_cache_free(cache);
    tm_issuer_trust_free(trust);
}

/* A replay cache of the caller's own, shared by two "workers" (two caches on one store):
 * a table of IDs with their expiry, and an answer to give instead when set. */
struct id_store {
    char ids[8][64];
    int64_t until[8];
    int count;
    int fixed;  /* answer `answer` instead of looking in the table */
    int answer;
    int calls;
    int released;
};

static int store_check(void *user_data, const char *id, size_t id_len, int64_t expires, int64_t now) {
    struct id_store *s = user_data;
    s->calls++;
    if (s->fixed || strlen(id) != id_len || id_len >= 64) {
        return s->answer;
    }
    for (int i = 0; i < s->count; i++) {
        if (strcmp(s->ids[i], id) == 0 && s->until[i] > now) {
            return TM_REPLAY_SEEN;
        }
    }
    if (s->count == 8) {
        return TM_REPLAY_UNAVAILABLE;
    }
    memcpy(s->ids[s->count], id, id_len + 1);
    s->until[s->count++] = expires;
    return TM_REPLAY_FRESH;
}

static void store_release(void *user_data) {
    ((struct id_store *)user_data)->released++;
}

static void test_replay_cache_callback(void) {
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    struct id_store store = {.fixed = 0};
    tm_replay_cache *worker1 = NULL, *worker2 = NULL;
    tm_saml_response *res = NULL;
    tm_error *err = NULL;

    CHECK(tm_replay_cache_new_callback(store_check, &store, store_release, &worker1, &err) == TM_OK && err == NULL);
    CHECK(tm_replay_cache_new_callback(store_check, &store, NULL, &worker2, NULL) == TM_OK);
    CHECK(tm_replay_cache_len(worker1) == 0);

    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", worker1, &res, &err) == TM_OK);
    CHECK(store.count == 1 && strcmp(store.ids[0], "_assert-1") == 0 && store.until[0] > SAML_NOW);
    tm_saml_response_free(res);
    res = NULL;
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", worker2, &res, &err) == TM_SAML_REPLAY);
    CHECK(res == NULL);
    CHECK_STR(tm_error_code(err), "saml.replay");
    tm_error_free(err);
    err = NULL;

    /* A store that cannot answer, or answers nonsense, refuses: never accepts. */
    int answers[] = {TM_REPLAY_UNAVAILABLE, 7, -3};
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++) {
        store.fixed = 1;
        store.answer = answers[i];
        int calls = store.calls;
        CHECK(saml_response("response-signed.xml", trust, 0, "generic", worker1, &res, &err)
              == TM_SAML_REPLAY_CACHE_UNAVAILABLE);
        CHECK(res == NULL && store.calls == calls + 1);
        CHECK_STR(tm_error_code(err), "saml.replay_cache_unavailable");
        CHECK(strstr(tm_error_message(err), "replay cache is unavailable") != NULL);
        tm_error_free(err);
        err = NULL;
    }
    store.fixed = 0;
    CHECK(saml_response("response-signed.xml", trust, 0, "generic", worker2, &res, &err) == TM_OK);
    tm_saml_response_free(res);
    res = NULL;

    /* Options keep their share; `release` runs once, when the last share goes. */
    tm_verify_saml_response_options *o = saml_options("generic", 0, worker1, SAML_NOW);
    tm_replay_cache_free(worker1);
    CHECK(store.released == 0);
    tm_verify_saml_response_options_free(o);
    CHECK(store.released == 1);
    tm_replay_cache_free(worker2);
    CHECK(store.released == 1);

    tm_replay_cache *c = (tm_replay_cache *)1;
    CHECK(tm_replay_cache_new_callback(NULL, &store, store_release, &c, &err) == TM_NULL_POINTER);
    CHECK(c == NULL && store.released == 1);
    tm_error_free(err);
    err = NULL;
    CHECK(tm_replay_cache_new_callback(store_check, &store, NULL, NULL, NULL) == TM_NULL_POINTER);

    /* Redis: the URL is checked when the cache is made; nothing is connected yet. */
    CHECK(tm_replay_cache_new_redis("redis://127.0.0.1:6379/0", &c, NULL) == TM_OK && c != NULL);
    CHECK(tm_replay_cache_len(c) == 0);
    tm_replay_cache_free(c);
    CHECK(tm_replay_cache_new_redis("rediss://127.0.0.1", &c, &err) == TM_INVALID_ARGUMENT && c == NULL);
    CHECK(strstr(tm_error_message(err), "not a usable replay-cache URL") != NULL);
    tm_error_free(err);
    err = NULL;
    CHECK(tm_replay_cache_new_redis(NULL, &c, NULL) == TM_NULL_POINTER);

    /* A server nobody listens on (port 1 of loopback) refuses at once. */
    CHECK(tm_replay_cache_new_redis("redis://127.0.0.1:1/0", &c, NULL) == TM_OK);
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", c, &res, &err) == TM_SAML_REPLAY_CACHE_UNAVAILABLE);
    CHECK(strstr(tm_error_message(err), "127.0.0.1:1") != NULL);
    tm_error_free(err);
    err = NULL;
    tm_replay_cache_free(c);

    /* With a real server (scripts/test-c.sh starts one, and gives each run of this
     * program a database of its own): two workers, one acceptance. */
    const char *url = getenv("TRUSTMETA_TEST_REDIS_URL");
    if (url != NULL && *url != '\0') {
        CHECK(tm_replay_cache_new_redis(url, &worker1, NULL) == TM_OK);
        CHECK(tm_replay_cache_new_redis(url, &worker2, NULL) == TM_OK);
        CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", worker1, &res, &err) == TM_OK);
        tm_saml_response_free(res);
        res = NULL;
        CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", worker2, &res, &err) == TM_SAML_REPLAY);
        tm_error_free(err);
        err = NULL;
        CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", worker1, &res, &err) == TM_SAML_REPLAY);
        tm_error_free(err);
        err = NULL;
        tm_replay_cache_free(worker1);
        tm_replay_cache_free(worker2);
    }
    tm_issuer_trust_free(trust);
}

/* Signed responses of tests/data/attacks (see its README): forged content where the
 * signature does not look, and assertions without what the profile requires of a bearer
 * assertion. Each is refused with its own status; the two genuine ones verify. */
static void test_saml_attacks(void) {
    static const struct {
        const char *file;
        const char *profile;
        tm_status status;
        const char *code;
    } cases[] = {
        {"saml-adfs.xml", "generic", TM_OK, NULL},
        {"stork-qaa1.xml", "stork", TM_OK, NULL},
        {"stork-object-qaa.xml", "stork", TM_SAML_SIGNATURE_PROFILE, "saml.signature_profile"},
        {"saml-adfs-duplicate-xmlns.xml", "generic", TM_XML_DUPLICATE_ATTRIBUTE, "xml.duplicate_attribute"},
        {"saml-adfs-no-audience.xml", "generic", TM_SAML_AUDIENCE_MISSING, "saml.audience_missing"},
        {"saml-no-conditions.xml", "generic", TM_SAML_AUDIENCE_MISSING, "saml.audience_missing"},
        {"saml-notbefore-after-notonorafter.xml", "generic", TM_SAML_INVALID_TIME_WINDOW, "saml.invalid_time_window"},
        {"saml-unknown-condition.xml", "generic", TM_SAML_UNKNOWN_CONDITION, "saml.unknown_condition"},
        {"saml-issuer-format-transient.xml", "generic", TM_SAML_ISSUER_FORMAT, "saml.issuer_format"},
        {"saml-datetime-no-zone.xml", "generic", TM_SAML_MALFORMED, "saml.malformed"},
    };
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "tests/data/attacks/signed/%s", cases[i].file);
        size_t len = 0;
        unsigned char *msg = read_file(path_in_repo(rel), &len);
        CHECK(msg != NULL);
        tm_saml_response *res = (tm_saml_response *)&res;
        tm_error *err = (tm_error *)&err;
        /* At 2026-06-01T10:00:00Z, as the README of tests/data/attacks says. */
        tm_verify_saml_response_options *o = saml_options(cases[i].profile, 0, NULL, SAML_NOW - 60);
        tm_status st = tm_verify_saml_response(msg, len, trust, o, &res, &err);
        tm_verify_saml_response_options_free(o);
        CHECK(st == cases[i].status);
        if (st != cases[i].status) {
            fprintf(stderr, "  %s: got %s: %s\n", cases[i].file, tm_error_code_name(st),
                    st == TM_OK ? "" : tm_error_message(err));
        }
        if (cases[i].status == TM_OK) {
            CHECK(res != NULL && err == NULL);
            CHECK_STR(tm_saml_response_issuer(res), "https://idp.example.org/");
            if (strcmp(cases[i].profile, "stork") == 0) {
                CHECK(tm_saml_response_stork_qaa(res) == 1);
            }
        } else {
            CHECK(res == NULL);
            CHECK_STR(tm_error_code(err), cases[i].code);
            CHECK(tm_error_status(err) == cases[i].status);
        }
        if (st == TM_OK) {
            tm_saml_response_free(res);
        } else {
            tm_error_free(err);
        }
        free(msg);
    }
    tm_issuer_trust_free(trust);
}

/* Options of the request verifications: `destination` unless NULL, the profile, 180 s of
 * skew, 600 s of age, at SAML_NOW. */
static tm_verify_saml_request_options *request_options(const char *destination, const char *profile) {
    tm_verify_saml_request_options *o = tm_verify_saml_request_options_new();
    if (destination != NULL) {
        CHECK(tm_verify_saml_request_options_set_destination(o, destination, NULL) == TM_OK);
    }
    CHECK(tm_verify_saml_request_options_set_profile(o, profile, NULL) == TM_OK);
    CHECK(tm_verify_saml_request_options_set_skew(o, 180, NULL) == TM_OK);
    CHECK(tm_verify_saml_request_options_set_max_age(o, 600, NULL) == TM_OK);
    CHECK(tm_verify_saml_request_options_set_now(o, SAML_NOW, NULL) == TM_OK);
    return o;
}

static tm_verify_saml_request_redirect_options *redirect_options(const char *profile) {
    tm_verify_saml_request_redirect_options *o = tm_verify_saml_request_redirect_options_new();
    CHECK(tm_verify_saml_request_redirect_options_set_profile(o, profile, NULL) == TM_OK);
    CHECK(tm_verify_saml_request_redirect_options_set_skew(o, 180, NULL) == TM_OK);
    CHECK(tm_verify_saml_request_redirect_options_set_max_age(o, 600, NULL) == TM_OK);
    CHECK(tm_verify_saml_request_redirect_options_set_now(o, SAML_NOW, NULL) == TM_OK);
    return o;
}

static void test_saml_request(void) {
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    tm_authn_request *req = NULL;
    tm_error *err = NULL;
    size_t len = 0;
    unsigned char *msg = saml_file("stork-request.xml", &len);
    tm_verify_saml_request_options *o = request_options("https://peps.example.org/PEPS/ServiceProvider", "stork");
    CHECK(tm_verify_saml_request(msg, len, trust, o, &req, &err) == TM_OK);
    tm_verify_saml_request_options_free(o);
    CHECK(err == NULL);
    CHECK_STR(tm_authn_request_id(req), "_stork-req-1");
    CHECK_STR(tm_authn_request_destination(req), "https://peps.example.org/PEPS/ServiceProvider");
    CHECK_STR(tm_authn_request_acs_url(req), SAML_ACS);
    CHECK_STR(tm_authn_request_provider_name(req), "DEMO-SP");
    CHECK(tm_authn_request_stork_qaa(req) == 3);
    CHECK_STR(tm_authn_request_stork_sp_sector(req), "EDU001");
    CHECK_STR(tm_authn_request_stork_sp_institution(req), "OXF001");
    CHECK_STR(tm_authn_request_stork_sp_application(req), "APP001");
    CHECK_STR(tm_authn_request_stork_sp_country(req), "XX");
    CHECK(tm_authn_request_requested_attributes_count(req) == 2);
    CHECK_STR(tm_requested_attribute_name(tm_authn_request_requested_attributes(req, 0)),
              "http://www.stork.gov.eu/1.0/eIdentifier");
    CHECK(tm_requested_attribute_required(tm_authn_request_requested_attributes(req, 0)));
    CHECK(!tm_requested_attribute_required(tm_authn_request_requested_attributes(req, 1)));
    CHECK(tm_requested_attribute_name(tm_authn_request_requested_attributes(req, 2)) == NULL);
    CHECK(tm_authn_request_signature(req) != NULL);
    CHECK(tm_authn_request_relay_state(req) == NULL);
    CHECK(tm_authn_request_redirect_signature_algorithm(req) == NULL);
    tm_authn_request_free(req);
    /* Another Destination. */
    o = request_options("https://other.example/", "stork");
    CHECK(tm_verify_saml_request(msg, len, trust, o, &req, NULL) == TM_SAML_DESTINATION_MISMATCH);
    tm_verify_saml_request_options_free(o);
    free(msg);

    /* The Redirect binding: the query signature, RelayState, no XML signature. */
    unsigned char *query = saml_file("redirect-request.query", &len);
    while (len > 0 && (query[len - 1] == '\n' || query[len - 1] == '\r')) {
        query[--len] = 0;
    }
    tm_verify_saml_request_redirect_options *r = redirect_options("generic");
    CHECK(tm_verify_saml_request_redirect((const char *)query, trust, r, &req, &err) == TM_OK);
    CHECK_STR(tm_authn_request_id(req), "_eidas-req-1");
    CHECK_STR(tm_authn_request_relay_state(req), "state/42");
    CHECK_STR(tm_authn_request_redirect_signature_algorithm(req), RSA_SHA256_URI);
    CHECK(tm_authn_request_signature(req) == NULL);
    CHECK_STR(tm_authn_request_sp_type(req), "public");
    CHECK(tm_authn_request_requested_loa_count(req) == 1);
    CHECK_STR(tm_authn_request_requested_loa(req, 0), "http://eidas.europa.eu/LoA/substantial");
    CHECK_STR(tm_authn_request_loa_comparison(req), "minimum");
    tm_authn_request_free(req);
    tm_verify_saml_request_redirect_options_free(r);
    /* eIDAS refuses the PKCS#1 v1.5 query signature. */
    r = redirect_options("eidas");
    CHECK(tm_verify_saml_request_redirect((const char *)query, trust, r, &req, NULL) == TM_DSIG_ALGORITHM_REFUSED);
    tm_verify_saml_request_redirect_options_free(r);
    /* A changed RelayState breaks the signature. */
    char *relay = strstr((char *)query, "state%2F42");
    CHECK(relay != NULL);
    if (relay != NULL) {
        relay[9] = '3';
    }
    r = redirect_options("generic");
    CHECK(tm_verify_saml_request_redirect((const char *)query, trust, r, &req, NULL) == TM_CRYPTO_BAD_SIGNATURE);
    CHECK(req == NULL);
    tm_verify_saml_request_redirect_options_free(r);
    free(query);
    CHECK(tm_authn_request_id(NULL) == NULL);
    CHECK(tm_authn_request_issue_instant(NULL) == TM_NO_DATE);
    tm_authn_request_free(NULL);
    tm_issuer_trust_free(trust);
}

static void test_saml_post_binding(void) {
    const char *value = "PHNhbWxwOlJl\r\nc3BvbnNlLz4=";
    uint8_t *out = NULL;
    size_t len = 0;
    tm_error *err = NULL;
    tm_decode_post_binding_options *o = tm_decode_post_binding_options_new();
    CHECK(tm_decode_post_binding_options_set_relay_state(o, "abc", NULL) == TM_OK);
    CHECK(tm_decode_post_binding((const uint8_t *)value, strlen(value), o, &out, &len, &err) == TM_OK);
    CHECK_STR((const char *)out, "<samlp:Response/>");
    CHECK(len == 17);
    tm_bytes_free(out);
    CHECK(tm_decode_post_binding((const uint8_t *)"!!!", 3, NULL, &out, NULL, &err) == TM_SAML_BINDING);
    CHECK(out == NULL);
    CHECK_STR(tm_error_code(err), "saml.binding");
    tm_error_free(err);
    char relay[82];
    memset(relay, 'r', 81);
    relay[81] = 0;
    CHECK(tm_decode_post_binding_options_set_relay_state(o, relay, NULL) == TM_OK);
    CHECK(tm_decode_post_binding((const uint8_t *)value, strlen(value), o, &out, NULL, NULL) == TM_SAML_BINDING);
    relay[80] = 0;
    CHECK(tm_decode_post_binding_options_set_relay_state(o, relay, NULL) == TM_OK);
    CHECK(tm_decode_post_binding((const uint8_t *)value, strlen(value), o, &out, NULL, NULL) == TM_OK);
    tm_bytes_free(out);
    tm_decode_post_binding_options_free(o);
    /* "AA==" is one NUL byte: bytes come back with their length, NUL included. */
    CHECK(tm_decode_post_binding((const uint8_t *)"AA==", 4, NULL, &out, &len, NULL) == TM_OK);
    CHECK(len == 1 && out != NULL && out[0] == 0);
    tm_bytes_free(out);
    CHECK(tm_decode_post_binding(NULL, 0, NULL, &out, NULL, NULL) == TM_NULL_POINTER);
}

/* The trust store that pins only the keys of certificates, ignoring their validity. */
static void test_trust_store_keys(void) {
    tm_trust_store *store = tm_trust_store_new();
    size_t len = 0;
    unsigned char *cert = read_file(path_in_repo("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"), &len);
    CHECK(cert != NULL && tm_trust_store_add_keys_pem(store, cert, len, NULL) == TM_OK);
    CHECK(tm_trust_store_len(store) == 1);
    free(cert);
    /* A bare key is not a certificate: the store is left as it was. */
    unsigned char *key = read_file(path_in_repo("tests/data/xmldsig-keys/interop2012-rsa.pem"), &len);
    tm_error *err = NULL;
    CHECK(key != NULL && tm_trust_store_add_keys_pem(store, key, len, &err) == TM_PKI_BAD_PEM);
    CHECK_STR(tm_error_code(err), "pki.bad_pem");
    tm_error_free(err);
    CHECK(tm_trust_store_len(store) == 1);
    free(key);
    tm_trust_store_free(store);
}

#define ENC_DIR "tests/data/saml/encrypted/"

/* A file of the repository, NUL-terminated (its length without the NUL in *len). */
static unsigned char *repo_text(const char *rel, size_t *len) {
    unsigned char *bytes = read_file(path_in_repo(rel), len);
    CHECK(bytes != NULL);
    unsigned char *text = bytes != NULL ? realloc(bytes, *len + 1) : NULL;
    if (text != NULL) {
        text[*len] = 0;
    } else {
        free(bytes);
        *len = 0;
    }
    return text;
}

/* Adds the PEM file `rel` to `keys`, returning the status. */
static tm_status add_key_file(tm_decryption_keys *keys, const char *rel, tm_error **err) {
    size_t len = 0;
    unsigned char *bytes = repo_text(rel, &len);
    tm_status st = tm_decryption_keys_add_pem(keys, bytes, len, err);
    free(bytes);
    return st;
}

/* The handle alone: what it accepts, its count, and the safety net. */
static void test_decryption_keys(void) {
    tm_error *err = NULL;
    tm_decryption_keys *keys = tm_decryption_keys_new();
    CHECK(keys != NULL);
    CHECK(tm_decryption_keys_count(keys) == 0);

    /* What is not an unencrypted private key is refused, and changes nothing. */
    CHECK(tm_decryption_keys_add_pem(keys, (const uint8_t *)"junk", 4, &err) == TM_XMLENC_BAD_KEY);
    CHECK_STR(tm_error_code(err), "xmlenc.bad_key");
    CHECK(tm_error_status(err) == TM_XMLENC_BAD_KEY);
    CHECK(tm_error_message(err) != NULL && strlen(tm_error_message(err)) > 10);
    tm_error_free(err);
    CHECK(add_key_file(keys, ENC_DIR "keys/sp-rsa.pem", &err) == TM_XMLENC_BAD_KEY); /* a certificate */
    CHECK_STR(tm_error_code(err), "xmlenc.bad_key");
    tm_error_free(err);
    static const char encrypted[] =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
    CHECK(tm_decryption_keys_add_pem(keys, (const uint8_t *)encrypted, strlen(encrypted), &err) == TM_XMLENC_BAD_KEY);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "encrypted") != NULL);
    tm_error_free(err);
    CHECK(tm_decryption_keys_count(keys) == 0);

    CHECK(add_key_file(keys, ENC_DIR "keys/sp-rsa.key.pem", &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_decryption_keys_count(keys) == 1);
    CHECK(add_key_file(keys, ENC_DIR "keys/sp-ec-p256.key.pem", NULL) == TM_OK);
    CHECK(add_key_file(keys, ENC_DIR "keys/sp-ec-bp256.key.pem", NULL) == TM_OK);
    CHECK(tm_decryption_keys_count(keys) == 3);

    /* NULL. */
    size_t key_len = 0;
    unsigned char *key = repo_text(ENC_DIR "keys/other-rsa.key.pem", &key_len);
    CHECK(tm_decryption_keys_add_pem(NULL, key, key_len, &err) == TM_NULL_POINTER);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "keys") != NULL);
    tm_error_free(err);
    CHECK(tm_decryption_keys_add_pem(keys, NULL, 0, NULL) == TM_NULL_POINTER);
    CHECK(tm_decryption_keys_count(NULL) == 0);
    tm_decryption_keys_free(NULL);
    tm_verify_saml_response_options *o = tm_verify_saml_response_options_new();
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(NULL, keys, NULL) == TM_NULL_POINTER);
    size_t doc_len = 0;
    unsigned char *doc = repo_text(ENC_DIR "xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml", &doc_len);
    tm_unverified_assertion *ua = NULL;
    CHECK(tm_decrypt_saml_assertion(doc, doc_len, NULL, NULL, &ua, &err) == TM_NULL_POINTER);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "keys") != NULL);
    tm_error_free(err);
    CHECK(ua == NULL);
    CHECK(tm_decrypt_saml_assertion(doc, doc_len, keys, NULL, NULL, NULL) == TM_NULL_POINTER);

    /* A length no object can have. */
    CHECK(tm_decryption_keys_add_pem(keys, key, SIZE_MAX, NULL) == TM_INVALID_ARGUMENT);

    /* A handle of another kind, and something that was never a handle. */
    tm_trust_store *store = tm_trust_store_new();
    CHECK(tm_decryption_keys_add_pem((tm_decryption_keys *)store, key, key_len, &err) == TM_INVALID_ARGUMENT);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "tm_decryption_keys") != NULL);
    tm_error_free(err);
    CHECK(tm_decryption_keys_count((const tm_decryption_keys *)store) == 0);
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, (const tm_decryption_keys *)store, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(tm_decrypt_saml_assertion(doc, doc_len, (const tm_decryption_keys *)store, NULL, &ua, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(tm_trust_store_add_pem((tm_trust_store *)keys, pem, pem_len, NULL) == TM_INVALID_ARGUMENT);
    int local = 0;
    CHECK(tm_decryption_keys_add_pem((tm_decryption_keys *)&local, key, key_len, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_decryption_keys_count((const tm_decryption_keys *)&local) == 0);
    tm_decryption_keys_free((tm_decryption_keys *)&local); /* ignored, not freed */
    CHECK(local == 0);

    /* Freeing through the wrong function does nothing. */
    tm_decryption_keys_free((tm_decryption_keys *)store);
    tm_trust_store_free((tm_trust_store *)keys);
    tm_verify_saml_response_options_free((tm_verify_saml_response_options *)keys);
    CHECK(tm_decryption_keys_count(keys) == 3);
    CHECK(tm_trust_store_add_pem(store, pem, pem_len, NULL) == TM_OK);

    /* A freed handle is refused, and a double free is ignored (single-threaded here,
     * so no newer handle can have taken the address in between). */
    tm_decryption_keys_free(keys);
    CHECK(tm_decryption_keys_count(keys) == 0);
    CHECK(tm_decryption_keys_add_pem(keys, key, key_len, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, keys, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_decrypt_saml_assertion(doc, doc_len, keys, NULL, &ua, NULL) == TM_INVALID_ARGUMENT);
    tm_decryption_keys_free(keys);

    tm_verify_saml_response_options_free(o);
    tm_trust_store_free(store);
    free(doc);
    free(key);
}

/* The encrypted response of the tests (RSA-OAEP, AES-256-GCM, both signed), verified. */
static tm_status encrypted_response(const char *file, const tm_issuer_trust *trust, tm_verify_saml_response_options *o,
                                    tm_saml_response **out, tm_error **err) {
    char rel[512];
    snprintf(rel, sizeof rel, ENC_DIR "xmlsec1/%s", file);
    size_t len = 0;
    unsigned char *doc = repo_text(rel, &len);
    tm_status st = tm_verify_saml_response(doc, len, trust, o, out, err);
    free(doc);
    return st;
}

#define ENC_GCM "oaep-mgf1p-sha1_aes256-gcm_both-signed.xml"
#define ENC_CBC "oaep-mgf1p_aes256-cbc_response-signed.xml"

static void test_saml_encrypted(void) {
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    tm_decryption_keys *keys = tm_decryption_keys_new();
    CHECK(add_key_file(keys, ENC_DIR "keys/sp-rsa.key.pem", NULL) == TM_OK);
    tm_saml_response *res = NULL;
    tm_error *err = NULL;

    /* Without keys, encrypted content is refused as unsupported. */
    tm_verify_saml_response_options *o = saml_options("generic", 0, NULL, SAML_NOW);
    CHECK(encrypted_response(ENC_GCM, trust, o, &res, &err) == TM_SAML_ENCRYPTED_UNSUPPORTED);
    CHECK_STR(tm_error_code(err), "saml.encrypted_unsupported");
    tm_error_free(err);
    CHECK(res == NULL);

    /* With them, the result names what was decrypted, and with what. */
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, keys, NULL) == TM_OK);
    CHECK(encrypted_response(ENC_GCM, trust, o, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    CHECK(tm_saml_response_decrypted_count(res) == 1);
    const tm_decrypted_part *part = tm_saml_response_decrypted(res, 0);
    CHECK_STR(tm_decrypted_part_element(part), "EncryptedAssertion");
    CHECK_STR(tm_decrypted_part_content_algorithm(part), "aes256-gcm");
    CHECK_STR(tm_decrypted_part_key_algorithm(part), "rsa-oaep-mgf1p");
    CHECK(!tm_decrypted_part_legacy(part));
    CHECK(tm_saml_response_decrypted(res, 1) == NULL);
    CHECK(tm_decrypted_part_element(NULL) == NULL);
    CHECK(tm_saml_response_decrypted_count(NULL) == 0);
    tm_saml_response_free(res);
    res = NULL;

    /* Legacy content encryption: refused unless allowed, then reported as legacy. */
    CHECK(encrypted_response(ENC_CBC, trust, o, &res, &err) == TM_XMLENC_LEGACY_CONTENT_ENCRYPTION);
    CHECK_STR(tm_error_code(err), "xmlenc.legacy_content_encryption");
    tm_error_free(err);
    CHECK(tm_verify_saml_response_options_set_allow_legacy_encryption(o, true, NULL) == TM_OK);
    CHECK(encrypted_response(ENC_CBC, trust, o, &res, NULL) == TM_OK);
    part = tm_saml_response_decrypted(res, 0);
    CHECK_STR(tm_decrypted_part_content_algorithm(part), "aes256-cbc");
    CHECK(tm_decrypted_part_legacy(part));
    tm_saml_response_free(res);
    res = NULL;
    tm_verify_saml_response_options_free(o);

    /* The options hold a copy of the set: keys added to the handle afterwards are not
     * used, and freeing the handle leaves the options' keys in place. */
    tm_decryption_keys *later = tm_decryption_keys_new();
    o = saml_options("generic", 0, NULL, SAML_NOW);
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, later, NULL) == TM_OK);
    CHECK(add_key_file(later, ENC_DIR "keys/sp-rsa.key.pem", NULL) == TM_OK);
    CHECK(tm_decryption_keys_count(later) == 1);
    CHECK(encrypted_response(ENC_GCM, trust, o, &res, &err) == TM_XMLENC_NO_MATCHING_KEY);
    CHECK_STR(tm_error_code(err), "xmlenc.no_matching_key");
    tm_error_free(err);
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, later, NULL) == TM_OK);
    tm_decryption_keys_free(later);
    CHECK(encrypted_response(ENC_GCM, trust, o, &res, NULL) == TM_OK);
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    tm_saml_response_free(res);
    tm_verify_saml_response_options_free(o);

    /* tm_decrypt_saml_assertion(): the assertion decrypted, nothing verified. */
    size_t len = 0;
    unsigned char *doc = repo_text(ENC_DIR "xmlsec1/" ENC_GCM, &len);
    tm_unverified_assertion *ua = NULL;
    CHECK(tm_decrypt_saml_assertion(doc, len, keys, NULL, &ua, &err) == TM_OK);
    CHECK(err == NULL);
    size_t plain_len = 0;
    const char *plain = tm_unverified_assertion_xml(ua, &plain_len);
    CHECK(plain != NULL && plain_len == strlen(plain));
    CHECK(plain != NULL && strstr(plain, "Assertion") != NULL && strstr(plain, "ross@octolabs.io") != NULL);
    part = tm_unverified_assertion_decrypted(ua);
    CHECK_STR(tm_decrypted_part_element(part), "EncryptedAssertion");
    CHECK_STR(tm_decrypted_part_key_algorithm(part), "rsa-oaep-mgf1p");
    tm_unverified_assertion_free(ua);
    tm_unverified_assertion_free(ua); /* a double free is ignored */
    CHECK(tm_unverified_assertion_xml(ua, &plain_len) == NULL && plain_len == 0);
    free(doc);

    /* Only another key: no match, and nothing returned. */
    tm_decryption_keys *other = tm_decryption_keys_new();
    CHECK(add_key_file(other, ENC_DIR "keys/other-rsa.key.pem", NULL) == TM_OK);
    doc = repo_text(ENC_DIR "xmlsec1/" ENC_GCM, &len);
    ua = NULL;
    CHECK(tm_decrypt_saml_assertion(doc, len, other, NULL, &ua, &err) == TM_XMLENC_NO_MATCHING_KEY);
    CHECK_STR(tm_error_code(err), "xmlenc.no_matching_key");
    tm_error_free(err);
    CHECK(ua == NULL);
    free(doc);
    tm_decryption_keys_free(other);

    /* Legacy content through the options of tm_decrypt_saml_assertion(). */
    doc = repo_text(ENC_DIR "xmlsec1/" ENC_CBC, &len);
    CHECK(tm_decrypt_saml_assertion(doc, len, keys, NULL, &ua, NULL) == TM_XMLENC_LEGACY_CONTENT_ENCRYPTION);
    tm_decrypt_saml_assertion_options *dopts = tm_decrypt_saml_assertion_options_new();
    CHECK(tm_decrypt_saml_assertion_options_set_allow_legacy_encryption(dopts, true, NULL) == TM_OK);
    CHECK(tm_decrypt_saml_assertion(doc, len, keys, dopts, &ua, NULL) == TM_OK);
    CHECK(tm_decrypted_part_legacy(tm_unverified_assertion_decrypted(ua)));
    tm_unverified_assertion_free(ua);
    tm_decrypt_saml_assertion_options_free(dopts);
    free(doc);

    tm_decryption_keys_free(keys);
    tm_issuer_trust_free(trust);
}

/* ---- metadata source (tm_metadata_source) -------------------------------------- */

#define AD1 "urn:etoegang:AD:00000001000000000000:entities:1"

/* A new empty folder for a state directory (into `dir`, a buffer of 64 bytes). */
static void state_dir(char *dir) {
    strcpy(dir, "/tmp/trustmeta-state-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
}

/* Removes a state directory and the files a refresh leaves in it. */
static void remove_state(const char *dir) {
    static const char *const files[] = {"metadata.xml", "metadata.previous.xml", "state.json", "index.tsv", ".lock"};
    char path[256];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    CHECK(rmdir(dir) == 0);
}

/* A store holding the certificate of the PEM file `rel` of the repository. */
static tm_trust_store *store_of(const char *rel) {
    size_t len = 0;
    unsigned char *bytes = read_file(path_in_repo(rel), &len);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(bytes != NULL && tm_trust_store_add_pem(store, bytes, len, NULL) == TM_OK);
    free(bytes);
    return store;
}

/* Refreshes `src` as of `now`. */
static tm_status refresh_at(const tm_metadata_source *src, int64_t now, tm_metadata_refresh **out, tm_error **err) {
    tm_metadata_refresh_options *o = tm_metadata_refresh_options_new();
    CHECK(tm_metadata_refresh_options_set_now(o, now, NULL) == TM_OK);
    tm_status st = tm_metadata_source_refresh(src, o, out, err);
    tm_metadata_refresh_options_free(o);
    return st;
}

static void test_metadata_source_arguments(void) {
    tm_error *err = NULL;
    tm_trust_store *store = tm_trust_store_new();
    tm_metadata_source_options *opts = tm_metadata_source_options_new();
    CHECK(opts != NULL);
    CHECK(tm_metadata_source_options_set_profile(opts, "stork", &err) == TM_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(tm_error_message(err), "\"generic\", \"etoegang\"") != NULL);
    tm_error_free(err);
    err = NULL;
    CHECK(tm_metadata_source_options_set_profile(opts, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_options_set_profile(NULL, "generic", NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_options_set_profile(opts, "etoegang", &err) == TM_OK && err == NULL);
    CHECK(tm_metadata_source_options_set_min_rsa_bits(opts, -1, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_options_set_min_rsa_bits(opts, 4294967296LL, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_options_set_min_rsa_bits(opts, 2048, NULL) == TM_OK);
    CHECK(tm_metadata_source_options_set_allow_sha1(opts, false, NULL) == TM_OK);
    CHECK(tm_metadata_source_options_set_allow_sha1((tm_metadata_source_options *)store, true, NULL) ==
          TM_INVALID_ARGUMENT);

    char dir[64];
    state_dir(dir);
    char missing[128];
    snprintf(missing, sizeof missing, "%s/no-such-aggregate.xml", dir);
    tm_metadata_source *src = (tm_metadata_source *)&err; /* set to NULL first */
    CHECK(tm_metadata_source_new(NULL, dir, store, opts, &src, NULL) == TM_NULL_POINTER && src == NULL);
    CHECK(tm_metadata_source_new(missing, NULL, store, opts, &src, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_new(missing, dir, NULL, opts, &src, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_new(missing, dir, store, opts, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_new("", dir, store, opts, &src, &err) == TM_INVALID_ARGUMENT && src == NULL);
    CHECK_STR(tm_error_message(err), "tm_metadata_source_new: `source` is empty");
    tm_error_free(err);
    CHECK(tm_metadata_source_new(missing, "", store, opts, &src, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_new(missing, dir, (const tm_trust_store *)opts, opts, &src, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_new(missing, dir, store, (const tm_metadata_source_options *)store, &src, NULL) ==
          TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_new(missing, dir, store, opts, &src, &err) == TM_OK && src != NULL && err == NULL);
    tm_metadata_source_options_free(opts);
    tm_metadata_source_options_free(opts);

    /* Nothing held yet: every lookup says so. */
    tm_metadata_entity *entity = (tm_metadata_entity *)&err;
    CHECK(tm_metadata_source_entity(src, AD1, &entity, &err) == TM_METADATA_NOT_HELD && entity == NULL);
    CHECK_STR(tm_error_code(err), "metadata.not_held");
    CHECK(strstr(tm_error_message(err), "refresh the metadata first") != NULL);
    tm_error_free(err);
    const char *ids[] = {AD1, NULL};
    tm_issuer_trust *trust = (tm_issuer_trust *)&err;
    CHECK(tm_metadata_source_issuer_trust(src, ids, 1, NULL, &trust, NULL) == TM_METADATA_NOT_HELD && trust == NULL);
    CHECK(tm_metadata_source_trust_for_response(src, (const uint8_t *)"<x/>", 4, &trust, NULL) == TM_METADATA_NOT_HELD);

    /* Arguments of the lookups, checked before the state directory is read. */
    CHECK(tm_metadata_source_entity(NULL, AD1, &entity, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_entity(src, NULL, &entity, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_entity(src, AD1, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_entity((const tm_metadata_source *)store, AD1, &entity, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_issuer_trust(src, NULL, 1, NULL, &trust, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_issuer_trust(src, ids, 2, NULL, &trust, NULL) == TM_NULL_POINTER); /* ids[1] is NULL */
    CHECK(tm_metadata_source_issuer_trust(src, ids, 1, "IDPSSO", &trust, &err) == TM_INVALID_ARGUMENT);
    CHECK(strstr(tm_error_message(err), "`role` must be one of \"IDPSSODescriptor\"") != NULL);
    tm_error_free(err);
    CHECK(tm_metadata_source_issuer_trust(src, ids, 1, NULL, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_trust_for_response(src, NULL, 4, &trust, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_trust_for_response(NULL, (const uint8_t *)"<x/>", 4, &trust, NULL) == TM_NULL_POINTER);

    /* Refresh options. */
    tm_metadata_refresh_options *ropts = tm_metadata_refresh_options_new();
    CHECK(ropts != NULL);
    CHECK(tm_metadata_refresh_options_set_timeout_ms(ropts, 0, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_refresh_options_set_timeout_ms(ropts, 5000, NULL) == TM_OK);
    CHECK(tm_metadata_refresh_options_set_max_bytes(ropts, 0, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err), "tm_metadata_refresh_options_set_max_bytes: `max_bytes` must be 1 or more, not 0");
    tm_error_free(err);
    CHECK(tm_metadata_refresh_options_set_now(NULL, at, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_refresh_options_set_now(ropts, at, NULL) == TM_OK);
    CHECK(tm_metadata_refresh_options_set_force((tm_metadata_refresh_options *)src, true, NULL) == TM_INVALID_ARGUMENT);

    /* A source that cannot be read: lookup.http_failure, nothing given out. */
    tm_metadata_refresh *r = (tm_metadata_refresh *)&err;
    CHECK(tm_metadata_source_refresh(src, ropts, &r, &err) == TM_LOOKUP_HTTP_FAILURE && r == NULL);
    CHECK_STR(tm_error_code(err), "lookup.http_failure");
    CHECK(strstr(tm_error_message(err), "no-such-aggregate.xml") != NULL);
    tm_error_free(err);
    CHECK(tm_metadata_source_refresh(NULL, ropts, &r, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_refresh(src, ropts, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_source_refresh(src, (const tm_metadata_refresh_options *)src, &r, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_refresh((const tm_metadata_source *)ropts, NULL, &r, NULL) == TM_INVALID_ARGUMENT);
    tm_metadata_refresh_options_free(ropts);
    tm_metadata_refresh_options_free(ropts);

    /* Accessors of an outcome that is not one. */
    CHECK(tm_metadata_refresh_status(NULL) == TM_REFRESH_NONE);
    CHECK(tm_metadata_refresh_status((const tm_metadata_refresh *)src) == TM_REFRESH_NONE);
    CHECK(tm_metadata_refresh_metadata(NULL) == NULL);
    CHECK(tm_metadata_refresh_sha256(NULL) == NULL);
    CHECK(tm_metadata_refresh_reason(NULL) == NULL);
    tm_metadata_refresh_free(NULL);
    tm_metadata_refresh_free((tm_metadata_refresh *)src); /* not an outcome: ignored */

    /* A dead source is refused, and freed twice harmlessly. */
    tm_metadata_source_free(src);
    CHECK(tm_metadata_source_entity(src, AD1, &entity, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_refresh(src, NULL, &r, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_issuer_trust(src, ids, 1, NULL, &trust, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_metadata_source_trust_for_response(src, (const uint8_t *)"<x/>", 4, &trust, NULL) == TM_INVALID_ARGUMENT);
    tm_metadata_source_free(src);
    tm_metadata_source_free(NULL);
    tm_metadata_source_options_free(NULL);
    tm_metadata_refresh_options_free(NULL);
    tm_trust_store_free(store);
    remove_state(dir);
}

/* The eToegang aggregate refreshed from a local file: the outcome, the entity lookups
 * and the issuer keys read from the index. */
static void test_metadata_source_aggregate(void) {
    char dir[64];
    state_dir(dir);
    tm_error *err = NULL;
    tm_trust_store *store = store_of("tests/data/metadata/signed/signer.pem");
    tm_metadata_source_options *opts = tm_metadata_source_options_new();
    CHECK(tm_metadata_source_options_set_profile(opts, "etoegang", NULL) == TM_OK);
    tm_metadata_source *src = NULL;
    CHECK(tm_metadata_source_new(path_in_repo("tests/data/metadata/signed/aggregate.xml"), dir, store, opts, &src,
                                 &err) == TM_OK);
    tm_metadata_source_options_free(opts);
    tm_trust_store_free(store); /* the source keeps a copy */

    tm_metadata_refresh *r = NULL;
    CHECK(refresh_at(src, at, &r, &err) == TM_OK && err == NULL);
    CHECK(tm_metadata_refresh_status(r) == TM_REFRESH_UPDATED);
    const tm_metadata *md = tm_metadata_refresh_metadata(r);
    CHECK(md != NULL);
    CHECK(tm_metadata_entities(md) == 7);
    CHECK(tm_etoegang_name_sequence(tm_metadata_etoegang(md)) == 36);
    CHECK_STR(tm_metadata_name(md), "urn:etoegang:1.13:metadata:P:36");
    CHECK(tm_metadata_refresh_sha256(r) != NULL && strlen(tm_metadata_refresh_sha256(r)) == 64);
    CHECK(tm_metadata_refresh_reason(r) == NULL);
    /* The record belongs to the outcome: tm_metadata_free() leaves it, the lookups on held
     * results refuse it. */
    tm_metadata_free((tm_metadata *)md);
    CHECK(tm_metadata_entities(md) == 7);
    tm_metadata_entity *entity = NULL;
    CHECK(tm_metadata_find_entity(md, AD1, &entity, NULL) == TM_INVALID_ARGUMENT && entity == NULL);
    tm_metadata_refresh_free(r);
    CHECK(tm_metadata_entities(md) == 0); /* freed with its outcome */
    CHECK(tm_metadata_refresh_status(r) == TM_REFRESH_NONE);

    /* The same bytes again. */
    CHECK(refresh_at(src, at, &r, &err) == TM_OK);
    CHECK(tm_metadata_refresh_status(r) == TM_REFRESH_UNCHANGED);
    CHECK(tm_metadata_refresh_metadata(r) == NULL && tm_metadata_refresh_sha256(r) == NULL);
    CHECK_STR(tm_metadata_refresh_reason(r), "the copy fetched is identical to the one held");
    tm_metadata_refresh_free(r);

    /* After its validUntil the copy is refused with its own status; the copy held stays. */
    CHECK(refresh_at(src, at + 60 * 86400, &r, &err) == TM_METADATA_EXPIRED && r == NULL);
    CHECK_STR(tm_error_code(err), "metadata.expired");
    tm_error_free(err);

    CHECK(tm_metadata_source_entity(src, AD1, &entity, &err) == TM_OK && entity != NULL);
    CHECK_STR(tm_metadata_entity_entity_id(entity), AD1);
    CHECK_STR(tm_metadata_entity_group(entity), "urn:etoegang:role:Authenticatiediensten");
    CHECK(tm_metadata_entity_roles_count(entity) == 1);
    CHECK_STR(tm_metadata_entity_roles(entity, 0), "IDPSSODescriptor");
    CHECK(tm_metadata_entity_signing_certificates_count(entity) >= 1);
    tm_metadata_entity_free(entity);
    entity = (tm_metadata_entity *)&err;
    CHECK(tm_metadata_source_entity(src, "urn:etoegang:AD:nobody", &entity, &err) == TM_OK && entity == NULL &&
          err == NULL);

    const char *ids[] = {AD1, "urn:etoegang:AD:nobody"};
    tm_issuer_trust *trust = NULL;
    CHECK(tm_metadata_source_issuer_trust(src, ids, 2, "IDPSSODescriptor", &trust, &err) == TM_OK);
    CHECK(tm_issuer_trust_has_issuer(trust, AD1));
    CHECK(!tm_issuer_trust_has_issuer(trust, "urn:etoegang:AD:nobody"));
    tm_issuer_trust_free(trust);
    CHECK(tm_metadata_source_issuer_trust(src, ids, 1, "SPSSODescriptor", &trust, &err) == TM_OK);
    CHECK(!tm_issuer_trust_has_issuer(trust, AD1)); /* no such role */
    tm_issuer_trust_free(trust);
    CHECK(tm_metadata_source_issuer_trust(src, NULL, 0, NULL, &trust, &err) == TM_OK);
    CHECK(!tm_issuer_trust_has_issuer(trust, AD1));
    tm_issuer_trust_free(trust);

    /* A Response naming the AD as its issuer selects the AD's keys. */
    static const char response[] =
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
        "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_r\" Version=\"2.0\" "
        "IssueInstant=\"2026-06-01T00:00:00Z\"><saml:Issuer>" AD1 "</saml:Issuer></samlp:Response>";
    CHECK(tm_metadata_source_trust_for_response(src, (const uint8_t *)response, strlen(response), &trust, &err) ==
          TM_OK);
    CHECK(tm_issuer_trust_has_issuer(trust, AD1));
    tm_issuer_trust_free(trust);
    trust = (tm_issuer_trust *)&err;
    CHECK(tm_metadata_source_trust_for_response(src, (const uint8_t *)"<x/>", 4, &trust, &err) ==
          TM_SAML_UNKNOWN_DOCUMENT && trust == NULL);
    CHECK_STR(tm_error_code(err), "saml.unknown_document");
    tm_error_free(err);

    tm_metadata_source_free(src);
    remove_state(dir);
}

/* An identity provider's metadata refreshed into a state directory; the trust
 * tm_metadata_source_trust_for_response() gives verifies its response and refuses one
 * signed by another key. */
static void test_metadata_source_saml(void) {
    char dir[64];
    state_dir(dir);
    tm_error *err = NULL;
    tm_trust_store *store = store_of("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem");
    tm_metadata_source *src = NULL;
    CHECK(tm_metadata_source_new(path_in_repo("tests/data/saml/signed/idp-metadata.xml"), dir, store, NULL, &src,
                                 NULL) == TM_OK);
    tm_trust_store_free(store);

    tm_issuer_trust *trust = NULL;
    CHECK(tm_metadata_source_trust_for_response(src, (const uint8_t *)"<x/>", 4, &trust, NULL) ==
          TM_METADATA_NOT_HELD);
    tm_metadata_refresh *r = NULL;
    CHECK(refresh_at(src, SAML_NOW, &r, &err) == TM_OK && err == NULL);
    CHECK(tm_metadata_refresh_status(r) == TM_REFRESH_UPDATED);
    CHECK_STR(tm_metadata_entity_id(tm_metadata_refresh_metadata(r)), "https://idp.example.org/");
    CHECK(tm_metadata_etoegang(tm_metadata_refresh_metadata(r)) == NULL);
    tm_metadata_refresh_free(r);

    size_t len = 0;
    unsigned char *good = saml_file("assertion-signed.xml", &len);
    CHECK(tm_metadata_source_trust_for_response(src, good, len, &trust, &err) == TM_OK && err == NULL);
    CHECK(tm_issuer_trust_has_issuer(trust, "https://idp.example.org/"));
    CHECK(!tm_issuer_trust_has_issuer(trust, "https://other.example/"));
    tm_saml_response *res = NULL;
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", NULL, &res, &err) == TM_OK && err == NULL);
    CHECK_STR(tm_saml_response_issuer(res), "https://idp.example.org/");
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    tm_saml_response_free(res);
    tm_issuer_trust_free(trust);
    free(good);

    /* The same issuer named, another key signing. */
    unsigned char *evil = saml_file("attacker-signed.xml", &len);
    CHECK(tm_metadata_source_trust_for_response(src, evil, len, &trust, NULL) == TM_OK);
    CHECK(saml_response("attacker-signed.xml", trust, 0, "generic", NULL, &res, &err) == TM_PKI_UNTRUSTED_SIGNER &&
          res == NULL);
    CHECK_STR(tm_error_code(err), "pki.untrusted_signer");
    tm_error_free(err);
    tm_issuer_trust_free(trust);
    free(evil);

    /* An issuer the copy does not list gets no keys: its messages are refused. */
    const char *other[] = {"https://other.example/"};
    CHECK(tm_metadata_source_issuer_trust(src, other, 1, NULL, &trust, NULL) == TM_OK);
    CHECK(saml_response("assertion-signed.xml", trust, 0, "generic", NULL, &res, NULL) == TM_SAML_UNKNOWN_ISSUER);
    tm_issuer_trust_free(trust);

    tm_metadata_source_free(src);
    remove_state(dir);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPO_ROOT SIGNER_SHA256\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    expected_sha256 = argv[2];
    pem = read_file(path_in_repo("tests/data/sample/signer.pem"), &pem_len);
    xml = read_file(path_in_repo("tests/data/sample/smp-signed.xml"), &xml_len);
    if (pem == NULL || xml == NULL) {
        return 2;
    }
    CHECK(strlen(expected_sha256) == 64);

    test_version();
    test_status_codes();
    test_time();
    test_trust_store();
    test_verify_sample();
    test_rejections();
    test_system_clock();
    test_null_pointers();
    test_invalid_pointers();
    test_threads();
    test_smp();
    test_smp_lookup_arguments();
    test_service_group();
    test_extension_signatures();
    test_endpoint_checks();
    test_emreg();
    test_elmo();
    test_tsl_openncp();
    test_tsl_vectors();
    test_trust_store_keys();
    test_saml_response();
    test_replay_cache_callback();
    test_saml_attacks();
    test_saml_request();
    test_saml_post_binding();
    test_decryption_keys();
    test_saml_encrypted();
    test_metadata_source_arguments();
    test_metadata_source_aggregate();
    test_metadata_source_saml();

    free(pem);
    free(xml);
    return check_summary("c-api");
}
