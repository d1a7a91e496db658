/*
 * SAML metadata through the C API: tm_verify_metadata(), the chunked tm_metadata_stream,
 * tm_metadata_find_entity() and tm_metadata_entity_ids() on their results, and
 * tm_metadata_issuer_trust(), on the xmlsec1-signed eToegang-style aggregate of
 * tests/data/metadata/signed/, the identity provider metadata of tests/data/saml/signed/
 * and the signed attack documents of tests/data/attacks/signed/.
 *
 *   test_metadata REPO_ROOT SIGNER_SHA256
 *
 * SIGNER_SHA256 is the fingerprint of tests/data/metadata/signed/signer.pem as computed
 * by `openssl x509 -noout -fingerprint -sha256` (lowercase, without colons).
 *
 * Built by scripts/test-c.sh with gcc -Wall -Wextra -Werror -std=c11 against the shared
 * library and under AddressSanitizer + UndefinedBehaviorSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"
#include "check.h"

static const char *repo;
static const char *signer_sha256;
static unsigned char *agg;
static size_t agg_len;
static int64_t at;                  /* 2026-06-01T00:00:00Z */
static tm_metadata *agg_md;  /* the aggregate, verified in memory at `at` */

#define AD1 "urn:etoegang:AD:00000001000000000000:entities:1"
#define EB "urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice"
#define DV1 "urn:etoegang:DV:00000006000000000000:entities:1"
#define HM1 "urn:etoegang:HM:00000005000000000000:entities:1"
#define KR1 "urn:etoegang:KR:00000003000000000000:entities:1"
#define ROLE "urn:etoegang:role:"

/* The entities of the aggregate, in document order, with their groups. */
static const char *const agg_entities[7][2] = {
    {AD1, ROLE "Authenticatiediensten"},
    {"urn:etoegang:AD:00000001000000000001:entities:2", ROLE "Authenticatiediensten"},
    {"urn:etoegang:MR:00000002000000000000:entities:1", ROLE "Machtigingenregisters"},
    {KR1, ROLE "Koppelregisters"},
    {EB, ROLE "Interstelseldiensten"},
    {HM1, ROLE "Herkenningsmakelaars"},
    {DV1, ROLE "Dienstverleners"},
};

static unsigned char *repo_file(const char *rel, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", repo, rel);
    unsigned char *bytes = read_file(path, len);
    CHECK(bytes != NULL);
    return bytes;
}

static int64_t when(const char *rfc3339) {
    int64_t t = 0;
    CHECK(tm_parse_rfc3339(rfc3339, &t, NULL) == TM_OK);
    return t;
}

/* A new store holding the PEM or DER file `rel`. */
static tm_trust_store *store_of(const char *rel) {
    size_t len = 0;
    unsigned char *bytes = repo_file(rel, &len);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(bytes != NULL && tm_trust_store_add_pem(store, bytes, len, NULL) == TM_OK);
    free(bytes);
    return store;
}

static tm_trust_store *signer(void) {
    return store_of("tests/data/metadata/signed/signer.pem");
}

/* tm_verify_metadata() at `now` with `profile` (NULL: the default); a profile the
 * options refuse gives the setter's status. */
static tm_status verify_md(const uint8_t *xml, size_t len, const tm_trust_store *store, int64_t now,
                           const char *profile, tm_metadata **out, tm_error **err) {
    tm_verify_metadata_options *o = tm_verify_metadata_options_new();
    CHECK(tm_verify_metadata_options_set_now(o, now, NULL) == TM_OK);
    tm_status st = profile == NULL ? TM_OK : tm_verify_metadata_options_set_profile(o, profile, err);
    if (st == TM_OK) {
        st = tm_verify_metadata(xml, len, store, o, out, err);
    }
    tm_verify_metadata_options_free(o);
    return st;
}

/* tm_metadata_stream() at `now` with `profile`, as verify_md(). */
static tm_status stream_new(const tm_trust_store *store, int64_t now, const char *profile, tm_metadata_verifier **out,
                            tm_error **err) {
    tm_metadata_stream_options *o = tm_metadata_stream_options_new();
    CHECK(tm_metadata_stream_options_set_now(o, now, NULL) == TM_OK);
    tm_status st = profile == NULL ? TM_OK : tm_metadata_stream_options_set_profile(o, profile, err);
    if (st == TM_OK) {
        st = tm_metadata_stream(store, o, out, err);
    } else if (out != NULL) {
        *out = NULL;
    }
    tm_metadata_stream_options_free(o);
    return st;
}

/* tm_metadata_issuer_trust() at `now` with `profile` and `role` (NULL: the default). */
static tm_status issuer_trust(const uint8_t *xml, size_t len, const tm_trust_store *store, int64_t now,
                              const char *profile, const char *role, tm_issuer_trust **out, tm_error **err) {
    tm_metadata_issuer_trust_options *o = tm_metadata_issuer_trust_options_new();
    CHECK(tm_metadata_issuer_trust_options_set_now(o, now, NULL) == TM_OK);
    tm_status st = tm_metadata_issuer_trust_options_set_profile(o, profile, err);
    if (st == TM_OK && role != NULL) {
        st = tm_metadata_issuer_trust_options_set_role(o, role, err);
    }
    if (st == TM_OK) {
        st = tm_metadata_issuer_trust(xml, len, store, o, out, err);
    }
    tm_metadata_issuer_trust_options_free(o);
    return st;
}

static tm_status verify_file(const char *rel, const tm_trust_store *store, int64_t now, const char *profile,
                             tm_metadata **out, tm_error **err) {
    size_t len = 0;
    unsigned char *bytes = repo_file(rel, &len);
    tm_status st = verify_md(bytes, len, store, now, profile, out, err);
    free(bytes);
    return st;
}

/* Verifies `xml` in chunks of `chunk` bytes (a failure is final, so statuses of feeds
 * are not needed: finish gives it). */
static tm_status stream_verify(const unsigned char *xml, size_t len, const tm_trust_store *store, int64_t now,
                               const char *profile, size_t chunk, tm_metadata **out, tm_error **err) {
    tm_metadata_verifier *s = NULL;
    CHECK(stream_new(store, now, profile, &s, NULL) == TM_OK);
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        (void)tm_metadata_verifier_feed(s, xml + off, n, NULL);
    }
    tm_status st = tm_metadata_verifier_finish(s, out, err);
    tm_metadata_verifier_free(s);
    return st;
}

