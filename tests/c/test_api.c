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
          && TM_SAML_ISSUER_FORMAT == 1023);
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
    tm_result *res = NULL;
    tm_error *err = NULL;
    CHECK(tm_verify(xml, xml_len, store, NULL, at, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(res != NULL);

    CHECK_STR(tm_result_signer_sha256(res), expected_sha256);
    const char *subject = tm_result_signer_subject(res);
    CHECK(subject != NULL && strstr(subject, "CN=trustmeta test signer RSA-2048") != NULL);
    CHECK_STR(tm_result_signer_key(res), "RSA-2048");
    CHECK(tm_result_pinned(res));
    CHECK_STR(tm_result_signature_algorithm(res), RSA_SHA256_URI);
    CHECK_STR(tm_result_canonicalization(res), C14N10_URI);

    CHECK(tm_result_reference_count(res) == 1);
    CHECK_STR(tm_result_reference_uri(res, 0), "");
    CHECK_STR(tm_result_reference_element(res, 0), "SignedServiceMetadata");
    CHECK_STR(tm_result_reference_digest(res, 0), SHA256_URI);
    CHECK(tm_result_reference_transform_count(res, 0) >= 1);
    CHECK_STR(tm_result_reference_transform(res, 0, 0), "enveloped-signature");
    CHECK(tm_result_reference_uri(res, 1) == NULL);
    CHECK(tm_result_reference_element(res, 1) == NULL);
    CHECK(tm_result_reference_digest(res, SIZE_MAX) == NULL);
    CHECK(tm_result_reference_transform_count(res, 1) == 0);
    CHECK(tm_result_reference_transform(res, 0, 99) == NULL);

    CHECK(tm_result_signed_xml_count(res) == 1);
    size_t len = 12345;
    const uint8_t *signed_xml = tm_result_signed_xml(res, 0, &len);
    CHECK(signed_xml != NULL);
    if (signed_xml != NULL) {
        CHECK(strncmp((const char *)signed_xml, "<SignedServiceMetadata", 22) == 0);
        CHECK(strlen((const char *)signed_xml) == len); /* NUL-terminated, no NUL inside */
        CHECK(strstr((const char *)signed_xml, "0088:5798000000001") != NULL);
        CHECK(strstr((const char *)signed_xml, "SignatureValue") == NULL); /* enveloped */
    }
    len = 7;
    CHECK(tm_result_signed_xml(res, 1, &len) == NULL);
    CHECK(len == 0);
    CHECK(tm_result_signed_xml(res, 0, NULL) != NULL); /* len may be NULL */

    CHECK(tm_result_legacy_count(res) == 0);
    CHECK(tm_result_legacy(res, 0) == NULL);
    CHECK(tm_result_verified_at(res) == at);
    CHECK(tm_result_chain_count(res) == 1);
    CHECK_STR(tm_result_chain_sha256(res, 0), expected_sha256);
    CHECK_STR(tm_result_chain_subject(res, 0), subject);
    CHECK(tm_result_chain_subject(res, 1) == NULL);

    /* The result owns its strings: it outlives the store and the input. */
    tm_trust_store_free(store);
    CHECK_STR(tm_result_signer_sha256(res), expected_sha256);
    tm_result_free(res);
}

static void test_rejections(void) {
    tm_trust_store *store = sample_store();
    tm_result *res = (tm_result *)&store; /* garbage: must become NULL */
    tm_error *err = NULL;

    /* A changed document: the digest no longer matches. */
    unsigned char *evil = tampered_copy("ap.example.org", "ap.exbmple.org");
    CHECK(tm_verify(evil, xml_len, store, NULL, at, &res, &err) == TM_DSIG_DIGEST_MISMATCH);
    CHECK(res == NULL);
    CHECK_STR(tm_error_code(err), "dsig.digest_mismatch");
    CHECK(tm_error_status(err) == TM_DSIG_DIGEST_MISMATCH);
    CHECK(strlen(tm_error_message(err)) > 10);
    tm_error_free(err);
    free(evil);

    /* A changed signature value. */
    evil = tampered_copy("<SignatureValue>Lt5t", "<SignatureValue>Lt5u");
    CHECK(tm_verify(evil, xml_len, store, NULL, at, &res, &err) == TM_CRYPTO_BAD_SIGNATURE);
    CHECK_STR(tm_error_code(err), "crypto.bad_signature");
    tm_error_free(err);
    free(evil);

    /* Outside the certificate's validity (2025-01-01 .. 2045-01-01). */
    int64_t t;
    CHECK(tm_parse_rfc3339("2050-01-01T00:00:00Z", &t, NULL) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, NULL, t, &res, &err) == TM_PKI_EXPIRED);
    CHECK_STR(tm_error_code(err), "pki.expired");
    tm_error_free(err);
    CHECK(tm_parse_rfc3339("2024-06-01T00:00:00Z", &t, NULL) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, NULL, t, &res, NULL) == TM_PKI_NOT_YET_VALID);

    /* A DOCTYPE is refused before anything else. */
    static const char doctype[] = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
    CHECK(tm_verify((const uint8_t *)doctype, strlen(doctype), store, NULL, at, &res, &err) == TM_XML_DOCTYPE_REFUSED);
    CHECK_STR(tm_error_code(err), "xml.doctype_refused");
    tm_error_free(err);

    /* Not XML, no signature, an empty input. */
    CHECK(tm_verify((const uint8_t *)"<a>", 3, store, NULL, at, &res, NULL) == TM_XML_MALFORMED);
    CHECK(tm_verify((const uint8_t *)"<a/>", 4, store, NULL, at, &res, NULL) == TM_DSIG_MISSING_SIGNATURE);
    CHECK(tm_verify((const uint8_t *)"", 0, store, NULL, at, &res, NULL) == TM_XML_MALFORMED);

    /* Nobody trusted. */
    tm_trust_store *empty = tm_trust_store_new();
    tm_status st = tm_verify(xml, xml_len, empty, NULL, at, &res, &err);
    CHECK(st == TM_PKI_EMPTY_TRUST_STORE);
    CHECK_STR(tm_error_code(err), tm_error_code_name(st));
    tm_error_free(err);
    tm_trust_store_free(empty);

    /* A policy that wants bigger keys. */
    tm_policy *strict = tm_policy_new();
    CHECK(tm_policy_set_min_rsa_bits(strict, 4096) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, strict, at, &res, &err) == TM_CRYPTO_WEAK_KEY);
    CHECK_STR(tm_error_code(err), "crypto.weak_key");
    tm_error_free(err);
    CHECK(tm_policy_set_min_rsa_bits(strict, 2048) == TM_OK);
    CHECK(tm_policy_set_allow_sha1(strict, true) == TM_OK);
    CHECK(tm_verify(xml, xml_len, store, strict, at, &res, NULL) == TM_OK);
    CHECK(tm_result_legacy_count(res) == 0); /* allowed, not used */
    tm_result_free(res);
    tm_policy_free(strict);
    tm_trust_store_free(store);
}

static void test_system_clock(void) {
    tm_trust_store *store = sample_store();
    tm_result *res = NULL;
    int64_t before = (int64_t)time(NULL);
    CHECK(tm_verify(xml, xml_len, store, NULL, TM_NOW, &res, NULL) == TM_OK);
    int64_t used = tm_result_verified_at(res);
    CHECK(used >= before - 1 && used <= (int64_t)time(NULL) + 1);
    tm_result_free(res);
    tm_trust_store_free(store);
}

