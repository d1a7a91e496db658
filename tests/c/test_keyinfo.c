/*
 * How the signer's key is found and which refusal wins, through the C API: the documents
 * of tests/data/xmldsig-more/keyinfo (signed by xmlsec1; its README says what each must
 * give).
 *
 *   test_keyinfo REPO_ROOT
 *
 * Built by scripts/test-c.sh with gcc -Wall -Wextra -Werror -std=c11, shared and under
 * AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"
#include "check.h"

static const char *repo;
static const int64_t AT = 1780272000; /* 2026-06-01T00:00:00Z */

/* Adds tests/data/xmldsig-gen/pki/NAME.pem as trusted or as an intermediate. */
static void add(tm_trust_store *store, const char *name, int intermediate) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/xmldsig-gen/pki/%s.pem", repo, name);
    size_t len = 0;
    unsigned char *pem = read_file(path, &len);
    CHECK(pem != NULL);
    tm_status st = intermediate ? tm_trust_store_add_intermediates_pem(store, pem, len, NULL)
                                : tm_trust_store_add_pem(store, pem, len, NULL);
    CHECK(st == TM_OK);
    free(pem);
}

/* Verifies keyinfo/signed/DOC with `trusted` and `intermediates` (NULL-terminated); the
 * code (or "ok") goes to `code`, the message to `message`, the result to `out`. */
static tm_status verify(const char *doc, const char *const *trusted, const char *const *intermediates,
                        tm_document **out, char *code, char *message) {
    tm_trust_store *store = tm_trust_store_new();
    for (; *trusted != NULL; trusted++) add(store, *trusted, 0);
    for (; *intermediates != NULL; intermediates++) add(store, *intermediates, 1);
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/xmldsig-more/keyinfo/signed/%s", repo, doc);
    size_t len = 0;
    unsigned char *xml = read_file(path, &len);
    CHECK(xml != NULL);
    tm_verify_options *opts = tm_verify_options_new();
    CHECK(tm_verify_options_set_now(opts, AT, NULL) == TM_OK);
    tm_error *err = NULL;
    tm_status st = tm_verify(xml, len, store, opts, out, &err);
    snprintf(code, 64, "%s", err ? tm_error_code(err) : "ok");
    snprintf(message, 512, "%s", err ? tm_error_message(err) : "");
    tm_error_free(err);
    tm_verify_options_free(opts);
    tm_trust_store_free(store);
    free(xml);
    return st;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    char code[64], message[512];
    tm_document *res = NULL;
    const char *const none[] = {NULL};
    const char *const root[] = {"root", NULL};
    const char *const inter[] = {"intermediate", NULL};
    const char *const inter_leaf[] = {"intermediate", "leaf-rsa2048", NULL};

    /* A Reference to a ds:Manifest: accepted by the generic verify, reported unchecked. */
    CHECK(verify("manifest.xml", root, inter, &res, code, message) == TM_OK);
    CHECK(tm_document_references_count(res) == 1);
    CHECK(tm_reference_unchecked_manifest(tm_document_references(res, 0)));
    CHECK_STR(tm_reference_element(tm_document_references(res, 0)), "Manifest");
    tm_document_free(res);
    res = NULL;

    /* X509SKI selects a supplied certificate; without it, the key is named as missing. */
    CHECK(verify("ski-only.xml", root, inter_leaf, &res, code, message) == TM_OK);
    CHECK(!tm_reference_unchecked_manifest(tm_document_references(res, 0)));
    tm_document_free(res);
    res = NULL;
    CHECK(verify("ski-only.xml", root, inter, &res, code, message) == TM_DSIG_NO_MATCHING_KEY);
    CHECK_STR(code, "dsig.no_matching_key");
    CHECK(strstr(message, "X509SKI") != NULL);
    CHECK(res == NULL);

    /* A RetrievalMethod names the certificate. */
    CHECK(verify("retrieval-x509data.xml", root, inter, &res, code, message) == TM_OK);
    CHECK(tm_document_chain_count(res) == 3);
    tm_document_free(res);
    res = NULL;

    /* No trusted key of the size the value needs: not found, not a bad signature. */
    const char *const rsa3072[] = {"leaf-rsa3072", NULL};
    const char *const rsa2048[] = {"leaf-rsa2048", NULL};
    CHECK(verify("keyname-only.xml", rsa3072, none, &res, code, message) == TM_DSIG_NO_MATCHING_KEY);
    CHECK(strstr(message, "RSA-2048") != NULL);
    CHECK(verify("keyname-only-bad-value.xml", rsa2048, none, &res, code, message) == TM_CRYPTO_BAD_SIGNATURE);
    CHECK(verify("ecdsa-der-value.xml", root, inter, &res, code, message) == TM_CRYPTO_MALFORMED_SIGNATURE);
    CHECK(res == NULL);

    return check_summary("test_keyinfo");
}
