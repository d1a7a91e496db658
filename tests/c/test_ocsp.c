/*
 * tm_verify_ocsp_response() on the committed responses of tests/data/ocsp (made by its
 * make.sh against a live `openssl ocsp` responder), at 2027-01-01: every status, the
 * tm_ocsp result, and the refusals with their exact status and code.
 *   test_ocsp REPO_ROOT
 */
#include "trustmeta.h"
#include "check.h"

static const char *repo;
static const int64_t AT = 1798761600; /* 2027-01-01T00:00:00Z */
static const int64_t REVOKED_AT = 1735787045; /* 2025-01-02T03:04:05Z */

typedef struct {
    unsigned char *data;
    size_t len;
} blob;

static blob load(const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/ocsp/%s", repo, name);
    blob b = {NULL, 0};
    b.data = read_file(path, &b.len);
    return b;
}

/* The CA of the certificate asked about: make.sh's, or make-duplicates.sh's. */
static const char *issuer = "ca.pem";

/* Verifies `resp` about `cert` (issued by `issuer`) at `now`; `good` is require_good. The
 * dotted code (or "ok") goes to `code`. */
static tm_status verify(const char *resp, const char *cert, const unsigned char *nonce, size_t nonce_len, int sha1,
                        int good, int64_t now, tm_ocsp **out, char *code, size_t code_cap) {
    blob r = load(resp), ca = load(issuer), c = load(cert);
    tm_error *err = NULL;
    tm_verify_ocsp_response_options *o = tm_verify_ocsp_response_options_new();
    CHECK(tm_verify_ocsp_response_options_set_now(o, now, NULL) == TM_OK);
    CHECK(tm_verify_ocsp_response_options_set_allow_sha1(o, sha1, NULL) == TM_OK);
    CHECK(tm_verify_ocsp_response_options_set_require_good(o, good, NULL) == TM_OK);
    if (nonce != NULL) {
        CHECK(tm_verify_ocsp_response_options_set_nonce(o, nonce, nonce_len, NULL) == TM_OK);
    }
    tm_status st = tm_verify_ocsp_response(r.data, r.len, ca.data, ca.len, c.data, c.len, o, out, &err);
    snprintf(code, code_cap, "%s", err ? tm_error_code(err) : "ok");
    tm_error_free(err);
    tm_verify_ocsp_response_options_free(o);
    free(r.data);
    free(ca.data);
    free(c.data);
    return st;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    tm_ocsp *info = NULL;
    char code[64];

    CHECK(verify("good-ca.der", "good.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code) == TM_OK);
    CHECK_STR(code, "ok");
    CHECK_STR(tm_ocsp_status(info), "good");
    CHECK(tm_ocsp_delegated(info) == 0);
    CHECK(tm_ocsp_this_update(info) > 1790000000 && tm_ocsp_this_update(info) < AT);
    CHECK(tm_ocsp_next_update(info) - tm_ocsp_this_update(info) == 3650LL * 86400);
    CHECK(tm_ocsp_revocation_time(info) == TM_NO_DATE && tm_ocsp_revocation_reason(info) == NULL);
    CHECK(tm_ocsp_verified_at(info) == AT);
    CHECK(tm_ocsp_produced_at(info) != TM_NO_DATE && tm_ocsp_produced_at(info) < AT);
    CHECK(tm_certificate_subject(tm_ocsp_responder(info)) != NULL);
    CHECK(strlen(tm_certificate_sha256(tm_ocsp_responder(info))) == 64);
    tm_ocsp_free(info);

    /* Revoked: refused unless the caller asks for any status, then with the details. */
    CHECK(verify("revoked-delegated.der", "revoked.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_STATUS_REVOKED);
    CHECK_STR(code, "ocsp.status_revoked");
    CHECK(info == NULL);
    CHECK(verify("revoked-delegated.der", "revoked.pem", NULL, 0, 0, 0, AT, &info, code, sizeof code) == TM_OK);
    CHECK_STR(tm_ocsp_status(info), "revoked");
    CHECK(tm_ocsp_delegated(info) == 1);
    CHECK(tm_ocsp_revocation_time(info) == REVOKED_AT);
    CHECK_STR(tm_ocsp_revocation_reason(info), "keyCompromise");
    tm_ocsp_free(info);

    CHECK(verify("unknown-sha256.der", "unknown.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_STATUS_UNKNOWN);
    CHECK_STR(code, "ocsp.status_unknown");
    CHECK(verify("unknown-sha256.der", "unknown.pem", NULL, 0, 0, 0, AT, &info, code, sizeof code) == TM_OK);
    CHECK_STR(tm_ocsp_status(info), "unknown");
    tm_ocsp_free(info);

    /* Refusals: nothing is known, and each has its status. */
    CHECK(verify("good-ca.der", "good.pem", NULL, 0, 0, 1, 2114380800 /* 2037 */, &info, code, sizeof code)
          == TM_OCSP_STALE);
    CHECK_STR(code, "ocsp.stale");
    CHECK(info == NULL && tm_ocsp_this_update(info) == TM_NO_DATE);
    CHECK(verify("good-ca.der", "good.pem", NULL, 0, 0, 1, 1767225600 /* 2026-01-01 */, &info, code, sizeof code) == TM_OCSP_NOT_YET_VALID);
    CHECK(verify("revoked-delegated.der", "good.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_CERT_ID_MISMATCH);
    CHECK_STR(code, "ocsp.cert_id_mismatch");
    const unsigned char nonce[] = {1, 2, 3, 4};
    CHECK(verify("good-ca.der", "good.pem", nonce, sizeof nonce, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_NONCE_MISMATCH);
    CHECK(verify("good-ca.der", "revoked.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_CERT_ID_MISMATCH);
    CHECK(verify("ca.pem", "good.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code) == TM_OCSP_MALFORMED);
    CHECK(verify("good-ca.der", "README.md", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_PKI_BAD_CERTIFICATE);

    /* SHA-1 signatures only by option. */
    CHECK(verify("good-sha1-signed.der", "good.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_ALGORITHM_REFUSED);
    CHECK(verify("good-sha1-signed.der", "good.pem", NULL, 0, 1, 1, AT, &info, code, sizeof code) == TM_OK);
    CHECK_STR(tm_ocsp_status(info), "good");
    tm_ocsp_free(info);

    /* Two answers about one certificate (good, then revoked; twice good; a SHA-1 and a
     * SHA-256 CertID): RFC 6960 does not say which counts, so the response is refused. */
    issuer = "dup-ca.pem";
    CHECK(verify("dup-good-revoked.der", "dup-good.pem", NULL, 0, 0, 0, AT, &info, code, sizeof code)
          == TM_OCSP_DUPLICATE_RESPONSE);
    CHECK_STR(code, "ocsp.duplicate_response");
    CHECK(info == NULL);
    CHECK(TM_OCSP_DUPLICATE_RESPONSE == 915);
    CHECK(verify("dup-good-good.der", "dup-good.pem", NULL, 0, 0, 0, AT, &info, code, sizeof code)
          == TM_OCSP_DUPLICATE_RESPONSE);
    CHECK(verify("dup-sha1-sha256.der", "dup-good.pem", NULL, 0, 0, 0, AT, &info, code, sizeof code)
          == TM_OCSP_DUPLICATE_RESPONSE);
    /* One answer for each of two certificates is fine. */
    CHECK(verify("dup-two-certs.der", "dup-good.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code) == TM_OK);
    CHECK_STR(tm_ocsp_status(info), "good");
    tm_ocsp_free(info);
    CHECK(verify("dup-two-certs.der", "dup-revoked.pem", NULL, 0, 0, 1, AT, &info, code, sizeof code)
          == TM_OCSP_STATUS_REVOKED);
    issuer = "ca.pem";

    /* NULL arguments. */
    tm_error *err = NULL;
    CHECK(tm_verify_ocsp_response(NULL, 0, NULL, 0, NULL, 0, NULL, &info, &err) == TM_NULL_POINTER);
    tm_error_free(err);
    unsigned char byte = 0;
    CHECK(tm_verify_ocsp_response(&byte, 1, &byte, 1, &byte, 1, NULL, NULL, NULL) == TM_NULL_POINTER);
    tm_verify_ocsp_response_options *o = tm_verify_ocsp_response_options_new();
    CHECK(tm_verify_ocsp_response_options_set_nonce(o, NULL, 4, NULL) == TM_NULL_POINTER);
    tm_verify_ocsp_response_options_free(o);
    CHECK(tm_ocsp_status(NULL) == NULL);
    tm_ocsp_free(NULL);

    /* A misaligned result pointer is refused as every function refuses one: not
     * TM_NULL_POINTER, but TM_INVALID_ARGUMENT saying it is not aligned, and nothing is
     * written through it. */
    _Alignas(void *) unsigned char slot[2 * sizeof(void *)];
    memset(slot, 0xAB, sizeof slot);
    tm_ocsp **misaligned = (tm_ocsp **)(void *)(slot + 1);
    blob r = load("good-ca.der"), ca = load("ca.pem"), c = load("good.pem");
    err = NULL;
    CHECK(tm_verify_ocsp_response(r.data, r.len, ca.data, ca.len, c.data, c.len, NULL, misaligned, &err)
          == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    CHECK(err != NULL && strstr(tm_error_message(err), "`out` is not aligned") != NULL);
    tm_error_free(err);
    int untouched = 1;
    for (size_t i = 0; i < sizeof slot; i++) {
        untouched &= slot[i] == 0xAB;
    }
    CHECK(untouched);
    int64_t *misaligned_unix = (int64_t *)(void *)(slot + 1);
    err = NULL;
    CHECK(tm_parse_rfc3339("2027-01-01T00:00:00Z", misaligned_unix, &err) == TM_INVALID_ARGUMENT);
    CHECK_STR(tm_error_code(err), "api.invalid_argument");
    CHECK(err != NULL && strstr(tm_error_message(err), "not aligned") != NULL);
    tm_error_free(err);
    free(r.data);
    free(ca.data);
    free(c.data);

    return check_summary("test_ocsp");
}