static void test_null_pointers(void) {
    tm_trust_store *store = sample_store();
    tm_result *res = NULL;
    tm_error *err = NULL;

    CHECK(tm_verify(NULL, 10, store, NULL, at, &res, &err) == TM_NULL_POINTER);
    CHECK_STR(tm_error_code(err), "api.null_pointer");
    CHECK(tm_error_status(err) == TM_NULL_POINTER);
    CHECK(strstr(tm_error_message(err), "xml") != NULL); /* names the argument */
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, NULL, NULL, at, &res, &err) == TM_NULL_POINTER);
    CHECK(strstr(tm_error_message(err), "store") != NULL);
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, store, NULL, at, NULL, &err) == TM_NULL_POINTER);
    CHECK(strstr(tm_error_message(err), "out") != NULL);
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, store, NULL, at, NULL, NULL) == TM_NULL_POINTER);

    CHECK(tm_trust_store_add_pem(NULL, pem, pem_len, NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_add_pem(store, NULL, 0, NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_add_intermediates_pem(NULL, pem, pem_len, NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_len(NULL) == 0);
    CHECK(tm_policy_set_allow_sha1(NULL, true) == TM_NULL_POINTER);
    CHECK(tm_policy_set_min_rsa_bits(NULL, 1024) == TM_NULL_POINTER);

    CHECK(tm_error_status(NULL) == TM_NULL_POINTER);
    CHECK_STR(tm_error_code(NULL), "api.null_pointer");
    CHECK(tm_error_message(NULL) != NULL);

    CHECK(tm_result_signer_sha256(NULL) == NULL);
    CHECK(tm_result_signer_subject(NULL) == NULL);
    CHECK(tm_result_signer_key(NULL) == NULL);
    CHECK(!tm_result_pinned(NULL));
    CHECK(tm_result_signature_algorithm(NULL) == NULL);
    CHECK(tm_result_canonicalization(NULL) == NULL);
    CHECK(tm_result_reference_count(NULL) == 0);
    CHECK(tm_result_reference_uri(NULL, 0) == NULL);
    CHECK(tm_result_reference_element(NULL, 0) == NULL);
    CHECK(tm_result_reference_digest(NULL, 0) == NULL);
    CHECK(tm_result_reference_transform_count(NULL, 0) == 0);
    CHECK(tm_result_reference_transform(NULL, 0, 0) == NULL);
    CHECK(tm_result_signed_xml_count(NULL) == 0);
    CHECK(tm_result_signed_xml(NULL, 0, NULL) == NULL);
    CHECK(tm_result_legacy_count(NULL) == 0);
    CHECK(tm_result_legacy(NULL, 0) == NULL);
    CHECK(tm_result_verified_at(NULL) == TM_NOW);
    CHECK(tm_result_chain_count(NULL) == 0);
    CHECK(tm_result_chain_subject(NULL, 0) == NULL);
    CHECK(tm_result_chain_sha256(NULL, 0) == NULL);

    /* Freeing NULL is fine, for every kind. */
    tm_trust_store_free(NULL);
    tm_policy_free(NULL);
    tm_result_free(NULL);
    tm_error_free(NULL);
    tm_trust_store_free(store);
}

static void test_invalid_pointers(void) {
    tm_trust_store *store = sample_store();
    tm_policy *policy = tm_policy_new();
    tm_result *res = NULL;
    tm_error *err = NULL;

    /* A handle of another kind, cast. */
    CHECK(tm_verify(xml, xml_len, store, (const tm_policy *)store, at, &res, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    CHECK(strstr(tm_error_message(err), "tm_policy") != NULL);
    tm_error_free(err);
    CHECK(tm_verify(xml, xml_len, (const tm_trust_store *)policy, NULL, at, &res, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_policy_set_allow_sha1((tm_policy *)store, true) == TM_INVALID_ARGUMENT);
    CHECK(tm_trust_store_len((const tm_trust_store *)policy) == 0);
    CHECK(tm_error_status((const tm_error *)store) == TM_INVALID_ARGUMENT);
    CHECK(tm_result_signer_key((const tm_result *)store) == NULL);

    /* Something that was never a handle: the address of a local. */
    int local = 0;
    CHECK(tm_trust_store_add_pem((tm_trust_store *)&local, pem, pem_len, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_trust_store_len((const tm_trust_store *)&local) == 0);
    tm_trust_store_free((tm_trust_store *)&local); /* ignored, not freed */
    CHECK(local == 0);

    /* Freeing a handle through the wrong function does nothing. */
    tm_policy_free((tm_policy *)store);
    CHECK(tm_trust_store_len(store) == 1);

    /* A length no object can have. */
    CHECK(tm_verify(xml, SIZE_MAX, store, NULL, at, &res, NULL) == TM_INVALID_ARGUMENT);

    /* A freed handle is refused, and a double free is ignored (single-threaded here,
     * so no newer handle can have taken the address in between). */
    tm_policy_free(policy);
    CHECK(tm_policy_set_min_rsa_bits(policy, 1024) == TM_INVALID_ARGUMENT);
    CHECK(tm_verify(xml, xml_len, store, policy, at, &res, NULL) == TM_INVALID_ARGUMENT);
    tm_policy_free(policy);
    tm_trust_store_free(store);
    CHECK(tm_trust_store_len(store) == 0);
    tm_trust_store_free(store);
}

/* Verification is reentrant: threads share one store and one policy. */
enum { THREADS = 4, ROUNDS = 25 };
static tm_trust_store *shared_store;
static tm_policy *shared_policy;

static void *verify_many(void *arg) {
    int *ok = arg;
    for (int i = 0; i < ROUNDS; i++) {
        tm_result *res = NULL;
        if (tm_verify(xml, xml_len, shared_store, shared_policy, at, &res, NULL) == TM_OK
            && strcmp(tm_result_signer_sha256(res), expected_sha256) == 0) {
            (*ok)++;
        }
        tm_result_free(res);
    }
    return NULL;
}

static void test_threads(void) {
    shared_store = sample_store();
    shared_policy = tm_policy_new();
    pthread_t threads[THREADS];
    int ok[THREADS] = {0};
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, verify_many, &ok[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(ok[i] == ROUNDS);
    }
    tm_policy_free(shared_policy);
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

static tm_status smp_verify(tm_trust_store *store, const char *file, const char *participant, const char *document,
                            const char *process, const char *profile, tm_smp_result **out, tm_error **err) {
    size_t len = 0;
    unsigned char *record = read_file(path_in_repo(file), &len);
    CHECK(record != NULL);
    tm_status st = tm_verify_smp(record, len, store, NULL, participant, document, process, profile, at, out, err);
    free(record);
    return st;
}

static tm_status smp_verify_redirect(tm_trust_store *store, const char *first, const char *target, tm_smp_result **out,
                                     tm_error **err) {
    size_t first_len = 0, target_len = 0;
    unsigned char *a = read_file(path_in_repo(first), &first_len);
    unsigned char *b = read_file(path_in_repo(target), &target_len);
    CHECK(a != NULL && b != NULL);
    tm_status st = tm_verify_smp_redirect(a, first_len, b, target_len, store, NULL, SMP_PARTICIPANT, SMP_DOCUMENT, NULL,
                                          NULL, at, out, err);
    free(a);
    free(b);
    return st;
}

static void test_smp(void) {
    tm_trust_store *store = smp_store();
    tm_smp_result *rec = NULL;
    tm_error *err = NULL;

    /* An active endpoint and an expired one (2026-01-01T00:00:00+01:00). */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-expired-endpoint.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL,
                     "peppol-transport-as4-v2_0", &rec, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_smp_result_version(rec), "oasis-smp-1.0");
    CHECK_STR(tm_smp_result_participant(rec), SMP_PARTICIPANT);
    CHECK_STR(tm_smp_result_document(rec), SMP_DOCUMENT);
    CHECK(tm_smp_result_endpoint_count(rec) == 1);
    CHECK_STR(tm_smp_result_endpoint_transport_profile(rec, 0), "peppol-transport-as4-v2_0");
    CHECK_STR(tm_smp_result_endpoint_uri(rec, 0), "https://ap.example.org/as4");
    const char *cert = tm_smp_result_endpoint_certificate_sha256(rec, 0);
    CHECK(cert != NULL && strlen(cert) == 64);
    CHECK(tm_smp_result_endpoint_uri(rec, 1) == NULL);
    CHECK(tm_smp_result_endpoint_activation(rec, 1) == TM_NO_DATE);
    CHECK(tm_smp_result_filtered_count(rec) == 1);
    CHECK_STR(tm_smp_result_filtered_uri(rec, 0), "https://old-ap.example.org/as4");
    CHECK_STR(tm_smp_result_filtered_reason(rec, 0), "expired");
    CHECK(strstr(tm_smp_result_filtered_message(rec, 0), "2025-12-31T23:00:00Z") != NULL);
    CHECK(tm_smp_result_redirect_href(rec) == NULL);
    CHECK(tm_smp_result_redirect_certificate_count(rec) == 0);
    CHECK(tm_smp_result_other_signatures(rec) == 0);
    const tm_result *report = tm_smp_result_report(rec);
    CHECK(report != NULL);
    CHECK(strlen(tm_result_signer_sha256(report)) == 64);
    CHECK(strstr(tm_result_signer_subject(report), "CN=") != NULL);
    CHECK_STR(tm_result_signer_key(report), "RSA-2048");
    CHECK(!tm_result_pinned(report));
    CHECK(tm_result_verified_at(report) == at);
    CHECK(tm_result_chain_count(report) >= 2);
    CHECK(tm_result_reference_count(report) == 1);
    CHECK_STR(tm_result_reference_uri(report, 0), "");
    CHECK(tm_result_signed_xml_count(report) == 0);
    tm_smp_result_free(rec);

    /* SMP 2.0: dates on the endpoint; the redirected process gives the redirect. */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp2-exc.xml", SMP_PARTICIPANT,
                     "bdx-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
                     "cenbii-procid-ubl::urn:example:redirected-process", NULL, &rec, &err) == TM_OK);
    CHECK_STR(tm_smp_result_version(rec), "oasis-smp-2.0");
    CHECK(tm_smp_result_endpoint_count(rec) == 0);
    CHECK(tm_smp_result_redirect_href(rec) != NULL);
    CHECK(tm_smp_result_redirect_certificate_count(rec) == 1);
    CHECK(strlen(tm_smp_result_redirect_certificate_sha256(rec, 0)) == 64);
    tm_smp_result_free(rec);
    CHECK(smp_verify(store, "tests/data/smp/signed/smp2-exc.xml", SMP_PARTICIPANT,
                     "bdx-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
                     NULL, NULL, &rec, &err) == TM_OK);
    CHECK(tm_smp_result_endpoint_count(rec) == 1);
    CHECK(tm_smp_result_endpoint_activation(rec, 0) != TM_NO_DATE);
    CHECK(tm_smp_result_endpoint_expiration(rec, 0) > tm_smp_result_endpoint_activation(rec, 0));
    tm_smp_result_free(rec);

    /* SMP 1.0 redirect: href and CertificateUID, no identifiers. */
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-redirect.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, &rec,
                     &err) == TM_OK);
    CHECK(tm_smp_result_redirect_href(rec) != NULL);
    CHECK(tm_smp_result_redirect_certificate_uid(rec) != NULL);
    CHECK(tm_smp_result_participant(rec) == NULL);
    tm_smp_result_free(rec);

    /* Following the redirect: the target must be signed by the certificate it names. */
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-redirect.xml", "tests/data/smp/signed/smp1-exc.xml",
                              &rec, &err) == TM_OK);
    CHECK(tm_smp_result_endpoint_count(rec) == 1);
    CHECK_STR(tm_smp_result_participant(rec), SMP_PARTICIPANT);
    CHECK(tm_smp_result_redirect_href(rec) == NULL);
    tm_smp_result_free(rec);
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-redirect.xml", "tests/data/smp/signed/smp1-other-signer.xml",
                              &rec, &err) == TM_SMP_REDIRECT_SIGNER_MISMATCH);
    CHECK(rec == NULL);
    CHECK_STR(tm_error_code(err), "smp.redirect_signer_mismatch");
    tm_error_free(err);
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-redirect.xml", "tests/data/smp/signed/smp1-redirect.xml",
                              &rec, NULL) == TM_SMP_DOUBLE_REDIRECT);
    CHECK(smp_verify_redirect(store, "tests/data/smp/signed/smp1-exc.xml", "tests/data/smp/signed/smp1-exc.xml", &rec, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(tm_verify_smp_redirect(NULL, 0, NULL, 0, store, NULL, SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, at, &rec, NULL)
          == TM_NULL_POINTER);

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
    rec = (tm_smp_result *)&rec;
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

    /* Accessors and free on NULL. */
    CHECK(tm_smp_result_endpoint_count(NULL) == 0);
    CHECK(tm_smp_result_endpoint_uri(NULL, 0) == NULL);
    CHECK(tm_smp_result_endpoint_expiration(NULL, 0) == TM_NO_DATE);
    CHECK(tm_smp_result_report(NULL) == NULL);
    tm_smp_result_free(NULL);
    tm_trust_store_free(store);

    /* Names. */
    char *name = NULL;
    CHECK(tm_smp_name("iso6523-actorid-upis::0088:123ABC", "participant.sml.test.tech.peppol.org", TM_SMP_NAME_BDXL, &name,
                      &err) == TM_OK);
    CHECK_STR(name, "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org");
    tm_string_free(name);
    CHECK(tm_smp_name("iso6523-actorid-upis::9915:test", "acc.edelivery.tech.ec.europa.eu", TM_SMP_NAME_CNAME, &name, NULL)
          == TM_OK);
    CHECK_STR(name, "B-85008b8279e07ab0392da75fa55856a2.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu");
    tm_string_free(name);
    CHECK(tm_smp_name("", "zone", TM_SMP_NAME_BDXL, &name, &err) == TM_SMP_BAD_IDENTIFIER);
    CHECK(name == NULL);
    CHECK_STR(tm_error_code(err), "smp.bad_identifier");
    tm_error_free(err);
    CHECK(tm_smp_name("a::b", "zone", 42, &name, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_smp_name("a::b", NULL, TM_SMP_NAME_BDXL, &name, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_name("a::b", "zone", TM_SMP_NAME_BDXL, NULL, NULL) == TM_NULL_POINTER);
    tm_string_free(NULL);
}

/* A ServiceGroup from REPO/`rel`, or from the shared vectors ($TRUSTMETA_SHARED, else
 * REPO/../shared) when `rel` starts with "shared/". */
static tm_status group_verify(const char *rel, tm_policy *policy, const char *participant, int64_t when,
                              tm_smp_group **out, tm_error **err) {
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
    tm_status st = tm_verify_service_group(xml, len, store, policy, participant, when, out, err);
    tm_trust_store_free(store);
    free(xml);
    return st;
}

static void test_service_group(void) {
    const char *vefa = "shared/vectors/smp/vefa-peppol/peppol-lookup/src/test/resources/";
    char file[1024];
    int64_t when = 0;
    CHECK(tm_parse_rfc3339("2024-01-01T00:00:00Z", &when, NULL) == TM_OK);
    tm_policy *open = tm_policy_new();
    CHECK(tm_policy_set_allow_unsigned_service_group(open, true) == TM_OK);
    CHECK(tm_policy_set_allow_unsigned_service_group(NULL, true) == TM_NULL_POINTER);
    tm_smp_group *group = NULL;
    tm_error *err = NULL;

    snprintf(file, sizeof file, "%sbusdox-servicegroup-0192-991825827.xml", vefa);
    CHECK(group_verify(file, NULL, "iso6523-actorid-upis::0192:991825827", when, &group, &err) == TM_DSIG_MISSING_SIGNATURE);
    CHECK(group == NULL);
    CHECK_STR(tm_error_code(err), "dsig.missing_signature");
    tm_error_free(err);
    CHECK(group_verify(file, open, "iso6523-actorid-upis::0192:991825827", when, &group, NULL) == TM_OK);
    CHECK_STR(tm_smp_group_version(group), "peppol-busdox");
    CHECK_STR(tm_smp_group_participant(group), "iso6523-actorid-upis::0192:991825827");
    CHECK(tm_smp_group_reference_count(group) == 9);
    for (size_t i = 0; i < 9; i++) {
        CHECK(tm_smp_group_reference_document(group, i) != NULL);
        CHECK(tm_smp_group_reference_href(group, i) != NULL);
    }
    CHECK(strncmp(tm_smp_group_reference_document(group, 0), "busdox-docid-qns::", 18) == 0);
    CHECK(tm_smp_group_reference_document(group, 9) == NULL);
    CHECK(tm_smp_group_report(group) == NULL);
    CHECK(tm_smp_group_other_signatures(group) == 0);
    tm_smp_group_free(group);
    tm_smp_group_free(group);
    CHECK(group_verify(file, open, "iso6523-actorid-upis::0192:1", when, &group, NULL) == TM_SMP_PARTICIPANT_MISMATCH);
    CHECK(group == NULL);

    snprintf(file, sizeof file, "%sbdxr201605-servicegroup-9908-991825827.xml", vefa);
    CHECK(group_verify(file, open, "iso6523-actorid-upis::9908:991825827", when, &group, NULL) == TM_OK);
    CHECK_STR(tm_smp_group_version(group), "oasis-smp-1.0");
    CHECK(tm_smp_group_reference_count(group) == 7);
    tm_smp_group_free(group);

    CHECK(group_verify("tests/data/smp/signed/servicegroup-unsigned.xml", open, SMP_PARTICIPANT, when, &group, NULL)
          == TM_OK);
    CHECK(tm_smp_group_reference_count(group) >= 1);
    CHECK(strncmp(tm_smp_group_reference_document(group, 0), "busdox-docid-qns::", 18) == 0);
    tm_smp_group_free(group);
    CHECK(group_verify("tests/data/smp/signed/servicegroup-unsigned.xml", open, NULL, when, &group, NULL)
          == TM_NULL_POINTER);

    CHECK(tm_smp_group_reference_count(NULL) == 0);
    CHECK(tm_smp_group_participant(NULL) == NULL);
    CHECK(tm_smp_group_report(NULL) == NULL);
    tm_smp_group_free(NULL);
    tm_policy_free(open);
}

static tm_status extension_verify(const char *file, const char *anchor, tm_smp_extension_signatures **out) {
    size_t len = 0, pem_len = 0;
    unsigned char *xml = read_file(path_in_repo(file), &len);
    CHECK(xml != NULL);
    unsigned char *owner = read_file(path_in_repo(anchor), &pem_len);
    CHECK(owner != NULL);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(store, owner, pem_len, NULL) == TM_OK);
    tm_status st = tm_verify_smp_extension_signatures(xml, len, store, NULL, at, out, NULL);
    tm_trust_store_free(store);
    free(owner);
    free(xml);
    return st;
}

static void test_extension_signatures(void) {
    tm_smp_extension_signatures *sigs = NULL;
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-signed.xml", "tests/data/xmldsig-gen/pki/leaf-p256.pem",
                           &sigs) == TM_OK);
    CHECK(tm_smp_extension_signatures_count(sigs) == 1);
    CHECK_STR(tm_smp_extension_signatures_covered_element(sigs, 0), "ServiceInformation");
    const tm_result *report = tm_smp_extension_signatures_report(sigs, 0);
    CHECK(report != NULL && strstr(tm_result_signer_subject(report), "P-256") != NULL);
    CHECK(tm_result_verified_at(report) == at);
    CHECK(tm_smp_extension_signatures_report(sigs, 1) == NULL);
    CHECK(tm_smp_extension_signatures_covered_element(sigs, 1) == NULL);
    tm_smp_extension_signatures_free(sigs);
    tm_smp_extension_signatures_free(sigs);
    /* The SMP's key is not the owner's. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-signed.xml", "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
                           &sigs) == TM_PKI_UNTRUSTED_SIGNER);
    CHECK(sigs == NULL);
    /* Content changed after the owner signed. */
    CHECK(extension_verify("tests/data/smp/signed/ehealth-owner-signature-broken.xml",
                           "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs) == TM_DSIG_DIGEST_MISMATCH);
    /* A record without an extension signature. */
    CHECK(extension_verify("tests/data/smp/signed/smp1-exc.xml", "tests/data/xmldsig-gen/pki/leaf-p256.pem", &sigs)
          == TM_DSIG_MISSING_SIGNATURE);
    CHECK(tm_verify_smp_extension_signatures(NULL, 0, NULL, NULL, at, &sigs, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_extension_signatures_count(NULL) == 0);
    tm_smp_extension_signatures_free(NULL);
}

static void test_endpoint_checks(void) {
    tm_trust_store *store = smp_store();
    tm_smp_result *rec = NULL;
    CHECK(smp_verify(store, "tests/data/smp/signed/smp1-exc.xml", SMP_PARTICIPANT, SMP_DOCUMENT, NULL, NULL, &rec, NULL)
          == TM_OK);
    CHECK(tm_smp_result_endpoint_count(rec) == 1);

    /* The test PKI's root as the access-point anchor, its intermediate to complete the path. */
    size_t len = 0;
    unsigned char *inter = read_file(path_in_repo("tests/data/xmldsig-gen/pki/intermediate.pem"), &len);
    CHECK(inter != NULL);
    tm_trust_store *ap = smp_store();
    CHECK(tm_trust_store_add_intermediates_pem(ap, inter, len, NULL) == TM_OK);
    free(inter);
    tm_endpoint_checks *checks = NULL;
    CHECK(tm_smp_result_check_endpoints(rec, ap, NULL, at, &checks, NULL) == TM_OK);
    CHECK(tm_endpoint_checks_count(checks) == 1);
    CHECK(tm_endpoint_checks_certificate_trusted(checks, 0));
    CHECK(tm_endpoint_checks_status(checks, 0) == TM_OK);
    CHECK(tm_endpoint_checks_error_code(checks, 0) == NULL);
    CHECK(!tm_endpoint_checks_certificate_trusted(checks, 1));
    CHECK(tm_endpoint_checks_status(checks, 1) == TM_INVALID_ARGUMENT);
    tm_endpoint_checks_free(checks);
    tm_endpoint_checks_free(checks);
    tm_trust_store_free(ap);

    /* An unrelated anchor. */
    unsigned char *other = read_file(path_in_repo("tests/data/sample/signer.pem"), &len);
    CHECK(other != NULL);
    ap = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(ap, other, len, NULL) == TM_OK);
    free(other);
    CHECK(tm_smp_result_check_endpoints(rec, ap, NULL, at, &checks, NULL) == TM_OK);
    CHECK(!tm_endpoint_checks_certificate_trusted(checks, 0));
    CHECK(tm_endpoint_checks_status(checks, 0) == TM_PKI_UNTRUSTED_SIGNER);
    CHECK_STR(tm_endpoint_checks_error_code(checks, 0), "pki.untrusted_signer");
    CHECK(tm_endpoint_checks_error_message(checks, 0) != NULL);
    tm_endpoint_checks_free(checks);

    CHECK(tm_smp_result_check_endpoints(NULL, ap, NULL, at, &checks, NULL) == TM_NULL_POINTER);
    CHECK(tm_smp_result_check_endpoints(rec, ap, NULL, at, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_endpoint_checks_count(NULL) == 0);
    tm_endpoint_checks_free(NULL);
    tm_trust_store_free(ap);
    tm_smp_result_free(rec);
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

/* Verifies `path` (REPO-relative, or under the shared vectors when it starts with
 * "shared/") as an ELMO file (field == 0) or an `elmo` form field (field == 1). */
static tm_status elmo_verify(const tm_emreg *emreg, const char *ncp, const char *rel, int field,
                             const tm_policy *policy, int64_t when, tm_elmo_result **out, tm_error **err) {
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
    tm_status st = field ? tm_verify_elmo_field(bytes, len, emreg, ncp, policy, when, out, err)
                         : tm_verify_elmo(bytes, len, emreg, ncp, policy, when, out, err);
    free(bytes);
    return st;
}

/* Expects `status` and the dotted `code` from an ELMO verification, with no result. */
static void elmo_rejected(const tm_emreg *emreg, const char *ncp, const char *rel, int field,
                          const tm_policy *policy, tm_status status, const char *code) {
    tm_elmo_result *res = NULL;
    tm_error *err = NULL;
    CHECK(elmo_verify(emreg, ncp, rel, field, policy, at, &res, &err) == status);
    CHECK(res == NULL);
    CHECK(tm_error_status(err) == status);
    CHECK_STR(tm_error_code(err), code);
    tm_error_free(err);
}

static void test_emreg(void) {
    tm_emreg *emreg = NULL;
    tm_error *err = NULL;
    CHECK(emreg_load("emreg-1.0-messy.json", &emreg, &err) == TM_OK);
    CHECK(err == NULL);
    /* Three NCPs after the null entries are skipped, in list order. */
    CHECK(tm_emreg_ncp_count(emreg) == 3);
    CHECK_STR(tm_emreg_ncp_acronym(emreg, 0), "TEST-NCP");
    CHECK_STR(tm_emreg_ncp_country_code(emreg, 0), "NO");
    CHECK_STR(tm_emreg_ncp_url(emreg, 0), "https://ncp.test.example/");
    CHECK(strncmp(tm_emreg_ncp_pub_key(emreg, 0), "-----BEGIN CERTIFICATE-----\nMII", 31) == 0);
    CHECK(tm_emreg_ncp_institution_count(emreg, 0) == 2);
    CHECK_STR(tm_emreg_ncp_institution(emreg, 0, 1), "Test College");
    CHECK(tm_emreg_ncp_institution(emreg, 0, 2) == NULL);
    CHECK_STR(tm_emreg_ncp_acronym(emreg, 2), "CSC");
    CHECK(tm_emreg_ncp_acronym(emreg, 3) == NULL);
    CHECK(tm_emreg_ncp_institution_count(emreg, 3) == 0);

    /* NO is singleFetch ("true" as a string): one choice per institution, each once. */
    CHECK(tm_emreg_country_single_fetch(emreg, "NO"));
    CHECK(tm_emreg_country_single_fetch(emreg, "no"));
    CHECK(!tm_emreg_country_single_fetch(emreg, "FI"));
    CHECK(!tm_emreg_country_single_fetch(emreg, "XX"));
    CHECK(tm_emreg_choice_count(emreg, "NO") == 3);
    CHECK(tm_emreg_choice_ncp(emreg, "NO", 0) == 0);
    CHECK_STR(tm_emreg_choice_institution(emreg, "NO", 0), "University of Testing");
    CHECK(tm_emreg_choice_ncp(emreg, "NO", 1) == 0);
    CHECK_STR(tm_emreg_choice_institution(emreg, "NO", 1), "Test College");
    CHECK(tm_emreg_choice_ncp(emreg, "NO", 2) == 1);
    CHECK_STR(tm_emreg_choice_institution(emreg, "NO", 2), "Other University");
    CHECK(tm_emreg_choice_ncp(emreg, "NO", 3) == SIZE_MAX);
    CHECK(tm_emreg_choice_institution(emreg, "NO", 3) == NULL);
    CHECK(tm_emreg_choice_count(emreg, "FI") == 1);
    CHECK_STR(tm_emreg_choice_institution(emreg, "FI", 0), "Helsingin yliopisto");
    CHECK(tm_emreg_choice_count(emreg, "XX") == 0);

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

    /* The newer emps schema, with a doubly escaped and a bare base64 pubKey. */
    CHECK(emreg_load("emreg-emps.json", &emreg, NULL) == TM_OK);
    CHECK(tm_emreg_ncp_count(emreg) >= 2);
    for (size_t i = 0; i < tm_emreg_ncp_count(emreg); i++) {
        CHECK(tm_emreg_ncp_trust_store(emreg, tm_emreg_ncp_acronym(emreg, i), &store, NULL) == TM_OK);
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

    /* NULL and dead handles. */
    CHECK(tm_emreg_parse(NULL, 0, &emreg, NULL) == TM_NULL_POINTER);
    CHECK(tm_emreg_parse((const uint8_t *)"{}", 2, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_emreg_ncp_count(NULL) == 0);
    CHECK(tm_emreg_ncp_acronym(NULL, 0) == NULL);
    CHECK(tm_emreg_choice_count(NULL, "NO") == 0);
    CHECK(tm_emreg_choice_ncp(NULL, "NO", 0) == SIZE_MAX);
    CHECK(!tm_emreg_country_single_fetch(NULL, "NO"));
    CHECK(tm_emreg_ncp_trust_store(NULL, "X", &store, NULL) == TM_NULL_POINTER);
    tm_emreg_free(NULL);
}

static void test_elmo(void) {
    tm_emreg *emreg = NULL;
    CHECK(emreg_load("emreg-1.0-messy.json", &emreg, NULL) == TM_OK);
    tm_elmo_result *res = NULL;
    tm_error *err = NULL;

    /* The v1 file, signed by TEST-NCP: the learner and the signer. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml", 0, NULL, at, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_elmo_result_namespace(res), ELMO_V1_NS);
    CHECK(tm_elmo_result_learner_count(res) == 1);
    CHECK_STR(tm_elmo_result_given_names(res, 0), "Ola");
    CHECK_STR(tm_elmo_result_family_name(res, 0), "Nordmann");
    CHECK_STR(tm_elmo_result_birth_date(res, 0), "1990-01-31");
    CHECK_STR(tm_elmo_result_citizenship(res, 0), "NO");
    CHECK(tm_elmo_result_given_names(res, 1) == NULL);
    CHECK(tm_elmo_result_report_count(res) == 1);
    CHECK(tm_elmo_result_nested_signatures(res) == 0);
    const tm_result *report = tm_elmo_result_report(res);
    CHECK(report != NULL);
    CHECK(strstr(tm_result_signer_subject(report), "signer RSA-2048") != NULL);
    CHECK(strlen(tm_result_signer_sha256(report)) == 64);
    CHECK(tm_result_pinned(report));
    CHECK_STR(tm_result_signature_algorithm(report), RSA_SHA256_URI);
    CHECK_STR(tm_result_canonicalization(report), C14N10_URI);
    CHECK(tm_result_legacy_count(report) == 0);
    CHECK(tm_result_verified_at(report) == at);
    tm_elmo_result_free(res);
    CHECK(tm_elmo_result_family_name(res, 0) == NULL); /* freed: dead */
    res = NULL;

    /* The form field, gzipped and not: the same learner. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml.gz.b64", 1, NULL, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_elmo_result_family_name(res, 0), "Nordmann");
    tm_elmo_result_free(res);
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/v1-rsa-sha256.xml.b64", 1, NULL, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_elmo_result_given_names(res, 0), "Ola");
    tm_elmo_result_free(res);

    /* A Diploma Supplement's own signature is counted, not checked. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/nested-dsig.xml", 0, NULL, at, &res, NULL) == TM_OK);
    CHECK(tm_elmo_result_nested_signatures(res) == 1);
    tm_elmo_result_free(res);

    /* KeyInfo naming another certificate grants nothing: the signer is the pinned NCP. */
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/keyinfo-foreign-cert.xml", 0, NULL, at, &res, NULL) == TM_OK);
    CHECK(strstr(tm_result_signer_subject(tm_elmo_result_report(res)), "signer RSA-2048") != NULL);
    tm_elmo_result_free(res);

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

    /* SHA-1: refused by default, accepted (and reported) when the policy allows it. */
    elmo_rejected(emreg, "TEST-NCP", "signed/old-ns-rsa-sha1.xml", 0, NULL, TM_DSIG_ALGORITHM_REFUSED,
                  "dsig.algorithm_refused");
    tm_policy *sha1 = tm_policy_new();
    CHECK(tm_policy_set_allow_sha1(sha1, true) == TM_OK);
    CHECK(elmo_verify(emreg, "TEST-NCP", "signed/old-ns-rsa-sha1.xml", 0, sha1, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_elmo_result_namespace(res), ELMO_OLD_NS);
    CHECK_STR(tm_elmo_result_given_names(res, 0), "Ola");
    CHECK(tm_result_legacy_count(tm_elmo_result_report(res)) > 0);
    tm_elmo_result_free(res);

    /* The CSC vector (RSA-1024, SHA-1, certificate expired since 2018) against the CSC
     * pubKey: two spellings of the learner, one per report. */
    CHECK(tm_policy_set_min_rsa_bits(sha1, 1024) == TM_OK);
    int64_t in_2016 = 0;
    CHECK(tm_parse_rfc3339("2016-06-01T00:00:00Z", &in_2016, NULL) == TM_OK);
    const char *csc = "shared/vectors/emrex/fi-emrex/fi-smp/src/test/resources/elmo_vastaus_base64_gzipped.decoded.xml";
    CHECK(elmo_verify(emreg, "CSC", csc, 0, sha1, in_2016, &res, &err) == TM_OK);
    if (err != NULL) {
        fprintf(stderr, "CSC vector: %s\n", tm_error_message(err));
        tm_error_free(err);
        err = NULL;
    }
    CHECK_STR(tm_elmo_result_namespace(res), ELMO_OLD_NS);
    CHECK(tm_elmo_result_learner_count(res) == 2);
    CHECK_STR(tm_elmo_result_given_names(res, 0), "Kaisa");
    CHECK_STR(tm_elmo_result_family_name(res, 0), "Ker\xc3\xa4nen");
    CHECK_STR(tm_elmo_result_birth_date(res, 0), "18-07-1966");
    CHECK_STR(tm_elmo_result_family_name(res, 1), "Keranen");
    CHECK_STR(tm_elmo_result_birth_date(res, 1), "18.07.1966");
    CHECK(tm_elmo_result_report_count(res) == 2);
    tm_elmo_result_free(res);
    /* Today the CSC certificate has expired. */
    CHECK(elmo_verify(emreg, "CSC", csc, 0, sha1, at, &res, &err) == TM_PKI_EXPIRED);
    tm_error_free(err);
    err = NULL;
    tm_policy_free(sha1);

    /* NULL and dead arguments. */
    const uint8_t x = '<';
    CHECK(tm_verify_elmo(NULL, 0, emreg, "TEST-NCP", NULL, at, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_elmo(&x, 1, NULL, "TEST-NCP", NULL, at, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_elmo(&x, 1, emreg, NULL, NULL, at, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_elmo(&x, 1, emreg, "TEST-NCP", NULL, at, NULL, NULL) == TM_NULL_POINTER);
    tm_trust_store *other_kind = tm_trust_store_new();
    CHECK(tm_verify_elmo_field(&x, 1, (const tm_emreg *)other_kind, "TEST-NCP", NULL, at, &res, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(tm_emreg_ncp_count((const tm_emreg *)other_kind) == 0);
    tm_trust_store_free(other_kind);
    CHECK(tm_elmo_result_learner_count(NULL) == 0);
    CHECK(tm_elmo_result_report(NULL) == NULL);
    tm_elmo_result_free(NULL);
    tm_emreg_free(emreg);

    /* The returnCode form field. */
    tm_emrex_return_code rc = TM_EMREX_RETURN_ERROR;
    CHECK(tm_emrex_parse_return_code("NCP_OK", &rc, NULL) == TM_OK && rc == TM_EMREX_RETURN_OK);
    CHECK(tm_emrex_parse_return_code(" EMP_NO_RESULTS\n", &rc, NULL) == TM_OK && rc == TM_EMREX_RETURN_NO_RESULTS);
    CHECK(tm_emrex_parse_return_code("EMP_CANCEL", &rc, NULL) == TM_OK && rc == TM_EMREX_RETURN_CANCEL);
    CHECK(tm_emrex_parse_return_code("NCP_ERROR", &rc, NULL) == TM_OK && rc == TM_EMREX_RETURN_ERROR);
    CHECK(tm_emrex_parse_return_code("ncp_ok", &rc, &err) == TM_EMREX_BAD_RETURN_CODE);
    CHECK_STR(tm_error_code(err), "emrex.bad_return_code");
    tm_error_free(err);
    CHECK(tm_emrex_parse_return_code(NULL, &rc, NULL) == TM_NULL_POINTER);
    CHECK(tm_emrex_parse_return_code("NCP_OK", NULL, NULL) == TM_NULL_POINTER);
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

static tm_status tsl_verify(const char *rel, const tm_trust_store *store, const tm_policy *policy, int64_t when,
                            tm_tsl_result **out, tm_error **err) {
    size_t len = 0;
    unsigned char *bytes = tsl_read(rel, &len);
    tm_status st = tm_verify_tsl(bytes, len, store, policy, when, out, err);
    free(bytes);
    return st;
}

/* Expects `status` and the dotted `code`, with no result. */
static void tsl_rejected(const char *rel, const tm_trust_store *store, const tm_policy *policy, int64_t when,
                         tm_status status, const char *code) {
    tm_tsl_result *res = (tm_tsl_result *)1;
    tm_error *err = NULL;
    CHECK(tsl_verify(rel, store, policy, when, &res, &err) == status);
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
    tm_tsl_result *res = NULL;
    tm_error *err = NULL;

    CHECK(tsl_verify(xx, pinned, NULL, at, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_tsl_result_id(res), "NCPConfiguration-XX");
    CHECK_STR(tm_tsl_result_territory(res), "XX");
    CHECK(tm_tsl_result_sequence_number(res) == 7);
    CHECK(tm_tsl_result_version(res) == 3);
    CHECK_STR(tm_tsl_result_type(res), TSL_GENERIC);
    CHECK_STR(tm_tsl_result_operator_name(res), "Ministry of Health of Testland");
    CHECK(tm_tsl_result_issued(res) == tsl_time("2026-05-01T10:00:00Z"));
    CHECK(tm_tsl_result_next_update(res) == tsl_time("2026-11-01T10:00:00Z"));
    CHECK(tm_tsl_result_signing_time(res) == tsl_time("2026-05-01T09:58:00Z"));
    CHECK(tm_tsl_result_pointer_count(res) == 0);
    CHECK(tm_tsl_result_pointer_location(res, 0) == NULL);
    const tm_result *report = tm_tsl_result_report(res);
    CHECK(report != NULL);
    CHECK(tm_result_pinned(report));
    CHECK(tm_result_reference_count(report) == 2);
    CHECK(tm_result_legacy_count(report) == 0);
    CHECK(tm_result_verified_at(report) == at);
    CHECK(tm_result_signed_xml_count(report) == 0);

    /* Ten services across NCP-A (7) and NCP-B (3), with their OpenNCP roles. */
    CHECK_STR(tm_tsl_result_openncp_country(res), "XX");
    CHECK(tm_tsl_result_service_count(res) == 10);
    CHECK_STR(tm_tsl_result_service_provider(res, 0), "NCP-A");
    CHECK_STR(tm_tsl_result_service_type(res, 0), EPSOS_SVC "VPNGateway");
    CHECK_STR(tm_tsl_result_service_name(res, 0), "VPNGateway of XX");
    CHECK_STR(tm_tsl_result_service_status(res, 0), SVC_INACCORD);
    /* 2026-01-15T09:00:00+01:00 */
    CHECK(tm_tsl_result_service_status_starting_time(res, 0) == tsl_time("2026-01-15T08:00:00Z"));
    CHECK(tm_tsl_result_service_supply_point_count(res, 0) == 1);
    CHECK_STR(tm_tsl_result_service_supply_point(res, 0, 0), "vpn-a.health.xx.example");
    CHECK(tm_tsl_result_service_supply_point(res, 0, 1) == NULL);
    CHECK_STR(tm_tsl_result_service_ncp_face(res, 0), "NCP-A");
    CHECK_STR(tm_tsl_result_service_ncp_role(res, 0), "VPNGateway");
    /* The misspelt type identifier of the OpenNCP tools; 2024-02-29T23:30:00-02:00. */
    CHECK_STR(tm_tsl_result_service_type(res, 2), EPSOS_SVC "PatientIdenitificationService");
    CHECK_STR(tm_tsl_result_service_ncp_role(res, 2), "PatientIdentificationService");
    CHECK(tm_tsl_result_service_status_starting_time(res, 2) == tsl_time("2024-03-01T01:30:00Z"));
    CHECK(tm_tsl_result_service_supply_point_count(res, 2) == 2);
    CHECK_STR(tm_tsl_result_service_supply_point(res, 2, 1), "https://ncp-a2.health.xx.example/xcpd");
    CHECK_STR(tm_tsl_result_service_supply_point(res, 3, 0), "https://ncp-a.health.xx.example/patient?a=1&b=2");
    CHECK_STR(tm_tsl_result_service_name(res, 6), "ConsentService of XX");
    CHECK_STR(tm_tsl_result_service_status(res, 6), SVC_WITHDRAWN);
    CHECK_STR(tm_tsl_result_service_provider(res, 7), "NCP-B");
    CHECK_STR(tm_tsl_result_service_ncp_face(res, 7), "NCP-B");
    CHECK_STR(tm_tsl_result_service_type(res, 9), EPSOS_SVC "IdP");
    CHECK_STR(tm_tsl_result_service_ncp_role(res, 9), "IdP");
    CHECK(tm_tsl_result_service_supply_point_count(res, 9) == 0);
    CHECK(tm_tsl_result_service_name(res, 10) == NULL);
    CHECK(tm_tsl_result_service_status_starting_time(res, 10) == TM_NO_DATE);

    /* Certificates, DER, against the PEM files they were made from. */
    unsigned char der[4096];
    size_t der_len = pem_to_der("tests/data/xmldsig-gen/pki/leaf-p256.pem", der, sizeof der);
    size_t len = 99;
    CHECK(tm_tsl_result_service_certificate_count(res, 0) == 1);
    const uint8_t *cert = tm_tsl_result_service_certificate(res, 0, 0, &len);
    CHECK(der_len > 100 && same_bytes(cert, len, der, der_len));
    /* The NCP service: 0 the TLS certificate (leaf-p384), 1 the signature one (leaf-rsa3072). */
    CHECK(tm_tsl_result_service_certificate_count(res, 1) == 2);
    der_len = pem_to_der("tests/data/xmldsig-gen/pki/leaf-p384.pem", der, sizeof der);
    cert = tm_tsl_result_service_certificate(res, 1, 0, &len);
    CHECK(same_bytes(cert, len, der, der_len));
    der_len = pem_to_der("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem", der, sizeof der);
    cert = tm_tsl_result_service_certificate(res, 1, 1, &len);
    CHECK(same_bytes(cert, len, der, der_len));
    CHECK(tm_tsl_result_service_certificate(res, 1, 2, &len) == NULL && len == 0);
    CHECK(tm_tsl_result_service_certificate(res, 1, 0, NULL) != NULL);

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
    tm_smp_records *recs = NULL;
    CHECK(tm_tsl_to_smp(res, TM_TSL_SMP_OASIS_SMP1, &recs, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_smp_records_count(recs) == 8);
    for (size_t i = 0; i < 8; i++) {
        CHECK_STR(tm_smp_records_file_name(recs, i), names[i]);
        CHECK_STR(tm_smp_records_participant(recs, i), "urn:ehealth:xx:ncpb-idp");
        const char *doc = tm_smp_records_xml(recs, i, &len);
        CHECK(doc != NULL && strlen(doc) == len);
        CHECK(doc != NULL && strstr(doc, "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05") != NULL);
    }
    CHECK_STR(tm_smp_records_document(recs, 1), "urn::epsos##services:extended:epsos::11");
    CHECK_STR(tm_smp_records_process(recs, 1), "urn:epsosIdentityService::FindIdentityByTraits");
    CHECK(tm_smp_records_endpoint_count(recs, 1) == 2);
    CHECK(strstr(tm_smp_records_xml(recs, 1, NULL),
                 "<EndpointURI>https://ncp-a2.health.xx.example/xcpd</EndpointURI>") != NULL);
    CHECK_STR(tm_smp_records_process(recs, 7), "urn:ehealth:ncp:xx:ncpb-idp");
    CHECK(tm_smp_records_file_name(recs, 8) == NULL);
    CHECK(tm_smp_records_xml(recs, 8, &len) == NULL && len == 0);
    CHECK(tm_smp_records_endpoint_count(recs, 8) == 0);
    tm_smp_records_free(recs);
    CHECK(tm_smp_records_count(recs) == 0); /* freed: dead */
    tm_smp_records_free(recs);               /* a double free is ignored */

    CHECK(tm_tsl_to_smp(res, TM_TSL_SMP_BUSDOX, &recs, NULL) == TM_OK);
    CHECK(tm_smp_records_count(recs) == 8);
    CHECK_STR(tm_smp_records_file_name(recs, 7), "Identity_Provider_XX.xml");
    CHECK(strstr(tm_smp_records_xml(recs, 0, NULL), "http://busdox.org/serviceMetadata/publishing/1.0/") != NULL);
    CHECK(strstr(tm_smp_records_xml(recs, 0, NULL), "<wsa:Address>ipsec://vpn-a.health.xx.example</wsa:Address>")
          != NULL);
    tm_smp_records_free(recs);
    recs = (tm_smp_records *)1;
    CHECK(tm_tsl_to_smp(res, 2, &recs, &err) == TM_INVALID_ARGUMENT);
    CHECK(recs == NULL);
    tm_error_free(err);
    err = NULL;
    tm_tsl_result_free(res);
    CHECK(tm_tsl_result_territory(res) == NULL); /* freed: dead */
    CHECK(tm_tsl_to_smp(res, TM_TSL_SMP_OASIS_SMP1, &recs, NULL) == TM_INVALID_ARGUMENT);
    tm_tsl_result_free(res); /* a double free is ignored */

    /* Through the test PKI: the root as anchor, the intermediate untrusted. */
    tm_trust_store *chain = tsl_store("tests/data/xmldsig-gen/pki/root.pem", "tests/data/xmldsig-gen/pki/intermediate.pem");
    CHECK(tsl_verify("tests/data/tsl/signed/ncp-configuration-xx-inclusive.xml", chain, NULL, at, &res, NULL) == TM_OK);
    CHECK(tm_tsl_result_sequence_number(res) == 7);
    CHECK(!tm_result_pinned(tm_tsl_result_report(res)));
    CHECK(tm_result_chain_count(tm_tsl_result_report(res)) >= 2);
    tm_tsl_result_free(res);
    tm_trust_store_free(chain);

    /* A certificate the list itself carries is not an anchor for it. */
    tm_trust_store *listed = tsl_store("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem", NULL);
    tsl_rejected(xx, listed, NULL, at, TM_PKI_UNTRUSTED_SIGNER, "pki.untrusted_signer");
    tm_trust_store_free(listed);

    /* Refusals of our signed lists. */
    tsl_rejected("tests/data/tsl/signed/wrong-signing-certificate.xml", pinned, NULL, at,
                 TM_TSL_SIGNING_CERTIFICATE_MISMATCH, "tsl.signing_certificate_mismatch");
    tsl_rejected("tests/data/tsl/signed/no-xades.xml", pinned, NULL, at, TM_TSL_SIGNATURE_PROFILE,
                 "tsl.signature_profile");
    tsl_rejected(xx, pinned, NULL, tsl_time("2026-11-02T00:00:00Z"), TM_TSL_EXPIRED, "tsl.expired");
    tsl_rejected(xx, pinned, NULL, tsl_time("2026-04-30T00:00:00Z"), TM_TSL_EXPIRED, "tsl.expired");
    tm_trust_store *sample = tsl_store("tests/data/sample/signer.pem", NULL);
    tsl_rejected("tests/data/sample/smp-signed.xml", sample, NULL, at, TM_TSL_UNKNOWN_DOCUMENT,
                 "tsl.unknown_document");
    tm_trust_store_free(sample);

    /* rsa-sha1: refused by default, accepted and reported when the policy allows it. */
    const char *sha1_list = "tests/data/tsl/signed/rsa-sha1.xml";
    tsl_rejected(sha1_list, pinned, NULL, at, TM_DSIG_ALGORITHM_REFUSED, "dsig.algorithm_refused");
    tm_policy *sha1 = tm_policy_new();
    CHECK(tm_policy_set_allow_sha1(sha1, true) == TM_OK);
    CHECK(tsl_verify(sha1_list, pinned, sha1, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_result_territory(res), "XX");
    CHECK(tm_tsl_result_sequence_number(res) == 7);
    report = tm_tsl_result_report(res);
    int saw_rsa_sha1 = 0;
    for (size_t i = 0; i < tm_result_legacy_count(report); i++) {
        saw_rsa_sha1 |= strcmp(tm_result_legacy(report, i), "rsa-sha1") == 0;
    }
    CHECK(saw_rsa_sha1);
    tm_tsl_result_free(res);
    tm_policy_free(sha1);

    /* A list that is not an NCP configuration list verifies but has no SMP mapping. */
    CHECK(tsl_verify("tests/data/tsl/signed/generic-list.xml", pinned, NULL, at, &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_result_id(res), "TSL-XX-generic");
    CHECK(tm_tsl_result_openncp_country(res) == NULL);
    CHECK(tm_tsl_result_service_count(res) == 10);
    CHECK(tm_tsl_result_service_ncp_face(res, 0) == NULL);
    CHECK(tm_tsl_result_service_ncp_role(res, 0) == NULL);
    recs = (tm_smp_records *)1;
    CHECK(tm_tsl_to_smp(res, TM_TSL_SMP_OASIS_SMP1, &recs, &err) == TM_TSL_NOT_OPENNCP);
    CHECK(recs == NULL);
    CHECK_STR(tm_error_code(err), "tsl.not_openncp");
    tm_error_free(err);
    err = NULL;
    tm_tsl_result_free(res);

    /* NULL and dead arguments. */
    const uint8_t x = '<';
    CHECK(tm_verify_tsl(NULL, 0, pinned, NULL, at, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_tsl(&x, 1, NULL, NULL, at, &res, NULL) == TM_NULL_POINTER);
    CHECK(tm_verify_tsl(&x, 1, pinned, NULL, at, NULL, NULL) == TM_NULL_POINTER);
    tm_policy *other_kind = tm_policy_new();
    CHECK(tm_verify_tsl(&x, 1, (const tm_trust_store *)other_kind, NULL, at, &res, NULL) == TM_INVALID_ARGUMENT);
    CHECK(tm_tsl_result_service_count((const tm_tsl_result *)other_kind) == 0);
    tm_policy_free(other_kind);
    CHECK(tm_tsl_to_smp(NULL, TM_TSL_SMP_OASIS_SMP1, &recs, NULL) == TM_NULL_POINTER);
    CHECK(tm_tsl_result_territory(NULL) == NULL);
    CHECK(tm_tsl_result_sequence_number(NULL) == 0);
    CHECK(tm_tsl_result_next_update(NULL) == TM_NO_DATE);
    CHECK(tm_tsl_result_service_count(NULL) == 0);
    CHECK(tm_tsl_result_report(NULL) == NULL);
    CHECK(tm_smp_records_count(NULL) == 0);
    CHECK(tm_tsl_result_pointer_certificate(NULL, 0, 0, &len) == NULL && len == 0);
    tm_tsl_result_free(NULL);
    tm_smp_records_free(NULL);
    tm_trust_store_free(pinned);
}

static void test_tsl_vectors(void) {
    tm_tsl_result *res = NULL;
    tm_error *err = NULL;
    const char *lotl = "shared/vectors/tsl/eu-lotl/eu-lotl.xml";
    tm_trust_store *commission = tsl_store("shared/vectors/tsl/eu-lotl/eu-lotl.keyinfo-signer.pem", NULL);
    int64_t in_may = tsl_time("2026-05-01T00:00:00Z");

    /* The EU list of lists: 43 pointers, no providers. */
    CHECK(tsl_verify(lotl, commission, NULL, in_may, &res, &err) == TM_OK);
    if (err != NULL) {
        fprintf(stderr, "EU LOTL: %s\n", tm_error_message(err));
        tm_error_free(err);
        err = NULL;
    }
    CHECK_STR(tm_tsl_result_territory(res), "EU");
    CHECK(tm_tsl_result_sequence_number(res) == 386);
    CHECK(tm_tsl_result_version(res) == 6);
    CHECK_STR(tm_tsl_result_id(res), "ID0001");
    CHECK_STR(tm_tsl_result_type(res), "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists");
    CHECK(tm_tsl_result_issued(res) == tsl_time("2026-04-28T21:59:59Z"));
    CHECK(tm_tsl_result_next_update(res) == tsl_time("2026-10-21T13:10:30Z"));
    CHECK(tm_tsl_result_signing_time(res) == tsl_time("2026-04-28T17:21:26Z"));
    CHECK(tm_tsl_result_service_count(res) == 0);
    CHECK(tm_tsl_result_openncp_country(res) == NULL);
    CHECK(tm_tsl_result_pointer_count(res) == 43);
    CHECK_STR(tm_tsl_result_pointer_location(res, 0), "https://ec.europa.eu/tools/lotl/eu-lotl.xml");
    CHECK_STR(tm_tsl_result_pointer_territory(res, 0), "EU");
    CHECK_STR(tm_tsl_result_pointer_mime_type(res, 0), "application/vnd.etsi.tsl+xml");
    CHECK(tm_tsl_result_pointer_certificate_count(res, 0) == 6);
    CHECK_STR(tm_tsl_result_pointer_location(res, 1), "https://www.signatur.rtr.at/vertrauensliste.xml");
    CHECK_STR(tm_tsl_result_pointer_territory(res, 1), "AT");
    CHECK(tm_tsl_result_pointer_certificate_count(res, 1) == 5);
    CHECK_STR(tm_tsl_result_pointer_territory(res, 42), "UK");
    CHECK(tm_tsl_result_pointer_location(res, 43) == NULL);
    CHECK(tm_tsl_result_pointer_certificate_count(res, 43) == 0);
    /* A pointer's certificate is DER that a trust store takes. */
    size_t len = 0;
    const uint8_t *cert = tm_tsl_result_pointer_certificate(res, 1, 4, &len);
    CHECK(cert != NULL && len > 300 && cert[0] == 0x30);
    tm_trust_store *from_pointer = tm_trust_store_new();
    CHECK(tm_trust_store_add_pem(from_pointer, cert, len, NULL) == TM_OK);
    CHECK(tm_trust_store_len(from_pointer) == 1);
    tm_trust_store_free(from_pointer);
    CHECK(tm_tsl_result_pointer_certificate(res, 1, 5, &len) == NULL && len == 0);
    CHECK(strstr(tm_result_signer_subject(tm_tsl_result_report(res)), "CN=EUROPEAN COMMISSION") != NULL);
    CHECK(tm_result_reference_count(tm_tsl_result_report(res)) == 2);
    tm_tsl_result_free(res);
    tsl_rejected(lotl, commission, NULL, tsl_time("2026-11-22T00:00:00Z"), TM_TSL_EXPIRED, "tsl.expired");

    /* Another anchor: the certificate in the LOTL's own pointer does not help. */
    tm_trust_store *digidoc = tsl_store("shared/vectors/tsl/libdigidocpp/test/data/TSL.crt", NULL);
    tsl_rejected(lotl, digidoc, NULL, in_may, TM_PKI_UNTRUSTED_SIGNER, "pki.untrusted_signer");

    /* libdigidocpp's lists: a national list with 31 services, one with a revoked CA. */
    CHECK(tsl_verify("shared/vectors/tsl/libdigidocpp/test/data/EE_T.xml", digidoc, NULL,
                     tsl_time("2026-05-12T00:00:00Z"), &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_result_territory(res), "EE_T");
    CHECK(tm_tsl_result_sequence_number(res) == 34);
    CHECK(tm_tsl_result_service_count(res) == 31);
    tm_tsl_result_free(res);
    CHECK(tsl_verify("shared/vectors/tsl/libdigidocpp/test/data/EE_T-CA-withdrawn.xml", digidoc, NULL,
                     tsl_time("2024-11-15T00:00:00Z"), &res, NULL) == TM_OK);
    CHECK(tm_tsl_result_sequence_number(res) == 22);
    CHECK(tm_tsl_result_service_count(res) == 23);
    CHECK(strncmp(tm_tsl_result_service_name(res, 0), "TEST of ESTEID-SK 2011", 22) == 0);
    CHECK_STR(tm_tsl_result_service_status(res, 0),
              "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/supervisionrevoked");
    tm_tsl_result_free(res);
    CHECK(tsl_verify("shared/vectors/tsl/libdigidocpp/test/data/TSL.xml", digidoc, NULL,
                     tsl_time("2020-06-04T00:00:00Z"), &res, NULL) == TM_OK);
    CHECK_STR(tm_tsl_result_territory(res), "EE");
    CHECK(tm_tsl_result_sequence_number(res) == 4);
    tm_tsl_result_free(res);
    tsl_rejected("shared/vectors/tsl/libdigidocpp/test/data/xml-bomb-attr.xml", digidoc, NULL, at,
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

static tm_status saml_response(const char *file, const tm_issuer_trust *trust, const tm_policy *policy, int profile,
                               tm_replay_cache *cache, tm_saml_response **out, tm_error **err) {
    size_t len = 0;
    unsigned char *xml_bytes = saml_file(file, &len);
    tm_status st = tm_verify_saml_response(xml_bytes, len, trust, policy, SAML_AUDIENCE, SAML_ACS, "_req-4711", profile,
                                           TM_SAML_SIGNED_ANY, 180, SAML_NOW, cache, out, err);
    free(xml_bytes);
    return st;
}

static void test_saml_response(void) {
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    tm_replay_cache *cache = tm_replay_cache_new(100);
    tm_saml_response *res = NULL;
    tm_error *err = NULL;

    CHECK(saml_response("assertion-signed.xml", trust, NULL, TM_SAML_PROFILE_GENERIC, cache, &res, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_saml_response_id(res), "_resp-1");
    CHECK_STR(tm_saml_response_assertion_id(res), "_assert-1");
    CHECK_STR(tm_saml_response_issuer(res), "https://idp.example.org/");
    CHECK_STR(tm_saml_response_in_response_to(res), "_req-4711");
    CHECK_STR(tm_saml_response_destination(res), SAML_ACS);
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    CHECK_STR(tm_saml_response_name_id_format(res), "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    CHECK(tm_saml_response_attribute_count(res) == 2);
    CHECK_STR(tm_saml_response_attribute_name(res, 0), "urn:oid:2.5.4.42");
    CHECK_STR(tm_saml_response_attribute_friendly_name(res, 0), "givenName");
    CHECK_STR(tm_saml_response_attribute_name_format(res, 0), "urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
    CHECK(tm_saml_response_attribute_value_count(res, 0) == 1);
    CHECK_STR(tm_saml_response_attribute_value(res, 0, 0), "Ross");
    CHECK(tm_saml_response_attribute_name_format(res, 1) == NULL);
    CHECK(tm_saml_response_attribute_value_count(res, 1) == 2);
    CHECK_STR(tm_saml_response_attribute_value(res, 1, 1), "urn:example:staff");
    CHECK(tm_saml_response_attribute_value(res, 1, 2) == NULL);
    CHECK(tm_saml_response_attribute_name(res, 2) == NULL);
    CHECK(tm_saml_response_attribute_status(res, 0) == TM_SAML_ATTRIBUTE_STATUS_NONE);
    CHECK_STR(tm_saml_response_loa(res), "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
    CHECK(tm_saml_response_stork_qaa(res) == 0);
    CHECK_STR(tm_saml_response_session_index(res), "_session-1");
    CHECK(tm_saml_response_issue_instant(res) == SAML_NOW - 60);
    CHECK(tm_saml_response_not_on_or_after(res) == SAML_NOW + 240);
    CHECK(tm_saml_response_audience_count(res) == 1);
    CHECK_STR(tm_saml_response_audience(res, 0), SAML_AUDIENCE);
    CHECK(tm_saml_response_signed_by(res) == TM_SAML_SIGNED_ASSERTION);
    CHECK(tm_saml_response_report_count(res) == 1);
    const tm_result *report = tm_saml_response_report(res, 0);
    CHECK(report != NULL && strstr(tm_result_signer_subject(report), "signer RSA-2048") != NULL);
    CHECK_STR(tm_result_signature_algorithm(report), RSA_SHA256_URI);
    CHECK(tm_result_verified_at(report) == SAML_NOW);
    CHECK(tm_saml_response_report(res, 1) == NULL);
    CHECK(tm_replay_cache_len(cache) == 1);
    tm_saml_response_free(res);

    /* The same response again, with the same cache: a replay. */
    CHECK(saml_response("assertion-signed.xml", trust, NULL, TM_SAML_PROFILE_GENERIC, cache, &res, &err) == TM_SAML_REPLAY);
    CHECK(res == NULL);
    CHECK_STR(tm_error_code(err), "saml.replay");
    CHECK(strstr(tm_error_message(err), "_assert-1") != NULL);
    tm_error_free(err);
    err = NULL;
    /* Without a cache each call stands alone. */
    CHECK(saml_response("assertion-signed.xml", trust, NULL, TM_SAML_PROFILE_GENERIC, NULL, &res, NULL) == TM_OK);
    tm_saml_response_free(res);
    CHECK(saml_response("assertion-signed.xml", trust, NULL, TM_SAML_PROFILE_GENERIC, NULL, &res, NULL) == TM_OK);
    tm_saml_response_free(res);

    /* STORK: the attribute statuses and the QAA level (an rsa-sha1 signature). */
    tm_policy *sha1 = tm_policy_new();
    CHECK(saml_response("stork-legacy-sha1.xml", trust, sha1, TM_SAML_PROFILE_STORK, cache, &res, &err) == TM_DSIG_ALGORITHM_REFUSED);
    tm_error_free(err);
    err = NULL;
    CHECK(tm_policy_set_allow_sha1(sha1, true) == TM_OK);
    CHECK(saml_response("stork-legacy-sha1.xml", trust, sha1, TM_SAML_PROFILE_STORK, cache, &res, &err) == TM_OK);
    CHECK(tm_saml_response_attribute_count(res) == 4);
    CHECK_STR(tm_saml_response_attribute_name(res, 0), "http://www.stork.gov.eu/1.0/eIdentifier");
    CHECK_STR(tm_saml_response_attribute_value(res, 0, 0), "ES/AT/02635542Y");
    CHECK(tm_saml_response_attribute_status(res, 0) == TM_SAML_ATTRIBUTE_STATUS_AVAILABLE);
    CHECK(tm_saml_response_attribute_status(res, 1) == TM_SAML_ATTRIBUTE_STATUS_AVAILABLE);
    CHECK_STR(tm_saml_response_attribute_name(res, 2), "http://www.stork.gov.eu/1.0/dateOfBirth");
    CHECK(tm_saml_response_attribute_status(res, 2) == TM_SAML_ATTRIBUTE_STATUS_NOT_AVAILABLE);
    CHECK(tm_saml_response_attribute_value_count(res, 2) == 0);
    CHECK(tm_saml_response_attribute_status(res, 3) == TM_SAML_ATTRIBUTE_STATUS_WITHHELD);
    CHECK(tm_saml_response_attribute_status(res, 4) == TM_SAML_ATTRIBUTE_STATUS_NONE);
    CHECK(tm_saml_response_stork_qaa(res) == 3);
    CHECK(tm_result_legacy_count(tm_saml_response_report(res, 0)) > 0);
    CHECK(tm_replay_cache_len(cache) == 2);
    tm_saml_response_free(res);
    tm_policy_free(sha1);

    /* Trust per issuer: the right entity ID verifies, another one is unknown. */
    tm_trust_store *store = saml_store("leaf-rsa2048");
    tm_issuer_trust *idp = tm_issuer_trust_new();
    CHECK(tm_issuer_trust_add(idp, "https://idp.example.org/", store, NULL) == TM_OK);
    CHECK(saml_response("response-signed.xml", idp, NULL, TM_SAML_PROFILE_GENERIC, NULL, &res, NULL) == TM_OK);
    CHECK(tm_saml_response_signed_by(res) == TM_SAML_SIGNED_RESPONSE);
    tm_saml_response_free(res);
    tm_issuer_trust *other = tm_issuer_trust_new();
    CHECK(tm_issuer_trust_add(other, "https://other.example.org/", store, NULL) == TM_OK);
    CHECK(saml_response("response-signed.xml", other, NULL, TM_SAML_PROFILE_GENERIC, NULL, &res, &err) == TM_SAML_UNKNOWN_ISSUER);
    CHECK_STR(tm_error_code(err), "saml.unknown_issuer");
    tm_error_free(err);
    err = NULL;
    tm_issuer_trust_free(other);
    tm_issuer_trust_free(idp);
    tm_trust_store_free(store);

    /* Arguments. */
    size_t len = 0;
    unsigned char *msg = saml_file("assertion-signed.xml", &len);
    CHECK(tm_verify_saml_response(msg, len, NULL, NULL, SAML_AUDIENCE, SAML_ACS, NULL, 0, 0, 180, SAML_NOW, NULL, &res, NULL)
          == TM_NULL_POINTER);
    CHECK(tm_verify_saml_response(msg, len, trust, NULL, NULL, SAML_ACS, NULL, 0, 0, 180, SAML_NOW, NULL, &res, NULL)
          == TM_NULL_POINTER);
    CHECK(tm_verify_saml_response(msg, len, trust, NULL, SAML_AUDIENCE, SAML_ACS, NULL, 7, 0, 180, SAML_NOW, NULL, &res, &err)
          == TM_INVALID_ARGUMENT);
    CHECK(strstr(tm_error_message(err), "TM_SAML_PROFILE_") != NULL);
    tm_error_free(err);
    err = NULL;
    CHECK(tm_verify_saml_response(msg, len, trust, NULL, SAML_AUDIENCE, SAML_ACS, NULL, 0, 4, 180, SAML_NOW, NULL, &res, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(tm_verify_saml_response(msg, len, trust, NULL, SAML_AUDIENCE, SAML_ACS, NULL, 0, 0, -1, SAML_NOW, NULL, &res, NULL)
          == TM_INVALID_ARGUMENT);
    CHECK(tm_verify_saml_response(msg, len, (const tm_issuer_trust *)cache, NULL, SAML_AUDIENCE, SAML_ACS, NULL, 0, 0, 180,
                                  SAML_NOW, NULL, &res, NULL) == TM_INVALID_ARGUMENT);
    /* Unsolicited expected, but the response answers a request. */
    CHECK(tm_verify_saml_response(msg, len, trust, NULL, SAML_AUDIENCE, SAML_ACS, NULL, 0, 0, 180, SAML_NOW, NULL, &res, NULL)
          == TM_SAML_IN_RESPONSE_TO_MISMATCH);
    CHECK(res == NULL);
    free(msg);

    /* Accessors on NULL and dead handles. */
    CHECK(tm_saml_response_name_id(NULL) == NULL);
    CHECK(tm_saml_response_attribute_count(NULL) == 0);
    CHECK(tm_saml_response_not_on_or_after(NULL) == TM_NO_DATE);
    CHECK(tm_saml_response_signed_by(NULL) == TM_SAML_SIGNED_ANY);
    CHECK(tm_replay_cache_len(NULL) == 0);
    tm_saml_response_free(NULL);
    tm_issuer_trust_free(NULL);
    tm_replay_cache_free(NULL);

    tm_replay_cache_free(cache);
    tm_issuer_trust_free(trust);
}

/* Signed responses of tests/data/attacks (see its README): forged content where the
 * signature does not look, and assertions without what the profile requires of a bearer
 * assertion. Each is refused with its own status; the two genuine ones verify. */
static void test_saml_attacks(void) {
    static const struct {
        const char *file;
        int profile;
        tm_status status;
        const char *code;
    } cases[] = {
        {"saml-adfs.xml", TM_SAML_PROFILE_GENERIC, TM_OK, NULL},
        {"stork-qaa1.xml", TM_SAML_PROFILE_STORK, TM_OK, NULL},
        {"stork-object-qaa.xml", TM_SAML_PROFILE_STORK, TM_SAML_SIGNATURE_PROFILE, "saml.signature_profile"},
        {"saml-adfs-duplicate-xmlns.xml", TM_SAML_PROFILE_GENERIC, TM_XML_DUPLICATE_ATTRIBUTE,
         "xml.duplicate_attribute"},
        {"saml-adfs-no-audience.xml", TM_SAML_PROFILE_GENERIC, TM_SAML_AUDIENCE_MISSING, "saml.audience_missing"},
        {"saml-no-conditions.xml", TM_SAML_PROFILE_GENERIC, TM_SAML_AUDIENCE_MISSING, "saml.audience_missing"},
        {"saml-notbefore-after-notonorafter.xml", TM_SAML_PROFILE_GENERIC, TM_SAML_INVALID_TIME_WINDOW,
         "saml.invalid_time_window"},
        {"saml-unknown-condition.xml", TM_SAML_PROFILE_GENERIC, TM_SAML_UNKNOWN_CONDITION, "saml.unknown_condition"},
        {"saml-issuer-format-transient.xml", TM_SAML_PROFILE_GENERIC, TM_SAML_ISSUER_FORMAT, "saml.issuer_format"},
        {"saml-datetime-no-zone.xml", TM_SAML_PROFILE_GENERIC, TM_SAML_MALFORMED, "saml.malformed"},
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
        tm_status st = tm_verify_saml_response(msg, len, trust, NULL, SAML_AUDIENCE, SAML_ACS, "_req-4711",
                                               cases[i].profile, TM_SAML_SIGNED_ANY, 180, SAML_NOW - 60, NULL, &res,
                                               &err);
        CHECK(st == cases[i].status);
        if (st != cases[i].status) {
            fprintf(stderr, "  %s: got %s: %s\n", cases[i].file, tm_error_code_name(st),
                    st == TM_OK ? "" : tm_error_message(err));
        }
        if (cases[i].status == TM_OK) {
            CHECK(res != NULL && err == NULL);
            CHECK_STR(tm_saml_response_issuer(res), "https://idp.example.org/");
            if (cases[i].profile == TM_SAML_PROFILE_STORK) {
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

static void test_saml_request(void) {
    tm_issuer_trust *trust = saml_any("leaf-rsa2048");
    tm_saml_request *req = NULL;
    tm_error *err = NULL;
    size_t len = 0;
    unsigned char *msg = saml_file("stork-request.xml", &len);
    CHECK(tm_verify_saml_request(msg, len, trust, NULL, "https://peps.example.org/PEPS/ServiceProvider", TM_SAML_PROFILE_STORK,
                                 180, 600, SAML_NOW, &req, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_saml_request_id(req), "_stork-req-1");
    CHECK_STR(tm_saml_request_destination(req), "https://peps.example.org/PEPS/ServiceProvider");
    CHECK_STR(tm_saml_request_acs_url(req), SAML_ACS);
    CHECK_STR(tm_saml_request_provider_name(req), "DEMO-SP");
    CHECK(tm_saml_request_stork_qaa(req) == 3);
    CHECK_STR(tm_saml_request_stork_sp_sector(req), "EDU001");
    CHECK_STR(tm_saml_request_stork_sp_institution(req), "OXF001");
    CHECK_STR(tm_saml_request_stork_sp_application(req), "APP001");
    CHECK_STR(tm_saml_request_stork_sp_country(req), "XX");
    CHECK(tm_saml_request_attribute_count(req) == 2);
    CHECK_STR(tm_saml_request_attribute_name(req, 0), "http://www.stork.gov.eu/1.0/eIdentifier");
    CHECK(tm_saml_request_attribute_required(req, 0));
    CHECK(!tm_saml_request_attribute_required(req, 1));
    CHECK(tm_saml_request_attribute_name(req, 2) == NULL);
    CHECK(tm_saml_request_report(req) != NULL);
    CHECK(tm_saml_request_relay_state(req) == NULL);
    CHECK(tm_saml_request_redirect_signature_algorithm(req) == NULL);
    tm_saml_request_free(req);
    /* Another Destination. */
    CHECK(tm_verify_saml_request(msg, len, trust, NULL, "https://other.example/", TM_SAML_PROFILE_STORK, 180, 600, SAML_NOW, &req,
                                 NULL) == TM_SAML_DESTINATION_MISMATCH);
    free(msg);

    /* The Redirect binding: the query signature, RelayState, no XML report. */
    unsigned char *query = saml_file("redirect-request.query", &len);
    while (len > 0 && (query[len - 1] == '\n' || query[len - 1] == '\r')) {
        query[--len] = 0;
    }
    CHECK(tm_verify_saml_request_redirect(query, len, trust, NULL, NULL, TM_SAML_PROFILE_GENERIC, 180, 600, SAML_NOW, &req, &err)
          == TM_OK);
    CHECK_STR(tm_saml_request_id(req), "_eidas-req-1");
    CHECK_STR(tm_saml_request_relay_state(req), "state/42");
    CHECK_STR(tm_saml_request_redirect_signature_algorithm(req), RSA_SHA256_URI);
    CHECK(tm_saml_request_report(req) == NULL);
    CHECK_STR(tm_saml_request_sp_type(req), "public");
    CHECK(tm_saml_request_loa_count(req) == 1);
    CHECK_STR(tm_saml_request_loa(req, 0), "http://eidas.europa.eu/LoA/substantial");
    CHECK_STR(tm_saml_request_loa_comparison(req), "minimum");
    tm_saml_request_free(req);
    /* eIDAS refuses the PKCS#1 v1.5 query signature. */
    CHECK(tm_verify_saml_request_redirect(query, len, trust, NULL, NULL, TM_SAML_PROFILE_EIDAS, 180, 600, SAML_NOW, &req, NULL)
          == TM_DSIG_ALGORITHM_REFUSED);
    /* A changed RelayState breaks the signature. */
    char *relay = strstr((char *)query, "state%2F42");
    CHECK(relay != NULL);
    if (relay != NULL) {
        relay[9] = '3';
    }
    CHECK(tm_verify_saml_request_redirect(query, len, trust, NULL, NULL, TM_SAML_PROFILE_GENERIC, 180, 600, SAML_NOW, &req, NULL)
          == TM_CRYPTO_BAD_SIGNATURE);
    CHECK(req == NULL);
    free(query);
    CHECK(tm_saml_request_id(NULL) == NULL);
    CHECK(tm_saml_request_issue_instant(NULL) == TM_NO_DATE);
    tm_saml_request_free(NULL);
    tm_issuer_trust_free(trust);
}

static void test_saml_post_binding(void) {
    const char *value = "PHNhbWxwOlJl\r\nc3BvbnNlLz4=";
    char *out = NULL;
    size_t len = 0;
    tm_error *err = NULL;
    CHECK(tm_saml_decode_post_binding((const uint8_t *)value, strlen(value), "abc", &out, &len, &err) == TM_OK);
    CHECK_STR(out, "<samlp:Response/>");
    CHECK(len == 17);
    tm_string_free(out);
    CHECK(tm_saml_decode_post_binding((const uint8_t *)"!!!", 3, NULL, &out, NULL, &err) == TM_SAML_BINDING);
    CHECK(out == NULL);
    CHECK_STR(tm_error_code(err), "saml.binding");
    tm_error_free(err);
    char relay[82];
    memset(relay, 'r', 81);
    relay[81] = 0;
    CHECK(tm_saml_decode_post_binding((const uint8_t *)value, strlen(value), relay, &out, NULL, NULL) == TM_SAML_BINDING);
    relay[80] = 0;
    CHECK(tm_saml_decode_post_binding((const uint8_t *)value, strlen(value), relay, &out, NULL, NULL) == TM_OK);
    tm_string_free(out);
    /* "AA==" is one NUL byte: not XML, and not representable as a C string. */
    CHECK(tm_saml_decode_post_binding((const uint8_t *)"AA==", 4, NULL, &out, NULL, NULL) == TM_SAML_BINDING);
    CHECK(tm_saml_decode_post_binding(NULL, 0, NULL, &out, NULL, NULL) == TM_NULL_POINTER);
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
    test_service_group();
    test_extension_signatures();
    test_endpoint_checks();
    test_emreg();
    test_elmo();
    test_tsl_openncp();
    test_tsl_vectors();
    test_trust_store_keys();
    test_saml_response();
    test_saml_attacks();
    test_saml_request();
    test_saml_post_binding();

    free(pem);
    free(xml);
    return check_summary("c-api");
}
