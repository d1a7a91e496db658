/*
 * tm_decryption_keys_add_pkcs11(): the relying party's keys in a SoftHSM2 token, the
 * same decryptions as with the keys in memory (tests/c/test_api.c).
 *
 *   test_pkcs11 REPO_ROOT TOKEN_DIR
 *
 * Runs scripts/softhsm.sh to make a new token in TOKEN_DIR (a directory that does not
 * exist yet or is empty) and takes its environment. Shared vectors come from
 * $TRUSTMETA_SHARED, else REPO_ROOT/../shared. When SoftHSM2 cannot be installed
 * (softhsm.sh exits 3) the checks are skipped, saying why, unless
 * TRUSTMETA_REQUIRE_SOFTHSM is set: then that is a failure. The last line is
 * "c-pkcs11: N passed, M failed".
 *
 * Built and run by scripts/test-c.sh against the shared and the static library, and
 * under AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "trustmeta.h"
#include "check.h"

#define SAML_NOW 1780308060 /* 2026-06-01T10:01:00Z */
#define SAML_AUDIENCE "https://sp.example.org/metadata"
#define SAML_ACS "https://sp.example.org/acs"
#define ENC_GCM "tests/data/saml/encrypted/xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml"
#define EIDAS_EC "vectors/eidas/encryption/responses/saml_ec_NistCurve_kw-aes256_encrypted_response.xml"

static const char *repo;
static char shared[4096];
static char module[4096];
static char token[256];
static char pin[256];

static char *path_in(const char *dir, const char *rel) {
    static char buf[8192];
    snprintf(buf, sizeof buf, "%s/%s", dir, rel);
    return buf;
}

/* A whole file, NUL-terminated (the library takes a length; the NUL is for strstr). */
static unsigned char *text_file(const char *path, size_t *len) {
    unsigned char *bytes = read_file(path, len);
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

/* Copies `value`, cut to fit. */
static void copy_value(char *dst, size_t cap, const char *value) {
    size_t n = strlen(value);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, value, n);
    dst[n] = 0;
}

/*
 * Runs scripts/softhsm.sh into `dir` and applies its "export K=V" lines to this process:
 * SoftHSM2 reads SOFTHSM2_CONF when the module is first initialized, so it must be set
 * before any key is opened. Returns 1 with a token, 0 when SoftHSM2 cannot be installed,
 * -1 on any other failure (both say why on stderr).
 */
static int make_token(const char *dir) {
    if (strchr(repo, '\'') != NULL || strchr(dir, '\'') != NULL) {
        fprintf(stderr, "test_pkcs11: paths with a single quote are not supported\n");
        return -1;
    }
    char log[4200];
    snprintf(log, sizeof log, "%s.log", dir);
    char cmd[12800];
    snprintf(cmd, sizeof cmd, "bash '%s/scripts/softhsm.sh' '%s' 2>'%s'", repo, dir, log);
    FILE *p = popen(cmd, "r");
    if (p == NULL) {
        perror("popen");
        return -1;
    }
    char line[8192];
    while (fgets(line, sizeof line, p) != NULL) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "export ", 7) != 0) {
            continue;
        }
        char *name = line + 7;
        char *eq = strchr(name, '=');
        if (eq == NULL) {
            continue;
        }
        *eq = 0;
        const char *value = eq + 1;
        if (strcmp(name, "SOFTHSM2_CONF") == 0) {
            setenv(name, value, 1);
        } else if (strcmp(name, "TRUSTMETA_PKCS11_MODULE") == 0) {
            copy_value(module, sizeof module, value);
        } else if (strcmp(name, "TRUSTMETA_PKCS11_TOKEN") == 0) {
            copy_value(token, sizeof token, value);
        } else if (strcmp(name, "TRUSTMETA_PKCS11_PIN") == 0) {
            copy_value(pin, sizeof pin, value);
        }
    }
    int status = pclose(p);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0 && module[0] && token[0] && pin[0] && getenv("SOFTHSM2_CONF") != NULL) {
        return 1;
    }
    /* The script's last line on stderr says why. */
    char why[1024] = "(no message)";
    FILE *l = fopen(log, "r");
    if (l != NULL) {
        while (fgets(line, sizeof line, l) != NULL) {
            line[strcspn(line, "\n")] = 0;
            if (line[0]) {
                copy_value(why, sizeof why, line);
            }
        }
        fclose(l);
    }
    fprintf(stderr, "scripts/softhsm.sh exited with %d: %s\n", code, why);
    return code == 3 ? 0 : -1;
}

static void uri_of(char *buf, size_t cap, const char *object) {
    snprintf(buf, cap, "pkcs11:token=%s;object=%s", token, object);
}

