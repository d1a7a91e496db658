/*
 * Certificate revocation lists through the C API: tm_trust_store_add_crls_pem() and the
 * allow_stale_crl option, on the generated test PKI (tests/data/xmldsig-gen) and the CRL
 * of tests/data/crl that revokes its RSA-2048 leaf.
 *   test_crl REPO_ROOT
 */
#include "trustmeta.h"
#include "check.h"

static const char *repo;

#define DOC "tests/data/xmldsig-gen/signed/rsa2048-exc-enveloped.xml"
#define ROOT "tests/data/xmldsig-gen/pki/root.pem"
#define INTERMEDIATE "tests/data/xmldsig-gen/pki/intermediate.pem"
#define REVOKES_LEAF "tests/data/crl/intermediate-revokes-leaf-rsa2048.crl.pem"

typedef struct {
    unsigned char *data;
    size_t len;
} blob;

static blob load(const char *rel) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", repo, rel);
    blob b = {NULL, 0};
    b.data = read_file(path, &b.len);
    CHECK(b.data != NULL);
    return b;
}

/* The root trusted, the intermediate as a helper. */
static tm_trust_store *pki_store(void) {
    tm_trust_store *store = tm_trust_store_new();
    blob root = load(ROOT), inter = load(INTERMEDIATE);
    CHECK(tm_trust_store_add_pem(store, root.data, root.len, NULL) == TM_OK);
    CHECK(tm_trust_store_add_intermediates_pem(store, inter.data, inter.len, NULL) == TM_OK);
    free(root.data);
    free(inter.data);
    return store;
}

/* Adds the CRL file `rel` to `store`; the dotted code (or "ok") goes to `code`. */
static tm_status add_crl(tm_trust_store *store, const char *rel, char *code, size_t code_cap) {
    blob crl = load(rel);
    tm_error *err = NULL;
    tm_status st = tm_trust_store_add_crls_pem(store, crl.data, crl.len, &err);
    snprintf(code, code_cap, "%s", err ? tm_error_code(err) : "ok");
    CHECK(st == TM_OK ? err == NULL : tm_error_status(err) == st);
    tm_error_free(err);
    free(crl.data);
    return st;
}

/* Verifies the document at 2026-06-01 with `store`; the dotted code (or "ok") goes to
 * `code`. */
static tm_status verify(const tm_trust_store *store, int allow_stale_crl, char *code, size_t code_cap) {
    blob xml = load(DOC);
    int64_t now = 0;
    CHECK(tm_parse_rfc3339("2026-06-01T00:00:00Z", &now, NULL) == TM_OK);
    tm_verify_options *o = tm_verify_options_new();
    CHECK(tm_verify_options_set_now(o, now, NULL) == TM_OK);
    CHECK(tm_verify_options_set_allow_stale_crl(o, allow_stale_crl, NULL) == TM_OK);
    tm_document *res = NULL;
    tm_error *err = NULL;
    tm_status st = tm_verify(xml.data, xml.len, store, o, &res, &err);
    snprintf(code, code_cap, "%s", err ? tm_error_code(err) : "ok");
    CHECK(st == TM_OK ? res != NULL : res == NULL);
    tm_document_free(res);
    tm_error_free(err);
    tm_verify_options_free(o);
    free(xml.data);
    return st;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    char code[64];

    /* Without a CRL the document verifies, with allow_stale_crl or without. */
    tm_trust_store *store = pki_store();
    CHECK(verify(store, 0, code, sizeof code) == TM_OK);
    CHECK_STR(code, "ok");
    CHECK(verify(store, 1, code, sizeof code) == TM_OK);
    CHECK_STR(code, "ok");

    /* PEM text without an X509 CRL block (a certificate) is no CRL; neither are bytes
     * that are not a CRL at all. Nothing is added either time. */
    CHECK(add_crl(store, ROOT, code, sizeof code) == TM_PKI_CRL_INVALID);
    CHECK_STR(code, "pki.crl_invalid");
    const char *junk = "not a CRL";
    CHECK(tm_trust_store_add_crls_pem(store, (const uint8_t *)junk, strlen(junk), NULL) == TM_PKI_CRL_INVALID);
    CHECK(tm_trust_store_len(store) == 1);
    CHECK(verify(store, 0, code, sizeof code) == TM_OK);

    /* NULL and dead handles. */
    CHECK(tm_trust_store_add_crls_pem(NULL, (const uint8_t *)junk, strlen(junk), NULL) == TM_NULL_POINTER);
    CHECK(tm_trust_store_add_crls_pem(store, NULL, 0, NULL) == TM_NULL_POINTER);
    tm_trust_store *dead = tm_trust_store_new();
    tm_trust_store_free(dead);
    CHECK(tm_trust_store_add_crls_pem(dead, (const uint8_t *)junk, strlen(junk), NULL) == TM_INVALID_ARGUMENT);

    /* A good CRL followed by a broken block: all or nothing, so the leaf stays usable. */
    blob crl = load(REVOKES_LEAF);
    const char *broken = "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n";
    size_t mixed_len = crl.len + strlen(broken);
    unsigned char *mixed = malloc(mixed_len);
    CHECK(mixed != NULL);
    if (mixed != NULL && crl.data != NULL) {
        memcpy(mixed, crl.data, crl.len);
        memcpy(mixed + crl.len, broken, strlen(broken));
        CHECK(tm_trust_store_add_crls_pem(store, mixed, mixed_len, NULL) == TM_PKI_CRL_INVALID);
        CHECK(verify(store, 0, code, sizeof code) == TM_OK);
        CHECK_STR(code, "ok");
    }
    free(mixed);
    free(crl.data);

    /* The intermediate's CRL is accepted (not counted by tm_trust_store_len()) and lists
     * the leaf: the path is refused, and allow_stale_crl does not change that. */
    CHECK(add_crl(store, REVOKES_LEAF, code, sizeof code) == TM_OK);
    CHECK_STR(code, "ok");
    CHECK(tm_trust_store_len(store) == 1);
    CHECK(verify(store, 0, code, sizeof code) == TM_PKI_REVOKED);
    CHECK_STR(code, "pki.revoked");
    CHECK(verify(store, 1, code, sizeof code) == TM_PKI_REVOKED);
    CHECK_STR(code, "pki.revoked");
    tm_trust_store_free(store);

    return check_summary("test_crl");
}
