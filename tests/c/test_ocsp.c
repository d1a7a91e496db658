/*
 * tm_verify_ocsp_response() on the committed responses of tests/data/ocsp (made by its
 * make.sh against a live `openssl ocsp` responder), at 2027-01-01: every status, the
 * filled tm_ocsp_info, and the refusals with their exact status and code.
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

static tm_status verify(const char *resp, const char *cert, const unsigned char *nonce,
                        size_t nonce_len, const tm_policy *policy, int64_t now,
                        tm_ocsp_info *info, char *code, size_t code_cap) {
    blob r = load(resp), ca = load("ca.pem"), c = load(cert);
    tm_error *err = NULL;
    tm_status st = tm_verify_ocsp_response(r.data, r.len, ca.data, ca.len, c.data, c.len, nonce,
                                           nonce_len, policy, now, info, &err);
    snprintf(code, code_cap, "%s", err ? tm_error_code(err) : "ok");
    tm_error_free(err);
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
    tm_ocsp_info info;
    char code[64];

    CHECK(verify("good-ca.der", "good.pem", NULL, 0, NULL, AT, &info, code, sizeof code) == TM_OK);
    CHECK_STR(code, "ok");
    CHECK(info.cert_status == TM_OCSP_GOOD);
    CHECK(info.delegated == 0);
    CHECK(info.this_update > 1790000000 && info.this_update < AT);
    CHECK(info.next_update - info.this_update == 3650LL * 86400);
    CHECK(info.revocation_time == TM_NO_DATE && info.revocation_reason == -1);

    CHECK(verify("revoked-delegated.der", "revoked.pem", NULL, 0, NULL, AT, &info, code,
                 sizeof code) == TM_OCSP_STATUS_REVOKED);
    CHECK_STR(code, "ocsp.status_revoked");
    CHECK(info.cert_status == TM_OCSP_REVOKED);
    CHECK(info.delegated == 1);
    CHECK(info.revocation_time == REVOKED_AT);
    CHECK(info.revocation_reason == 1); /* keyCompromise */

    CHECK(verify("unknown-sha256.der", "unknown.pem", NULL, 0, NULL, AT, &info, code,
                 sizeof code) == TM_OCSP_STATUS_UNKNOWN);
    CHECK_STR(code, "ocsp.status_unknown");
    CHECK(info.cert_status == TM_OCSP_UNKNOWN);

    /* Refusals: nothing is known, and each has its status. */
    CHECK(verify("good-ca.der", "good.pem", NULL, 0, NULL, 2114380800 /* 2037 */, &info, code,
                 sizeof code) == TM_OCSP_STALE);
    CHECK_STR(code, "ocsp.stale");
    CHECK(info.cert_status == TM_OCSP_NOT_VERIFIED && info.this_update == TM_NO_DATE);
    CHECK(verify("good-ca.der", "good.pem", NULL, 0, NULL, 1767225600 /* 2026-01-01 */, &info,
                 code, sizeof code) == TM_OCSP_NOT_YET_VALID);
    CHECK(verify("revoked-delegated.der", "good.pem", NULL, 0, NULL, AT, &info, code,
                 sizeof code) == TM_OCSP_CERT_ID_MISMATCH);
    CHECK_STR(code, "ocsp.cert_id_mismatch");
    const unsigned char nonce[] = {1, 2, 3, 4};
    CHECK(verify("good-ca.der", "good.pem", nonce, sizeof nonce, NULL, AT, &info, code,
                 sizeof code) == TM_OCSP_NONCE_MISMATCH);
    CHECK(verify("good-ca.der", "revoked.pem", NULL, 0, NULL, AT, &info, code, sizeof code) ==
          TM_OCSP_CERT_ID_MISMATCH);
    CHECK(verify("ca.pem", "good.pem", NULL, 0, NULL, AT, &info, code, sizeof code) ==
          TM_OCSP_MALFORMED);
    CHECK(verify("good-ca.der", "README.md", NULL, 0, NULL, AT, &info, code, sizeof code) ==
          TM_PKI_BAD_CERTIFICATE);

    /* SHA-1 signatures only by policy. */
    CHECK(verify("good-sha1-signed.der", "good.pem", NULL, 0, NULL, AT, &info, code,
                 sizeof code) == TM_OCSP_ALGORITHM_REFUSED);
    tm_policy *legacy = tm_policy_new();
    CHECK(tm_policy_set_allow_sha1(legacy, 1) == TM_OK);
    CHECK(verify("good-sha1-signed.der", "good.pem", NULL, 0, legacy, AT, &info, code,
                 sizeof code) == TM_OK);
    CHECK(info.cert_status == TM_OCSP_GOOD);
    tm_policy_free(legacy);

    /* NULL arguments. */
    tm_error *err = NULL;
    CHECK(tm_verify_ocsp_response(NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, AT, &info, &err) ==
          TM_NULL_POINTER);
    tm_error_free(err);
    unsigned char byte = 0;
    CHECK(tm_verify_ocsp_response(&byte, 1, &byte, 1, &byte, 1, NULL, 0, NULL, AT, NULL, NULL) ==
          TM_NULL_POINTER);
    CHECK(tm_verify_ocsp_response(&byte, 1, &byte, 1, &byte, 1, NULL, 4, NULL, AT, &info, NULL) ==
          TM_NULL_POINTER);

    return check_summary("test_ocsp");
}