/* The text of the first NameID element of `xml`, copied into `out`. */
static const char *name_id_of(const char *xml, char *out, size_t cap) {
    out[0] = 0;
    const char *at = xml != NULL ? strstr(xml, "NameID") : NULL;
    const char *start = at != NULL ? strchr(at, '>') : NULL;
    const char *end = start != NULL ? strchr(start, '<') : NULL;
    if (end != NULL) {
        start++;
        while (start < end && (*start == ' ' || *start == '\n' || *start == '\t' || *start == '\r')) {
            start++;
        }
        size_t n = (size_t)(end - start);
        while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\n' || start[n - 1] == '\t' || start[n - 1] == '\r')) {
            n--;
        }
        if (n >= cap) {
            n = cap - 1;
        }
        memcpy(out, start, n);
        out[n] = 0;
    }
    return out;
}

/*
 * Refusals when opening. They come before any key is opened: PKCS#11 logs an
 * application in per token, so once a key of this process is logged in, C_Login no longer
 * checks the PIN and a wrong one would be accepted.
 */
static void test_refusals(void) {
    tm_decryption_keys *keys = tm_decryption_keys_new();
    tm_error *err = NULL;
    char uri[1024];
    uri_of(uri, sizeof uri, "sp-rsa");

    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, "0000", &err) == TM_XMLENC_KEY_UNAVAILABLE);
    CHECK(tm_error_status(err) == TM_XMLENC_KEY_UNAVAILABLE);
    CHECK_STR(tm_error_code(err), "xmlenc.key_unavailable");
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "CKR_PIN_INCORRECT") != NULL);
    tm_error_free(err);
    CHECK(tm_decryption_keys_count(keys) == 0);

    uri_of(uri, sizeof uri, "no-such-key");
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, pin, &err) == TM_XMLENC_KEY_UNAVAILABLE);
    CHECK_STR(tm_error_code(err), "xmlenc.key_unavailable");
    tm_error_free(err);

    /* The PIN travels apart from the URI, never in it. */
    snprintf(uri, sizeof uri, "pkcs11:token=%s;object=sp-rsa?pin-value=%s", token, pin);
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, pin, &err) == TM_XMLENC_KEY_UNAVAILABLE);
    CHECK_STR(tm_error_code(err), "xmlenc.key_unavailable");
    tm_error_free(err);

    uri_of(uri, sizeof uri, "sp-rsa");
    CHECK(tm_decryption_keys_add_pkcs11(keys, "/nonexistent/libpkcs11.so", uri, pin, &err)
          == TM_XMLENC_KEY_UNAVAILABLE);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "/nonexistent/libpkcs11.so") != NULL);
    tm_error_free(err);

    CHECK(tm_decryption_keys_add_pkcs11(keys, NULL, uri, pin, &err) == TM_NULL_POINTER);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "module_path") != NULL);
    tm_error_free(err);
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, NULL, pin, NULL) == TM_NULL_POINTER);
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, NULL, NULL) == TM_NULL_POINTER);
    CHECK(tm_decryption_keys_add_pkcs11(NULL, module, uri, pin, NULL) == TM_NULL_POINTER);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(tm_decryption_keys_add_pkcs11((tm_decryption_keys *)store, module, uri, pin, &err) == TM_INVALID_ARGUMENT);
    CHECK(tm_error_message(err) != NULL && strstr(tm_error_message(err), "tm_decryption_keys") != NULL);
    tm_error_free(err);
    tm_trust_store_free(store);
    CHECK(tm_decryption_keys_count(keys) == 0);
    tm_decryption_keys_free(keys);
}

/* The xmlsec1-made response (RSA-OAEP, AES-256-GCM, both signed), verified with the
 * token's RSA key. */