static int same_str(const char *a, const char *b) {
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Every summary accessor of `b` equals that of `a`. */
static int same_summary(const tm_metadata *a, const tm_metadata *b) {
    const tm_duration *ad = tm_metadata_cache_duration(a), *bd = tm_metadata_cache_duration(b);
    int same = same_str(tm_metadata_root(a), tm_metadata_root(b))
               && same_str(tm_metadata_id(a), tm_metadata_id(b))
               && same_str(tm_metadata_name(a), tm_metadata_name(b))
               && same_str(tm_metadata_entity_id(a), tm_metadata_entity_id(b))
               && tm_metadata_valid_until(a) == tm_metadata_valid_until(b)
               && (ad == NULL) == (bd == NULL)
               && tm_duration_months(ad) == tm_duration_months(bd) && tm_duration_seconds(ad) == tm_duration_seconds(bd)
               && tm_metadata_expires(a) == tm_metadata_expires(b)
               && same_str(tm_metadata_publisher(a), tm_metadata_publisher(b))
               && tm_metadata_creation_instant(a) == tm_metadata_creation_instant(b)
               && tm_metadata_entities(a) == tm_metadata_entities(b)
               && tm_metadata_groups_count(a) == tm_metadata_groups_count(b)
               && same_str(tm_etoegang_name_version(tm_metadata_etoegang(a)), tm_etoegang_name_version(tm_metadata_etoegang(b)))
               && same_str(tm_etoegang_name_environment(tm_metadata_etoegang(a)),
                           tm_etoegang_name_environment(tm_metadata_etoegang(b)))
               && tm_etoegang_name_sequence(tm_metadata_etoegang(a)) == tm_etoegang_name_sequence(tm_metadata_etoegang(b))
               && tm_metadata_nested_signatures(a) == tm_metadata_nested_signatures(b)
               && same_str(tm_metadata_signer_sha256(a), tm_metadata_signer_sha256(b))
               && same_str(tm_metadata_signature_algorithm(a), tm_metadata_signature_algorithm(b));
    for (size_t i = 0; same && i < tm_metadata_groups_count(a); i++) {
        same = same_str(tm_metadata_groups(a, i), tm_metadata_groups(b, i));
    }
    return same;
}

/* tm_metadata_entity_ids() of `a` and `b` succeed and give the same entities, in the
 * same order, with the same groups; `count` of them. */
static int same_entities(const tm_metadata *a, const tm_metadata *b, size_t count) {
    tm_entity_ref_list *la = NULL, *lb = NULL;
    int same = tm_metadata_entity_ids(a, &la, NULL) == TM_OK && tm_metadata_entity_ids(b, &lb, NULL) == TM_OK
               && tm_entity_ref_list_count(la) == count && tm_entity_ref_list_count(lb) == count;
    for (size_t i = 0; same && i < count; i++) {
        same = same_str(tm_entity_ref_entity_id(tm_entity_ref_list_get(la, i)), tm_entity_ref_entity_id(tm_entity_ref_list_get(lb, i)))
               && tm_entity_ref_entity_id(tm_entity_ref_list_get(la, i)) != NULL
               && same_str(tm_entity_ref_group(tm_entity_ref_list_get(la, i)), tm_entity_ref_group(tm_entity_ref_list_get(lb, i)));
    }
    tm_entity_ref_list_free(la);
    tm_entity_ref_list_free(lb);
    return same;
}

/* tm_metadata_find_entity() on a result that does not hold the document: refused with
 * TM_METADATA_NOT_HELD, `*out` cleared, never "not found". */
static void lookup_not_held(const tm_metadata *md, const char *id) {
    tm_metadata_entity *e = (tm_metadata_entity *)&e;
    tm_error *err = NULL;
    CHECK(tm_metadata_find_entity(md, id, &e, &err) == TM_METADATA_NOT_HELD);
    CHECK(e == NULL);
    CHECK_STR(tm_error_code(err), "metadata.not_held");
    CHECK(tm_error_status(err) == 1105);
    tm_error_free(err);
}

/* A copy of the aggregate with the first `from` replaced by `to` (same length). */
static unsigned char *tampered(const char *from, const char *to) {
    unsigned char *copy = malloc(agg_len + 1);
    memcpy(copy, agg, agg_len);
    copy[agg_len] = 0;
    char *hit = strstr((char *)copy, from);
    CHECK(hit != NULL && strlen(from) == strlen(to));
    if (hit != NULL) {
        memcpy(hit, to, strlen(to));
    }
    return copy;
}

static void test_summary(void) {
    tm_trust_store *store = signer();
    tm_metadata *md = NULL;
    tm_error *err = (tm_error *)&err; /* garbage: must be overwritten, never read */
    CHECK(verify_md(agg, agg_len, store, at, "etoegang", &md, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK_STR(tm_metadata_root(md), "EntitiesDescriptor");
    CHECK_STR(tm_metadata_id(md), "_agg-36");
    CHECK_STR(tm_metadata_name(md), "urn:etoegang:1.13:metadata:P:36");
    CHECK(tm_metadata_entity_id(md) == NULL);
    CHECK(tm_metadata_valid_until(md) == when("2026-07-01T00:00:00Z"));
    const tm_duration *cache = tm_metadata_cache_duration(md);
    CHECK(cache != NULL);
    CHECK(tm_duration_months(cache) == 0 && tm_duration_seconds(cache) == 7 * 86400);
    /* cacheDuration P7D from the verification time comes before validUntil. */
    CHECK(tm_metadata_expires(md) == when("2026-06-08T00:00:00Z"));
    CHECK_STR(tm_metadata_publisher(md), "urn:etoegang:publisher:test");
    CHECK(tm_metadata_creation_instant(md) == when("2026-05-28T12:00:00Z"));
    CHECK(tm_metadata_entities(md) == 7);
    CHECK(tm_metadata_groups_count(md) == 6);
    CHECK_STR(tm_metadata_groups(md, 0), ROLE "Authenticatiediensten");
    CHECK_STR(tm_metadata_groups(md, 3), ROLE "Interstelseldiensten");
    CHECK_STR(tm_metadata_groups(md, 5), ROLE "Dienstverleners");
    CHECK(tm_metadata_groups(md, 6) == NULL);
    CHECK_STR(tm_etoegang_name_version(tm_metadata_etoegang(md)), "1.13");
    CHECK_STR(tm_etoegang_name_environment(tm_metadata_etoegang(md)), "P");
    CHECK(tm_etoegang_name_sequence(tm_metadata_etoegang(md)) == 36);
    CHECK(!tm_metadata_streamed(md));
    CHECK(tm_metadata_nested_signatures(md) == 0);
    CHECK_STR(tm_metadata_signer_sha256(md), signer_sha256);
    CHECK(strstr(tm_metadata_signer_subject(md), "CN=trustmeta test signer RSA-2048") != NULL);
    CHECK_STR(tm_metadata_signature_algorithm(md), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    CHECK(tm_metadata_references_count(md) == 1);
    CHECK_STR(tm_reference_uri(tm_metadata_references(md, 0)), "#_agg-36");
    CHECK_STR(tm_reference_element(tm_metadata_references(md, 0)), "EntitiesDescriptor");
    CHECK(tm_metadata_verified_at(md) == at);
    tm_metadata_free(md);
    CHECK(tm_metadata_entities(md) == 0); /* dead handle */
    CHECK(tm_metadata_root(md) == NULL);

    /* Near the end, validUntil is the earlier bound. */
    CHECK(verify_md(agg, agg_len, store, when("2026-06-28T00:00:00Z"), "generic", &md,
                             NULL) == TM_OK);
    CHECK(tm_metadata_expires(md) == when("2026-07-01T00:00:00Z"));
    tm_metadata_free(md);

    /* A single EntityDescriptor: entityID, no groups, no cacheDuration. */
    tm_trust_store *federation = store_of("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem");
    CHECK(verify_file("tests/data/saml/signed/idp-metadata.xml", federation, when("2026-06-01T10:01:00Z"),
                      "generic", &md, NULL) == TM_OK);
    CHECK_STR(tm_metadata_root(md), "EntityDescriptor");
    CHECK_STR(tm_metadata_entity_id(md), "https://idp.example.org/");
    CHECK_STR(tm_metadata_id(md), "_idp-md");
    CHECK(tm_metadata_name(md) == NULL);
    CHECK(tm_metadata_valid_until(md) == when("2027-01-01T00:00:00Z"));
    CHECK(tm_metadata_expires(md) == when("2027-01-01T00:00:00Z"));
    CHECK(tm_metadata_cache_duration(md) == NULL);
    CHECK(tm_duration_months(tm_metadata_cache_duration(md)) == 0 && tm_duration_seconds(tm_metadata_cache_duration(md)) == 0);
    CHECK(tm_metadata_entities(md) == 1);
    CHECK(tm_metadata_groups_count(md) == 0);
    CHECK(tm_etoegang_name_version(tm_metadata_etoegang(md)) == NULL);
    CHECK(tm_etoegang_name_sequence(tm_metadata_etoegang(md)) == 0);
    CHECK(tm_metadata_publisher(md) == NULL);
    CHECK(tm_metadata_creation_instant(md) == TM_NO_DATE);
    tm_metadata_free(md);
    tm_trust_store_free(federation);
    tm_trust_store_free(store);
}

/* verify_file(...) fails with `status` and `code`, and leaves no result. */
static void rejected(const char *rel, const tm_trust_store *store, int64_t now, const char *profile, tm_status status,
                     const char *code) {
    tm_metadata *md = (tm_metadata *)&md;
    tm_error *err = NULL;
    tm_status st = verify_file(rel, store, now, profile, &md, &err);
    CHECK(st == status);
    if (st != status) {
        fprintf(stderr, "  %s: got %s: %s\n", rel, tm_error_code_name(st), tm_error_message(err));
    }
    CHECK(md == NULL);
    CHECK_STR(tm_error_code(err), code);
    CHECK(tm_error_status(err) == status);
    tm_error_free(err);
}

static void test_rejections(void) {
    tm_trust_store *store = signer();
    /* Signed and fine as SAML metadata, but not eToegang aggregates. */
    const char *not_etoegang[] = {"tests/data/metadata/signed/etoegang-bad-name.xml",
                                  "tests/data/metadata/signed/etoegang-missing-group.xml"};
    for (size_t i = 0; i < 2; i++) {
        tm_metadata *md = NULL;
        CHECK(verify_file(not_etoegang[i], store, at, "generic", &md, NULL) == TM_OK);
        tm_metadata_free(md);
        rejected(not_etoegang[i], store, at, "etoegang", TM_METADATA_PROFILE, "metadata.profile");
    }
    tm_metadata *md = NULL;
    CHECK(verify_file(not_etoegang[0], store, at, "generic", &md, NULL) == TM_OK);
    CHECK_STR(tm_metadata_name(md), "https://federation.example.nl/metadata");
    CHECK(tm_etoegang_name_version(tm_metadata_etoegang(md)) == NULL);
    CHECK(tm_etoegang_name_environment(tm_metadata_etoegang(md)) == NULL);
    CHECK(tm_etoegang_name_sequence(tm_metadata_etoegang(md)) == 0);
    tm_metadata_free(md);

    rejected("tests/data/metadata/signed/aggregate-signature-last.xml", store, at, "generic",
             TM_DSIG_MALFORMED, "dsig.malformed");
    /* At validUntil (2026-07-01T00:00:00Z) and after. */
    rejected("tests/data/metadata/signed/aggregate.xml", store, when("2026-07-01T00:00:00Z"),
             "generic", TM_METADATA_EXPIRED, "metadata.expired");
    rejected("tests/data/metadata/signed/aggregate.xml", store, when("2027-01-01T00:00:00Z"),
             "etoegang", TM_METADATA_EXPIRED, "metadata.expired");
    rejected("tests/data/sample/smp-signed.xml", store, at, "generic", TM_METADATA_UNKNOWN_DOCUMENT,
             "metadata.unknown_document");
    tm_trust_store *other = store_of("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem");
    rejected("tests/data/metadata/signed/aggregate.xml", other, at, "generic",
             TM_PKI_UNTRUSTED_SIGNER, "pki.untrusted_signer");
    tm_trust_store_free(other);

    /* One byte of signed content changed: an entity's SSO location. */
    unsigned char *bad = tampered("https://idp.example.nl/sso", "https://idp.example.nl/ssp");
    tm_error *err = NULL;
    CHECK(verify_md(bad, agg_len, store, at, "etoegang", &md, &err)
          == TM_DSIG_DIGEST_MISMATCH);
    CHECK(md == NULL);
    CHECK_STR(tm_error_code(err), "dsig.digest_mismatch");
    tm_error_free(err);
    free(bad);
    /* The sequence number is signed too: a replayed older aggregate cannot be renumbered. */
    bad = tampered(":metadata:P:36", ":metadata:P:37");
    CHECK(verify_md(bad, agg_len, store, at, "etoegang", &md, NULL)
          == TM_DSIG_DIGEST_MISMATCH);
    free(bad);

    /* Misuse. */
    CHECK(verify_md(NULL, 0, store, at, "generic", &md, &err) == TM_NULL_POINTER);
    CHECK_STR(tm_error_code(err), "api.null_pointer");
    tm_error_free(err);
    CHECK(verify_md(agg, agg_len, NULL, at, "generic", &md, NULL) == TM_NULL_POINTER);
    CHECK(verify_md(agg, agg_len, store, at, "generic", NULL, NULL) == TM_NULL_POINTER);
    CHECK(verify_md(agg, agg_len, store, at, "x", &md, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_message(err), "verify_metadata() argument 'profile' must be \"generic\" or \"etoegang\", not \"x\"");
    tm_error_free(err);
    tm_verify_options *policy = tm_verify_options_new(); /* a live handle of another kind */
    CHECK(verify_md(agg, agg_len, (const tm_trust_store *)policy, at, "generic", &md, NULL)
          == TM_INVALID_ARGUMENT);
    tm_verify_options_free(policy);
    CHECK(md == NULL);
    tm_trust_store_free(store);
    /* A freed store is refused, not read. */
    CHECK(verify_md(agg, agg_len, store, at, "generic", &md, NULL) == TM_INVALID_ARGUMENT);
}

static void test_stream(void) {
    tm_trust_store *store = signer();
    tm_metadata *mem = NULL;
    CHECK(verify_md(agg, agg_len, store, at, "etoegang", &mem, NULL) == TM_OK);
    const size_t chunks[] = {1, 7, 64, 1000, 4096, 1 << 20};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        tm_metadata *md = NULL;
        tm_error *err = NULL;
        tm_status st = stream_verify(agg, agg_len, store, at, "etoegang", chunks[i], &md, &err);
        CHECK(st == TM_OK);
        if (st != TM_OK) {
            fprintf(stderr, "  chunk %zu: %s\n", chunks[i], tm_error_message(err));
        }
        CHECK(tm_metadata_streamed(md));
        CHECK(same_summary(mem, md));
        CHECK(tm_etoegang_name_sequence(tm_metadata_etoegang(md)) == 36);
        /* The stream lists the entities the in-memory verification lists, but holds no
         * document to read one from. */
        CHECK(same_entities(mem, md, 7));
        lookup_not_held(md, AD1);
        lookup_not_held(md, "urn:example:none");
        tm_metadata_free(md);
        tm_error_free(err);
    }
    tm_metadata_free(mem);

    /* The stream keeps its own copy of the store. */
    tm_metadata_verifier *s = NULL;
    CHECK(stream_new(store, at, "generic", &s, NULL) == TM_OK);
    tm_trust_store *gone = signer();
    tm_metadata_verifier *s2 = NULL;
    CHECK(stream_new(gone, at, "generic", &s2, NULL) == TM_OK);
    tm_trust_store_free(gone);
    CHECK(tm_metadata_verifier_feed(s2, agg, agg_len, NULL) == TM_OK);
    CHECK(tm_metadata_verifier_feed(s2, NULL, 0, NULL) == TM_OK);
    tm_metadata *md = NULL;
    CHECK(tm_metadata_verifier_finish(s2, &md, NULL) == TM_OK);
    CHECK(tm_metadata_entities(md) == 7);
    tm_metadata_free(md);
    /* Finished: no more input, no second result. */
    tm_error *err = NULL;
    CHECK(tm_metadata_verifier_feed(s2, agg, 1, &err) == TM_INVALID_ARGUMENT);
    CHECK(strstr(tm_error_message(err), "finished") != NULL);
    tm_error_free(err);
    CHECK(tm_metadata_verifier_finish(s2, &md, NULL) == TM_INVALID_ARGUMENT);
    CHECK(md == NULL);
    tm_metadata_verifier_free(s2);
    tm_metadata_verifier_free(s2); /* a double free is ignored */

    /* A tampered byte fails, on every chunking; the failure is final. */
    unsigned char *bad = tampered("https://idp.example.nl/sso", "https://idp.example.nl/ssp");
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        md = (tm_metadata *)&md;
        CHECK(stream_verify(bad, agg_len, store, at, "generic", chunks[i], &md, &err)
              == TM_DSIG_DIGEST_MISMATCH);
        CHECK(md == NULL);
        CHECK_STR(tm_error_code(err), "dsig.digest_mismatch");
        tm_error_free(err);
    }
    free(bad);
    for (size_t i = 0; i < agg_len; i += 997) {
        CHECK(tm_metadata_verifier_feed(s, agg + i, agg_len - i < 997 ? agg_len - i : 997, NULL) == TM_OK);
    }
    CHECK(tm_metadata_verifier_feed(s, (const uint8_t *)"<x/>", 4, &err) == TM_XML_MALFORMED);
    CHECK_STR(tm_error_code(err), "xml.malformed");
    tm_error_free(err);
    CHECK(tm_metadata_verifier_feed(s, agg, 10, NULL) == TM_XML_MALFORMED);
    CHECK(tm_metadata_verifier_finish(s, &md, &err) == TM_XML_MALFORMED);
    CHECK(md == NULL);
    tm_error_free(err);
    CHECK(tm_metadata_verifier_finish(s, &md, NULL) == TM_XML_MALFORMED);
    tm_metadata_verifier_free(s);

    /* A document cut short; a profile failure at the end; an expired aggregate. */
    CHECK(stream_verify(agg, agg_len - 30, store, at, "generic", 4096, &md, &err)
          == TM_XML_MALFORMED);
    tm_error_free(err);
    size_t len = 0;
    unsigned char *bad_name = repo_file("tests/data/metadata/signed/etoegang-bad-name.xml", &len);
    CHECK(stream_verify(bad_name, len, store, at, "etoegang", 100, &md, NULL) == TM_METADATA_PROFILE);
    CHECK(stream_verify(bad_name, len, store, at, "generic", 100, &md, NULL) == TM_OK);
    tm_metadata_free(md);
    free(bad_name);
    CHECK(stream_verify(agg, agg_len, store, when("2026-07-01T00:00:00Z"), "generic", 512, &md, NULL)
          == TM_METADATA_EXPIRED);

    /* Misuse. */
    CHECK(stream_new(NULL, at, "generic", &s, NULL) == TM_NULL_POINTER);
    CHECK(s == NULL);
    CHECK(stream_new(store, at, "x", &s, NULL) == TM_INVALID_ARGUMENT);
    CHECK(stream_new(store, at, "generic", NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_verifier_feed(NULL, agg, 1, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_verifier_finish(NULL, &md, NULL) == TM_NULL_POINTER);
    CHECK(stream_new(store, at, "generic", &s, NULL) == TM_OK);
    CHECK(tm_metadata_verifier_feed(s, NULL, 5, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_verifier_finish(s, NULL, NULL) == TM_NULL_POINTER);
    /* A stream is not a result, and a result is not a stream. */
    CHECK(tm_metadata_entities((const tm_metadata *)s) == 0);
    tm_metadata_free((tm_metadata *)s);
    CHECK(tm_metadata_verifier_feed(s, agg, agg_len, NULL) == TM_OK); /* still live */
    tm_metadata_verifier_free(s);
    CHECK(tm_metadata_verifier_feed(s, agg, 1, NULL) == TM_INVALID_ARGUMENT); /* freed */
    tm_metadata_verifier_free(NULL);
    tm_trust_store_free(store);
}

static tm_metadata_entity *find_in(const tm_metadata *md, const char *id) {
    tm_metadata_entity *e = (tm_metadata_entity *)&e;
    tm_error *err = (tm_error *)&err;
    tm_status st = tm_metadata_find_entity(md, id, &e, &err);
    CHECK(st == TM_OK);
    CHECK(err == NULL);
    if (st != TM_OK) {
        fprintf(stderr, "  %s: %s\n", id, tm_error_message(err));
        tm_error_free(err);
    }
    return e;
}

static tm_metadata_entity *find(const char *id) {
    return find_in(agg_md, id);
}

static void test_find_entity(void) {
    tm_metadata_entity *e = find(AD1);
    CHECK(e != NULL);
    CHECK_STR(tm_metadata_entity_entity_id(e), AD1);
    CHECK(tm_metadata_entity_roles_count(e) == 1);
    CHECK_STR(tm_metadata_entity_roles(e, 0), "IDPSSODescriptor");
    CHECK(tm_metadata_entity_roles(e, 1) == NULL);
    CHECK(tm_metadata_entity_signing_certificates_count(e) == 1);
    size_t len = 99;
    const uint8_t *der = tm_metadata_entity_signing_certificates(e, 0, &len);
    CHECK(der != NULL && len > 500 && der[0] == 0x30 && der[1] == 0x82);
    CHECK(der != NULL && len == (size_t)((der[2] << 8 | der[3]) + 4)); /* one DER SEQUENCE, all of it */
    /* The DER bytes make a trust store (the entity's key, for its messages). */
    tm_trust_store *keys = tm_trust_store_new();
    CHECK(tm_trust_store_add_keys_pem(keys, der, len, NULL) == TM_OK);
    CHECK(tm_trust_store_len(keys) == 1);
    tm_trust_store_free(keys);
    CHECK(tm_metadata_entity_signing_certificates(e, 1, &len) == NULL);
    CHECK(len == 0);
    CHECK(tm_metadata_entity_encryption_certificates_count(e) == 0);
    CHECK(tm_metadata_entity_encryption_certificates(e, 0, NULL) == NULL);
    CHECK(tm_metadata_entity_endpoints_count(e) == 1);
    CHECK_STR(tm_metadata_endpoint_role(tm_metadata_entity_endpoints(e, 0)), "IDPSSODescriptor");
    CHECK_STR(tm_metadata_endpoint_kind(tm_metadata_entity_endpoints(e, 0)), "SingleSignOnService");
    CHECK_STR(tm_metadata_endpoint_binding(tm_metadata_entity_endpoints(e, 0)), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    CHECK_STR(tm_metadata_endpoint_location(tm_metadata_entity_endpoints(e, 0)), "https://idp.example.nl/sso");
    CHECK(tm_metadata_endpoint_index(tm_metadata_entity_endpoints(e, 0)) == TM_NO_INT);
    CHECK(tm_metadata_endpoint_location(tm_metadata_entity_endpoints(e, 1)) == NULL);
    CHECK(tm_metadata_entity_display_names_count(e) == 1);
    CHECK_STR(tm_lang_string_lang(tm_metadata_entity_display_names(e, 0)), "nl");
    CHECK_STR(tm_lang_string_text(tm_metadata_entity_display_names(e, 0)), AD1 " & co");
    CHECK(tm_metadata_entity_entity_categories_count(e) == 1);
    CHECK_STR(tm_metadata_entity_entity_categories(e, 0), "http://refeds.org/category/research-and-scholarship");
    CHECK_STR(tm_metadata_entity_organization_name(e), "Org " AD1);
    CHECK(tm_metadata_entity_contact_emails_count(e) == 1);
    CHECK_STR(tm_metadata_entity_contact_emails(e, 0), "mailto:ops@example.nl");
    CHECK_STR(tm_metadata_entity_group(e), ROLE "Authenticatiediensten");
    CHECK_STR(tm_metadata_entity_etoegang_role(e), "AD");
    CHECK(tm_metadata_entity_acts_as(e, "AD"));
    CHECK(tm_metadata_entity_acts_as(e, "ad"));
    CHECK(!tm_metadata_entity_acts_as(e, "MR"));
    CHECK(!tm_metadata_entity_acts_as(e, "XX"));
    CHECK(!tm_metadata_entity_acts_as(e, NULL));
    tm_metadata_entity_free(e);
    CHECK(tm_metadata_entity_entity_id(e) == NULL); /* dead handle */

    /* The eIDAS-berichtenservice: listed under Interstelseldiensten, validated as
     * authentication service and mandate register too. */
    e = find(EB);
    CHECK(e != NULL);
    CHECK_STR(tm_metadata_entity_group(e), ROLE "Interstelseldiensten");
    CHECK_STR(tm_metadata_entity_etoegang_role(e), "EB");
    CHECK(tm_metadata_entity_acts_as(e, "EB"));
    CHECK(tm_metadata_entity_acts_as(e, "AD"));
    CHECK(tm_metadata_entity_acts_as(e, "MR"));
    CHECK(!tm_metadata_entity_acts_as(e, "KR"));
    CHECK(!tm_metadata_entity_acts_as(e, "HM"));
    CHECK(!tm_metadata_entity_acts_as(e, "DV"));
    tm_metadata_entity_free(e);

    e = find(DV1);
    CHECK(e != NULL);
    CHECK_STR(tm_metadata_entity_roles(e, 0), "SPSSODescriptor");
    CHECK_STR(tm_metadata_entity_etoegang_role(e), "DV");
    CHECK(!tm_metadata_entity_acts_as(e, "AD"));
    CHECK_STR(tm_metadata_endpoint_kind(tm_metadata_entity_endpoints(e, 0)), "AssertionConsumerService");
    CHECK_STR(tm_metadata_endpoint_location(tm_metadata_entity_endpoints(e, 0)), "https://sp.example.nl/acs");
    CHECK(tm_metadata_endpoint_index(tm_metadata_entity_endpoints(e, 0)) == 0);
    tm_metadata_entity_free(e);

    e = find(KR1);
    CHECK(e != NULL);
    CHECK_STR(tm_metadata_entity_roles(e, 0), "AttributeAuthorityDescriptor");
    CHECK_STR(tm_metadata_endpoint_kind(tm_metadata_entity_endpoints(e, 0)), "AttributeService");
    CHECK_STR(tm_metadata_endpoint_binding(tm_metadata_entity_endpoints(e, 0)), "urn:oasis:names:tc:SAML:2.0:bindings:SOAP");
    CHECK_STR(tm_metadata_entity_etoegang_role(e), "KR");
    tm_metadata_entity_free(e);

    /* Not found is TM_OK with no entity: a prefix, a longer ID, the empty string. */
    CHECK(find("urn:etoegang:AD:00000001000000000000:entities") == NULL);
    CHECK(find(AD1 "0") == NULL);
    CHECK(find("") == NULL);

    /* An entity does not depend on its result, nor a result on the options that verified
     * it (whose limits it keeps for the lookups). */
    tm_trust_store *store = signer();
    tm_verify_metadata_options *policy = tm_verify_metadata_options_new();
    CHECK(tm_verify_metadata_options_set_now(policy, at, NULL) == TM_OK);
    tm_metadata *md = NULL;
    CHECK(tm_verify_metadata(agg, agg_len, store, policy, &md, NULL) == TM_OK);
    tm_verify_metadata_options_free(policy);
    e = find_in(md, EB);
    tm_metadata_free(md);
    CHECK_STR(tm_metadata_entity_entity_id(e), EB);
    CHECK_STR(tm_metadata_endpoint_location(tm_metadata_entity_endpoints(e, 0)), "https://idp.example.nl/sso");
    tm_metadata_entity_free(e);

    /* Misuse: NULL, a freed result, a handle of another kind, an entityID that is not
     * UTF-8. `*out` and `*err` are set either way. */
    tm_error *err = NULL;
    e = (tm_metadata_entity *)&e;
    CHECK(tm_metadata_find_entity(NULL, AD1, &e, &err) == TM_NULL_POINTER);
    CHECK(e == NULL);
    CHECK_STR(tm_error_code(err), "api.null_pointer");
    CHECK(strstr(tm_error_message(err), "result") != NULL);
    tm_error_free(err);
    CHECK(tm_metadata_find_entity(agg_md, NULL, &e, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_find_entity(agg_md, AD1, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_metadata_find_entity(agg_md, "\xff", &e, NULL) == TM_INVALID_ARGUMENT);
    e = (tm_metadata_entity *)&e;
    CHECK(tm_metadata_find_entity(md, AD1, &e, &err) == TM_INVALID_ARGUMENT); /* freed above */
    CHECK(e == NULL);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    tm_error_free(err);
    CHECK(tm_metadata_find_entity((const tm_metadata *)store, AD1, &e, NULL) == TM_INVALID_ARGUMENT);
    tm_trust_store_free(store);
    CHECK(tm_metadata_entity_roles_count(NULL) == 0);
    CHECK(!tm_metadata_entity_acts_as(NULL, "AD"));
    CHECK(tm_metadata_endpoint_index(tm_metadata_entity_endpoints(NULL, 0)) == TM_NO_INT);
    tm_metadata_entity_free(NULL);
}

static void test_list_entities(void) {
    const char *const(*want)[2] = agg_entities;
    tm_entity_ref_list *list = (tm_entity_ref_list *)&list;
    tm_error *err = (tm_error *)&err;
    CHECK(tm_metadata_entity_ids(agg_md, &list, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_entity_ref_list_count(list) == 7);
    CHECK((int64_t)tm_entity_ref_list_count(list) == tm_metadata_entities(agg_md));
    for (size_t i = 0; i < 7; i++) {
        CHECK_STR(tm_entity_ref_entity_id(tm_entity_ref_list_get(list, i)), want[i][0]);
        CHECK_STR(tm_entity_ref_group(tm_entity_ref_list_get(list, i)), want[i][1]);
    }
    CHECK(tm_entity_ref_entity_id(tm_entity_ref_list_get(list, 7)) == NULL);
    CHECK(tm_entity_ref_group(tm_entity_ref_list_get(list, 7)) == NULL);
    tm_entity_ref_list_free(list);
    CHECK(tm_entity_ref_list_count(list) == 0);

    /* A document that is one EntityDescriptor lists and finds that entity. A list
     * outlives its result. */
    tm_trust_store *federation = store_of("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem");
    tm_metadata *md = NULL;
    CHECK(verify_file("tests/data/saml/signed/idp-metadata.xml", federation, when("2026-06-01T10:01:00Z"),
                      "generic", &md, NULL) == TM_OK);
    tm_trust_store_free(federation);
    tm_metadata_entity *e = find_in(md, "https://idp.example.org/");
    CHECK(e != NULL);
    CHECK(tm_metadata_entity_roles_count(e) == 1);
    CHECK_STR(tm_metadata_entity_roles(e, 0), "IDPSSODescriptor");
    CHECK(tm_metadata_entity_group(e) == NULL);
    tm_metadata_entity_free(e);
    CHECK(tm_metadata_entity_ids(md, &list, NULL) == TM_OK);
    tm_metadata_free(md);
    CHECK(tm_entity_ref_list_count(list) == 1);
    CHECK_STR(tm_entity_ref_entity_id(tm_entity_ref_list_get(list, 0)), "https://idp.example.org/");
    CHECK(tm_entity_ref_group(tm_entity_ref_list_get(list, 0)) == NULL);
    CHECK(tm_entity_ref_entity_id(tm_entity_ref_list_get(list, 1)) == NULL);
    tm_entity_ref_list_free(list);

    /* Misuse. */
    list = (tm_entity_ref_list *)&list;
    CHECK(tm_metadata_entity_ids(NULL, &list, &err) == TM_NULL_POINTER);
    CHECK(list == NULL);
    CHECK_STR(tm_error_code(err), "api.null_pointer");
    tm_error_free(err);
    CHECK(tm_metadata_entity_ids(agg_md, NULL, NULL) == TM_NULL_POINTER);
    list = (tm_entity_ref_list *)&list;
    CHECK(tm_metadata_entity_ids(md, &list, &err) == TM_INVALID_ARGUMENT); /* freed above */
    CHECK(list == NULL);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    tm_error_free(err);
    tm_verify_options *policy = tm_verify_options_new();
    CHECK(tm_metadata_entity_ids((const tm_metadata *)policy, &list, NULL) == TM_INVALID_ARGUMENT);
    tm_verify_options_free(policy);
    tm_entity_ref_list_free(NULL);
}

/* The bytes of signing certificate `index` of `e` equal those of `f`'s. */
static int same_signing_certificate(const tm_metadata_entity *e, const tm_metadata_entity *f, size_t index) {
    size_t a_len = 0, b_len = 0;
    const uint8_t *a = tm_metadata_entity_signing_certificates(e, index, &a_len);
    const uint8_t *b = tm_metadata_entity_signing_certificates(f, index, &b_len);
    return a != NULL && b != NULL && a_len == b_len && a_len > 0 && memcmp(a, b, a_len) == 0;
}

/* What a lookup says of an entity, compared accessor by accessor. */
static int same_entity(const tm_metadata_entity *e, const tm_metadata_entity *f) {
    int same = e != NULL && f != NULL && same_str(tm_metadata_entity_entity_id(e), tm_metadata_entity_entity_id(f))
               && tm_metadata_entity_roles_count(e) == tm_metadata_entity_roles_count(f)
               && same_str(tm_metadata_entity_roles(e, 0), tm_metadata_entity_roles(f, 0))
               && tm_metadata_entity_signing_certificates_count(e) == tm_metadata_entity_signing_certificates_count(f)
               && tm_metadata_entity_endpoints_count(e) == tm_metadata_entity_endpoints_count(f)
               && same_str(tm_metadata_endpoint_kind(tm_metadata_entity_endpoints(e, 0)), tm_metadata_endpoint_kind(tm_metadata_entity_endpoints(f, 0)))
               && same_str(tm_metadata_endpoint_location(tm_metadata_entity_endpoints(e, 0)), tm_metadata_endpoint_location(tm_metadata_entity_endpoints(f, 0)))
               && tm_metadata_endpoint_index(tm_metadata_entity_endpoints(e, 0)) == tm_metadata_endpoint_index(tm_metadata_entity_endpoints(f, 0))
               && same_str(tm_lang_string_text(tm_metadata_entity_display_names(e, 0)), tm_lang_string_text(tm_metadata_entity_display_names(f, 0)))
               && same_str(tm_lang_string_lang(tm_metadata_entity_display_names(e, 0)), tm_lang_string_lang(tm_metadata_entity_display_names(f, 0)))
               && same_str(tm_metadata_entity_entity_categories(e, 0), tm_metadata_entity_entity_categories(f, 0))
               && same_str(tm_metadata_entity_organization_name(e), tm_metadata_entity_organization_name(f))
               && same_str(tm_metadata_entity_contact_emails(e, 0), tm_metadata_entity_contact_emails(f, 0))
               && same_str(tm_metadata_entity_group(e), tm_metadata_entity_group(f))
               && same_str(tm_metadata_entity_etoegang_role(e), tm_metadata_entity_etoegang_role(f));
    for (size_t i = 0; same && i < tm_metadata_entity_signing_certificates_count(e); i++) {
        same = same_signing_certificate(e, f, i);
    }
    return same;
}

/* Where `needle` first occurs in the aggregate. */
static size_t offset_in_agg(const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= agg_len; i++) {
        if (memcmp(agg + i, needle, n) == 0) {
            return i;
        }
    }
    CHECK(!"needle in the aggregate");
    return 0;
}

/* The aggregate above 4 MiB, the size from which tm_verify_metadata() reads a document
 * with the streaming verifier: 5 MiB of line breaks (in runs of 1 MiB, each after an
 * empty comment) before the document element. They are outside the signed element (the
 * signature covers the document element, #_agg-36), so the signature still verifies, and
 * every entity moves 5 MiB further in. */
static void test_large_document(void) {
    const size_t piece = 1024 * 1024, pad = 5 * piece;
    size_t root = offset_in_agg("<md:EntitiesDescriptor ");
    size_t big_len = agg_len + pad;
    unsigned char *big = malloc(big_len);
    CHECK(big != NULL);
    if (big == NULL) {
        return;
    }
    memcpy(big, agg, root);
    for (size_t i = 0; i < pad / piece; i++) {
        unsigned char *c = big + root + i * piece;
        memcpy(c, "<!---->", 7);
        memset(c + 7, '\n', piece - 7);
    }
    memcpy(big + root + pad, agg + root, agg_len - root);

    tm_trust_store *store = signer();
    /* The stream lists the entities and holds nothing. */
    tm_metadata *streamed = NULL;
    CHECK(stream_verify(big, big_len, store, at, "etoegang", 65536, &streamed, NULL) == TM_OK);
    CHECK(same_summary(agg_md, streamed));
    CHECK(same_entities(agg_md, streamed, 7));
    lookup_not_held(streamed, AD1);
    tm_metadata_free(streamed);

    tm_metadata *md = NULL;
    tm_error *err = NULL;
    tm_status st = verify_md(big, big_len, store, at, "etoegang", &md, &err);
    CHECK(st == TM_OK);
    if (st != TM_OK) {
        fprintf(stderr, "  large aggregate: %s\n", tm_error_message(err));
        tm_error_free(err);
    }
    tm_trust_store_free(store);
    /* The result holds its own copy of what verified: the caller's bytes may go. */
    memset(big, '<', big_len);
    free(big);
    CHECK(tm_metadata_streamed(md));
    CHECK(same_summary(agg_md, md));
    CHECK(same_entities(agg_md, md, 7));
    for (size_t i = 0; i < 7; i++) {
        tm_metadata_entity *e = find(agg_entities[i][0]);
        tm_metadata_entity *f = find_in(md, agg_entities[i][0]);
        CHECK(same_entity(e, f));
        CHECK_STR(tm_metadata_entity_group(f), agg_entities[i][1]);
        tm_metadata_entity_free(e);
        tm_metadata_entity_free(f);
    }
    CHECK(find_in(md, "urn:example:none") == NULL);
    CHECK(find_in(md, AD1 "0") == NULL);
    tm_metadata_free(md);
}

/* Signed documents whose forged content sits where the signature does not look
 * (tests/data/attacks/README.md): inside a ds:Object of a signature. */
static void test_attacks(void) {
    tm_trust_store *store = signer();
    int64_t now = when("2026-06-01T10:00:00Z");
    tm_error *err = NULL;
    size_t len = 0;

    /* An EntityDescriptor for https://idp.example.org/, with the attacker's key, in a
     * ds:Object of the aggregate's own signature: the metadata profile has no use for
     * a ds:Object, so the document is refused on every path, and gives no trust. */
    const char *object = "tests/data/attacks/signed/metadata-object-entity.xml";
    rejected(object, store, now, "generic", TM_DSIG_OBJECT_REFUSED, "dsig.object_refused");
    rejected(object, store, now, "etoegang", TM_DSIG_OBJECT_REFUSED, "dsig.object_refused");
    CHECK(TM_DSIG_OBJECT_REFUSED == 216);
    unsigned char *bytes = repo_file(object, &len);
    tm_metadata *md = (tm_metadata *)&md;
    CHECK(stream_verify(bytes, len, store, now, "generic", 777, &md, &err) == TM_DSIG_OBJECT_REFUSED);
    CHECK(md == NULL);
    CHECK_STR(tm_error_code(err), "dsig.object_refused");
    tm_error_free(err);
    tm_issuer_trust *trust = (tm_issuer_trust *)&trust;
    CHECK(issuer_trust(bytes, len, store, now, "generic", NULL, &trust, &err)
          == TM_DSIG_OBJECT_REFUSED);
    CHECK(trust == NULL);
    CHECK_STR(tm_error_code(err), "dsig.object_refused");
    tm_error_free(err);
    free(bytes);

    /* The same forged EntityDescriptor in a ds:Object of the HM entity's own signature,
     * all of it covered by the aggregate's signature: the aggregate verifies, with
     * exactly its 7 entities; the one inside the signature is not an entity, so it is
     * neither listed, nor found, nor trusted. */
    const char *nested = "tests/data/attacks/signed/metadata-nested-object-entity.xml";
    bytes = repo_file(nested, &len);
    md = NULL;
    tm_status st = verify_md(bytes, len, store, now, "etoegang", &md, &err);
    CHECK(st == TM_OK);
    if (st != TM_OK) {
        fprintf(stderr, "  %s: %s\n", nested, tm_error_message(err));
        tm_error_free(err);
    }
    CHECK(tm_metadata_entities(md) == 7);
    tm_entity_ref_list *list = NULL;
    CHECK(tm_metadata_entity_ids(md, &list, NULL) == TM_OK);
    CHECK(tm_entity_ref_list_count(list) == 7);
    for (size_t i = 0; i < 7; i++) {
        CHECK_STR(tm_entity_ref_entity_id(tm_entity_ref_list_get(list, i)), agg_entities[i][0]);
        CHECK_STR(tm_entity_ref_group(tm_entity_ref_list_get(list, i)), agg_entities[i][1]);
    }
    tm_entity_ref_list_free(list);
    tm_metadata_entity *e = (tm_metadata_entity *)&e;
    CHECK(tm_metadata_find_entity(md, "https://idp.example.org/", &e, &err) == TM_OK);
    CHECK(e == NULL);
    CHECK(err == NULL);
    /* The HM entity, whose signature holds the forged one, has its own key only: the
     * key every entity of the aggregate has. */
    e = find_in(md, HM1);
    tm_metadata_entity *ad = find(AD1);
    CHECK(e != NULL && tm_metadata_entity_signing_certificates_count(e) == 1);
    CHECK(same_signing_certificate(e, ad, 0));
    CHECK(tm_metadata_entity_roles_count(e) == 1);
    CHECK_STR(tm_metadata_entity_roles(e, 0), "IDPSSODescriptor");
    tm_metadata_entity_free(ad);
    tm_metadata_entity_free(e);
    /* Streamed: the same 7 entities. */
    tm_metadata *streamed = NULL;
    CHECK(stream_verify(bytes, len, store, now, "etoegang", 333, &streamed, NULL) == TM_OK);
    CHECK(same_entities(md, streamed, 7));
    CHECK(same_entities(agg_md, streamed, 7));
    tm_metadata_free(streamed);
    tm_metadata_free(md);
    /* The issuer trust: the identity providers of the aggregate, not the forged one. */
    trust = NULL;
    CHECK(issuer_trust(bytes, len, store, now, "etoegang", NULL, &trust, &err)
          == TM_OK);
    CHECK(err == NULL);
    CHECK(!tm_issuer_trust_has_issuer(trust, "https://idp.example.org/"));
    CHECK(tm_issuer_trust_has_issuer(trust, AD1));
    CHECK(tm_issuer_trust_has_issuer(trust, EB));
    CHECK(tm_issuer_trust_has_issuer(trust, HM1));
    tm_issuer_trust_free(trust);
    free(bytes);
    tm_trust_store_free(store);
}

#define SAML_NOW 1780308060 /* 2026-06-01T10:01:00Z */
#define SAML_AUDIENCE "https://sp.example.org/metadata"
#define SAML_ACS "https://sp.example.org/acs"

static tm_status saml_response(const char *file, const tm_issuer_trust *trust, tm_saml_response **out) {
    char rel[512];
    snprintf(rel, sizeof rel, "tests/data/saml/signed/%s", file);
    size_t len = 0;
    unsigned char *xml = repo_file(rel, &len);
    tm_verify_saml_response_options *o = tm_verify_saml_response_options_new();
    CHECK(tm_verify_saml_response_options_set_audience(o, SAML_AUDIENCE, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_acs(o, SAML_ACS, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_request_id(o, "_req-4711", NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_now(o, SAML_NOW, NULL) == TM_OK);
    tm_status st = tm_verify_saml_response(xml, len, trust, o, out, NULL);
    tm_verify_saml_response_options_free(o);
    free(xml);
    return st;
}

static void test_issuer_trust(void) {
    /* The aggregate: entities with IdP signing keys are trusted for their entity ID. */
    tm_trust_store *store = signer();
    tm_issuer_trust *trust = NULL;
    tm_error *err = NULL;
    CHECK(issuer_trust(agg, agg_len, store, at, "etoegang", NULL, &trust, &err)
          == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_issuer_trust_has_issuer(trust, AD1));
    CHECK(tm_issuer_trust_has_issuer(trust, HM1));
    CHECK(!tm_issuer_trust_has_issuer(trust, DV1)); /* a service provider: no IdP keys */
    CHECK(!tm_issuer_trust_has_issuer(trust, KR1)); /* an attribute authority */
    CHECK(!tm_issuer_trust_has_issuer(trust, "https://unknown.example/"));
    CHECK(!tm_issuer_trust_has_issuer(trust, NULL));
    tm_issuer_trust_free(trust);
    CHECK(issuer_trust(agg, agg_len, store, at, "etoegang", "SPSSODescriptor",
                                   &trust, NULL) == TM_OK);
    CHECK(tm_issuer_trust_has_issuer(trust, DV1));
    CHECK(!tm_issuer_trust_has_issuer(trust, AD1));
    tm_issuer_trust_free(trust);
    /* Metadata that does not verify gives no trust at all. */
    unsigned char *bad = tampered("https://idp.example.nl/sso", "https://idp.example.nl/ssp");
    trust = (tm_issuer_trust *)&trust;
    CHECK(issuer_trust(bad, agg_len, store, at, "etoegang", NULL, &trust, &err)
          == TM_DSIG_DIGEST_MISMATCH);
    CHECK(trust == NULL);
    CHECK_STR(tm_error_code(err), "dsig.digest_mismatch");
    tm_error_free(err);
    free(bad);
    CHECK(issuer_trust(agg, agg_len, store, when("2026-07-02T00:00:00Z"),
                                   "generic", NULL, &trust, NULL) == TM_METADATA_EXPIRED);
    CHECK(issuer_trust(NULL, 0, store, at, "generic", NULL, &trust, NULL) == TM_NULL_POINTER);
    CHECK(issuer_trust(agg, agg_len, store, at, "x", NULL, &trust, NULL) == TM_INVALID_ARGUMENT);
    CHECK(issuer_trust(agg, agg_len, store, at, "generic", NULL, NULL, NULL) == TM_NULL_POINTER);
    tm_trust_store_free(store);

    /* An identity provider's metadata, signed by the federation: a response signed by the
     * key it lists verifies; one signed by another key naming the same issuer does not. */
    size_t len = 0;
    unsigned char *md = repo_file("tests/data/saml/signed/idp-metadata.xml", &len);
    tm_trust_store *federation = store_of("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem");
    CHECK(issuer_trust(md, len, federation, SAML_NOW, "generic",
                                   "IDPSSODescriptor", &trust, NULL) == TM_OK);
    CHECK(tm_issuer_trust_has_issuer(trust, "https://idp.example.org/"));
    tm_saml_response *res = NULL;
    CHECK(saml_response("assertion-signed.xml", trust, &res) == TM_OK);
    CHECK_STR(tm_saml_response_issuer(res), "https://idp.example.org/");
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    tm_saml_response_free(res);
    CHECK(saml_response("attacker-signed.xml", trust, &res) == TM_PKI_UNTRUSTED_SIGNER);
    CHECK(res == NULL);
    /* Adding another issuer keeps the metadata's. */
    tm_trust_store *other = store_of("tests/data/sample/signer.pem");
    CHECK(tm_issuer_trust_add(trust, "https://other.example/", other, NULL) == TM_OK);
    CHECK(tm_issuer_trust_has_issuer(trust, "https://other.example/"));
    CHECK(saml_response("assertion-signed.xml", trust, &res) == TM_OK);
    tm_saml_response_free(res);
    tm_trust_store_free(other);
    tm_issuer_trust_free(trust);
    /* The service-provider keys of an identity provider's metadata: none, so the
     * response's issuer is unknown. */
    CHECK(issuer_trust(md, len, federation, SAML_NOW, "generic",
                                   "SPSSODescriptor", &trust, NULL) == TM_OK);
    CHECK(!tm_issuer_trust_has_issuer(trust, "https://idp.example.org/"));
    CHECK(saml_response("assertion-signed.xml", trust, &res) == TM_SAML_UNKNOWN_ISSUER);
    tm_issuer_trust_free(trust);
    /* Metadata signed by someone the store does not trust. */
    tm_trust_store *wrong = signer();
    CHECK(issuer_trust(md, len, wrong, SAML_NOW, "generic", NULL, &trust, NULL)
          == TM_PKI_UNTRUSTED_SIGNER);
    CHECK(trust == NULL);
    tm_trust_store_free(wrong);
    tm_trust_store_free(federation);
    free(md);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPO_ROOT SIGNER_SHA256\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    signer_sha256 = argv[2];
    CHECK(strlen(signer_sha256) == 64);
    agg = repo_file("tests/data/metadata/signed/aggregate.xml", &agg_len);
    if (agg == NULL) {
        return 2;
    }
    at = when("2026-06-01T00:00:00Z");
    CHECK(at == 1780272000);
    tm_verify_metadata_options *profiles = tm_verify_metadata_options_new();
    CHECK(tm_verify_metadata_options_set_profile(profiles, "generic", NULL) == TM_OK
          && tm_verify_metadata_options_set_profile(profiles, "etoegang", NULL) == TM_OK);
    tm_verify_metadata_options_free(profiles);
    CHECK(TM_METADATA_EXPIRED == 1103);
    CHECK_STR(tm_error_code_name(TM_METADATA_PROFILE), "metadata.profile");
    CHECK(TM_METADATA_NOT_HELD == 1105);
    CHECK_STR(tm_error_code_name(TM_METADATA_NOT_HELD), "metadata.not_held");
    tm_trust_store *store = signer();
    CHECK(verify_md(agg, agg_len, store, at, "etoegang", &agg_md, NULL) == TM_OK);
    tm_trust_store_free(store);

    test_summary();
    test_rejections();
    test_stream();
    test_find_entity();
    test_list_entities();
    test_large_document();
    test_attacks();
    test_issuer_trust();

    tm_metadata_free(agg_md);
    free(agg);
    return check_summary("c-metadata");
}