static void test_rsa_verify(void) {
    tm_decryption_keys *keys = tm_decryption_keys_new();
    tm_error *err = NULL;
    char uri[1024];
    uri_of(uri, sizeof uri, "sp-rsa");
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, pin, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_decryption_keys_count(keys) == 1);

    size_t len = 0;
    unsigned char *idp = read_file(path_in(repo, "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"), &len);
    tm_trust_store *store = tm_trust_store_new();
    CHECK(idp != NULL && tm_trust_store_add_pem(store, idp, len, NULL) == TM_OK);
    free(idp);
    tm_issuer_trust *trust = tm_issuer_trust_new();
    CHECK(tm_issuer_trust_set_any(trust, store, NULL) == TM_OK);
    tm_trust_store_free(store);

    tm_verify_saml_response_options *o = tm_verify_saml_response_options_new();
    CHECK(tm_verify_saml_response_options_set_audience(o, SAML_AUDIENCE, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_acs(o, SAML_ACS, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_request_id(o, "_req-4711", NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_now(o, SAML_NOW, NULL) == TM_OK);
    CHECK(tm_verify_saml_response_options_set_decrypt_keys(o, keys, NULL) == TM_OK);
    /* The options share the key: the set may go at once. */
    tm_decryption_keys_free(keys);

    unsigned char *doc = text_file(path_in(repo, ENC_GCM), &len);
    tm_saml_response *res = NULL;
    CHECK(tm_verify_saml_response(doc, len, trust, o, &res, &err) == TM_OK);
    if (err != NULL) {
        fprintf(stderr, "  %s: %s\n", tm_error_code(err), tm_error_message(err));
        tm_error_free(err);
        err = NULL;
    }
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    CHECK(tm_saml_response_decrypted_count(res) == 1);
    const tm_decrypted_part *part = tm_saml_response_decrypted(res, 0);
    CHECK_STR(tm_decrypted_part_element(part), "EncryptedAssertion");
    CHECK_STR(tm_decrypted_part_content_algorithm(part), "aes256-gcm");
    CHECK_STR(tm_decrypted_part_key_algorithm(part), "rsa-oaep-mgf1p");
    tm_saml_response_free(res);

    /* Again, through the same logged-in session. */
    res = NULL;
    CHECK(tm_verify_saml_response(doc, len, trust, o, &res, NULL) == TM_OK);
    CHECK_STR(tm_saml_response_name_id(res), "ross@octolabs.io");
    tm_saml_response_free(res);

    free(doc);
    tm_verify_saml_response_options_free(o);
    tm_issuer_trust_free(trust);
}

/* The eIDAS reference vector (ECDH-ES on P-256, AES-256 key wrap), decrypted with the
 * token's EC key: the token derives, the library unwraps. */
static void test_ec_decrypt(void) {
    tm_decryption_keys *keys = tm_decryption_keys_new();
    tm_error *err = NULL;
    char uri[1024];
    size_t len = 0;
    unsigned char *doc = text_file(path_in(shared, EIDAS_EC), &len);
    tm_unverified_assertion *ua = NULL;

    /* The RSA key alone is not the recipient. */
    uri_of(uri, sizeof uri, "sp-rsa");
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, pin, NULL) == TM_OK);
    CHECK(tm_decrypt_saml_assertion(doc, len, keys, NULL, &ua, &err) == TM_XMLENC_NO_MATCHING_KEY);
    CHECK_STR(tm_error_code(err), "xmlenc.no_matching_key");
    tm_error_free(err);
    CHECK(ua == NULL);

    uri_of(uri, sizeof uri, "eidas-ec-nist");
    CHECK(tm_decryption_keys_add_pkcs11(keys, module, uri, pin, &err) == TM_OK);
    CHECK(err == NULL);
    CHECK(tm_decryption_keys_count(keys) == 2);
    CHECK(tm_decrypt_saml_assertion(doc, len, keys, NULL, &ua, &err) == TM_OK);
    if (err != NULL) {
        fprintf(stderr, "  %s: %s\n", tm_error_code(err), tm_error_message(err));
        tm_error_free(err);
    }
    size_t plain_len = 0;
    const char *plain = tm_unverified_assertion_xml(ua, &plain_len);
    char name_id[128];
    CHECK_STR(name_id_of(plain, name_id, sizeof name_id), "0123456");
    const tm_decrypted_part *part = tm_unverified_assertion_decrypted(ua);
    CHECK_STR(tm_decrypted_part_element(part), "EncryptedAssertion");
    CHECK_STR(tm_decrypted_part_key_algorithm(part), "ecdh-es+kw-aes256");
    CHECK_STR(tm_decrypted_part_content_algorithm(part), "aes256-gcm");
    tm_unverified_assertion_free(ua);

    free(doc);
    tm_decryption_keys_free(keys);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPO_ROOT TOKEN_DIR\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    const char *env_shared = getenv("TRUSTMETA_SHARED");
    if (env_shared != NULL && env_shared[0]) {
        copy_value(shared, sizeof shared, env_shared);
    } else {
        snprintf(shared, sizeof shared, "%s/../shared", repo);
    }

    int made = make_token(argv[2]);
    if (made == 0 && getenv("TRUSTMETA_REQUIRE_SOFTHSM") == NULL) {
        printf("skipping the SoftHSM2 tests: SoftHSM2 cannot be installed\n");
        return check_summary("c-pkcs11");
    }
    CHECK(made == 1);
    if (made == 1) {
        test_refusals();
        test_rsa_verify();
        test_ec_decrypt();
    }
    return check_summary("c-pkcs11");
}
